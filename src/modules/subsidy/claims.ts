/**
 * Claims (核验): created when a pass is recorded; eligibility as named rules; approved automatically when
 * every rule passes (budget reserved, voucher → approved, public notice 公示 published) or put in review
 * with the failed rules listed; reviewers decide with an opinion; objections hold a claim for review;
 * a failed payment is re-queued once the payee's account is corrected (支付失败再申请).
 */
import type { Queryable, Tx } from '../../db/index.js';
import { lockKey } from '../../db/index.js';
import { decrypt, encrypt } from '../../lib/crypto.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid, maskCard, maskName } from '../../lib/identifiers.js';
import * as audit from '../audit/service.js';
import type { AuditActor } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import type { Actor } from '../identity/actor.js';
import * as orgs from '../orgs/service.js';
import * as persons from '../persons/service.js';
import * as vouchers from '../vouchers/service.js';
import * as ledger from './ledger.js';
import {
  apprenticeshipCoverage,
  apprenticeshipMonths,
  canMoveClaim,
  checkEligibility,
  claimAmount,
  failedRules,
  noticeEnded,
  noticePeriod,
  payeeKey,
  resolvePayee,
  shanghaiDate,
  type ApprenticeshipFacts,
  type CalendarDay,
  type ClaimState,
  type PayeeCandidate,
  type RuleResult,
} from './rules.js';

export const NOTICE_WORKING_DAYS = Number(process.env.SUBSIDY_NOTICE_DAYS ?? 5);
/** DESIGN §4: the apprenticeship subsidy runs at most 2 years when the programme sets no cap of its own. */
export const APPRENTICESHIP_DEFAULT_CAP_YEARS = 2;
const STUDENT_CATEGORIES = ['college_graduating', 'secondary_vocational_graduating'];

export interface ClaimRow {
  id: string;
  number: string;
  voucher_id: string;
  result_id: string | null;
  person_id: string;
  programme_id: string;
  district_code: string | null;
  year: number;
  occupation_code: string;
  level: number;
  provider_id: string | null;
  class_id: string | null;
  standard_fen: number;
  uplift_pct: number;
  ratio_pct: number;
  fee_fen: number;
  amount_fen: number;
  status: ClaimState;
  rules: RuleResult[];
  payee_kind: 'person' | 'provider' | 'enterprise';
  payee_id: string | null;
  payee_key: string;
  payee_name: string | null;
  payee_account_enc: string | null;
  payee_account_last4: string | null;
  payee_bank: string | null;
  budget_account_id: string | null;
  notice_published_at: Date | null;
  notice_last_day: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  opinion: string | null;
  fail_reason: string | null;
  attempt: number;
  voucher_settled: boolean;
  /** Apprenticeship claims: the months of the training period subsidised (null for other programmes). */
  apprenticeship_months: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface ClaimView {
  id: string;
  number: string;
  voucherId: string;
  personId: string;
  programmeId: string;
  districtCode: string | null;
  year: number;
  occupationCode: string;
  level: number;
  standardFen: number;
  upliftPct: number;
  ratioPct: number;
  feeFen: number;
  amountFen: number;
  /** Apprenticeship: the standard is per year and the amount covers these months; null otherwise. */
  apprenticeshipMonths: number | null;
  status: ClaimState;
  rules: RuleResult[];
  failedRules: string[];
  payee: { kind: string; name: string | null; accountMasked: string | null; bankName: string | null };
  notice: { publishedAt: string | null; lastDay: string | null; ended: boolean };
  decision: { by: string | null; at: string | null; opinion: string | null };
  failReason: string | null;
  attempt: number;
  createdAt: string;
}

export function presentClaim(r: ClaimRow, now = new Date()): ClaimView {
  return {
    id: r.id,
    number: r.number,
    voucherId: r.voucher_id,
    personId: r.person_id,
    programmeId: r.programme_id,
    districtCode: r.district_code,
    year: r.year,
    occupationCode: r.occupation_code,
    level: r.level,
    standardFen: r.standard_fen,
    upliftPct: r.uplift_pct,
    ratioPct: r.ratio_pct,
    feeFen: r.fee_fen,
    amountFen: r.amount_fen,
    apprenticeshipMonths: r.apprenticeship_months,
    status: r.status,
    rules: r.rules,
    failedRules: failedRules(r.rules).map((x) => x.rule),
    payee: {
      kind: r.payee_kind,
      name: r.payee_name,
      accountMasked: r.payee_account_last4 ? maskCard(`00000000${r.payee_account_last4}`) : null,
      bankName: r.payee_bank,
    },
    notice: {
      publishedAt: r.notice_published_at?.toISOString() ?? null,
      lastDay: r.notice_last_day,
      ended: r.notice_last_day !== null && noticeEnded(r.notice_last_day, now),
    },
    decision: { by: r.decided_by, at: r.decided_at?.toISOString() ?? null, opinion: r.opinion },
    failReason: r.fail_reason,
    attempt: r.attempt,
    createdAt: r.created_at.toISOString(),
  };
}

async function calendar(q: Queryable): Promise<CalendarDay[]> {
  const { rows } = await q.query<CalendarDay>("SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM subsidy_calendar");
  return rows;
}

async function event(tx: Tx, by: AuditActor, claimId: string, from: ClaimState | null, to: ClaimState, reason: string | null): Promise<void> {
  await tx.query('INSERT INTO claim_events (claim_id, from_status, to_status, actor_id, actor_role, reason) VALUES ($1,$2,$3,$4,$5,$6)', [
    claimId,
    from,
    to,
    by.accountId,
    by.role,
    reason,
  ]);
}

/** Conditional state change + event row (the caller writes the audit entry). */
async function move(tx: Tx, by: AuditActor, c: ClaimRow, to: ClaimState, reason: string | null, set: Record<string, unknown> = {}): Promise<ClaimRow> {
  if (!canMoveClaim(c.status, to)) throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} cannot become ${to}`, 'status', { state: c.status });
  const cols = Object.keys(set);
  const sets = cols.map((k, i) => `${k} = $${i + 4}`).join(', ');
  const { rows } = await tx.query<ClaimRow>(
    `UPDATE subsidy_claims SET status = $2, updated_at = now()${sets ? `, ${sets}` : ''} WHERE id = $1 AND status = $3 RETURNING *`,
    [c.id, to, c.status, ...cols.map((k) => set[k])],
  );
  if (!rows[0]) throw new AppError('CLAIM_STATE_INVALID', 'the claim changed meanwhile; reload it', 'status');
  await event(tx, by, c.id, c.status, to, reason);
  return rows[0];
}

async function publishNotice(tx: Tx, c: ClaimRow, now: Date): Promise<Record<string, unknown>> {
  const p = noticePeriod(now, NOTICE_WORKING_DAYS, await calendar(tx));
  void c;
  return { notice_published_at: now, notice_last_day: p.lastDay };
}

// ------------------------------------------------------------------------------------------- creation

/** What the assessment (and training/attendance) side knows about the pass. */
export interface PassFacts {
  voucherId: string;
  resultId: string | null;
  passed: boolean;
  certificateNumber: string | null;
  level: number;
  assessedOn: string; // YYYY-MM-DD (Asia/Shanghai)
  providerId: string | null;
  classId: string | null;
  /** The course fee in fen; null when unknown (then the subsidy is not capped by it). */
  feeFen: number | null;
  /** null: unknown (the training module did not say) → the rule fails and a reviewer decides. */
  admissionOnTime: boolean | null;
  attendancePct: number | null;
  /** The class's first and last day (apprenticeship: the 学徒培训期 the subsidy covers); absent/null = unknown. */
  trainingStartOn?: string | null | undefined;
  trainingEndOn?: string | null | undefined;
}

async function payeeCandidates(
  q: Queryable,
  person: persons.Person,
  providerId: string | null,
): Promise<{ person: PayeeCandidate; provider: PayeeCandidate | null; enterprise: PayeeCandidate | null }> {
  const org = (o: orgs.Org | null, kind: 'provider' | 'enterprise'): PayeeCandidate | null =>
    o ? { kind, id: o.id, name: o.name, account: o.bankAccount, bankName: o.bankName } : null;
  return {
    person: { kind: 'person', id: person.id, name: person.name, account: person.bankAccount, bankName: person.bankName },
    provider: providerId ? org(await orgs.getOrg(q, providerId), 'provider') : null,
    enterprise: person.employerUscc ? org(await orgs.findOrgByUscc(q, person.employerUscc), 'enterprise') : null,
  };
}

/**
 * Creates the claim for a recorded pass (one per voucher: a repeat returns the existing claim). All rules
 * pass → approved (budget reserved, voucher → approved, notice published); otherwise in_review.
 */
export async function createClaimForPass(tx: Tx, by: AuditActor, f: PassFacts, now: Date = new Date()): Promise<ClaimRow> {
  const existing = await tx.query<ClaimRow>('SELECT * FROM subsidy_claims WHERE voucher_id = $1', [f.voucherId]);
  if (existing.rows[0]) return existing.rows[0];
  const v = await vouchers.getVoucher(tx, f.voucherId);
  if (!v) throw notFound('voucher', 'voucherId');
  if (!v.programmeId || !v.occupationCode) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the voucher names no programme and occupation', 'voucherId');
  const person = await persons.getPerson(tx, v.personId);
  if (!person) throw notFound('person');
  const programme = await catalog.getProgramme(tx, v.programmeId);
  if (!programme) throw notFound('programme');
  // one person's claims are decided one at a time (limits per person and year)
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(`claim-person:${person.id}`)]);

  let standardFen = 0;
  let upliftPct = 0;
  let ratioPct = 0;
  if (v.standardFen !== null && v.level === f.level) {
    standardFen = v.standardFen;
    upliftPct = v.upliftPct;
    ratioPct = v.ratioPct;
  } else {
    try {
      const quote = await catalog.quoteSubsidy(tx, {
        programmeId: programme.id,
        occupationCode: v.occupationCode,
        level: f.level,
        categories: person.categories,
      });
      standardFen = quote.standardFen;
      upliftPct = quote.upliftPct;
      ratioPct = v.kind === 'subsidy' ? v.ratioPct || quote.ratioPct : 0;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'STANDARD_MISSING') throw e;
    }
  }
  // 企业新型学徒制: the standard is per apprentice per year — paid for the months of the training period,
  // and for at most the programme's cap (default 2 years) over all of the person's apprenticeship claims
  let apprenticeship: ApprenticeshipFacts | null = null;
  let months: number | null = null;
  if (programme.type === 'apprenticeship') {
    const { rows: used } = await tx.query<{ months: number }>(
      `SELECT COALESCE(sum(apprenticeship_months), 0)::int AS months FROM subsidy_claims
        WHERE person_id = $1 AND voucher_id <> $2 AND apprenticeship_months IS NOT NULL AND status <> 'rejected'`,
      [person.id, v.id],
    );
    apprenticeship = {
      capYears: programme.apprenticeshipCapYears ?? APPRENTICESHIP_DEFAULT_CAP_YEARS,
      periodMonths: f.trainingStartOn && f.trainingEndOn ? apprenticeshipMonths(f.trainingStartOn, f.trainingEndOn) : null,
      priorMonths: used[0]!.months,
    };
    months = apprenticeshipCoverage(apprenticeship).subsidisedMonths;
  }
  // no course fee known → not capped by one (the uplifted standard at 100 %)
  const feeFen = f.feeFen ?? claimAmount({ standardFen, upliftPct, ratioPct: 100, feeFen: Number.MAX_SAFE_INTEGER, months });
  const amountFen = claimAmount({ standardFen, upliftPct, ratioPct, feeFen, months });
  const year = Number(f.assessedOn.slice(0, 4));
  const districtCode = v.districtCode ?? person.districtCode;

  const { rows: prior } = await tx.query<{ occupation_code: string; level: number; year: number }>(
    `SELECT occupation_code, level, year FROM subsidy_claims WHERE person_id = $1 AND voucher_id <> $2 AND status IN ('approved','held','in_batch','paid','failed')`,
    [person.id, v.id],
  );
  const payee = resolvePayee(programme.payee, await payeeCandidates(tx, person, f.providerId));
  const account = districtCode ? await ledger.lockAccount(tx, programme.id, districtCode, year, by.accountId) : null;
  const rules = checkEligibility({
    voucherKind: v.kind,
    admissionOnTime: f.admissionOnTime,
    attendancePct: f.attendancePct,
    attendanceThresholdPct: programme.attendanceThresholdPct,
    passed: f.passed,
    certificateNumber: f.certificateNumber,
    occupationCode: v.occupationCode,
    level: f.level,
    year,
    prior: prior.map((p) => ({ occupationCode: p.occupation_code, level: p.level, year: p.year })),
    isStudent: person.categories.some((c) => STUDENT_CATEGORIES.includes(c)),
    maxPerYear: programme.maxSubsidiesPerYear,
    maxPerYearStudent: programme.maxSubsidiesPerYearStudent,
    amountFen,
    payeeAccountKnown: !!payee.account,
    budgetAvailableFen: account ? account.availableFen : null,
    apprenticeship,
  });
  const allPass = failedRules(rules).length === 0;
  const { rows } = await tx.query<ClaimRow>(
    `INSERT INTO subsidy_claims (number, voucher_id, result_id, person_id, programme_id, district_code, year, occupation_code, level, provider_id, class_id,
        standard_fen, uplift_pct, ratio_pct, fee_fen, amount_fen, status, rules, payee_kind, payee_id, payee_key, payee_name, payee_account_enc,
        payee_account_last4, payee_bank, budget_account_id, apprenticeship_months)
     VALUES ('SC' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('subsidy_claim_serial')::text, 8, '0'),
        $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'in_review',$16::jsonb,$17,$18,$19,$20,$21,$22,$23,$24,$25)
     RETURNING *`,
    [
      v.id,
      f.resultId,
      person.id,
      programme.id,
      districtCode,
      year,
      v.occupationCode,
      f.level,
      f.providerId,
      f.classId,
      standardFen,
      upliftPct,
      ratioPct,
      feeFen,
      amountFen,
      JSON.stringify(rules),
      payee.kind,
      payee.id,
      payeeKey(payee),
      payee.name,
      payee.account ? encrypt(payee.account) : null,
      payee.account ? payee.account.slice(-4) : null,
      payee.bankName,
      account?.id ?? null,
      months,
    ],
  );
  let claim = rows[0]!;
  await event(
    tx,
    by,
    claim.id,
    null,
    'in_review',
    allPass
      ? null
      : failedRules(rules)
          .map((r) => r.rule)
          .join(','),
  );
  if (allPass) claim = await approveInTx(tx, by, claim, null, now);
  await audit.record(tx, by, {
    action: 'claim.create',
    entityType: 'subsidy_claim',
    entityId: claim.id,
    districtCode,
    detail: { number: claim.number, voucherId: v.id, amountFen, status: claim.status, failed: failedRules(rules).map((r) => r.rule) },
  });
  return claim;
}

/** in_review → approved: reserve the budget, voucher → approved, publish the notice. */
async function approveInTx(tx: Tx, by: AuditActor, c: ClaimRow, opinion: string | null, now: Date): Promise<ClaimRow> {
  if (!c.district_code) throw new AppError('BUDGET_EXHAUSTED', 'the claim has no district, so no budget applies', 'districtCode');
  const account = await ledger.lockAccount(tx, c.programme_id, c.district_code, c.year, by.accountId);
  if (!account) throw new AppError('BUDGET_EXHAUSTED', 'no budget is set for this programme, district and year');
  if (!c.payee_account_enc) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the payee has no bank account on file', 'payee');
  if (c.amount_fen <= 0) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the amount is zero', 'amountFen');
  await ledger.reserve(tx, account, c.id, c.amount_fen, by.accountId);
  await vouchers.transitionVoucher(tx, by, c.voucher_id, 'approved', { reason: `claim ${c.number}` });
  const notice = await publishNotice(tx, c, now);
  return move(tx, by, c, 'approved', opinion, {
    ...notice,
    budget_account_id: account.id,
    ...(by.accountId ? { decided_by: by.accountId, decided_at: now, opinion } : {}),
  });
}

// ------------------------------------------------------------------------------------------- review

async function claimFor(actor: Actor, q: Queryable, id: string, lock = false): Promise<ClaimRow> {
  if (!isUuid(id)) throw notFound('claim');
  const { rows } = await q.query<ClaimRow>(`SELECT * FROM subsidy_claims WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  const c = rows[0];
  if (!c) throw notFound('claim');
  if (actor.role === 'district_admin' && c.district_code !== actor.districtCode) throw notFound('claim');
  if (actor.role === 'worker' && c.person_id !== actor.personId) throw notFound('claim');
  if (['provider', 'enterprise', 'assessor', 'committee'].includes(actor.role)) throw notFound('claim');
  return c;
}

export async function getClaim(
  actor: Actor,
  q: Queryable,
  id: string,
): Promise<ClaimView & { events: Array<{ from: string | null; to: string; at: string; reason: string | null }> }> {
  const c = await claimFor(actor, q, id);
  const { rows } = await q.query<{ from_status: string | null; to_status: string; at: Date; reason: string | null }>(
    'SELECT from_status, to_status, at, reason FROM claim_events WHERE claim_id = $1 ORDER BY id',
    [id],
  );
  return { ...presentClaim(c), events: rows.map((e) => ({ from: e.from_status, to: e.to_status, at: e.at.toISOString(), reason: e.reason })) };
}

export interface ClaimFilter {
  status?: ClaimState | undefined;
  districtCode?: string | undefined;
  limit: number;
  offset: number;
}

export async function listClaims(actor: Actor, q: Queryable, f: ClaimFilter): Promise<{ total: number; items: ClaimView[] }> {
  if (!['city_admin', 'district_admin', 'finance', 'auditor', 'worker'].includes(actor.role)) throw new AppError('FORBIDDEN', 'not for this role');
  let district = f.districtCode ?? null;
  if (actor.role === 'district_admin') {
    if (district && district !== actor.districtCode) return { total: 0, items: [] };
    district = actor.districtCode;
  }
  const person = actor.role === 'worker' ? (actor.personId ?? '00000000-0000-0000-0000-000000000000') : null;
  const w = 'WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR district_code = $2) AND ($3::uuid IS NULL OR person_id = $3)';
  const params = [f.status ?? null, district, person];
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM subsidy_claims ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<ClaimRow>(`SELECT * FROM subsidy_claims ${w} ORDER BY created_at DESC, id LIMIT $4 OFFSET $5`, [...params, f.limit, f.offset]);
  return { total, items: rows.map((r) => presentClaim(r)) };
}

/**
 * A reviewer's decision (district admin of the claim's district, or city admin) with an opinion.
 * approve: in_review → approved (budget reserved; BUDGET_EXHAUSTED when short), or held → approved
 * (objection dismissed); reject: in_review/held/approved/failed → rejected (whatever is still reserved is
 * released) and the voucher is closed (assessed/approved → closed, the opinion as the reason).
 */
export async function decideClaim(
  actor: Actor,
  tx: Tx,
  id: string,
  input: { decision: 'approve' | 'reject'; opinion: string },
  now = new Date(),
): Promise<ClaimView> {
  if (actor.role !== 'district_admin' && actor.role !== 'city_admin') throw new AppError('FORBIDDEN', 'only reviewers decide claims');
  const c = await claimFor(actor, tx, id, true);
  const opinion = input.opinion.trim();
  if (!opinion) throw new AppError('VALIDATION_FAILED', 'an opinion is required', 'opinion');
  let out: ClaimRow;
  let released = 0;
  if (input.decision === 'approve') {
    if (c.status === 'in_review') out = await approveInTx(tx, actor, c, opinion, now);
    else if (c.status === 'held') {
      out = await move(tx, actor, c, 'approved', opinion, { decided_by: actor.accountId, decided_at: now, opinion });
      await tx.query(
        "UPDATE claim_objections SET status = 'dismissed', resolved_by = $2, resolved_at = now(), resolution = $3 WHERE claim_id = $1 AND status = 'open'",
        [c.id, actor.accountId, opinion],
      );
    } else throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} cannot be approved`, 'decision', { state: c.status });
  } else {
    out = await move(tx, actor, c, 'rejected', opinion, { decided_by: actor.accountId, decided_at: now, opinion });
    released = await ledger.release(tx, c.id, actor.accountId);
    // 核验不通过: no subsidy on this voucher, so it ends (assessed/approved → closed) with the reviewers' reason
    await vouchers.closeVoucherForRejectedClaim(tx, actor, c.voucher_id, `claim ${c.number} rejected: ${opinion}`);
    await tx.query(
      "UPDATE claim_objections SET status = 'upheld', resolved_by = $2, resolved_at = now(), resolution = $3 WHERE claim_id = $1 AND status = 'open'",
      [c.id, actor.accountId, opinion],
    );
  }
  await audit.record(tx, actor, {
    action: `claim.${input.decision}`,
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { number: c.number, from: c.status, to: out.status, opinion, ...(input.decision === 'reject' ? { releasedFen: released } : {}) },
  });
  return presentClaim(out, now);
}

// ------------------------------------------------------------------------------------- public notice

export interface NoticeItem {
  claimNumber: string;
  nameMasked: string;
  districtCode: string | null;
  occupationCode: string;
  level: number;
  amountFen: number;
  lastDay: string;
  status: 'approved' | 'held';
}

/** The public notice (公示): approved claims whose notice runs, masked. */
export async function listNotices(
  q: Queryable,
  f: { districtCode?: string | undefined; limit: number; offset: number },
  now = new Date(),
): Promise<{ total: number; items: NoticeItem[] }> {
  const today = shanghaiDate(now);
  const w = "WHERE status IN ('approved','held') AND notice_last_day >= $1::date AND ($2::text IS NULL OR district_code = $2)";
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM subsidy_claims ${w}`, [today, f.districtCode ?? null])).rows[0]!.n;
  const { rows } = await q.query<ClaimRow>(`SELECT * FROM subsidy_claims ${w} ORDER BY notice_last_day, number LIMIT $3 OFFSET $4`, [
    today,
    f.districtCode ?? null,
    f.limit,
    f.offset,
  ]);
  const items: NoticeItem[] = [];
  for (const r of rows) {
    const p = await persons.getPerson(q, r.person_id);
    items.push({
      claimNumber: r.number,
      nameMasked: p ? maskName(p.name) : '*',
      districtCode: r.district_code,
      occupationCode: r.occupation_code,
      level: r.level,
      amountFen: r.amount_fen,
      lastDay: r.notice_last_day!,
      status: r.status as 'approved' | 'held',
    });
  }
  return { total, items };
}

/** An objection (异议) during the notice: the claim is held for review. Anyone may object (public, rate-limited). */
export async function objectToClaim(
  by: AuditActor,
  tx: Tx,
  input: { claimNumber: string; text: string; contact?: string | undefined },
  now = new Date(),
): Promise<{ claimNumber: string; status: 'held' }> {
  const { rows } = await tx.query<ClaimRow>('SELECT * FROM subsidy_claims WHERE number = $1 FOR UPDATE', [input.claimNumber]);
  const c = rows[0];
  if (!c || !c.notice_last_day || !['approved', 'held'].includes(c.status) || noticeEnded(c.notice_last_day, now))
    throw notFound('claim under public notice', 'claimNumber');
  if (c.status === 'approved') await move(tx, by, c, 'held', 'objection');
  await tx.query('INSERT INTO claim_objections (claim_id, text, contact) VALUES ($1, $2, $3)', [
    c.id,
    input.text.trim(),
    input.contact ? encrypt(input.contact) : null,
  ]);
  await audit.record(tx, by, {
    action: 'claim.object',
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { number: c.number },
  });
  return { claimNumber: c.number, status: 'held' };
}

// ------------------------------------------------------------------------------------------- re-queue

/**
 * 支付失败再申请: a failed claim goes back to approved once its payee has a (corrected) account. The payee
 * is resolved again from the person / organisation records (where the account is corrected).
 */
export async function requeueClaim(actor: Actor, tx: Tx, id: string): Promise<ClaimView> {
  if (!['finance', 'city_admin', 'district_admin'].includes(actor.role)) throw new AppError('FORBIDDEN', 'not for this role');
  const c = await claimFor(actor, tx, id, true);
  if (c.status !== 'failed') throw new AppError('CLAIM_STATE_INVALID', `a claim in state ${c.status} cannot be re-queued`, 'status', { state: c.status });
  const person = await persons.getPerson(tx, c.person_id);
  if (!person) throw notFound('person');
  const programme = await catalog.getProgramme(tx, c.programme_id);
  const payee = resolvePayee(programme?.payee ?? c.payee_kind, await payeeCandidates(tx, person, c.provider_id));
  if (!payee.account) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the payee still has no bank account on file', 'payee');
  const oldAccount = c.payee_account_enc ? decrypt(c.payee_account_enc) : null;
  if (oldAccount === payee.account) throw new AppError('CLAIM_NOT_ELIGIBLE', 'the payee account has not been corrected since the failure', 'payee');
  const out = await move(tx, actor, c, 'approved', 'account corrected', {
    payee_kind: payee.kind,
    payee_id: payee.id,
    payee_key: payeeKey(payee),
    payee_name: payee.name,
    payee_account_enc: encrypt(payee.account),
    payee_account_last4: payee.account.slice(-4),
    payee_bank: payee.bankName,
    fail_reason: null,
  });
  await audit.record(tx, actor, {
    action: 'claim.requeue',
    entityType: 'subsidy_claim',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { number: c.number, attempt: c.attempt, accountLast4: payee.account.slice(-4) },
  });
  return presentClaim(out);
}

// ------------------------------------------------------------------------------------------- calendar

/** The working-day calendar used by the notice: holidays on weekdays and make-up working days (city admin). */
export async function setCalendarDay(
  actor: Actor,
  tx: Tx,
  input: { date: string; kind: 'holiday' | 'workday'; name: string },
): Promise<CalendarDay & { name: string }> {
  if (actor.role !== 'city_admin') throw new AppError('FORBIDDEN', 'only a city admin edits the calendar');
  await tx.query(
    'INSERT INTO subsidy_calendar (date, kind, name) VALUES ($1, $2, $3) ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name',
    [input.date, input.kind, input.name],
  );
  await audit.record(tx, actor, {
    action: 'subsidy.calendar.set',
    entityType: 'subsidy_calendar',
    entityId: input.date,
    detail: { kind: input.kind, name: input.name },
  });
  return { date: input.date, kind: input.kind, name: input.name };
}

export async function listCalendar(q: Queryable): Promise<Array<CalendarDay & { name: string }>> {
  const { rows } = await q.query<CalendarDay & { name: string }>("SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM subsidy_calendar ORDER BY date");
  return rows;
}
