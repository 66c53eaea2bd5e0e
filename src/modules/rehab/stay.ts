/**
 * The stay at the hospital: admission (a bed taken exactly once under concurrency — the case's conditional
 * UPDATE placed → admitted and the hospital's bed counter's conditional UPDATE, in one transaction), progress
 * notes, the extension request to the committee, discharge with its outcome (the bed freed); then, when the
 * outcome recommends retraining, the district officer's one-step targeted training voucher (vouchers' face),
 * the case ↔ voucher link kept on the case.
 */
import type { Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { businessDate } from '../../lib/time.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import * as vouchers from '../vouchers/index.js';
import { addEvent, caseView, loadCase, moveCase } from './cases.js';
import { hospitalOf, OFFICERS, scopeFor, HOSPITAL } from './policy.js';
import type { CaseRow, CaseView } from './rows.js';
import type { DischargeOutcome } from './rules.js';

/** The case placed at (or staying in) the caller's hospital, locked; another hospital's case reads as absent. */
async function hospitalCase(actor: Actor, tx: Tx, id: string): Promise<CaseRow> {
  hospitalOf(actor);
  return loadCase(tx, scopeFor(actor, HOSPITAL), id, true);
}

/** Confirms admission: placed → admitted, one bed of the hospital taken (REHAB_NO_BED when none is left). */
export async function admit(actor: Actor, tx: Tx, id: string): Promise<CaseView> {
  const c = await hospitalCase(actor, tx, id);
  if (c.status !== 'placed')
    throw new AppError('CONFLICT', c.status === 'admitted' ? 'the patient is already admitted' : `the case is ${c.status}`, 'status', { status: c.status });
  const h = await orgs.getHospital(tx, c.hospital_id!);
  if (!h) throw new AppError('CONFLICT', 'the hospital is no longer designated', 'status');
  await tx.query('INSERT INTO rehab_bed_use (hospital_id, occupied) VALUES ($1, 0) ON CONFLICT (hospital_id) DO NOTHING', [h.id]);
  const bed = await tx.query('UPDATE rehab_bed_use SET occupied = occupied + 1 WHERE hospital_id = $1 AND occupied < $2 RETURNING occupied', [h.id, h.beds]);
  if (!bed.rows.length) throw new AppError('REHAB_NO_BED', `${h.name} has no free rehabilitation bed`, 'hospitalId');
  const now = clockNow();
  const row = await moveCase(actor, tx, c, ['placed'], {
    to: 'admitted',
    kind: 'admitted',
    sets: 'admitted_at = $3, admitted_on = $4::date',
    params: [businessDate(now)],
  });
  return caseView(tx, row);
}

/** A progress note (admitted patients only). */
export async function recordProgress(actor: Actor, tx: Tx, id: string, note: string): Promise<CaseView> {
  const c = await hospitalCase(actor, tx, id);
  if (c.status !== 'admitted') throw new AppError('CONFLICT', `the case is ${c.status}`, 'status', { status: c.status });
  await addEvent(tx, c.id, 'progress', actor, note.trim());
  await tx.query('UPDATE rehab_cases SET updated_at = $2 WHERE id = $1', [c.id, clockNow()]);
  await audit.record(tx, actor, {
    action: 'rehab.progress',
    entityType: 'rehab_case',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { length: note.length },
  });
  return caseView(tx, c);
}

/** The hospital asks the committee for more days (one open request at a time). */
export async function requestExtension(actor: Actor, tx: Tx, id: string, days: number, reason: string): Promise<CaseView> {
  const c = await hospitalCase(actor, tx, id);
  if (c.status !== 'admitted') throw new AppError('CONFLICT', `the case is ${c.status}`, 'status', { status: c.status });
  if (c.extension_days) throw new AppError('CONFLICT', 'an extension request is already waiting for the committee', 'days');
  const now = clockNow();
  const row = (
    await tx.query<CaseRow>('UPDATE rehab_cases SET extension_days = $2, extension_reason = $3, extension_at = $4, updated_at = $4 WHERE id = $1 RETURNING *', [
      c.id,
      days,
      reason.trim(),
      now,
    ])
  ).rows[0]!;
  await addEvent(tx, c.id, 'extension_requested', actor, `${days} · ${reason.trim()}`, now);
  await audit.record(tx, actor, {
    action: 'rehab.extension_requested',
    entityType: 'rehab_case',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { days, reason },
  });
  return caseView(tx, row);
}

export interface DischargeInput {
  outcome: DischargeOutcome;
  summary: string;
  recommendedOccupationCode?: string | undefined;
}

/** Discharge with its outcome; the bed is freed. Retraining recommended names an occupation. */
export async function discharge(actor: Actor, tx: Tx, id: string, d: DischargeInput): Promise<CaseView> {
  const c = await hospitalCase(actor, tx, id);
  if (d.outcome === 'retraining_recommended' && !d.recommendedOccupationCode)
    throw new AppError('VALIDATION_FAILED', 'a retraining recommendation names an occupation fitting the remaining capacity', 'recommendedOccupationCode');
  if (d.outcome !== 'retraining_recommended' && d.recommendedOccupationCode)
    throw new AppError('VALIDATION_FAILED', 'an occupation is recommended only with retraining', 'recommendedOccupationCode');
  const row = await moveCase(actor, tx, c, ['admitted'], {
    to: 'discharged',
    kind: 'discharged',
    note: d.summary.trim(),
    sets: 'discharged_at = $3, discharge_outcome = $4, discharge_summary = $5, recommended_occupation_code = $6, extension_days = NULL, extension_reason = NULL, extension_at = NULL',
    params: [d.outcome, d.summary.trim(), d.recommendedOccupationCode ?? null],
  });
  await tx.query('UPDATE rehab_bed_use SET occupied = occupied - 1 WHERE hospital_id = $1 AND occupied > 0', [c.hospital_id]);
  return caseView(tx, row);
}

export interface RetrainingInput {
  programmeId: string;
  occupationCode: string;
  level: number;
}

/** The district officer issues, in one step, a targeted training voucher to the discharged worker. */
export async function issueRetrainingVoucher(actor: Actor, tx: Tx, id: string, input: RetrainingInput): Promise<CaseView> {
  const c = await loadCase(tx, scopeFor(actor, OFFICERS, 'district officers issue the retraining voucher'), id, true);
  if (c.status !== 'discharged' || c.discharge_outcome !== 'retraining_recommended')
    throw new AppError('CONFLICT', 'a retraining voucher follows a discharge that recommends retraining', 'status', { status: c.status });
  if (c.voucher_id) throw new AppError('CONFLICT', 'the retraining voucher of this case is already issued', 'status');
  const person = await persons.getPerson(tx, c.person_id);
  if (!person) throw new AppError('CONFLICT', 'the person is no longer in the registry', 'status');
  const v = await vouchers.issueTargetedToPerson(actor, tx, {
    name: `工伤康复转岗培训 ${c.id.slice(0, 8)}`,
    programmeId: input.programmeId,
    occupationCode: input.occupationCode,
    level: input.level,
    // a recognised work injury proves an employment relationship (工伤认定 presupposes one): the worker is subsidised as
    // employed (在职) whatever else the registry says of them
    person: { id: person.id, districtCode: c.district_code, categories: [...new Set([...person.categories, 'employed'])] },
  });
  const now = clockNow();
  const row = (
    await tx.query<CaseRow>('UPDATE rehab_cases SET voucher_id = $2, voucher_number = $3, updated_at = $4 WHERE id = $1 RETURNING *', [
      c.id,
      v.voucherId,
      v.number,
      now,
    ])
  ).rows[0]!;
  await addEvent(tx, c.id, 'voucher_issued', actor, v.number, now);
  await audit.record(tx, actor, {
    action: 'rehab.retraining_voucher',
    entityType: 'rehab_case',
    entityId: c.id,
    districtCode: c.district_code,
    detail: { voucher: v.number, voucherId: v.voucherId, occupationCode: input.occupationCode, level: input.level },
  });
  return caseView(tx, row);
}
