/**
 * Who may do what with jobs, on the one policy layer (identity/scope.ts): enterprises post under their own name and see
 * their postings' candidates; city and district admins post, import and take postings down (a district admin: their
 * district; another district's posting → 404); anyone searches; a worker gets recommendations and marks interest.
 */
import { AppError } from '../../lib/errors.js';
import { scopeOf, type Actor, type Scope } from '../identity/index.js';

export const POSTERS = ['enterprise', 'city_admin', 'district_admin'] as const;
export const OFFICERS = ['city_admin', 'district_admin'] as const;
export const STATS_READERS = ['city_admin', 'district_admin', 'auditor'] as const;
export const WORKERS = ['worker'] as const;
export const EMPLOYERS = ['enterprise', 'city_admin', 'district_admin'] as const;

/** The postings an actor manages: an enterprise its own (org), an officer their district or the city. */
export function managerScope(actor: Actor): Scope {
  const s = scopeOf(actor, POSTERS, 'only enterprises and officers manage job postings');
  if (s.kind === 'none') throw new AppError('FORBIDDEN', 'this account is anchored nowhere');
  return s;
}

export function officerScope(actor: Actor): Scope {
  const s = scopeOf(actor, OFFICERS, 'only city and district admins do this');
  if (s.kind === 'none') throw new AppError('FORBIDDEN', 'this admin account has no district');
  return s;
}

export function workerOf(actor: Actor): string {
  const s = scopeOf(actor, WORKERS, 'for workers');
  if (s.kind !== 'person') throw new AppError('FORBIDDEN', 'for workers');
  return s.personId;
}

/** Where a posting sits for the scope test: its district, and its enterprise. */
export const placementOf = (p: { district_code: string; enterprise_id: string | null }) => ({ districtCodes: [p.district_code], orgIds: [p.enterprise_id] });
