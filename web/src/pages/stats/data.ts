/** The statistics centre's data: the filters as the API takes them, one loader per section, the export calls. */
import { useEffect, useState } from 'react';
import { client, download, ok, type QueryOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';

/** The filters every statistics call takes (months YYYY-MM, Shanghai time; empty values are no filter). */
export type Filters = QueryOf<'/api/v1/analytics/summary'>;
export type GroupBy = QueryOf<'/api/v1/analytics/table'>['groupBy'];
export type Summary = ResponseOf<'/api/v1/analytics/summary'>;
export type Table = ResponseOf<'/api/v1/analytics/table'>;
export type Funnel = ResponseOf<'/api/v1/analytics/funnel'>;
export type League = ResponseOf<'/api/v1/analytics/league'>;
export type Drill = ResponseOf<'/api/v1/analytics/drill'>;
export type Budget = ResponseOf<'/api/v1/analytics/budget'>;
export type Metrics = Summary['metrics'];

/** The roles that read statistics (the analytics API's readers). */
export const STATS_ROLES: readonly string[] = ['city_admin', 'auditor', 'finance', 'district_admin', 'provider', 'enterprise'];

export const GROUP_BYS: GroupBy[] = ['district', 'trainingDistrict', 'programme', 'occupation', 'level', 'provider', 'month', 'category', 'class'];

/** The filters without empty values (what the URL carries). */
export function clean<T extends Record<string, unknown>>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/** Loads a section again whenever its query changes (the last answer wins). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, loading: true, error: null });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false, error: null }),
      (e: unknown) => live && setState({ data: null, loading: false, error: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [JSON.stringify(deps)]);
  return state;
}

export const loadSummary = (f: Filters) => ok(client.GET('/api/v1/analytics/summary', { params: { query: clean(f) } }));
export const loadTable = (f: Filters, groupBy: GroupBy) => ok(client.GET('/api/v1/analytics/table', { params: { query: { ...clean(f), groupBy } } }));
export const loadFunnel = (f: Filters) => ok(client.GET('/api/v1/analytics/funnel', { params: { query: clean(f) } }));
export const loadLeague = (f: Filters) => ok(client.GET('/api/v1/analytics/league', { params: { query: clean(f) } }));
export const loadDrill = (f: Filters) => ok(client.GET('/api/v1/analytics/drill', { params: { query: clean(f) } }));
export const loadBudget = (q: QueryOf<'/api/v1/analytics/budget'>) => ok(client.GET('/api/v1/analytics/budget', { params: { query: clean(q) } }));

/** The sections that export, and the file names they fall back to. */
export type ExportName = 'summary' | 'table' | 'funnel' | 'league' | 'drill' | 'budget';
const EXPORT_PATHS = {
  summary: { xlsx: '/api/v1/analytics/summary.xlsx', csv: '/api/v1/analytics/summary.csv' },
  table: { xlsx: '/api/v1/analytics/table.xlsx', csv: '/api/v1/analytics/table.csv' },
  funnel: { xlsx: '/api/v1/analytics/funnel.xlsx', csv: '/api/v1/analytics/funnel.csv' },
  league: { xlsx: '/api/v1/analytics/league.xlsx', csv: '/api/v1/analytics/league.csv' },
  drill: { xlsx: '/api/v1/analytics/drill.xlsx', csv: '/api/v1/analytics/drill.csv' },
  budget: { xlsx: '/api/v1/analytics/budget.xlsx', csv: '/api/v1/analytics/budget.csv' },
} as const;

/** Downloads a section as the API writes it (the filters as shown; the header rows name scope, filters and time). */
export function exportSection(name: ExportName, format: 'xlsx' | 'csv', query: Record<string, unknown>, fallback: string): Promise<void> {
  return download(EXPORT_PATHS[name][format], { query: clean(query) }, `${fallback}.${format}`);
}
