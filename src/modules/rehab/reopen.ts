/**
 * A refused application under appeal (申诉): what the appeal shows of it, and the overturn's effect — the case is
 * re-opened (refused → submitted) for the committee to decide again by its normal decision (`decide`: hospital,
 * beds, condition); the refusal stays in the case's decisions, the timeline says why the case is back.
 */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import type { Actor } from '../identity/index.js';
import { moveCase } from './cases.js';
import type { CaseRow, DecisionRow } from './rows.js';
import { OPEN_STATUSES } from './rules.js';

/** What an appeal needs of a case (null: no such case). */
export interface CaseAppealFacts {
  id: string;
  status: CaseRow['status'];
  personId: string;
  districtCode: string;
  conditionCode: string;
  /** The refusal in force: its number, coded reason, written reason and date (null when the case is not refused). */
  refusal: { number: string; refusalReason: string | null; reason: string; decidedAt: Date } | null;
}

export async function caseAppealFacts(q: Queryable, id: string): Promise<CaseAppealFacts | null> {
  if (!isUuid(id)) return null;
  const c = (await q.query<CaseRow>('SELECT * FROM rehab_cases WHERE id = $1', [id])).rows[0];
  if (!c) return null;
  const d = (
    await q.query<DecisionRow>(`SELECT * FROM rehab_decisions WHERE case_id = $1 AND outcome = 'refuse' ORDER BY decided_at DESC, number DESC LIMIT 1`, [c.id])
  ).rows[0];
  return {
    id: c.id,
    status: c.status,
    personId: c.person_id,
    districtCode: c.district_code,
    conditionCode: c.condition_code,
    refusal: c.status === 'refused' && d ? { number: d.number, refusalReason: d.refusal_reason, reason: d.reason, decidedAt: d.decided_at } : null,
  };
}

/** 申诉撤销原决定: refused → submitted, with its timeline step and audit entry (moveCase's); refused while another case of the person is open. */
export async function reopenRefusedCase(tx: Tx, by: Actor, id: string, reason: string): Promise<CaseRow['status']> {
  if (!isUuid(id)) throw notFound('rehabilitation case', 'id');
  const c = (await tx.query<CaseRow>('SELECT * FROM rehab_cases WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!c) throw notFound('rehabilitation case', 'id');
  if (c.status !== 'refused') throw new AppError('CONFLICT', `the case is ${c.status}: only a refused case is re-opened`, 'status', { status: c.status });
  const other = await tx.query<{ id: string }>('SELECT id FROM rehab_cases WHERE person_id = $1 AND id <> $2 AND status = ANY($3::text[]) LIMIT 1', [
    c.person_id,
    c.id,
    [...OPEN_STATUSES],
  ]);
  if (other.rows[0])
    throw new AppError('CONFLICT', 'the person has another open rehabilitation case (OPEN_CASE_EXISTS)', 'status', { reason: 'OPEN_CASE_EXISTS' });
  // the timeline step ('reopened') and the audit entry (rehab.reopened) are moveCase's
  return (await moveCase(by, tx, c, ['refused'], { to: 'submitted', kind: 'reopened', note: reason })).status;
}
