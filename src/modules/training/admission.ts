/**
 * Admission (补贴学员录取): the reads and the rule first (planAdmission, decided once by rules.ts
 * `decideAdmission`), then the writes — alone in the caller's transaction (admit), or coalesced with those
 * arriving together into one transaction (admitNow → admissionBatch → writeAdmissions).
 */
import { asError, coalescedWrite, isConcurrencyConflict } from '../../db/batch.js';
import { DbUnavailableError, type Db, type Queryable, type Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as messages from '../messages/index.js';
import * as vouchers from '../vouchers/index.js';
import { activeProvider } from './approvals.js';
import { admissionFacts, classFacts, reasonError, type ClassFacts } from './facts.js';
import { assertOwn, requireProvider } from './policy.js';
import { isUniqueViolation, toAdmission, type Admission, type AdmissionRow, type TrainingClass } from './rows.js';
import { DECIDED_BY_WRITES, decideAdmission, writtenRefusal } from './rules.js';
import { holderOf, type VoucherCredential } from './verify.js';

/**
 * The vouchers service's refusals carry the voucher's state as `extra.status`, which the problem mapper would
 * take for the HTTP status: re-raised with it as `voucherStatus`.
 */
export function asVoucherRefusal(e: unknown): unknown {
  if (e instanceof AppError && e.extra && 'status' in e.extra) {
    const { status, ...rest } = e.extra;
    return new AppError(e.code, e.message, e.field, { ...rest, voucherStatus: status }, e.issues);
  }
  return e;
}

/** What an admission decides on, read before its transaction (a write re-checks what can change atomically). */
interface AdmissionPlan {
  cls: TrainingClass;
  voucher: vouchers.Voucher;
  qr: vouchers.QrPayload | null;
  via: 'qr' | 'number';
}

/**
 * The reads of an admission — the provider (fresh, never cached), the voucher (from the verified token, or by
 * number + the holder's ID number) and the class facts — and the rules that need nothing else. Outside a
 * transaction these reads are coalesced with concurrent requests' (src/db/batch.ts). Refusals come in a fixed
 * order: provider, voucher, class.
 */
async function planAdmission(actor: Actor, q: Queryable, classId: string, cred: VoucherCredential, now: Date): Promise<AdmissionPlan> {
  const providerId = requireProvider(actor);
  if (!isUuid(classId)) throw notFound('class', 'id');
  const qr = 'token' in cred ? await vouchers.verifyQrToken(cred.token) : null;
  // By number, the class facts are read beside the holder (both need only the voucher's id), not after.
  const numbered = 'voucherNumber' in cred ? cred : null;
  const byNumber = numbered ? vouchers.findVoucherByNumber(q, numbered.voucherNumber) : null;
  const [provider, voucher, facts] = await Promise.allSettled([
    activeProvider(q, providerId),
    qr
      ? vouchers.getTokenVoucher(q, qr).then((tv) => {
          if (!tv.voucher) throw new AppError('QR_TOKEN_INVALID', 'the token names no voucher', 'token');
          if (tv.nonceUsed) throw new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
          return tv.voucher;
        })
      : byNumber!.then((v) => holderOf(q, v, numbered!.idNumber)).then((h) => h.voucher),
    qr ? classFacts(q, classId, qr.voucherId) : byNumber!.then((v) => (v ? classFacts(q, classId, v.id) : null)),
  ]);
  for (const r of [provider, voucher, facts]) if (r.status === 'rejected') throw r.reason;
  const v = (voucher as PromiseFulfilledResult<vouchers.Voucher>).value;
  const f = (facts as PromiseFulfilledResult<ClassFacts | null>).value;
  if (!f) throw notFound('class', 'id');
  assertOwn(providerId, f.cls, 'class');
  // Everything but the voucher state (decided atomically by the transition) and the seat (taken by the write).
  const rule = admissionFacts(f.cls, v, now, { holdsSeat: f.registrationId !== null, nonceUsed: false, providerActive: true, approved: f.approved });
  const { refusal } = decideAdmission(rule, DECIDED_BY_WRITES);
  if (refusal) throw reasonError(refusal, f.cls);
  return { cls: f.cls, voucher: v, qr, via: qr ? 'qr' : 'number' };
}

/**
 * The writes of an admission, in three statements and two audit entries: (1) training's own — the admission
 * row (at most one open admission per voucher: a partial unique index, so a concurrent attempt waits and
 * fails), the voucher's pending registrations (this class's becomes the admission, others are released with
 * their seats) and a seat (the registration's, or a free one taken with SKIP LOCKED); (2) the vouchers
 * service's — the QR nonce consumed, issued → admitted, the event row; (3) the voucher's and the admission's
 * audit entries together. The audit chain's head, shared by many, is taken last and held only to the commit.
 */
async function writeAdmission(actor: Actor, tx: Tx, plan: AdmissionPlan, now: Date): Promise<Admission> {
  const { cls: c, voucher: v } = plan;
  let row: AdmissionRow & { seated: boolean };
  try {
    row = (await insertAdmissions(tx, [{ actor, plan, now }]))[0]!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('VOUCHER_NOT_USABLE', 'the voucher is already admitted to a class', 'voucherId');
    throw e;
  }
  const refusal = writtenRefusal(row);
  if (refusal) throw reasonError(refusal, c);
  try {
    await vouchers.admitVoucher(tx, actor, v.id, {
      qr: plan.qr ?? undefined,
      reason: `class ${c.id}`,
      asOf: now,
      training: { classId: c.id, districtCode: c.districtCode },
    });
    // the admission's facts (statistics) and its own entry go in the COMMIT's round trip
    analytics.recordVoucherFactsAtCommit(tx, [{ metric: 'admitted', voucherId: v.id, classId: c.id, at: row.admitted_at, sinceIssue: true }]);
    audit.defer(tx, actor, {
      action: 'admission.create',
      entityType: 'admission',
      entityId: row.id,
      districtCode: c.districtCode,
      detail: { classId: c.id, voucher: v.number, via: row.via },
    });
    messages.notifyAtCommit(tx, [admittedMessage(c, v)]);
  } catch (e) {
    throw asVoucherRefusal(e);
  }
  return toAdmission(row);
}

/**
 * 补贴学员录取: binds the voucher to the class exactly once (planAdmission + writeAdmission in the caller's
 * transaction): the token's nonce is consumed (single use), the voucher moves issued → admitted (one
 * conditional UPDATE in the vouchers service: of concurrent attempts on one voucher exactly one wins, the
 * others get VOUCHER_NOT_USABLE), a seat is held, and the admissions row is written (its partial unique index
 * allows one open admission per voucher), admitted at `now` — the instant its rules were decided at.
 */
export async function admit(actor: Actor, tx: Tx, classId: string, cred: VoucherCredential, now: Date = clockNow()): Promise<Admission> {
  return writeAdmission(actor, tx, await planAdmission(actor, tx, classId, cred, now), now);
}

/**
 * The admission route: the reads coalesced with concurrent requests', then the write — admissions that reach
 * the node in the same turn of the event loop are written together in one transaction (writeAdmissions), all
 * or nothing; when that fails (one of them is refused, a voucher twice, a class full) each is written alone,
 * exactly as if it had come alone, and gets its own answer.
 */
export async function admitNow(actor: Actor, db: Db, classId: string, cred: VoucherCredential, now: Date = clockNow()): Promise<Admission> {
  const plan = await planAdmission(actor, db, classId, cred, now);
  return coalescedAdmission(db, { actor, plan, now });
}

interface PendingAdmission {
  actor: Actor;
  plan: AdmissionPlan;
  now: Date;
}

// One batch of up to 32 in flight per node: those arriving meanwhile form the next (bench: +10 % admissions/s
// over unbounded batches of up to 100, which keep the node and the database working by turns).
const coalescedAdmission = coalescedWrite<PendingAdmission, Admission>((db, items) => admissionBatch(db, items), 32, { inFlight: 1 });

class BatchRefused extends Error {}
/** Why a batch may fail in normal operation: one of its admissions is refused, or it met a concurrent one. */
const expectedBatchFailure = (e: unknown): boolean => e instanceof BatchRefused || e instanceof AppError || isUniqueViolation(e) || isConcurrencyConflict(e);

async function admissionBatch(db: Db, items: readonly PendingAdmission[]): Promise<Array<Admission | Error>> {
  const alone = () => Promise.all(items.map((it) => db.tx((tx) => writeAdmission(it.actor, tx, it.plan, it.now)).catch(asError)));
  if (items.length === 1) return alone();
  try {
    return await db.tx((tx) => writeAdmissions(tx, items));
  } catch (e) {
    // a failover: the batch may have committed, so none is written again here; each answers 503 and is repeated
    if (e instanceof DbUnavailableError) return items.map(() => e);
    if (!expectedBatchFailure(e)) process.emitWarning(`admission batch of ${items.length} failed unexpectedly: ${String(e)}`, { code: 'SV_BATCH' });
    return alone();
  }
}

/**
 * Training's statement of an admission, for one or many: the voucher's pending registrations (this class's
 * becomes the admission, others are released with their seats), the admission rows (at most one open
 * admission per voucher: a partial unique index, so a concurrent attempt waits and fails) and a seat each —
 * the registration's, or a free one taken with SKIP LOCKED (the n-th admission of a class in the call takes
 * the n-th free seat not locked by others). `seated` says whether it got one.
 */
async function insertAdmissions(
  tx: Tx,
  items: ReadonlyArray<{ actor: Actor; plan: AdmissionPlan; now: Date }>,
): Promise<Array<AdmissionRow & { seated: boolean }>> {
  const p = items.map((it) => it.plan);
  const { rows } = await tx.query<AdmissionRow & { seated: boolean }>(
    `WITH k AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::timestamptz[]) WITH ORDINALITY
         AS k(class_id, voucher_id, person_id, provider_id, via, admitted_by, admitted_at, i)),
     regs AS (
       UPDATE registrations r SET status = CASE WHEN r.class_id = k.class_id THEN 'admitted' ELSE 'released' END
         FROM k WHERE r.voucher_id = k.voucher_id AND r.status = 'pending'
       RETURNING r.id, r.class_id, r.voucher_id, k.class_id AS target),
     released AS (
       UPDATE class_seats s SET voucher_id = NULL FROM regs
        WHERE regs.class_id <> regs.target AND s.class_id = regs.class_id AND s.voucher_id = regs.voucher_id RETURNING 1),
     adm AS (
       INSERT INTO admissions (class_id, voucher_id, person_id, provider_id, registration_id, via, admitted_by, admitted_at)
       SELECT k.class_id, k.voucher_id, k.person_id, k.provider_id,
              (SELECT regs.id FROM regs WHERE regs.voucher_id = k.voucher_id AND regs.class_id = k.class_id LIMIT 1), k.via, k.admitted_by, k.admitted_at
         FROM k ORDER BY k.i
       RETURNING *),
     mine AS (SELECT s.class_id, s.voucher_id FROM class_seats s JOIN k ON s.class_id = k.class_id AND s.voucher_id = k.voucher_id),
     need AS (
       SELECT k.class_id, k.voucher_id, row_number() OVER (PARTITION BY k.class_id ORDER BY k.i) AS r FROM k
        WHERE NOT EXISTS (SELECT 1 FROM mine WHERE mine.class_id = k.class_id AND mine.voucher_id = k.voucher_id)),
     free AS (
       SELECT need.class_id, need.voucher_id, f.seat_no FROM need CROSS JOIN LATERAL
         (SELECT seat_no FROM class_seats WHERE class_id = need.class_id AND voucher_id IS NULL
           ORDER BY seat_no OFFSET need.r - 1 LIMIT 1 FOR UPDATE SKIP LOCKED) f),
     claimed AS (
       UPDATE class_seats s SET voucher_id = free.voucher_id FROM free
        WHERE s.class_id = free.class_id AND s.seat_no = free.seat_no RETURNING s.class_id, s.voucher_id)
     SELECT adm.*, (EXISTS (SELECT 1 FROM mine WHERE mine.class_id = adm.class_id AND mine.voucher_id = adm.voucher_id)
                    OR EXISTS (SELECT 1 FROM claimed c WHERE c.class_id = adm.class_id AND c.voucher_id = adm.voucher_id)) AS seated
       FROM adm`,
    [
      p.map((x) => x.cls.id),
      p.map((x) => x.voucher.id),
      p.map((x) => x.voucher.personId),
      p.map((x) => x.cls.providerId),
      p.map((x) => x.via),
      items.map((it) => it.actor.accountId),
      items.map((it) => it.now),
    ],
  );
  return rows;
}

/**
 * writeAdmission for several admissions in one transaction: training's statement for all of them (admission
 * rows, registrations, seats — the n-th admission of a class in the batch takes the n-th free seat not locked
 * by others), the vouchers service's statement for all of them, one round trip of audit entries. Throws
 * (rolling back) unless every one of them goes through.
 */
async function writeAdmissions(tx: Tx, items: readonly PendingAdmission[]): Promise<Admission[]> {
  const p = items.map((it) => it.plan);
  const rows = await insertAdmissions(tx, items);
  const byVoucher = new Map(rows.map((r) => [r.voucher_id, r]));
  const adm = p.map((x) => byVoucher.get(x.voucher.id));
  if (rows.length !== items.length || adm.some((r) => writtenRefusal(r) !== null)) throw new BatchRefused('an admission of the batch cannot go through');
  const moved = await vouchers.admitVouchers(
    tx,
    items.map((it) => ({
      by: it.actor,
      id: it.plan.voucher.id,
      qr: it.plan.qr ?? undefined,
      reason: `class ${it.plan.cls.id}`,
      training: { classId: it.plan.cls.id, districtCode: it.plan.cls.districtCode },
      at: it.now,
    })),
    items[0]!.now,
  );
  if (!moved) throw new BatchRefused('a voucher of the batch cannot move');
  analytics.recordVoucherFactsAtCommit(
    tx,
    items.map((it, i) => ({ metric: 'admitted' as const, voucherId: it.plan.voucher.id, classId: it.plan.cls.id, at: adm[i]!.admitted_at, sinceIssue: true })),
  );
  // the admissions' own entries go in the COMMIT's round trip
  audit.recordManyAtCommit(
    tx,
    items[0]!.actor,
    items.map((it, i) => ({
      actor: it.actor,
      action: 'admission.create',
      entityType: 'admission',
      entityId: adm[i]!.id,
      districtCode: it.plan.cls.districtCode,
      detail: { classId: it.plan.cls.id, voucher: it.plan.voucher.number, via: adm[i]!.via },
    })),
  );
  messages.notifyAtCommit(
    tx,
    items.map((it) => admittedMessage(it.plan.cls, it.plan.voucher)),
  );
  return adm.map((r) => toAdmission(r!));
}

/** 录取通知 to the voucher's holder (站内信 + SMS), once per (class, voucher). */
const admittedMessage = (c: TrainingClass, v: vouchers.Voucher): messages.NotifyInput => ({
  event: 'admission.admitted',
  key: `${c.id}:${v.id}`,
  personId: v.personId,
  vars: { className: c.name, startDate: c.startDate },
  link: '/training',
});
