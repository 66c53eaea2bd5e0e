/** The vouchers as callers see them: the presenter (holders masked), the officers' list and statistics, the worker's list, the detail with its events. */
import type { z } from 'zod';
import type { Queryable } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { maskId, maskName } from '../../lib/identifiers.js';
import { covers, districtScope, requireRole, type Actor } from '../identity/index.js';
import * as catalog from '../catalog/index.js';
import * as persons from '../persons/index.js';
import { VOUCHER_OFFICERS, voucherPlacement, voucherScope, workerPersonId } from './policy.js';
import { getVoucher, subsidyEstimateFen, toVoucher, type Voucher, type VoucherMode, type VoucherRow } from './records.js';
import { VOUCHER_STATES, type VoucherKind, type VoucherStatus } from './rules.js';
import type { IssuanceVouchersSchema, VoucherDetailSchema, VoucherStatsSchema, VoucherViewSchema } from './schemas.js';
import { scopedRow } from './issuance/model.js';

export type VoucherView = z.infer<typeof VoucherViewSchema>;
export type VoucherEventView = z.infer<typeof VoucherDetailSchema>['events'][number];

async function presenter(q: Queryable) {
  const programmes = new Map<string, catalog.Programme | null>();
  const occupations = new Map<string, string | null>();
  const holders = new Map<string, { name: string; idNumberMasked: string }>();
  return async (v: Voucher): Promise<VoucherView> => {
    let p: catalog.Programme | null = null;
    if (v.programmeId) {
      if (!programmes.has(v.programmeId)) programmes.set(v.programmeId, await catalog.getProgramme(q, v.programmeId));
      p = programmes.get(v.programmeId) ?? null;
    }
    if (v.occupationCode && !occupations.has(v.occupationCode))
      occupations.set(v.occupationCode, (await catalog.getOccupation(q, v.occupationCode))?.name ?? null);
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
      occupationName: v.occupationCode ? (occupations.get(v.occupationCode) ?? null) : null,
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
 * district (another district → 404); city admins and auditors see all. A subsidy voucher counts in the
 * district that issued it; a check-in-only voucher admitted to a class counts where its training takes
 * place (the class's district), one never admitted in its holder's district.
 */
export async function voucherStats(
  actor: Actor,
  q: Queryable,
  f: { districtCode?: string | undefined; programmeId?: string | undefined },
): Promise<z.infer<typeof VoucherStatsSchema>> {
  requireRole(actor, VOUCHER_OFFICERS, 'only admins and auditors see statistics');
  const district = districtScope(actor, f.districtCode);
  const { rows } = await q.query<{ district_code: string | null; programme_id: string | null; status: string; n: number }>(
    `SELECT coalesce(t.district_code, v.district_code) AS district_code, v.programme_id::text AS programme_id, v.status, count(*)::int AS n
       FROM vouchers v LEFT JOIN voucher_training_districts t ON t.voucher_id = v.id AND v.kind = 'checkin_only'
      WHERE ($1::text IS NULL OR coalesce(t.district_code, v.district_code) = $1) AND ($2::uuid IS NULL OR v.programme_id = $2)
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

export interface VoucherFilter {
  /** The voucher number, by its start. */
  q?: string | undefined;
  status?: VoucherStatus | undefined;
  kind?: VoucherKind | undefined;
  mode?: VoucherMode | undefined;
  programmeId?: string | undefined;
  districtCode?: string | undefined;
  /** Issue dates (Asia/Shanghai), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * The officers' voucher list: newest first, holders masked (the presenter), a district admin their district
 * (another district → 404, as the statistics).
 */
export async function listVouchers(actor: Actor, q: Queryable, f: VoucherFilter): Promise<{ total: number; items: VoucherView[] }> {
  requireRole(actor, VOUCHER_OFFICERS, 'only admins and auditors list vouchers');
  const district = districtScope(actor, f.districtCode);
  const term = f.q?.trim()
    ? `${f.q
        .trim()
        .toUpperCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    : null;
  const w = `WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR number LIKE $2) AND ($3::text IS NULL OR status = $3)
               AND ($4::text IS NULL OR kind = $4) AND ($5::text IS NULL OR mode = $5) AND ($6::uuid IS NULL OR programme_id = $6)
               AND ($7::date IS NULL OR issued_at >= ($7::date)::timestamp AT TIME ZONE 'Asia/Shanghai')
               AND ($8::date IS NULL OR issued_at < ($8::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const params = [district, term, f.status ?? null, f.kind ?? null, f.mode ?? null, f.programmeId ?? null, f.from ?? null, f.to ?? null];
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM vouchers ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<VoucherRow>(`SELECT * FROM vouchers ${w} ORDER BY issued_at DESC, id DESC LIMIT $9 OFFSET $10`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total, items: await presentVouchers(q, rows.map(toVoucher)) };
}

/**
 * The vouchers one issuance gave out (定制发放's 发放名单: who got one and where each stands), holders masked,
 * newest first, with the count in each state over the whole batch; whoever reaches the issuance reads them
 * (its enterprise or provider, the admins of its scope, auditors), anyone else 404 as the issuance itself.
 */
export async function listIssuanceVouchers(
  actor: Actor,
  q: Queryable,
  issuanceId: string,
  f: { status?: VoucherStatus | undefined; limit: number; offset: number },
): Promise<z.infer<typeof IssuanceVouchersSchema>> {
  await scopedRow(actor, q, issuanceId);
  const counts = await q.query<{ status: VoucherStatus; n: number }>('SELECT status, count(*)::int AS n FROM vouchers WHERE issuance_id = $1 GROUP BY status', [
    issuanceId,
  ]);
  const byStatus: Record<string, number> = {};
  for (const r of counts.rows) byStatus[r.status] = r.n;
  const total = f.status ? (byStatus[f.status] ?? 0) : counts.rows.reduce((n, r) => n + r.n, 0);
  const { rows } = await q.query<VoucherRow>(
    `SELECT * FROM vouchers WHERE issuance_id = $1 AND ($2::text IS NULL OR status = $2)
      ORDER BY issued_at DESC, number DESC LIMIT $3 OFFSET $4`,
    [issuanceId, f.status ?? null, f.limit, f.offset],
  );
  return { total, byStatus, items: await presentVouchers(q, rows.map(toVoucher)) };
}

/** The worker's own vouchers, newest first (expired ones included: the worker sees the void). */
export async function listMyVouchers(actor: Actor, q: Queryable): Promise<VoucherView[]> {
  const personId = workerPersonId(actor, 'only a worker has vouchers');
  const { rows } = await q.query<VoucherRow>('SELECT * FROM vouchers WHERE person_id = $1 ORDER BY issued_at DESC, number DESC LIMIT 500', [personId]);
  return presentVouchers(q, rows.map(toVoucher));
}

/** A voucher a caller may read: its holder, or an admin/auditor of its scope; else 404. */
async function readableVoucher(actor: Actor, q: Queryable, id: string): Promise<Voucher> {
  const v = await getVoucher(q, id);
  if (!v || !covers(voucherScope(actor), voucherPlacement(v))) throw notFound('voucher');
  return v;
}

export async function getVoucherDetail(actor: Actor, q: Queryable, id: string): Promise<VoucherView & { events: VoucherEventView[] }> {
  const v = await readableVoucher(actor, q, id);
  const [view] = await presentVouchers(q, [v]);
  return { ...view!, events: await eventsOfVoucher(q, v) };
}

/** A voucher's history: its issue, its own event rows, and the expiry pass that voided it (one event row for the whole pass). The caller checks the scope. */
export async function eventsOfVoucher(q: Queryable, v: Voucher): Promise<VoucherEventView[]> {
  const { rows } = await q.query<{ from_status: VoucherStatus | null; to_status: VoucherStatus; actor_role: string; reason: string | null; at: Date }>(
    `SELECT from_status, to_status, actor_role, reason, at FROM (
       SELECT from_status, to_status, actor_role, reason, at, id AS seq FROM voucher_events WHERE voucher_id = $1
       UNION ALL
       SELECT 'issued', 'expired', p.actor_role, 'validity passed (valid_until < ' || to_char(p.cutoff, 'YYYY-MM-DD') || ', expiry pass ' || p.id || ')', s.status_changed_at, NULL
         FROM voucher_states s JOIN voucher_expiry_passes p ON p.id = s.expiry_pass_id WHERE s.voucher_id = $1) e
     ORDER BY at, seq NULLS LAST`,
    [v.id],
  );
  return [
    { from: null, to: 'issued', actorRole: v.mode === 'on_demand' ? 'worker' : 'system', reason: `issued (${v.mode})`, at: v.issuedAt.toISOString() },
    ...rows.map((r) => ({ from: r.from_status, to: r.to_status, actorRole: r.actor_role, reason: r.reason, at: r.at.toISOString() })),
  ];
}
