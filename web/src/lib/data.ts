/** Small cached look-ups of reference data (districts, programmes) shared by pages. */
import { useEffect, useState } from 'react';
import { client, ok, type ItemOf } from './api';

export type District = ItemOf<'/api/v1/districts'>;
export type Programme = ItemOf<'/api/v1/programmes'>;

const cache = new Map<string, Promise<unknown>>();
export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key))
    cache.set(
      key,
      load().catch((e) => (cache.delete(key), Promise.reject(e))),
    );
  return cache.get(key) as Promise<T>;
}
export function invalidate(key: string): void {
  cache.delete(key);
}

export function useCached<T>(key: string, load: () => Promise<T>, fallback: T): T {
  const [v, setV] = useState<T>(fallback);
  useEffect(() => {
    let live = true;
    cached(key, load).then(
      (r) => live && setV(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key]);
  return v;
}

export const useDistricts = (): District[] => useCached('districts', () => ok(client.GET('/api/v1/districts')).then((r) => r.items), [] as District[]);
export const useProgrammes = (): Programme[] => useCached('programmes', () => ok(client.GET('/api/v1/programmes')).then((r) => r.items), [] as Programme[]);

export function districtName(list: District[], code: string | null | undefined): string {
  if (!code) return '—';
  return list.find((d) => d.code === code)?.name ?? code;
}
