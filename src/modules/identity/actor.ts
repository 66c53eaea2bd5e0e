/** Roles and scopes of DESIGN.md §1. */
export const ROLES = ['worker', 'provider', 'enterprise', 'assessor', 'district_admin', 'city_admin', 'finance', 'auditor', 'committee', 'hospital'] as const;
export type Role = (typeof ROLES)[number];

/** Staff roles may enrol a TOTP second factor; these must (等保 level 3: two factors for privileged users). */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['finance', 'city_admin'];

export interface Actor {
  accountId: string;
  username: string;
  role: Role;
  /** district_admin: their district (区). */
  districtCode: string | null;
  /** provider / enterprise / assessor / hospital: their organisation. */
  orgId: string | null;
  /** worker: their person record. */
  personId: string | null;
  sessionId: string;
  /** The session passed a second factor (TOTP). */
  mfaPassed: boolean;
  /** The account has a confirmed TOTP enrolment. */
  totpEnabled: boolean;
}

export const isAdmin = (a: Actor): boolean => a.role === 'city_admin' || a.role === 'district_admin';
/** Roles that see every district. */
export const isCityWide = (a: Actor): boolean => a.role === 'city_admin' || a.role === 'auditor' || a.role === 'finance';
