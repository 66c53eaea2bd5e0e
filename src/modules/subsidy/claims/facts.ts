/**
 * Loading the facts of a claim's rates — shared by the claim (create.ts) and the worker's pre-check
 * (../precheck.ts), so both price a subsidy from the same voucher snapshot or catalogue quote and the same
 * once-only history. The decision on those facts is pure (../entitlement.ts).
 */
import type { Queryable } from '../../../db/index.js';
import { AppError } from '../../../lib/errors.js';
import * as catalog from '../../catalog/index.js';
import type { OnceOnlyFacts, Rates } from '../entitlement.js';
import { onceRatioUsedOn, ratioCondition } from './limits.js';

/** The voucher's snapshot (at issue) the rates may come from. */
export interface VoucherRates {
  id: string;
  kind: 'subsidy' | 'checkin_only';
  level: number | null;
  standardFen: number | null;
  upliftPct: number;
  ratioPct: number;
  category: string | null;
}

/** Who and what is priced: the programme × occupation, the person's categories, and the voucher if there is one. */
export interface RateSubject {
  programmeId: string;
  occupationCode: string;
  personId: string;
  categories: readonly string[];
  voucher: VoucherRates | null;
}

/** The catalogue's quote for these categories, or null when no standard is set (STANDARD_MISSING). */
export async function quoteOrNull(q: Queryable, s: RateSubject, level: number, categories: readonly string[]): Promise<catalog.SubsidyQuote | null> {
  try {
    return await catalog.quoteSubsidy(q, { programmeId: s.programmeId, occupationCode: s.occupationCode, level, categories });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'STANDARD_MISSING') throw e;
    return null;
  }
}

/**
 * The voucher's own rates when it was issued for this level, else the catalogue's quote (none: all zero). Without
 * a voucher (the pre-check before 申领) the quote is what an application would snapshot on a subsidy voucher.
 */
export async function quoteRates(q: Queryable, s: RateSubject, level: number): Promise<Rates> {
  const v = s.voucher ?? { kind: 'subsidy' as const, level: null, standardFen: null, upliftPct: 0, ratioPct: 0, category: null };
  const ratioCategory = v.kind === 'subsidy' ? v.category : null;
  if (v.standardFen !== null && v.level === level) return { standardFen: v.standardFen, upliftPct: v.upliftPct, ratioPct: v.ratioPct, ratioCategory };
  const quote = await quoteOrNull(q, s, level, s.categories);
  if (!quote) return { standardFen: 0, upliftPct: 0, ratioPct: 0, ratioCategory };
  return {
    standardFen: quote.standardFen,
    upliftPct: quote.upliftPct,
    ratioPct: v.kind === 'subsidy' ? v.ratioPct || quote.ratioPct : 0,
    ratioCategory: v.kind === 'subsidy' && !v.ratioPct ? quote.category : ratioCategory,
  };
}

/** No voucher yet: a uuid no claim carries, so every claim of the person counts. */
export const NO_VOUCHER = '00000000-0000-0000-0000-000000000000';

/**
 * The once-only ratio's facts: its condition, the earlier claim that used it, and the best ratio of the person's
 * other categories (asked only when it was used).
 */
export async function onceOnlyFacts(q: Queryable, s: RateSubject, level: number, rates: Rates): Promise<OnceOnlyFacts> {
  const none: OnceOnlyFacts = { condition: null, usedOnClaim: null, other: { ratioPct: 0, category: null } };
  const category = rates.ratioCategory;
  if (!category) return none;
  const condition = await ratioCondition(q, category);
  if (condition !== 'once') return { ...none, condition };
  const usedOnClaim = await onceRatioUsedOn(q, s.personId, s.voucher?.id ?? NO_VOUCHER, category);
  if (!usedOnClaim) return { ...none, condition };
  const others = s.categories.filter((c) => c !== category);
  const other = (others.length ? await quoteOrNull(q, s, level, others) : null) ?? { ratioPct: 0, category: null };
  return { condition, usedOnClaim, other: { ratioPct: other.ratioPct, category: other.category } };
}
