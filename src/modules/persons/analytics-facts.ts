/**
 * The persons' part of the statistics: the person's district, the rebuild's `pd` (analytics/sources.ts) and the
 * live deltas' look-up of a person (analytics/lookups.ts) — the same SELECT.
 */
import type { FactsSource, PersonLookups } from '../analytics/index.js';

const PERSON_DISTRICT = 'SELECT id, district_code FROM persons';

export const analyticsFacts = (): FactsSource => ({ relations: [['pd', PERSON_DISTRICT]], facts: [] });

export const analyticsLookups: PersonLookups = { person: PERSON_DISTRICT };
