/**
 * The facts the admission rule (rules.ts `decideAdmission`) is asked with — about a voucher, a class, its
 * provider and approval — and the error a refusal answers with. Shared by verify, admission, registration and
 * the fitting vouchers.
 */
import { batchedRead, inKeyOrder } from '../../db/batch.js';
import type { Queryable } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as orgs from '../orgs/index.js';
import type * as vouchers from '../vouchers/index.js';
import { isApproved } from './approvals.js';
import { CLASS_COLS, toClass, type ClassRow, type TrainingClass } from './rows.js';
import type { AdmitFacts, AdmitReason } from './rules.js';

/** What the admission rule needs beyond the class and the voucher. */
interface SideFacts {
  holdsSeat: boolean;
  nonceUsed: boolean;
  providerActive: boolean;
  approved: boolean;
}

/** The facts of the admission rule (rules.ts `decideAdmission`) about a voucher and a class. */
export function admissionFacts(c: TrainingClass, v: vouchers.Voucher, now: Date, f: SideFacts): AdmitFacts {
  return {
    voucherStatus: v.status,
    voucherValidFrom: v.validFrom,
    voucherValidUntil: v.validUntil,
    voucherProgrammeId: v.programmeId ?? c.programmeId,
    voucherOccupationCode: v.occupationCode,
    voucherLevel: v.level,
    classProgrammeId: c.programmeId,
    classOccupationCode: c.occupationCode,
    classLevel: c.level,
    classState: c.state,
    deadline: c.reportDeadline,
    seatsLeft: c.capacity - c.seatsTaken,
    holdsSeat: f.holdsSeat,
    providerActive: f.providerActive,
    providerApproved: f.approved,
    nonceUsed: f.nonceUsed,
    now,
  };
}

export interface ClassFacts {
  cls: TrainingClass;
  approved: boolean;
  /** The voucher's pending registration in this class, if any. */
  registrationId: string | null;
  /** The voucher holds a seat in this class (its pending registration's or its admission's). */
  holdsSeat: boolean;
}

type ClassFactsRow = ClassRow & { approved: boolean; registration_id: string | null; holds_seat: boolean; k: string };

/**
 * The class, whether its provider is approved for it, the voucher's pending registration and whether it holds a seat: one query over
 * training's own tables (concurrent verifies outside a transaction share it: src/db/batch.ts).
 */
const classFactsRead = batchedRead<{ classId: string; voucherId: string }, ClassFactsRow>(
  async (q, keys) => {
    const { rows } = await q.query<ClassFactsRow>(
      `SELECT ${CLASS_COLS},
              EXISTS (SELECT 1 FROM provider_approvals a
                       WHERE a.provider_id = c.provider_id AND a.programme_id = c.programme_id
                         AND (a.occupation_code = c.occupation_code OR a.occupation_code IS NULL) AND a.revoked_at IS NULL) AS approved,
              (SELECT r.id FROM registrations r WHERE r.class_id = c.id AND r.voucher_id = k.voucher_id AND r.status = 'pending') AS registration_id,
              EXISTS (SELECT 1 FROM class_seats s WHERE s.class_id = c.id AND s.voucher_id = k.voucher_id) AS holds_seat,
              k.class_id::text || ' ' || k.voucher_id::text AS k
         FROM unnest($1::uuid[], $2::uuid[]) AS k(class_id, voucher_id) JOIN training_classes c ON c.id = k.class_id`,
      [keys.map((k) => k.classId), keys.map((k) => k.voucherId)],
    );
    return inKeyOrder(
      keys,
      rows,
      (k) => `${k.classId} ${k.voucherId}`,
      (r) => r.k,
    );
  },
  (k) => `${k.classId} ${k.voucherId}`,
);

export async function classFacts(q: Queryable, classId: string, voucherId: string): Promise<ClassFacts | null> {
  if (!isUuid(classId) || !isUuid(voucherId)) return null;
  const r = await classFactsRead(q, { classId: classId.toLowerCase(), voucherId: voucherId.toLowerCase() });
  return r ? { cls: toClass(r), approved: r.approved, registrationId: r.registration_id, holdsSeat: r.holds_seat } : null;
}

/** Facts the admission rule needs about a voucher and a class (reads the provider and the approval). */
export async function readAdmissionFacts(q: Queryable, c: TrainingClass, v: vouchers.Voucher, now: Date, holdsSeat: boolean, nonceUsed: boolean) {
  const provider = await orgs.getOrg(q, c.providerId);
  return admissionFacts(c, v, now, {
    holdsSeat,
    nonceUsed,
    providerActive: provider?.status === 'active',
    approved: await isApproved(q, c.providerId, c.programmeId, c.occupationCode),
  });
}

/** The first reason as the error a write answers with. */
export function reasonError(reason: AdmitReason, c: TrainingClass): AppError {
  switch (reason) {
    case 'VOUCHER_EXPIRED':
      return new AppError('VOUCHER_EXPIRED', 'the voucher has expired', 'voucherId');
    case 'VOUCHER_NOT_ISSUED':
      return new AppError('VOUCHER_NOT_USABLE', `the voucher cannot be used for this class (${reason})`, 'voucherId', { reason });
    case 'VOUCHER_NOT_YET_VALID':
      return new AppError('VOUCHER_NOT_YET_VALID', 'the voucher is not valid yet', 'voucherId', { reason });
    // what the voucher is for against what the class teaches: the first difference is the refusal's code
    case 'PROGRAMME_MISMATCH':
      return new AppError('VOUCHER_PROGRAMME_MISMATCH', 'the voucher is for another programme than the class', 'voucherId', { reason });
    case 'OCCUPATION_MISMATCH':
      return new AppError('VOUCHER_OCCUPATION_MISMATCH', `the voucher is for another occupation than the class (${c.occupationCode})`, 'voucherId', {
        reason,
      });
    case 'LEVEL_MISMATCH':
      return new AppError('VOUCHER_LEVEL_MISMATCH', `the voucher is for another level than the class (level ${c.level})`, 'voucherId', { reason });
    case 'PROVIDER_SUSPENDED':
      return new AppError('PROVIDER_SUSPENDED', 'the provider is suspended', 'classId');
    case 'PROVIDER_NOT_APPROVED':
      return new AppError('PROVIDER_NOT_APPROVED', 'the provider is not approved for this programme and occupation', 'classId');
    case 'CLASS_NOT_ADMITTING':
      return new AppError('CLASS_NOT_OPEN', `the class is ${c.state}: it takes no registrations or admissions`, 'classId');
    case 'OPENING_DEADLINE_PASSED':
      return new AppError('OPENING_DEADLINE_PASSED', `admissions closed at ${c.reportDeadline.toISOString()}`, 'classId');
    case 'CLASS_FULL':
      return new AppError('CLASS_FULL', 'the class is full', 'classId');
    case 'QR_TOKEN_REPLAYED':
      return new AppError('QR_TOKEN_REPLAYED', 'this QR code was already used; ask the holder to refresh it', 'token');
  }
}
