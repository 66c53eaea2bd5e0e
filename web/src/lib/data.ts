/** Small cached look-ups of reference data (districts, programmes) shared by pages. */
import { useEffect, useState } from 'react';
import { api } from './api';

export interface District {
  code: string;
  name: string;
}
export interface Programme {
  id: string;
  code: string;
  name: string;
  type: string;
  fundingSource: string;
  payee: string;
  validityMonths: number;
  attendanceThresholdPct: number;
  openingDeadlineDays: number;
  checkinBeforeMin: number;
  checkinAfterMin: number;
  geofenceRadiusM: number;
  accuracyMaxM: number;
  onlineAttendance: boolean;
  maxSubsidiesPerYear: number;
  maxSubsidiesPerYearStudent: number;
  eligibleCategories: string[];
  shortageUplift: boolean;
  apprenticeshipCapYears: number | null;
  status: 'open' | 'closed';
}

const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
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

export const useDistricts = (): District[] => useCached('districts', () => api.get<{ items: District[] }>('/districts').then((r) => r.items), [] as District[]);
export const useProgrammes = (): Programme[] =>
  useCached('programmes', () => api.get<{ items: Programme[] }>('/programmes').then((r) => r.items), [] as Programme[]);

export function districtName(list: District[], code: string | null | undefined): string {
  if (!code) return '—';
  return list.find((d) => d.code === code)?.name ?? code;
}
