/** Seats (名额): one row per seat of a class, claimed by a voucher. */
import type { Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';

/**
 * Claims a free seat for the voucher: one UPDATE of a seat row picked with FOR UPDATE SKIP LOCKED, so
 * concurrent claims on one class take different rows instead of queueing on one counter. No free seat →
 * CLASS_FULL. Claiming again for the same voucher is a no-op.
 */
export async function takeSeat(tx: Tx, classId: string, voucherId: string): Promise<void> {
  const r = await tx.query(
    `WITH mine AS (SELECT seat_no FROM class_seats WHERE class_id = $1 AND voucher_id = $2),
          free AS (SELECT seat_no FROM class_seats WHERE class_id = $1 AND voucher_id IS NULL AND NOT EXISTS (SELECT 1 FROM mine)
                    ORDER BY seat_no LIMIT 1 FOR UPDATE SKIP LOCKED),
          claimed AS (UPDATE class_seats s SET voucher_id = $2 FROM free WHERE s.class_id = $1 AND s.seat_no = free.seat_no RETURNING s.seat_no)
     SELECT seat_no FROM mine UNION ALL SELECT seat_no FROM claimed`,
    [classId, voucherId],
  );
  if (r.rows.length === 0) throw new AppError('CLASS_FULL', 'the class is full', 'classId');
}

export async function releaseSeat(tx: Tx, classId: string, voucherId: string): Promise<void> {
  await tx.query('UPDATE class_seats SET voucher_id = NULL WHERE class_id = $1 AND voucher_id = $2', [classId, voucherId]);
}
