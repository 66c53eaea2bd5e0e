/** A person's check-ins for their lifelong training record (records module), oldest first; rejected ones left out. */
import type { Queryable } from '../../db/index.js';

export interface CheckInHistoryItem {
  sessionId: string;
  classId: string;
  at: Date;
  status: 'accepted' | 'flagged';
  source: 'geofence' | 'online_import';
}

export async function checkInsOfPerson(q: Queryable, personId: string): Promise<CheckInHistoryItem[]> {
  const { rows } = await q.query<{ session_id: string; class_id: string; at: Date; status: 'accepted' | 'flagged'; source: 'geofence' | 'online_import' }>(
    `SELECT session_id, class_id, at, status, source FROM check_ins
      WHERE person_id = $1 AND status <> 'rejected_after_review' ORDER BY at, id`,
    [personId],
  );
  return rows.map((r) => ({ sessionId: r.session_id, classId: r.class_id, at: new Date(r.at), status: r.status, source: r.source }));
}
