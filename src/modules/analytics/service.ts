/** The statistics (数据回流): summary, tables by any dimension, the funnel, the provider league, drill-down, budgets. */
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { businessDate } from '../../lib/time.js';
import * as catalog from '../catalog/index.js';
import type { Subject } from '../identity/index.js';
import * as subsidy from '../subsidy/index.js';
import { labeller, scopeView } from './labels.js';
import { analyticsScope, type AnalyticsScope } from './policy.js';
import { NONE, sumFacts, type Filters, type GroupBy, type Grouped } from './queries.js';
import { compareLeague, executionRate, funnelOf, leagueLine, metricsOf, type Sum } from './rules.js';
import type { BudgetView, DrillView, FunnelView, LeagueView, SummaryView, TableView } from './schemas.js';

type Envelope = Pick<SummaryView, 'scope' | 'filters' | 'asOf'>;

function filtersOf(f: Filters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && k !== 'groupBy') out[k] = v as string | number;
  return out;
}

async function open(actor: Subject, q: Queryable, f: Filters): Promise<{ s: AnalyticsScope; env: Envelope }> {
  const s = analyticsScope(actor, f);
  return { s, env: { scope: await scopeView(q, s), filters: filtersOf(f), asOf: clockNow().toISOString() } };
}

/** Adds one group's sums into a running total. */
function addInto(total: Map<string, Sum>, g: ReadonlyMap<string, Sum>): void {
  for (const [k, v] of g) {
    const t = total.get(k) ?? { n: 0, amountFen: 0, days: 0 };
    total.set(k, { n: t.n + v.n, amountFen: t.amountFen + v.amountFen, days: t.days + v.days });
  }
}

/** Every figure in the caller's scope and filters. */
export async function summary(actor: Subject, q: Queryable, f: Filters): Promise<SummaryView> {
  const { s, env } = await open(actor, q, f);
  const g = await sumFacts(q, s, f, []);
  return { ...env, metrics: metricsOf(g.get('') ?? new Map()) };
}

async function rowsBy(q: Queryable, grouped: Grouped, by: GroupBy): Promise<{ rows: TableView['rows']; total: TableView['total'] }> {
  const label = await labeller(q);
  const total = new Map<string, Sum>();
  const rows: TableView['rows'] = [];
  for (const [key, sums] of grouped) {
    addInto(total, sums);
    rows.push({ key, label: await label(by, key), metrics: metricsOf(sums) });
  }
  rows.sort((a, b) => (a.key === NONE ? 1 : b.key === NONE ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows, total: metricsOf(total) };
}

/** The figures by one dimension (the trend: by month), with the total. */
export async function table(actor: Subject, q: Queryable, f: Filters & { groupBy: GroupBy }): Promise<TableView> {
  const { s, env } = await open(actor, q, f);
  const grouped = await sumFacts(q, s, f, [f.groupBy]);
  return { ...env, groupBy: f.groupBy, ...(await rowsBy(q, grouped, f.groupBy)) };
}

/** issued → registered → admitted → ≥ 80 % attendance → assessed → passed → paid, overall and by a dimension. */
export async function funnel(actor: Subject, q: Queryable, f: Filters & { groupBy?: GroupBy | undefined }): Promise<FunnelView> {
  const { s, env } = await open(actor, q, f);
  const by = f.groupBy ?? null;
  const grouped = await sumFacts(q, s, f, by ? [by] : []);
  const total = new Map<string, Sum>();
  const groups: FunnelView['groups'] = [];
  const label = await labeller(q);
  for (const [key, sums] of grouped) {
    addInto(total, sums);
    if (by) groups.push({ key, label: await label(by, key), stages: funnelOf(metricsOf(sums)) });
  }
  groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...env, groupBy: by, stages: funnelOf(metricsOf(total)), groups };
}

/** Providers × programmes: pass rate, attendance, flagged check-ins, objections, completion. */
export async function league(actor: Subject, q: Queryable, f: Filters): Promise<LeagueView> {
  const { s, env } = await open(actor, q, f);
  const grouped = await sumFacts(q, s, f, ['provider', 'programme']);
  const label = await labeller(q);
  const rows: LeagueView['rows'] = [];
  for (const [key, sums] of grouped) {
    const [providerId = NONE, programmeId = NONE] = key.split('|');
    if (providerId === NONE) continue; // facts before any class (issue, expiry) belong to no provider
    rows.push({
      providerId,
      providerName: await label('provider', providerId),
      programmeId,
      programmeName: await label('programme', programmeId),
      ...leagueLine(metricsOf(sums)),
    });
  }
  rows.sort(compareLeague);
  return { ...env, rows };
}

/** city → district → provider → class: the training's district, then its providers, then a provider's classes. */
export async function drill(actor: Subject, q: Queryable, f: Filters): Promise<DrillView> {
  const { s, env } = await open(actor, q, f);
  const level: DrillView['level'] = f.providerId ? 'provider' : f.trainingDistrictCode ? 'district' : 'city';
  const by: GroupBy = level === 'provider' ? 'class' : level === 'district' ? 'provider' : 'trainingDistrict';
  const grouped = await sumFacts(q, s, f, [by]);
  return { ...env, level, groupBy: by, ...(await rowsBy(q, grouped, by)) };
}

/** Budgets of a year by district × programme: allocated, reserved, paid, available and the execution rate (执行率). */
export async function budget(
  actor: Subject,
  q: Queryable,
  f: { year?: number | undefined; districtCode?: string | undefined; programmeId?: string | undefined },
): Promise<BudgetView> {
  const s = analyticsScope(actor, { districtCode: f.districtCode });
  const year = f.year ?? Number(businessDate(clockNow()).slice(0, 4));
  const scope = await scopeView(q, s);
  // budgets are a district's: a district admin sees their own; organisations have none
  const district = s.scope.kind === 'district' ? s.scope.districtCode : (f.districtCode ?? null);
  const none = s.scope.kind === 'org' || s.scope.kind === 'none';
  const rows = none ? [] : await catalog.budgetsOfYear(q, year, { districtCode: district, programmeId: f.programmeId ?? null });
  // the buckets (reserved, paid, available) are subsidy's ledger's; a budget never funded has none yet
  const accounts = none ? [] : await subsidy.listAccounts(q, { districtCode: district, year });
  const bucket = new Map(accounts.map((a) => [`${a.districtCode}|${a.programmeId}`, a]));
  const districts = new Map((await catalog.listDistricts(q)).map((d) => [d.code, d.name]));
  const programmes = new Map((await catalog.listProgrammes(q)).map((p) => [p.id, p.name]));
  const total = { allocatedFen: 0, reservedFen: 0, paidFen: 0, availableFen: 0 };
  const out = rows.map((r) => {
    const a = bucket.get(`${r.districtCode}|${r.programmeId}`);
    const fig = {
      allocatedFen: Number(r.amountFen),
      reservedFen: Number(a?.reservedFen ?? 0),
      paidFen: Number(a?.paidFen ?? 0),
      availableFen: Number(a?.availableFen ?? r.amountFen),
    };
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += fig[k];
    return {
      districtCode: r.districtCode,
      districtName: districts.get(r.districtCode) ?? r.districtName,
      programmeId: r.programmeId,
      programmeName: programmes.get(r.programmeId) ?? r.programmeId,
      year: Number(r.year),
      ...fig,
      executionRate: executionRate(fig.paidFen, fig.allocatedFen),
    };
  });
  return { scope, asOf: clockNow().toISOString(), year, rows: out, total: { ...total, executionRate: executionRate(total.paidFen, total.allocatedFen) } };
}
