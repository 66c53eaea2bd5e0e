/** The claims whose public notice (公示) ended on a given day without a hold: the messages module tells their workers. */
import type { Queryable } from '../../db/index.js';

export interface NoticeEndedClaim {
  id: string;
  personId: string;
  noticeLastDay: string;
  /** Who is paid: the worker, or the provider / employer named (the worker's message says so). */
  payeeKind: 'person' | 'provider' | 'enterprise';
  payeeName: string | null;
}

/** Approved claims (not held, not yet paid) whose notice's last day is `day` (a Shanghai date). */
export async function claimsNoticeEndedOn(q: Queryable, day: string): Promise<NoticeEndedClaim[]> {
  const { rows } = await q.query<{
    id: string;
    person_id: string;
    notice_last_day: string;
    payee_kind: NoticeEndedClaim['payeeKind'];
    payee_name: string | null;
  }>(
    `SELECT id, person_id, notice_last_day::text AS notice_last_day, payee_kind, payee_name FROM subsidy_claims
      WHERE status = 'approved' AND notice_last_day = $1::date ORDER BY id`,
    [day],
  );
  return rows.map((r) => ({ id: r.id, personId: r.person_id, noticeLastDay: r.notice_last_day, payeeKind: r.payee_kind, payeeName: r.payee_name }));
}
