/**
 * Organisation rules (pure): identifier validation and normalisation, the provider-kind rule and the
 * scope policy. Services load, call these, write.
 */
import { AppError } from '../../lib/errors.js';
import { checkBankCard, checkMobile, checkUscc, normaliseBankCard, normaliseMobile } from '../../lib/identifiers.js';

export const ORG_KINDS = ['provider', 'enterprise', 'assessor'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const PROVIDER_KINDS = ['social_training_body', 'vocational_college', 'high_skill_base'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const ORG_STATUSES = ['active', 'suspended'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

export const normaliseUscc = (v: string): string => v.trim().toUpperCase();

/** Refuses an invalid USCC (GB 32100) with INVALID_USCC; returns the normalised code. */
export function validUscc(raw: string, field = 'uscc'): string {
  const problem = checkUscc(raw);
  if (problem) throw new AppError('INVALID_USCC', `the unified social credit code ${problem}`, field);
  return normaliseUscc(raw);
}

/** Refuses an invalid bank card number (Luhn) with INVALID_BANK_CARD; returns the digits. */
export function validBankAccount(raw: string, field = 'bankAccount'): string {
  const problem = checkBankCard(raw);
  if (problem) throw new AppError('INVALID_BANK_CARD', `the bank account ${problem}`, field);
  return normaliseBankCard(raw);
}

/** Refuses an invalid mainland mobile number with INVALID_MOBILE; returns the 11 digits. */
export function validMobile(raw: string, field = 'contactPhone'): string {
  const problem = checkMobile(raw);
  if (problem) throw new AppError('INVALID_MOBILE', `the contact phone ${problem}`, field);
  return normaliseMobile(raw);
}

/** A provider names its kind (social training body, vocational college, high-skill base); others do not. */
export function checkProviderKind(kind: OrgKind, providerKind: ProviderKind | null | undefined): ProviderKind | null {
  if (kind === 'provider') {
    if (!providerKind) throw new AppError('VALIDATION_FAILED', 'a provider names its kind', 'providerKind');
    return providerKind;
  }
  if (providerKind) throw new AppError('VALIDATION_FAILED', `a ${kind} has no provider kind`, 'providerKind');
  return null;
}

/** The role of a staff account of an organisation of this kind. */
export const roleForKind = (kind: OrgKind): OrgKind => kind;

/** Who reaches an organisation (DESIGN.md §1). Out of scope reads as absent (404). */
export interface ScopeSubject {
  role: string;
  districtCode: string | null;
  orgId: string | null;
}

/**
 * Who sees an organisation. A district admin sees those of the district, and assessment bodies city-wide
 * (an assessment body serves every district; the district admin assigns classes to it) — sees, not manages.
 */
export function canSeeOrg(a: ScopeSubject, org: { id: string; districtCode: string; kind?: string }): boolean {
  switch (a.role) {
    case 'system':
    case 'city_admin':
    case 'auditor':
    case 'finance':
      return true;
    case 'district_admin':
      return org.kind === 'assessor' || (a.districtCode !== null && a.districtCode === org.districtCode);
    case 'provider':
    case 'enterprise':
    case 'assessor':
      return a.orgId === org.id;
    default:
      return false;
  }
}

/** Writes: city admins everywhere, district admins in their district. */
export function canManageOrg(a: ScopeSubject, org: { districtCode: string }): boolean {
  if (a.role === 'system' || a.role === 'city_admin') return true;
  return a.role === 'district_admin' && a.districtCode !== null && a.districtCode === org.districtCode;
}
