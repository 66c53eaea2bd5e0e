/**
 * The objects an appeal is about, each asked of the module that owns it through its face: what the appeal shows
 * (the number people know, the decision and its reason, whose it is, its state now), and the overturn's effect,
 * applied by the owner's own service function with its rules, event and audit entry:
 *   claim                rejected claim → back to review, its voucher assessed again     subsidy.reopenRejectedClaim
 *   check_in             check-in rejected on review → counts                            attendance.reinstateRejectedCheckIn
 *   voucher_application  check-in-only voucher → application re-weighed by the same rules vouchers.reassessApplication
 *   rehab_refusal        refused application → re-opened for the committee              rehab.reopenRefusedCase
 */
import type { Queryable, Tx } from '../../db/index.js';
import { shanghaiLocal } from '../../lib/time.js';
import * as attendance from '../attendance/index.js';
import type { Actor } from '../identity/index.js';
import * as rehab from '../rehab/index.js';
import * as subsidy from '../subsidy/index.js';
import * as vouchers from '../vouchers/index.js';
import type { AppealKind } from './rules.js';

export interface Target {
  kind: AppealKind;
  objectId: string;
  label: string;
  personId: string;
  districtCode: string | null;
  providerId: string | null;
  /** The object's state now, as its owner names it. */
  status: string;
  /** Is it a refusal one may appeal now? */
  refused: boolean;
  decision: { reason: string | null; at: Date | null; ref: string | null };
}

/** Kinds a provider may appeal (its own classes' claims and check-ins); workers appeal every kind. */
export const PROVIDER_KINDS: readonly AppealKind[] = ['claim', 'check_in'];

const minute = (d: Date): string => shanghaiLocal(d).slice(0, 16);

/** The object, or null when it does not exist. */
export async function resolveTarget(q: Queryable, kind: AppealKind, objectId: string): Promise<Target | null> {
  switch (kind) {
    case 'claim': {
      const c = await subsidy.claimAppealFacts(q, objectId);
      if (!c) return null;
      return {
        kind,
        objectId: c.id,
        label: c.number,
        personId: c.personId,
        districtCode: c.districtCode,
        providerId: c.providerId,
        status: c.status,
        refused: c.status === 'rejected',
        decision: { reason: c.opinion, at: c.decidedAt, ref: c.number },
      };
    }
    case 'check_in': {
      const c = await attendance.checkInAppealFacts(q, objectId);
      if (!c) return null;
      return {
        kind,
        objectId: c.id,
        label: minute(c.at),
        personId: c.personId,
        districtCode: c.districtCode,
        providerId: c.providerId,
        status: c.status,
        refused: c.status === 'rejected_after_review',
        decision: { reason: c.reviewNote, at: c.reviewedAt, ref: null },
      };
    }
    case 'voucher_application': {
      const v = await vouchers.applicationFacts(q, objectId);
      if (!v) return null;
      return {
        kind,
        objectId: v.voucherId,
        label: v.number,
        personId: v.personId,
        districtCode: v.districtCode,
        providerId: null,
        status: v.status,
        refused: v.refused,
        decision: { reason: null, at: v.issuedAt, ref: v.number },
      };
    }
    case 'rehab_refusal': {
      const c = await rehab.caseAppealFacts(q, objectId);
      if (!c) return null;
      return {
        kind,
        objectId: c.id,
        label: c.refusal?.number ?? '',
        personId: c.personId,
        districtCode: c.districtCode,
        providerId: null,
        status: c.status,
        refused: c.refusal !== null,
        decision: { reason: c.refusal?.reason ?? null, at: c.refusal?.decidedAt ?? null, ref: c.refusal?.number ?? null },
      };
    }
  }
}

export type Effect = Record<string, string | boolean>;

/** The overturn's effect through the owning service, in the answer's transaction (its refusal rolls the answer back). */
export async function applyOverturn(tx: Tx, by: Actor, kind: AppealKind, objectId: string, reason: string): Promise<Effect> {
  switch (kind) {
    case 'claim': {
      const c = await subsidy.reopenRejectedClaim(tx, by, objectId, reason);
      return { claimStatus: c.status };
    }
    case 'check_in':
      return { checkInStatus: await attendance.reinstateRejectedCheckIn(tx, by, objectId, reason) };
    case 'voucher_application': {
      const r = await vouchers.reassessApplication(tx, by, objectId, reason);
      return { voucherNumber: r.voucherNumber, programmeName: r.programmeName, revokedCheckinOnly: r.revokedCheckinOnly };
    }
    case 'rehab_refusal':
      return { caseStatus: await rehab.reopenRefusedCase(tx, by, objectId, reason) };
  }
}
