/**
 * The issuance row, its view (derived from the zod schema), the one row → view mapping, and who reaches an
 * issuance (src/modules/identity/scope.ts through ../policy.ts).
 */
import type { z } from 'zod';
import type { Queryable } from '../../../db/index.js';
import { AppError, notFound } from '../../../lib/errors.js';
import { isUuid } from '../../../lib/identifiers.js';
import type { AuditActor } from '../../audit/index.js';
import { covers, type Actor } from '../../identity/index.js';
import type * as persons from '../../persons/index.js';
import { issuanceScope } from '../policy.js';
import type { IssuanceViewSchema } from '../schemas.js';

export type IssuanceMode = 'targeted' | 'custom';
export type IssuanceStatus = 'draft' | 'running' | 'done' | 'failed';

export interface IssuanceDefinition {
  /** Scope: an occupation and level, or null for open (any occupation of the programme). */
  occupationCode: string | null;
  level: number | null;
  /** Targeted only: who matches (persons.matchPersonsSql). */
  rule: persons.EligibilityRule;
  quantityCap: number | null;
  /** Validity: months from the issue date, or a fixed last day; neither → the programme's validity. */
  validityMonths: number | null;
  validUntil: string | null;
}

export interface IssuanceTerms {
  standardFen: number | null;
  upliftPct: number;
  /** Accepted categories with their ratio, best first. */
  ratios: Array<{ category: string; ratioPct: number }>;
  validFrom: string;
  validUntil: string;
  categoryValidUntil: string;
  yymm: string;
}

export interface IssuanceRow {
  id: string;
  mode: IssuanceMode;
  name: string;
  programme_id: string;
  district_code: string | null;
  org_id: string | null;
  definition: IssuanceDefinition;
  status: IssuanceStatus;
  matched_total: number;
  processed: number;
  issued: number;
  skipped: Record<string, number>;
  cursor_person: string | null;
  terms: IssuanceTerms | null;
  summary: Record<string, unknown> | null;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type IssuanceView = z.infer<typeof IssuanceViewSchema>;

/** The one mapping of an `issuances` row to its view. */
export const toIssuanceView = (r: IssuanceRow): IssuanceView => ({
  id: r.id,
  mode: r.mode,
  name: r.name,
  programmeId: r.programme_id,
  districtCode: r.district_code,
  orgId: r.org_id,
  definition: r.definition,
  status: r.status,
  matchedTotal: r.matched_total,
  processed: r.processed,
  issued: r.issued,
  skipped: r.skipped,
  percent: r.status === 'done' ? 100 : r.matched_total ? Math.min(100, Math.floor((r.processed / r.matched_total) * 100)) : 0,
  summary: r.summary,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
});

export const DEFAULT_CHUNK = 10_000;
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export async function loadRow(q: Queryable, id: string, lock = false): Promise<IssuanceRow | null> {
  if (!isUuid(id)) return null;
  return (await q.query<IssuanceRow>(`SELECT * FROM issuances WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0] ?? null;
}

/** An issuance in the actor's scope (city admin: all; district admin: its district; org accounts: their org's). */
export function inScope(actor: Actor | AuditActor, r: IssuanceRow): boolean {
  return covers(issuanceScope(actor), { districtCodes: [r.district_code], orgIds: [r.org_id] });
}

/** The issuance if the actor reaches it; else 404 (as if absent). */
export async function scopedRow(actor: Actor | AuditActor, q: Queryable, id: string): Promise<IssuanceRow> {
  const r = await loadRow(q, id);
  if (!r || !inScope(actor, r)) throw notFound('issuance', 'id');
  return r;
}

export const addSkips = (into: Record<string, number>, add: Record<string, number>): Record<string, number> => {
  const out = { ...into };
  for (const [k, v] of Object.entries(add)) if (v > 0) out[k] = (out[k] ?? 0) + v;
  return out;
};

export const alreadyRunning = (): AppError => new AppError('ISSUANCE_ALREADY_RUNNING', 'this issuance is already running', 'id');
