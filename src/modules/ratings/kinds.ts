/**
 * Where each kind of rated service comes from: the owning module's face says who was served, whether the service
 * has finished, its district and its label. A claim (subsidy) and a rehabilitation case (rehab) are built in; a
 * module added later (appeals) registers its own with `useRatableKind` from src/modules/registry.ts.
 */
import type { Queryable } from '../../db/index.js';
import * as rehab from '../rehab/index.js';
import * as subsidy from '../subsidy/index.js';
import type { RatingKind, Served } from './rules.js';

export type ServedLookup = (q: Queryable, objectId: string) => Promise<Served | null>;

const lookups = new Map<RatingKind, ServedLookup>([
  ['claim', subsidy.claimServed],
  ['rehab_case', rehab.rehabCaseServed],
]);

/** Registers (or replaces) the lookup of a kind — for the appeals module: `useRatableKind('appeal', appealServed)`. */
export function useRatableKind(kind: RatingKind, lookup: ServedLookup): void {
  lookups.set(kind, lookup);
}

/** The lookup of a kind, or null when no module provides that kind in this installation. */
export const lookupOf = (kind: RatingKind): ServedLookup | null => lookups.get(kind) ?? null;
