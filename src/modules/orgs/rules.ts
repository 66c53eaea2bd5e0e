/**
 * Organisation rules (pure): identifier validation and normalisation, and the provider-kind rule
 * (who reaches an organisation: policy.ts). Services load, call these, write.
 */
import { AppError } from '../../lib/errors.js';
import { checkBankCard, checkMobile, checkUscc, normaliseBankCard, normaliseMobile } from '../../lib/identifiers.js';

export const ORG_KINDS = ['provider', 'enterprise', 'assessor', 'hospital'] as const;
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
