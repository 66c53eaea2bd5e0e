/**
 * 申领复核: an application (申领) that gave only a check-in-only voucher — no subsidy rule matched — is the
 * "refused application" a worker may appeal. When the appeal is overturned the application is weighed again by
 * the same rules (`pickProgramme`, the one the application used) on the person's record as it is now: a subsidy
 * programme that now applies issues its subsidy voucher through the same insert (one open voucher per programme),
 * and the check-in-only voucher, while still unused, is revoked. Still no programme → REASSESSMENT_NOT_ELIGIBLE
 * with the causes, nothing written (the officer upholds instead, or has the person's record corrected first).
 */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import * as persons from '../persons/index.js';
import { issueSubsidy, ON_DEMAND_TYPES, pickProgramme, type VoucherBase } from './apply.js';
import { transitionVoucher } from './lifecycle.js';
import { getVoucher, type Voucher } from './records.js';
import { CATEGORY_VALID_MONTHS, shanghaiDate, validThrough } from './rules.js';

/** What an appeal needs to know of an application's outcome (null: no such voucher). */
export interface ApplicationFacts {
  voucherId: string;
  number: string;
  personId: string;
  districtCode: string | null;
  status: Voucher['status'];
  occupationCode: string | null;
  level: number | null;
  issuedAt: Date;
  /** The application was refused a subsidy: an on-demand check-in-only voucher. */
  refused: boolean;
}

export async function applicationFacts(q: Queryable, voucherId: string): Promise<ApplicationFacts | null> {
  const v = isUuid(voucherId) ? await getVoucher(q, voucherId) : null;
  if (!v) return null;
  return {
    voucherId: v.id,
    number: v.number,
    personId: v.personId,
    districtCode: v.districtCode,
    status: v.status,
    occupationCode: v.occupationCode,
    level: v.level,
    issuedAt: v.issuedAt,
    refused: v.mode === 'on_demand' && v.kind === 'checkin_only',
  };
}

/** The outcome of a re-assessment: the subsidy voucher issued, and whether the check-in-only one was revoked. */
export interface Reassessment {
  voucherId: string;
  voucherNumber: string;
  programmeName: string;
  revokedCheckinOnly: boolean;
}

/** Re-weighs a refused application (see the file's comment); the caller's transaction, an audit entry. */
export async function reassessApplication(tx: Tx, by: AuditActor, voucherId: string, reason: string, now: Date = clockNow()): Promise<Reassessment> {
  const f = await applicationFacts(tx, voucherId);
  if (!f) throw notFound('voucher', 'voucherId');
  if (!f.refused || f.occupationCode === null || f.level === null)
    throw new AppError('CONFLICT', 'only an application answered with a check-in-only voucher is re-assessed', 'voucherId');
  const person = await persons.getPerson(tx, f.personId);
  if (!person) throw notFound('person');
  const candidates = (await catalog.listProgrammes(tx, { status: 'open' })).filter((p) => ON_DEMAND_TYPES.includes(p.type));
  const { best, why, causes } = await pickProgramme(tx, person, f.occupationCode, f.level, candidates);
  if (!best) throw new AppError('REASSESSMENT_NOT_ELIGIBLE', `no subsidy rule matches yet: ${why.join('; ') || 'no open programme'}`, 'voucherId', { causes });
  const base: VoucherBase = {
    personId: person.id,
    occupationCode: f.occupationCode,
    level: f.level,
    mode: 'on_demand',
    issuanceId: null,
    districtCode: person.districtCode,
    categoryValidUntil: validThrough(shanghaiDate(now), CATEGORY_VALID_MONTHS),
  };
  const { voucher } = await issueSubsidy(tx, base, best, now);
  const revoke = f.status === 'issued';
  if (revoke) await transitionVoucher(tx, by, f.voucherId, 'revoked', { expectFrom: 'issued', reason: `replaced by ${voucher.number}: ${reason}` });
  await audit.record(tx, by, {
    action: 'voucher.reassess',
    entityType: 'voucher',
    entityId: voucher.id,
    districtCode: voucher.districtCode,
    detail: { number: voucher.number, replaces: f.number, programmeId: voucher.programmeId, category: voucher.category, revokedCheckinOnly: revoke, reason },
  });
  return { voucherId: voucher.id, voucherNumber: voucher.number, programmeName: best.p.name, revokedCheckinOnly: revoke };
}
