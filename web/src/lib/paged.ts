import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../i18n';

/**
 * One page of a `{ total, items }` list at a time: the rows, the total, the page (1-based), loading and the error
 * as a sentence; `reload` fetches the current page again (after an action on a row).
 */
export function usePagedList<T>(fetchPage: (limit: number, offset: number) => Promise<{ total: number; items: T[] }>, pageSize: number) {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const r = await fetchPage(pageSize, (page - 1) * pageSize);
      setRows(r.items);
      setTotal(r.total);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
    // fetchPage is a new function each render: the page and its size decide what is fetched
  }, [page, pageSize]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { rows, total, page, setPage, loading, error, reload };
}
