/**
 * Vouchers (职业培训券): lookup, the lifecycle transitions (one conditional UPDATE + event + audit),
 * revocation, on-demand application (申领), the worker's views and the QR token. Issuance runs
 * (targeted / customised) live in issuance.ts, the expiry pass in expiry.ts.
 */
import { batchedByKey, batchedRead, inKeyOrder } from '../../db/batch.js';
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid, maskId, maskName } from '../../lib/identifiers.js';
import * as audit from '../audit/service.js';
import type { AuditActor } from '../audit/service.js';
import { districtScope, type Actor } from '../identity/actor.js';
import * as catalog from '../catalog/service.js';
import * as persons from '../persons/service.js';
import {
  CATEGORY_VALID_MONTHS,
  OPEN_STATES,
  VOUCHER_STATES,
  TRANSITIONS,
  addMonths,
  numberDistrict,
  parseVoucherNumber,
  shanghaiDate,
  shanghaiYymm,
  validityFor,
  type VoucherKind,
  type VoucherStatus,
} from './rules.js';
import { signQrToken, verifyQrToken as verifyQr, type QrPayload } from './qr.js';

export type { QrPayload } from './qr.js';

export type { VoucherKind, VoucherStatus } from './rules.js';
export type VoucherMode = 'targeted' | 'custom' | 'on_demand';

export interface Voucher {
  id: string;
  number: string;
  personId: string;
  kind: VoucherKind;
  programmeId: string | null;
  occupationCode: string | null;
  level: number | null;
  status: VoucherStatus;
  mode: VoucherMode;
  issuanceId: string | null;
  districtCode: string | null;
  ratioPct: number;
  /** NULL for an open-scope voucher: the standard is fixed when the course's occupation is known. */
  standardFen: number | null;
  upliftPct: number;
  category: string | null;
  categoryValidUntil: string | null;
  validFrom: string;
  validUntil: string;
  issuedAt: Date;
  statusChangedAt: Date;
}

export interface VoucherRow {
  id: string;
  number: string;
  person_id: string;
  kind: VoucherKind;
  programme_id: string | null;
  occupation_code: string | null;
  level: number | null;
  status: VoucherStatus;
  mode: VoucherMode;
  issuance_id: string | null;
  district_code: string | null;
  ratio_pct: number;
  standard_fen: number | null;
  uplift_pct: number;
  category: string | null;
  category_valid_until: string | null;
  valid_from: string;
  valid_until: string;
  issued_at: Date;
  status_changed_at: Date;
}

export const toVoucher = (r: VoucherRow): Voucher => ({
  id: r.id,
  number: r.number,
  personId: r.person_id,
  kind: r.kind,
  programmeId: r.programme_id,
  occupationCode: r.occupation_code,
  level: r.level,
  status: r.status,
  mode: r.mode,
  issuanceId: r.issuance_id,
  districtCode: r.district_code,
  ratioPct: r.ratio_pct,
  standardFen: r.standard_fen,
  upliftPct: r.uplift_pct,
  category: r.category,
  categoryValidUntil: r.category_valid_until,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  issuedAt: r.issued_at,
  statusChangedAt: r.status_changed_at,
});

const OPEN = [...OPEN_STATES];

export async function getVoucher(q: Queryable, id: string): Promise<Voucher | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<VoucherRow>('SELECT * FROM vouchers WHERE id = $1', [id])).rows[0];
  return r ? toVoucher(r) : null;
}

/** By a typed number: the check character is verified first (one wrong digit → INVALID_VOUCHER_NUMBER). */
export async function findVoucherByNumber(q: Queryable, number: string): Promise<Voucher | null> {
  const n = parseVoucherNumber(number);
  if (!n) throw new AppError('INVALID_VOUCHER_NUMBER', 'the voucher number is not valid (format or check character)', 'number');
  const r = await voucherByNumber(q, n);
  return r ? toVoucher(r) : null;
}

/** Concurrent look-ups by number share one query (src/db/batch.ts). */
const voucherByNumber = batchedByKey<VoucherRow>('SELECT * FROM vouchers WHERE number = ANY($1::text[])', (r) => r.number);

/** Subsidy estimate in fen: round_half_up(standard × (1 + uplift) × ratio); null when the standard is open. */
export function subsidyEstimateFen(v: Pick<Voucher, 'kind' | 'standardFen' | 'upliftPct' | 'ratioPct'>): number | null {
  if (v.kind !== 'subsidy' || v.standardFen === null) return null;
  return Math.floor((v.standardFen * (100 + v.upliftPct) * v.ratioPct + 5000) / 10000);
}

// ——— lifecycle ———

/** The one (from, kind) pairs from which `to` is reachable, as 'status:kind' keys for the conditional UPDATE. */
function allowedKeys(to: VoucherStatus, expectFrom?: VoucherStatus): string[] {
  return TRANSITIONS.filter((t) => t.to === to && (!expectFrom || t.from === expectFrom)).flatMap((t) => t.kinds.map((k) => `${t.from}:${k}`));
}

/**
 * Moves a voucher to `to`: one conditional UPDATE (… WHERE status/kind allow it RETURNING), one
 * voucher_events row and one audit entry, all in the caller's transaction. Concurrent attempts: the row
 * lock serialises them and the losers see the new status fail the condition → VOUCHER_NOT_USABLE.
 * Admission also requires the validity not to have passed (VOUCHER_EXPIRED).
 */
export async function transitionVoucher(
  tx: Tx,
  by: AuditActor,
  id: string,
  to: VoucherStatus,
  opts: { reason?: string | undefined; expectFrom?: VoucherStatus | undefined; asOf?: Date | undefined } = {},
): Promise<Voucher> {
  if (!isUuid(id)) throw notFound('voucher', 'voucherId');
  const keys = allowedKeys(to, opts.expectFrom);
  const today = shanghaiDate(opts.asOf ?? new Date());
  // Where the table has several source states for `to` and the caller named none, the row's previous state is
  // read under the row lock in the same statement.
  const ambiguous = !opts.expectFrom && new Set(TRANSITIONS.filter((t) => t.to === to).map((t) => t.from)).size > 1;
  const { rows } = await tx.query<VoucherRow & { prev: VoucherStatus | null }>(
    ambiguous
      ? `WITH p AS (SELECT voucher_id, status AS prev FROM voucher_states WHERE voucher_id = $1 FOR UPDATE),
              s AS (
                UPDATE voucher_states s SET status = $2, status_changed_at = now()
                  FROM p WHERE s.voucher_id = p.voucher_id AND (p.prev || ':' || s.kind) = ANY($3::text[])
                   AND ($2 <> 'admitted' OR p.prev <> 'issued' OR s.valid_until >= $4::date)
                RETURNING s.status, s.status_changed_at, s.expiry_pass_id, p.prev)
         SELECT r.*, s.* FROM s JOIN voucher_records r ON r.id = $1`
      : `WITH s AS (
           UPDATE voucher_states s SET status = $2, status_changed_at = now()
            WHERE s.voucher_id = $1 AND (s.status || ':' || s.kind) = ANY($3::text[])
              AND ($2 <> 'admitted' OR s.status <> 'issued' OR s.valid_until >= $4::date)
           RETURNING s.status, s.status_changed_at, s.expiry_pass_id, NULL::text AS prev)
         SELECT r.*, s.* FROM s JOIN voucher_records r ON r.id = $1`,
    [id, to, keys, today],
  );
  const row = rows[0];
  if (!row) {
    const cur = await getVoucher(tx, id);
    if (!cur) throw notFound('voucher', 'voucherId');
    if (to === 'admitted' && cur.status === 'issued' && cur.validUntil < today)
      throw new AppError('VOUCHER_EXPIRED', `the voucher was valid until ${cur.validUntil}`, 'voucherId', {
        voucherStatus: cur.status,
        validUntil: cur.validUntil,
      });
    throw new AppError('VOUCHER_NOT_USABLE', `a ${cur.kind} voucher in state ${cur.status} cannot become ${to}`, 'voucherId', { voucherStatus: cur.status });
  }
  // Every target state has one source state per kind, or the caller named it (see rules.test.ts): the previous state is known.
  const from = row.prev ?? TRANSITIONS.find((t) => t.to === to && t.kinds.includes(row.kind) && (!opts.expectFrom || t.from === opts.expectFrom))!.from;
  await tx.query('INSERT INTO voucher_events (voucher_id, from_status, to_status, actor_id, actor_role, reason) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    from,
    to,
    by.accountId,
    by.role,
    opts.reason ?? null,
  ]);
  await audit.record(tx, by, {
    action: `voucher.${to}`,
    entityType: 'voucher',
    entityId: id,
    districtCode: row.district_code,
    detail: { number: row.number, from, to, ...(opts.reason ? { reason: opts.reason } : {}) },
  });
  return toVoucher(row);
}

/**
 * 核验不通过: the subsidy claim of an assessed voucher was rejected by its reviewers, so the voucher ends
 * `closed` (no subsidy) — from `assessed` (claim rejected in review) or `approved` (an approved claim
 * rejected after an objection or a failed payment). Same shape as `transitionVoucher`: one conditional
 * UPDATE under a row lock (the previous state read in the same statement), one voucher_events row with the
 * reason, one audit entry, in the caller's transaction. Any other state → VOUCHER_NOT_USABLE.
 */
export async function closeVoucherForRejectedClaim(tx: Tx, by: AuditActor, id: string, reason: string): Promise<Voucher> {
  if (!isUuid(id)) throw notFound('voucher', 'voucherId');
  if (!reason.trim()) throw new AppError('VALIDATION_FAILED', 'a reason is required', 'reason');
  const cur = await getVoucher(tx, id);
  if (!cur) throw notFound('voucher', 'voucherId');
  if (cur.kind !== 'subsidy' || (cur.status !== 'assessed' && cur.status !== 'approved'))
    throw new AppError('VOUCHER_NOT_USABLE', `a ${cur.kind} voucher in state ${cur.status} cannot be closed by a claim rejection`, 'voucherId', {
      voucherStatus: cur.status,
    });
  // The table's 'reject' transition; the conditional UPDATE refuses it if the state moved meanwhile.
  return transitionVoucher(tx, by, id, 'closed', { expectFrom: cur.status, reason: reason.trim() });
}

/** Admins see the vouchers of their scope; anything else is 404. */
async function voucherForAdmin(actor: Actor, q: Queryable, id: string): Promise<Voucher> {
  const v = await getVoucher(q, id);
  if (!v) throw notFound('voucher');
  if (actor.role === 'city_admin' || actor.role === 'auditor') return v;
  if (actor.role === 'district_admin' && v.districtCode === actor.districtCode) return v;
  throw notFound('voucher');
}

/** Revocation (admin, with a reason; a district admin only in their district). Only an issued voucher. */
export async function revokeVoucher(actor: Actor, tx: Tx, id: string, reason: string): Promise<Voucher> {
  if (actor.role !== 'city_admin' && actor.role !== 'district_admin') throw new AppError('FORBIDDEN', 'only admins revoke vouchers');
  await voucherForAdmin(actor, tx, id);
  if (!reason.trim()) throw new AppError('VALIDATION_FAILED', 'a reason is required', 'reason');
  return transitionVoucher(tx, actor, id, 'revoked', { reason: reason.trim() });
}

// ——— issuing one voucher (on-demand; the set-based runs are in issuance.ts) ———

export interface NewVoucher {
  personId: string;
  kind: VoucherKind;
  programmeId: string | null;
  occupationCode: string | null;
  level: number | null;
  mode: VoucherMode;
  issuanceId: string | null;
  districtCode: string | null;
  ratioPct: number;
  standardFen: number | null;
  upliftPct: number;
  category: string | null;
  categoryValidUntil: string | null;
  validFrom: string;
  validUntil: string;
}

/** Inserts one voucher; null when a uniqueness rule (one open subsidy voucher per programme) refuses it. */
export async function insertVoucher(tx: Tx, v: NewVoucher, now: Date = new Date()): Promise<Voucher | null> {
  const { rows } = await tx.query<VoucherRow>(
    // The state first: the one-open rule lives on voucher_states, and a refused state leaves no record behind.
    `WITH s AS (
       INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until)
       VALUES (sv_uuid7(), $3, $5, $4, $17)
       ON CONFLICT DO NOTHING RETURNING status, status_changed_at, expiry_pass_id, voucher_id),
     r AS (
       INSERT INTO voucher_records (id, number, person_id, kind, programme_id, occupation_code, level, mode, issuance_id, district_code,
          ratio_pct, standard_fen, uplift_pct, category, category_valid_until, valid_from, valid_until)
       SELECT s.voucher_id, sv_voucher_number($1, $2, nextval('voucher_serial')), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
         FROM s
       RETURNING *)
     SELECT r.*, s.status, s.status_changed_at, s.expiry_pass_id FROM r JOIN s ON s.voucher_id = r.id`,
    [
      shanghaiYymm(now),
      numberDistrict(v.districtCode),
      v.personId,
      v.kind,
      v.programmeId,
      v.occupationCode,
      v.level,
      v.mode,
      v.issuanceId,
      v.districtCode,
      v.ratioPct,
      v.standardFen,
      v.upliftPct,
      v.category,
      v.categoryValidUntil,
      v.validFrom,
      v.validUntil,
    ],
  );
  return rows[0] ? toVoucher(rows[0]) : null;
}

export async function holdsOpenSubsidyVoucher(q: Queryable, personId: string, programmeId: string): Promise<boolean> {
  const { rows } = await q.query(
    "SELECT 1 FROM voucher_states WHERE person_id = $1 AND programme_id = $2 AND kind = 'subsidy' AND status = ANY($3::text[]) LIMIT 1",
    [personId, programmeId, OPEN],
  );
  return rows.length > 0;
}

/** Programme types a worker can apply for themself; enterprise training and apprenticeship come through the employer. */
export const ON_DEMAND_TYPES: readonly catalog.ProgrammeType[] = ['skill_upgrade', 'social_training'];

export interface ApplyInput {
  occupationCode: string;
  level: number;
  programmeId?: string | undefined;
}

export interface ApplyResult {
  voucher: Voucher;
  reason: string;
}

/**
 * 申领: the worker names occupation and level; the service picks the programme whose subsidy their
 * categories earn (highest estimated subsidy among open on-demand programmes), snapshots the category
 * (valid 3 months) and issues a subsidy voucher — or a check-in-only voucher when no subsidy rule matches,
 * saying why. One open subsidy voucher per programme per person (VOUCHER_LIMIT_REACHED).
 */
export async function applyForVoucher(actor: Actor, tx: Tx, input: ApplyInput, now: Date = new Date()): Promise<ApplyResult> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only a signed-in worker applies for a voucher');
  const person = await persons.getPerson(tx, actor.personId);
  if (!person) throw notFound('person');
  const occ = await catalog.getOccupation(tx, input.occupationCode);
  if (!occ) throw new AppError('OCCUPATION_UNKNOWN', `no occupation ${input.occupationCode}`, 'occupationCode');
  if (!Number.isInteger(input.level) || input.level < 0 || input.level > 5) throw new AppError('VALIDATION_FAILED', 'level must be 0..5', 'level');

  let candidates: catalog.Programme[];
  if (input.programmeId) {
    const p = await catalog.getProgramme(tx, input.programmeId);
    if (!p) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', 'programmeId');
    if (p.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `programme ${p.code} is closed`, 'programmeId');
    candidates = [p];
  } else {
    candidates = (await catalog.listProgrammes(tx, { status: 'open' })).filter((p) => ON_DEMAND_TYPES.includes(p.type));
  }

  const why: string[] = [];
  let best: { p: catalog.Programme; quote: catalog.SubsidyQuote; estimate: number } | null = null;
  let limited: catalog.Programme | null = null;
  for (const p of candidates) {
    const matching = person.categories.filter((c) => p.eligibleCategories.includes(c));
    if (matching.length === 0) {
      why.push(`${p.code}: none of your categories (${person.categories.join(', ') || 'none'}) is eligible`);
      continue;
    }
    let quote: catalog.SubsidyQuote;
    try {
      quote = await catalog.quoteSubsidy(tx, { programmeId: p.id, occupationCode: occ.code, level: input.level, categories: person.categories });
    } catch (e) {
      if (e instanceof AppError && e.code === 'STANDARD_MISSING') {
        why.push(`${p.code}: no subsidy standard for ${occ.code} level ${input.level}`);
        continue;
      }
      throw e;
    }
    if (quote.category === null || quote.ratioPct === 0) {
      why.push(`${p.code}: no subsidy ratio applies to your categories at level ${input.level}`);
      continue;
    }
    if (await holdsOpenSubsidyVoucher(tx, person.id, p.id)) {
      limited = p;
      why.push(`${p.code}: you already hold an open voucher of this programme`);
      continue;
    }
    const estimate = subsidyEstimateFen({ kind: 'subsidy', standardFen: quote.standardFen, upliftPct: quote.upliftPct, ratioPct: quote.ratioPct }) ?? 0;
    if (!best || estimate > best.estimate) best = { p, quote, estimate };
  }

  const today = shanghaiDate(now);
  if (!best && limited)
    throw new AppError('VOUCHER_LIMIT_REACHED', `you already hold an open subsidy voucher of ${limited.code}`, 'programmeId', { programmeId: limited.id });

  const base = {
    personId: person.id,
    occupationCode: occ.code,
    level: input.level,
    mode: 'on_demand' as const,
    issuanceId: null,
    districtCode: person.districtCode,
    categoryValidUntil: addMonths(today, CATEGORY_VALID_MONTHS),
  };
  let voucher: Voucher | null;
  let reason: string;
  if (best) {
    const { validFrom, validUntil } = validityFor(now, best.p.validityMonths);
    voucher = await insertVoucher(
      tx,
      {
        ...base,
        kind: 'subsidy',
        programmeId: best.p.id,
        ratioPct: best.quote.ratioPct,
        standardFen: best.quote.standardFen,
        upliftPct: best.quote.upliftPct,
        category: best.quote.category,
        validFrom,
        validUntil,
      },
      now,
    );
    if (!voucher) throw new AppError('VOUCHER_LIMIT_REACHED', `you already hold an open subsidy voucher of ${best.p.code}`, 'programmeId');
    reason = `subsidy voucher of ${best.p.code} (${best.p.name}): category ${best.quote.category} gives ${best.quote.ratioPct} % of ${best.quote.standardFen} fen${
      best.quote.upliftPct ? ` + ${best.quote.upliftPct} % shortage uplift` : ''
    }`;
  } else {
    const { validFrom, validUntil } = validityFor(now, CATEGORY_VALID_MONTHS);
    voucher = await insertVoucher(
      tx,
      { ...base, kind: 'checkin_only', programmeId: null, ratioPct: 0, standardFen: null, upliftPct: 0, category: null, validFrom, validUntil },
      now,
    );
    if (!voucher) throw new AppError('CONFLICT', 'the voucher could not be issued; try again');
    reason = `check-in-only voucher: no subsidy rule matches (${why.join('; ') || 'no open programme accepts on-demand applications'})`;
  }
  await audit.record(tx, actor, {
    action: 'voucher.issue',
    entityType: 'voucher',
    entityId: voucher.id,
    districtCode: voucher.districtCode,
    detail: { number: voucher.number, mode: 'on_demand', kind: voucher.kind, programmeId: voucher.programmeId, category: voucher.category },
  });
  return { voucher, reason };
}

// ——— views ———

export interface VoucherView {
  id: string;
  number: string;
  kind: VoucherKind;
  status: VoucherStatus;
  mode: VoucherMode;
  programme: { id: string; code: string; name: string } | null;
  occupationCode: string | null;
  level: number | null;
  districtCode: string | null;
  ratioPct: number;
  standardFen: number | null;
  upliftPct: number;
  subsidyEstimateFen: number | null;
  category: string | null;
  categoryValidUntil: string | null;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  holder: { name: string; idNumberMasked: string };
}

export interface VoucherEventView {
  from: VoucherStatus | null;
  to: VoucherStatus;
  actorRole: string;
  reason: string | null;
  at: string;
}

async function presenter(q: Queryable) {
  const programmes = new Map<string, catalog.Programme | null>();
  const holders = new Map<string, { name: string; idNumberMasked: string }>();
  return async (v: Voucher): Promise<VoucherView> => {
    let p: catalog.Programme | null = null;
    if (v.programmeId) {
      if (!programmes.has(v.programmeId)) programmes.set(v.programmeId, await catalog.getProgramme(q, v.programmeId));
      p = programmes.get(v.programmeId) ?? null;
    }
    let h = holders.get(v.personId);
    if (!h) {
      const person = await persons.getPerson(q, v.personId);
      h = person ? { name: maskName(person.name), idNumberMasked: maskId(person.idNumber) } : { name: '*', idNumberMasked: '***' };
      holders.set(v.personId, h);
    }
    return {
      id: v.id,
      number: v.number,
      kind: v.kind,
      status: v.status,
      mode: v.mode,
      programme: p ? { id: p.id, code: p.code, name: p.name } : null,
      occupationCode: v.occupationCode,
      level: v.level,
      districtCode: v.districtCode,
      ratioPct: v.ratioPct,
      standardFen: v.standardFen,
      upliftPct: v.upliftPct,
      subsidyEstimateFen: subsidyEstimateFen(v),
      category: v.category,
      categoryValidUntil: v.categoryValidUntil,
      validFrom: v.validFrom,
      validUntil: v.validUntil,
      issuedAt: v.issuedAt.toISOString(),
      holder: h,
    };
  };
}

export async function presentVouchers(q: Queryable, vs: Voucher[]): Promise<VoucherView[]> {
  const present = await presenter(q);
  const out: VoucherView[] = [];
  for (const v of vs) out.push(await present(v));
  return out;
}

/**
 * Voucher statistics (数据回流, the vouchers' part): how many vouchers are in each state, by district and
 * programme — issued, in use, settled, and voided by expiry or revocation. A district admin sees their
 * district (another district → 404); city admins and auditors see all.
 */
export async function voucherStats(
  actor: Actor,
  q: Queryable,
  f: { districtCode?: string | undefined; programmeId?: string | undefined },
): Promise<{
  total: number;
  byStatus: Record<string, number>;
  rows: Array<{ districtCode: string | null; programmeId: string | null; status: string; count: number }>;
}> {
  if (actor.role !== 'city_admin' && actor.role !== 'district_admin' && actor.role !== 'auditor')
    throw new AppError('FORBIDDEN', 'only admins and auditors see statistics');
  const district = districtScope(actor, f.districtCode);
  const { rows } = await q.query<{ district_code: string | null; programme_id: string | null; status: string; n: number }>(
    `SELECT district_code, programme_id::text, status, count(*)::int AS n FROM vouchers
      WHERE ($1::text IS NULL OR district_code = $1) AND ($2::uuid IS NULL OR programme_id = $2)
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [district, f.programmeId ?? null],
  );
  const byStatus: Record<string, number> = Object.fromEntries(VOUCHER_STATES.map((st) => [st, 0]));
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
  return {
    total: rows.reduce((n, r) => n + r.n, 0),
    byStatus,
    rows: rows.map((r) => ({ districtCode: r.district_code, programmeId: r.programme_id, status: r.status, count: r.n })),
  };
}

/** The worker's own vouchers, newest first (expired ones included: the worker sees the void). */
export async function listMyVouchers(actor: Actor, q: Queryable): Promise<VoucherView[]> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only a worker has vouchers');
  const { rows } = await q.query<VoucherRow>('SELECT * FROM vouchers WHERE person_id = $1 ORDER BY issued_at DESC, number DESC LIMIT 500', [actor.personId]);
  return presentVouchers(q, rows.map(toVoucher));
}

/** A voucher a caller may read: its holder, or an admin/auditor of its scope; else 404. */
async function readableVoucher(actor: Actor, q: Queryable, id: string): Promise<Voucher> {
  const v = await getVoucher(q, id);
  if (!v) throw notFound('voucher');
  if (actor.role === 'worker') {
    if (actor.personId && v.personId === actor.personId) return v;
    throw notFound('voucher');
  }
  return voucherForAdmin(actor, q, id);
}

export async function getVoucherDetail(actor: Actor, q: Queryable, id: string): Promise<VoucherView & { events: VoucherEventView[] }> {
  const v = await readableVoucher(actor, q, id);
  const [view] = await presentVouchers(q, [v]);
  // The voucher's own event rows, and the expiry pass that voided it (one event row for the whole pass).
  const { rows } = await q.query<{ from_status: VoucherStatus | null; to_status: VoucherStatus; actor_role: string; reason: string | null; at: Date }>(
    `SELECT from_status, to_status, actor_role, reason, at FROM (
       SELECT from_status, to_status, actor_role, reason, at, id AS seq FROM voucher_events WHERE voucher_id = $1
       UNION ALL
       SELECT 'issued', 'expired', p.actor_role, 'validity passed (valid_until < ' || to_char(p.cutoff, 'YYYY-MM-DD') || ', expiry pass ' || p.id || ')', s.status_changed_at, NULL
         FROM voucher_states s JOIN voucher_expiry_passes p ON p.id = s.expiry_pass_id WHERE s.voucher_id = $1) e
     ORDER BY at, seq NULLS LAST`,
    [v.id],
  );
  const events: VoucherEventView[] = [
    { from: null, to: 'issued', actorRole: v.mode === 'on_demand' ? 'worker' : 'system', reason: `issued (${v.mode})`, at: v.issuedAt.toISOString() },
    ...rows.map((r) => ({ from: r.from_status, to: r.to_status, actorRole: r.actor_role, reason: r.reason, at: r.at.toISOString() })),
  ];
  return { ...view!, events };
}

// ——— QR token ———

/** The holder asks for a fresh 60-second token for one of their open vouchers. */
export async function issueQrToken(actor: Actor, q: Queryable, id: string): Promise<{ token: string; expiresAt: string; voucherId: string }> {
  if (actor.role !== 'worker' || !actor.personId) throw new AppError('FORBIDDEN', 'only the holder shows a voucher QR code');
  const v = await getVoucher(q, id);
  if (!v || v.personId !== actor.personId) throw notFound('voucher');
  if (!OPEN_STATES.includes(v.status)) throw new AppError('VOUCHER_NOT_USABLE', `the voucher is ${v.status}`, 'voucherId', { voucherStatus: v.status });
  const t = await signQrToken(v.id, v.personId);
  return { token: t.token, expiresAt: t.expiresAt.toISOString(), voucherId: v.id };
}

/** Verifies a QR token (signature, expiry, not-before, key id, optionally the voucher id). */
export const verifyQrToken = (token: string, opts: { expectVoucherId?: string; now?: Date } = {}): Promise<QrPayload> => verifyQr(token, opts);

const ADMIT_TRANSITION = TRANSITIONS.find((t) => t.event === 'admit')!;

/**
 * Admission's move of the voucher, in ONE statement: the QR token's nonce consumed (when admitted by QR),
 * issued → admitted under the validity check, and its event row; then the audit entry. Same outcome and
 * refusals as consumeQrNonce + transitionVoucher(…, 'admitted'): QR_TOKEN_REPLAYED, VOUCHER_EXPIRED,
 * VOUCHER_NOT_USABLE. Of concurrent attempts exactly one wins (the row lock and the nonce's unique key).
 * It is admitVouchers with one admission; only the refusal is its own.
 */
export async function admitVoucher(
  tx: Tx,
  by: AuditActor,
  id: string,
  opts: { qr?: QrPayload | undefined; reason: string; asOf: Date; alsoRecord?: audit.AuditInput | undefined },
): Promise<Voucher> {
  if (!isUuid(id)) throw notFound('voucher', 'voucherId');
  if (opts.qr && opts.qr.voucherId.toLowerCase() !== id.toLowerCase()) throw new AppError('QR_TOKEN_INVALID', 'token is for another voucher', 'token');
  const moved = await admitVouchers(tx, [{ by, id, qr: opts.qr, reason: opts.reason, alsoRecord: opts.alsoRecord }], opts.asOf);
  if (moved) return moved[0]!;
  // Nothing moved (the statement wrote nothing): say why, in the order the checks apply.
  if (opts.qr && (await tx.query('SELECT 1 FROM voucher_qr_nonces WHERE nonce = $1', [opts.qr.nonce])).rows.length)
    throw new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
  const cur = await getVoucher(tx, id);
  if (!cur) throw notFound('voucher', 'voucherId');
  const today = shanghaiDate(opts.asOf);
  if (cur.status === 'issued' && cur.validUntil < today)
    throw new AppError('VOUCHER_EXPIRED', `the voucher was valid until ${cur.validUntil}`, 'voucherId', {
      voucherStatus: cur.status,
      validUntil: cur.validUntil,
    });
  throw new AppError('VOUCHER_NOT_USABLE', `a ${cur.kind} voucher in state ${cur.status} cannot become admitted`, 'voucherId', { voucherStatus: cur.status });
}

/**
 * Several admissions' moves at once (admissions coalesced by the training service): for each, what
 * admitVoucher does, in one statement for all of them, and every audit entry (the vouchers' and the callers')
 * in one round trip. All or nothing: null when any of them cannot move — the caller then rolls back and takes
 * them one by one, so each gets its own refusal.
 */
export async function admitVouchers(
  tx: Tx,
  items: ReadonlyArray<{ by: AuditActor; id: string; qr?: QrPayload | undefined; reason: string; alsoRecord?: audit.AuditInput | undefined }>,
  asOf: Date,
): Promise<Voucher[] | null> {
  if (items.some((it) => !isUuid(it.id) || (it.qr && it.qr.voucherId.toLowerCase() !== it.id.toLowerCase()))) return null;
  const t = ADMIT_TRANSITION;
  const { rows } = await tx.query<VoucherRow>(
    `WITH k AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::uuid[], $5::text[], $6::text[]) AS k(id, nonce, exp, by_id, by_role, reason)),
     n AS (
       INSERT INTO voucher_qr_nonces (nonce, voucher_id, expires_at)
       SELECT nonce, id, to_timestamp(exp) FROM k WHERE nonce IS NOT NULL
       ON CONFLICT (nonce) DO NOTHING RETURNING nonce),
     s AS (
       UPDATE voucher_states s SET status = $8, status_changed_at = now() FROM k
        WHERE s.voucher_id = k.id AND s.status = $7 AND s.kind = ANY($9::text[]) AND s.valid_until >= $10::date
          AND (k.nonce IS NULL OR k.nonce IN (SELECT nonce FROM n))
       RETURNING s.voucher_id, s.status, s.status_changed_at, s.expiry_pass_id, k.by_id AS k_by_id, k.by_role AS k_by_role, k.reason AS k_reason),
     e AS (
       INSERT INTO voucher_events (voucher_id, from_status, to_status, actor_id, actor_role, reason)
       SELECT voucher_id, $7, $8, k_by_id, k_by_role, k_reason FROM s)
     SELECT r.*, s.status, s.status_changed_at, s.expiry_pass_id FROM s JOIN voucher_records r ON r.id = s.voucher_id`,
    [
      items.map((it) => it.id.toLowerCase()),
      items.map((it) => it.qr?.nonce ?? null),
      items.map((it) => it.qr?.exp ?? null),
      items.map((it) => it.by.accountId),
      items.map((it) => it.by.role),
      items.map((it) => it.reason),
      t.from,
      t.to,
      t.kinds,
      shanghaiDate(asOf),
    ],
  );
  if (rows.length !== items.length) return null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = items.map((it) => byId.get(it.id.toLowerCase()));
  if (out.some((r) => !r)) return null;
  await audit.recordMany(
    tx,
    items[0]!.by,
    items.flatMap((it, i) => {
      const row = out[i]!;
      return [
        {
          actor: it.by,
          action: 'voucher.admitted',
          entityType: 'voucher',
          entityId: row.id,
          districtCode: row.district_code,
          detail: { number: row.number, from: t.from, to: t.to, reason: it.reason },
        },
        ...(it.alsoRecord ? [{ ...it.alsoRecord, actor: it.by }] : []),
      ];
    }),
  );
  return out.map((r) => toVoucher(r!));
}

/**
 * Verify's read of a checked token: its voucher, and whether its nonce was already consumed by an admission —
 * one query.
 */
export async function getTokenVoucher(q: Queryable, qr: QrPayload): Promise<{ voucher: Voucher | null; nonceUsed: boolean }> {
  const r = await tokenVoucher(q, { id: qr.voucherId.toLowerCase(), nonce: qr.nonce });
  return { voucher: r ? toVoucher(r) : null, nonceUsed: r?.qr_nonce_used ?? false };
}

/** Concurrent verifies share one query (src/db/batch.ts). */
const tokenVoucher = batchedRead<{ id: string; nonce: string }, VoucherRow & { qr_nonce_used: boolean; k: string }>(
  async (q, keys) => {
    const { rows } = await q.query<VoucherRow & { qr_nonce_used: boolean; k: string }>(
      `SELECT v.*, EXISTS (SELECT 1 FROM voucher_qr_nonces n WHERE n.nonce = k.nonce) AS qr_nonce_used, k.id::text || ' ' || k.nonce AS k
         FROM unnest($1::uuid[], $2::text[]) AS k(id, nonce) JOIN vouchers v ON v.id = k.id`,
      [keys.map((k) => k.id), keys.map((k) => k.nonce)],
    );
    return inKeyOrder(
      keys,
      rows,
      (k) => `${k.id} ${k.nonce}`,
      (r) => r.k,
    );
  },
  (k) => `${k.id} ${k.nonce}`,
);

/**
 * Admission single use: consumes the token's nonce in the caller's transaction. A second use of the same
 * token → QR_TOKEN_REPLAYED. Returns the verified payload.
 */
export async function consumeQrNonce(tx: Tx, token: string, opts: { expectVoucherId?: string } = {}): Promise<QrPayload> {
  const p = await verifyQr(token, opts);
  const { rows } = await tx.query(
    'INSERT INTO voucher_qr_nonces (nonce, voucher_id, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT (nonce) DO NOTHING RETURNING nonce',
    [p.nonce, p.voucherId, p.exp],
  );
  if (rows.length === 0) throw new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
  return p;
}
