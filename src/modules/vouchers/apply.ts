/** Issuing one voucher: the INSERT shared with on-demand application (申领), and the application itself. */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as catalog from '../catalog/index.js';
import * as messages from '../messages/index.js';
import * as persons from '../persons/index.js';
import { workerPersonId } from './policy.js';
import { subsidyEstimateFen, toVoucher, type Voucher, type VoucherMode, type VoucherRow } from './records.js';
import { CATEGORY_VALID_MONTHS, OPEN_STATES, numberDistrict, shanghaiDate, shanghaiYymm, validThrough, validityFor, type VoucherKind } from './rules.js';
import type { ApplyExplanationSchema } from './schemas.js';

const OPEN = [...OPEN_STATES];

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

/**
 * Inserts one voucher; null when a uniqueness rule (one open subsidy voucher per programme) refuses it. `issuedAt`:
 * the instant of issue when the caller acts at a given time (a back-dated world); else the database's now, as every
 * other row of the request's transaction.
 */
export async function insertVoucher(tx: Tx, v: NewVoucher, now: Date = clockNow(), issuedAt: Date | null = null): Promise<Voucher | null> {
  const { rows } = await tx.query<VoucherRow>(
    // The state first: the one-open rule lives on voucher_states, and a refused state leaves no record behind.
    `WITH s AS (
       INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until, status_changed_at)
       VALUES (sv_uuid7(), $3, $5, $4, $17, coalesce($18::timestamptz, now()))
       ON CONFLICT DO NOTHING RETURNING status, status_changed_at, expiry_pass_id, voucher_id),
     r AS (
       INSERT INTO voucher_records (id, number, person_id, kind, programme_id, occupation_code, level, mode, issuance_id, district_code,
          ratio_pct, standard_fen, uplift_pct, category, category_valid_until, valid_from, valid_until, issued_at)
       SELECT s.voucher_id, sv_voucher_number($1, $2, nextval('voucher_serial')), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, coalesce($18::timestamptz, now())
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
      issuedAt,
    ],
  );
  const row = rows[0];
  if (!row) return null;
  const at = row.issued_at;
  await analytics.recordVoucherFacts(tx, [
    { metric: 'issued', voucherId: row.id, at },
    ...(row.mode === 'on_demand' ? [{ metric: 'applied' as const, voucherId: row.id, at }] : []),
  ]);
  return toVoucher(row);
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
  /**
   * The reason as facts a screen can put in words (zh-CN or English) without naming the person's category:
   * the programme and its figures for a subsidy voucher; for a check-in-only voucher, why each programme did not apply.
   */
  explanation: ApplyExplanation;
}

export type ApplyExplanation = z.infer<typeof ApplyExplanationSchema>;
export type ApplyCause = ApplyExplanation['causes'][number]['cause'];

/** The programmes the application is weighed against: the one named (open), or every open on-demand programme. */
async function candidateProgrammes(tx: Tx, programmeId: string | undefined): Promise<catalog.Programme[]> {
  if (!programmeId) return (await catalog.listProgrammes(tx, { status: 'open' })).filter((p) => ON_DEMAND_TYPES.includes(p.type));
  const p = await catalog.getProgramme(tx, programmeId);
  if (!p) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', 'programmeId');
  if (p.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `programme ${p.code} is closed`, 'programmeId');
  return [p];
}

type Quoted = { p: catalog.Programme; quote: catalog.SubsidyQuote; estimate: number };

/** One programme weighed for the person: its quote, or why it does not apply. */
async function weigh(
  tx: Tx,
  person: persons.Person,
  occupationCode: string,
  level: number,
  p: catalog.Programme,
): Promise<Quoted | { cause: ApplyCause; why: string }> {
  const matching = person.categories.filter((c) => p.eligibleCategories.includes(c));
  if (matching.length === 0)
    return { cause: 'category_not_eligible', why: `${p.code}: none of your categories (${person.categories.join(', ') || 'none'}) is eligible` };
  let quote: catalog.SubsidyQuote;
  try {
    quote = await catalog.quoteSubsidy(tx, { programmeId: p.id, occupationCode, level, categories: person.categories });
  } catch (e) {
    if (e instanceof AppError && e.code === 'STANDARD_MISSING')
      return { cause: 'no_standard', why: `${p.code}: no subsidy standard for ${occupationCode} level ${level}` };
    throw e;
  }
  if (quote.category === null || quote.ratioPct === 0)
    return { cause: 'no_ratio', why: `${p.code}: no subsidy ratio applies to your categories at level ${level}` };
  if (await holdsOpenSubsidyVoucher(tx, person.id, p.id))
    return { cause: 'holds_open_voucher', why: `${p.code}: you already hold an open voucher of this programme` };
  const estimate = subsidyEstimateFen({ kind: 'subsidy', standardFen: quote.standardFen, upliftPct: quote.upliftPct, ratioPct: quote.ratioPct }) ?? 0;
  return { p, quote, estimate };
}

/** The best programme (highest estimate), and why the others did not apply. */
export async function pickProgramme(
  tx: Tx,
  person: persons.Person,
  occupationCode: string,
  level: number,
  candidates: catalog.Programme[],
): Promise<{ best: Quoted | null; limited: catalog.Programme | null; why: string[]; causes: ApplyExplanation['causes'] }> {
  const why: string[] = [];
  const causes: ApplyExplanation['causes'] = [];
  let best: Quoted | null = null;
  let limited: catalog.Programme | null = null;
  for (const p of candidates) {
    const w = await weigh(tx, person, occupationCode, level, p);
    if ('cause' in w) {
      if (w.cause === 'holds_open_voucher') limited = p;
      why.push(w.why);
      causes.push({ programmeName: p.name, cause: w.cause });
    } else if (!best || w.estimate > best.estimate) best = w;
  }
  return { best, limited, why, causes };
}

export type VoucherBase = Pick<NewVoucher, 'personId' | 'occupationCode' | 'level' | 'mode' | 'issuanceId' | 'districtCode' | 'categoryValidUntil'>;

/** A subsidy voucher of the best programme, with the reason in words and as facts. */
export async function issueSubsidy(
  tx: Tx,
  base: VoucherBase,
  best: Quoted,
  now: Date,
  issuedAt: Date | null = null,
): Promise<{ voucher: Voucher; reason: string; explanation: ApplyExplanation }> {
  const { validFrom, validUntil } = validityFor(now, best.p.validityMonths);
  const q = best.quote;
  const voucher = await insertVoucher(
    tx,
    {
      ...base,
      kind: 'subsidy',
      programmeId: best.p.id,
      ratioPct: q.ratioPct,
      standardFen: q.standardFen,
      upliftPct: q.upliftPct,
      category: q.category,
      validFrom,
      validUntil,
    },
    now,
    issuedAt,
  );
  if (!voucher) throw new AppError('VOUCHER_LIMIT_REACHED', `you already hold an open subsidy voucher of ${best.p.code}`, 'programmeId');
  const reason = `subsidy voucher of ${best.p.code} (${best.p.name}): category ${q.category} gives ${q.ratioPct} % of ${q.standardFen} fen${
    q.upliftPct ? ` + ${q.upliftPct} % shortage uplift` : ''
  }`;
  const explanation: ApplyExplanation = {
    kind: 'subsidy',
    programmeName: best.p.name,
    ratioPct: q.ratioPct,
    standardFen: q.standardFen,
    upliftPct: q.upliftPct,
    causes: [],
  };
  return { voucher, reason, explanation };
}

/** A check-in-only voucher when no subsidy rule matches, saying why. */
async function issueCheckinOnly(
  tx: Tx,
  base: VoucherBase,
  why: string[],
  causes: ApplyExplanation['causes'],
  now: Date,
  issuedAt: Date | null,
): Promise<{ voucher: Voucher; reason: string; explanation: ApplyExplanation }> {
  const { validFrom, validUntil } = validityFor(now, CATEGORY_VALID_MONTHS);
  const voucher = await insertVoucher(
    tx,
    { ...base, kind: 'checkin_only', programmeId: null, ratioPct: 0, standardFen: null, upliftPct: 0, category: null, validFrom, validUntil },
    now,
    issuedAt,
  );
  if (!voucher) throw new AppError('CONFLICT', 'the voucher could not be issued; try again');
  const reason = `check-in-only voucher: no subsidy rule matches (${why.join('; ') || 'no open programme accepts on-demand applications'})`;
  const explanation: ApplyExplanation = {
    kind: 'checkin_only',
    programmeName: null,
    ratioPct: 0,
    standardFen: null,
    upliftPct: 0,
    causes: causes.length ? causes : [{ programmeName: null, cause: 'no_open_programme' }],
  };
  return { voucher, reason, explanation };
}

/**
 * 申领: the worker names occupation and level; the service picks the programme whose subsidy their
 * categories earn (highest estimated subsidy among open on-demand programmes), snapshots the category
 * (valid 3 months) and issues a subsidy voucher — or a check-in-only voucher when no subsidy rule matches,
 * saying why. One open subsidy voucher per programme per person (VOUCHER_LIMIT_REACHED). `at`: the instant of the
 * application when the caller acts at a given time (the demo world's back-dated classes): its day for the validity,
 * its time for the issue; without it, today and the database's now.
 */
export async function applyForVoucher(actor: Actor, tx: Tx, input: ApplyInput, at?: Date): Promise<ApplyResult> {
  const now = at ?? clockNow();
  const person = await persons.getPerson(tx, workerPersonId(actor, 'only a signed-in worker applies for a voucher'));
  if (!person) throw notFound('person');
  const occ = await catalog.getOccupation(tx, input.occupationCode);
  if (!occ) throw new AppError('OCCUPATION_UNKNOWN', `no occupation ${input.occupationCode}`, 'occupationCode');
  if (!Number.isInteger(input.level) || input.level < 0 || input.level > 5) throw new AppError('VALIDATION_FAILED', 'level must be 0..5', 'level');

  const candidates = await candidateProgrammes(tx, input.programmeId);
  const { best, limited, why, causes } = await pickProgramme(tx, person, occ.code, input.level, candidates);
  if (!best && limited)
    throw new AppError('VOUCHER_LIMIT_REACHED', `you already hold an open subsidy voucher of ${limited.code}`, 'programmeId', { programmeId: limited.id });

  const base: VoucherBase = {
    personId: person.id,
    occupationCode: occ.code,
    level: input.level,
    mode: 'on_demand',
    issuanceId: null,
    districtCode: person.districtCode,
    categoryValidUntil: validThrough(shanghaiDate(now), CATEGORY_VALID_MONTHS),
  };
  const { voucher, reason, explanation } = best
    ? await issueSubsidy(tx, base, best, now, at ?? null)
    : await issueCheckinOnly(tx, base, why, causes, now, at ?? null);
  await audit.record(tx, actor, {
    action: 'voucher.issue',
    entityType: 'voucher',
    entityId: voucher.id,
    districtCode: voucher.districtCode,
    detail: { number: voucher.number, mode: 'on_demand', kind: voucher.kind, programmeId: voucher.programmeId, category: voucher.category },
  });
  await messages.notify(tx, {
    event: 'voucher.issued',
    key: voucher.id,
    personId: person.id,
    vars: { voucherNo: voucher.number, validThrough: voucher.validUntil },
    link: `/vouchers/${voucher.id}`,
  });
  return { voucher, reason, explanation };
}
