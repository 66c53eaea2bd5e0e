/**
 * Who reaches an organisation (DESIGN.md §1), on the one policy layer (identity's scope.ts). Out of scope
 * reads as absent (404).
 */
import { covers, scopeOf, type Role } from '../identity/index.js';

export interface ScopeSubject {
  role: string;
  districtCode: string | null;
  orgId: string | null;
}

type Roles = readonly (Role | 'system')[];
/** Who registers, changes, suspends organisations and creates their staff accounts. */
export const ORG_MANAGERS: Roles = ['system', 'city_admin', 'district_admin'];
/** Who lists organisations. */
export const ORG_LISTERS: Roles = ['system', 'city_admin', 'district_admin', 'auditor', 'finance'];
/** Who lists the staff accounts of an organisation. */
export const ORG_ACCOUNT_READERS: Roles = ['city_admin', 'district_admin', 'auditor'];
/** Who reads one organisation: the listers, and an organisation's own staff. */
const ORG_READERS: Roles = [...ORG_LISTERS, 'provider', 'enterprise', 'assessor', 'hospital'];

/**
 * Who sees an organisation. A district admin sees those of the district, and assessment bodies city-wide
 * (an assessment body serves every district; the district admin assigns classes to it) — sees, not manages.
 */
export function canSeeOrg(a: ScopeSubject, org: { id: string; districtCode: string; kind?: string }): boolean {
  if (!ORG_READERS.includes(a.role as Role)) return false;
  if (a.role === 'district_admin' && org.kind === 'assessor') return true;
  return covers(scopeOf(a), { districtCodes: [org.districtCode], orgIds: [org.id] });
}

/** Writes: city admins everywhere, district admins in their district. */
export function canManageOrg(a: ScopeSubject, org: { districtCode: string }): boolean {
  return ORG_MANAGERS.includes(a.role as Role) && covers(scopeOf(a), { districtCodes: [org.districtCode] });
}
