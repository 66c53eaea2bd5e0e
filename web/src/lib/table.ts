/**
 * The one `request` for a ProTable: turns the query form and the pager into an API call and the answer into
 * ProTable's shape. A paged endpoint answers `{ total, items }` (limit/offset); an endpoint that answers a
 * plain array is paged here. Errors are shown once, as a sentence in the chosen language.
 */
import { useCallback, useRef } from 'react';
import { App } from 'antd';
import { errorText } from '../i18n';
import type { Page, Query } from './api';

export interface TableParams {
  current?: number;
  pageSize?: number;
  [field: string]: unknown;
}

export type Loader<T, P extends TableParams> = (params: P, page: { limit: number; offset: number }) => Promise<Page<T> | T[]>;

/** The query form's fields without ProTable's pager keys, empty values dropped: ready for `api.get`. */
export function formQuery(params: TableParams): Query {
  const q: Query = {};
  for (const [k, v] of Object.entries(params)) {
    if (k === 'current' || k === 'pageSize' || k === 'keyword') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') q[k] = typeof v === 'string' ? v.trim() : v;
  }
  return q;
}

export function useTableRequest<T, P extends TableParams = TableParams>(load: Loader<T, P>, onLoad?: (rows: T[], total: number) => void) {
  const { message } = App.useApp();
  // the latest closures without re-creating the request (ProTable reloads when its request changes)
  const ref = useRef({ load, onLoad });
  ref.current = { load, onLoad };
  return useCallback(
    async (params: P) => {
      const pageSize = params.pageSize ?? 20;
      const offset = ((params.current ?? 1) - 1) * pageSize;
      try {
        const r = await ref.current.load(params, { limit: pageSize, offset });
        const all = Array.isArray(r);
        const data = all ? r.slice(offset, offset + pageSize) : r.items;
        const total = all ? r.length : r.total;
        ref.current.onLoad?.(all ? r : r.items, total);
        return { data, total, success: true };
      } catch (e) {
        message.error(errorText(e));
        return { data: [] as T[], total: 0, success: false };
      }
    },
    [message],
  );
}

/**
 * A list's query form: collapsed as usual, but opened when the page was reached with a preset filter in its
 * address (a workbench link such as /claims?status=in_review), so the filter the list shows is in sight.
 */
export function searchForm(): { labelWidth: 'auto'; defaultCollapsed: boolean } {
  const preset = typeof location !== 'undefined' && [...new URLSearchParams(location.search).keys()].length > 0;
  return { labelWidth: 'auto', defaultCollapsed: !preset };
}
