/** Verify (读取验证): a provider reads a voucher (QR token, or number + the holder's ID number) for one of its classes. */
import type { Db, Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid, normaliseIdNumber } from '../../lib/identifiers.js';
import type { Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import * as vouchers from '../vouchers/index.js';
import { admissionFacts, classFacts, type ClassFacts } from './facts.js';
import { assertOwn, requireProvider } from './policy.js';
import { decideAdmission } from './rules.js';
import type { VerifyView } from './schemas.js';
import { maskedHolder } from './views.js';

export type VoucherCredential = { token: string } | { voucherNumber: string; idNumber: string };

/** The claim's amount for a voucher trained in a class (the subsidy module's `expectedClaimAmountFen`). */
export type ClaimEstimator = (
  q: Queryable,
  f: { voucherId: string; level: number; feeFen: number; trainingStartOn: string; trainingEndOn: string },
  now: Date,
) => Promise<number | null>;

let claimEstimate: ClaimEstimator | null = null;

/**
 * The registry (src/modules/registry.ts) hands in the subsidy module's pricing of a claim, so the desk's estimate
 * is the claim's own amount on the same facts (training cannot import subsidy, which imports training).
 */
export function useClaimEstimate(fn: ClaimEstimator | null): void {
  claimEstimate = fn;
}

/** The answer of verify, as its schema (VerifyView) gives it. */
export type VerifyResult = VerifyView;

/** The voucher found by number and its holder, if the ID number given is the holder's; else 404 (no existence leak). */
export async function holderOf(q: Queryable, v: vouchers.Voucher | null, idNumber: string): Promise<{ voucher: vouchers.Voucher; person: persons.Person }> {
  const person = v ? await persons.getPerson(q, v.personId) : null;
  // A wrong ID number reads as an unknown voucher: no existence leak.
  if (!v || !person || person.idNumber !== normaliseIdNumber(idNumber)) throw notFound('voucher', 'voucherNumber');
  return { voucher: v, person };
}

/** What verify reads: the voucher (with whether its QR nonce is used), its holder, the class facts and the provider. */
interface VerifyReads {
  voucher: vouchers.Voucher;
  nonceUsed: boolean;
  person: persons.Person;
  facts: ClassFacts | null;
  provider: orgs.Org | null;
}

/** By token: the signature first; then the voucher (with its nonce), the class facts and the provider are independent reads, and the holder follows the voucher. */
async function readByToken(db: Db, providerId: string, classId: string, token: string): Promise<VerifyReads> {
  const qr = await vouchers.verifyQrToken(token);
  const [tv, facts, provider] = await Promise.all([vouchers.getTokenVoucher(db, qr), classFacts(db, classId, qr.voucherId), orgs.getOrgRecent(db, providerId)]);
  if (!tv.voucher) throw new AppError('QR_TOKEN_INVALID', 'the token names no voucher', 'token');
  const person = await persons.getPerson(db, tv.voucher.personId);
  if (!person) throw new AppError('QR_TOKEN_INVALID', 'the token names no holder', 'token');
  return { voucher: tv.voucher, nonceUsed: tv.nonceUsed, person, facts, provider };
}

/** By number: the voucher and its holder (the ID number must be the holder's), then the class facts beside the provider. */
async function readByNumber(db: Db, providerId: string, classId: string, cred: { voucherNumber: string; idNumber: string }): Promise<VerifyReads> {
  const { voucher, person } = await holderOf(db, await vouchers.findVoucherByNumber(db, cred.voucherNumber), cred.idNumber);
  const [facts, provider] = await Promise.all([classFacts(db, classId, voucher.id), orgs.getOrgRecent(db, providerId)]);
  return { voucher, nonceUsed: false, person, facts, provider };
}

/**
 * 读取验证: the provider presents a QR token or a number + ID number for one of its classes; the answer
 * carries the masked holder and voucher details and whether admission is possible (with every reason why not),
 * and — only when it is — the subsidy the claim would come to (null otherwise). Token errors (signature, key, expiry) are refusals (QR_TOKEN_INVALID / QR_TOKEN_EXPIRED).
 */
export async function verifyForClass(actor: Actor, db: Db, classId: string, cred: VoucherCredential, now: Date = clockNow()): Promise<VerifyResult> {
  const providerId = requireProvider(actor);
  if (!isUuid(classId)) throw notFound('class', 'id');
  const r = 'token' in cred ? await readByToken(db, providerId, classId, cred.token) : await readByNumber(db, providerId, classId, cred);
  const facts = r.facts;
  if (!facts) throw notFound('class', 'id');
  assertOwn(providerId, facts.cls, 'class');
  const c = facts.cls;
  const v = r.voucher;
  const { reasons } = decideAdmission(
    admissionFacts(c, v, now, {
      // an admitted voucher re-verified at its own class holds its seat: a full class is not a reason against it
      holdsSeat: facts.holdsSeat,
      nonceUsed: r.nonceUsed,
      providerActive: r.provider?.status === 'active',
      approved: facts.approved,
    }),
  );
  const admissible = reasons.length === 0;
  // the estimate is the claim's pricing (a set of reads): asked only when the desk can admit, else null — a
  // refused voucher's figure would be for an admission that cannot happen (a pending registration that cannot be
  // admitted either: its reasons are the desk's to show, not a subsidy)
  const subsidyEstimateFen =
    admissible && claimEstimate
      ? await claimEstimate(db, { voucherId: v.id, level: c.level, feeFen: c.feeFen, trainingStartOn: c.startDate, trainingEndOn: c.endDate }, now)
      : null;
  return {
    admissible,
    reasons,
    holder: maskedHolder(r.person),
    voucher: {
      id: v.id,
      number: v.number,
      kind: v.kind,
      status: v.status,
      programmeId: v.programmeId,
      occupationCode: v.occupationCode,
      level: v.level,
      validFrom: v.validFrom,
      validUntil: v.validUntil,
      ratioPct: v.ratioPct,
      // what the claim will come to when the holder passes at this class's level, its fee the cap (admissible only)
      subsidyEstimateFen,
    },
    class: {
      id: c.id,
      name: c.name,
      state: c.state,
      startDate: c.startDate,
      admissionsCloseAt: c.reportDeadline.toISOString(),
      seatsLeft: c.capacity - c.seatsTaken,
    },
    registered: facts.registrationId !== null,
  };
}
