/** The class job: at the start date reported classes open and unreported ones are cancelled; past the end date classes end. */
import type { Db, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import * as audit from '../audit/index.js';
import { SYSTEM } from '../audit/index.js';
import * as vouchers from '../vouchers/index.js';
import { listAdmittedVouchers } from './admitted.js';
import { cancelClassRow } from './roster.js';
import { CLASS_COLS, toClass, type ClassRow, type TrainingClass } from './rows.js';
import { businessDate } from './rules.js';

export interface ClassJobResult {
  [k: string]: number;
  opened: number;
  inTraining: number;
  cancelled: number;
  released: number;
  ended: number;
  completed: number;
}

/** The class, locked for the job's transaction. */
async function lockedClass(tx: Tx, id: string): Promise<TrainingClass | null> {
  const r = (await tx.query<ClassRow>(`SELECT ${CLASS_COLS} FROM training_classes c WHERE c.id = $1 FOR UPDATE OF c`, [id])).rows[0];
  return r ? toClass(r) : null;
}

/** The start date has come: a reported class opens (its vouchers → in_training), a draft one is cancelled (its vouchers → issued). */
async function startClass(tx: Tx, id: string, now: Date, out: ClassJobResult): Promise<void> {
  const c = await lockedClass(tx, id);
  if (!c || (c.state !== 'draft' && c.state !== 'reported')) return;
  if (c.state === 'draft') {
    out.released += (await listAdmittedVouchers(tx, c.id)).length;
    await cancelClassRow(tx, SYSTEM, c, 'no opening report by the deadline');
    out.cancelled++;
    return;
  }
  for (const a of await listAdmittedVouchers(tx, c.id)) {
    await vouchers.transitionVoucher(tx, SYSTEM, a.voucherId, 'in_training', { expectFrom: 'admitted', reason: `class ${c.id} opened`, asOf: now });
    out.inTraining++;
  }
  await tx.query(`UPDATE training_classes SET state = 'open', opened_at = $2 WHERE id = $1`, [c.id, now]);
  await audit.record(tx, SYSTEM, {
    action: 'class.open',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { startDate: c.startDate },
  });
  out.opened++;
}

/** Past the end date: an open class ends; its check-in-only vouchers complete. */
async function endClass(tx: Tx, id: string, now: Date, out: ClassJobResult): Promise<void> {
  const c = await lockedClass(tx, id);
  if (!c || c.state !== 'open') return;
  for (const a of await listAdmittedVouchers(tx, c.id)) {
    const v = await vouchers.getVoucher(tx, a.voucherId);
    if (v?.kind === 'checkin_only' && v.status === 'in_training') {
      await vouchers.transitionVoucher(tx, SYSTEM, v.id, 'completed', { expectFrom: 'in_training', reason: `class ${c.id} ended`, asOf: now });
      out.completed++;
    }
  }
  await tx.query(`UPDATE training_classes SET state = 'ended', ended_at = $2 WHERE id = $1`, [c.id, now]);
  await audit.record(tx, SYSTEM, {
    action: 'class.end',
    entityType: 'class',
    entityId: c.id,
    districtCode: c.districtCode,
    detail: { endDate: c.endDate },
  });
  out.ended++;
}

/**
 * Idempotent daily pass (Asia/Shanghai):
 *  - reported classes whose start date has come open; their admitted vouchers move to in_training;
 *  - draft classes whose start date has come (never reported) are cancelled; their vouchers go back to issued;
 *  - open classes past their end date end; check-in-only vouchers complete.
 * One transaction per class, so a failure leaves the others done and the next run resumes.
 */
export async function runClassJob(db: Db, now: Date = clockNow()): Promise<ClassJobResult> {
  const today = businessDate(now);
  const out: ClassJobResult = { opened: 0, inTraining: 0, cancelled: 0, released: 0, ended: 0, completed: 0 };
  const starting = await db.query<{ id: string }>(
    `SELECT id FROM training_classes WHERE state IN ('draft','reported') AND start_date <= $1::date ORDER BY start_date, id`,
    [today],
  );
  for (const { id } of starting.rows) await db.tx((tx) => startClass(tx, id, now, out));
  const ending = await db.query<{ id: string }>(`SELECT id FROM training_classes WHERE state = 'open' AND end_date < $1::date ORDER BY end_date, id`, [today]);
  for (const { id } of ending.rows) await db.tx((tx) => endClass(tx, id, now, out));
  return out;
}
