/** A person's registrations and admissions for their lifelong training record (records module), oldest first. */
import type { Queryable } from '../../db/index.js';

export interface TrainingHistoryItem {
  kind: 'registration' | 'admission';
  id: string;
  at: Date;
  status: string;
  voucherId: string;
  classId: string;
  className: string;
  occupationCode: string;
  level: number;
  startDate: string;
  endDate: string;
  online: boolean;
  /** The course's hours (课时) as published. */
  courseHours: number;
}

const CLASS_COLS = `c.name AS class_name, c.occupation_code, c.level, c.start_date::text AS start_date, c.end_date::text AS end_date, c.online, co.hours AS course_hours`;

export async function trainingOfPerson(q: Queryable, personId: string): Promise<TrainingHistoryItem[]> {
  const { rows } = await q.query<{
    kind: 'registration' | 'admission';
    id: string;
    at: Date;
    status: string;
    voucher_id: string;
    class_id: string;
    class_name: string;
    occupation_code: string;
    level: number;
    start_date: string;
    end_date: string;
    online: boolean;
    course_hours: number;
  }>(
    `SELECT 'registration' AS kind, r.id, r.created_at AS at, r.status, r.voucher_id, r.class_id, ${CLASS_COLS}
       FROM registrations r JOIN training_classes c ON c.id = r.class_id JOIN courses co ON co.id = c.course_id
      WHERE r.person_id = $1
     UNION ALL
     SELECT 'admission' AS kind, a.id, a.admitted_at AS at, a.status, a.voucher_id, a.class_id, ${CLASS_COLS}
       FROM admissions a JOIN training_classes c ON c.id = a.class_id JOIN courses co ON co.id = c.course_id
      WHERE a.person_id = $1
     ORDER BY at, id`,
    [personId],
  );
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    at: new Date(r.at),
    status: r.status,
    voucherId: r.voucher_id,
    classId: r.class_id,
    className: r.class_name,
    occupationCode: r.occupation_code,
    level: Number(r.level),
    startDate: r.start_date,
    endDate: r.end_date,
    online: r.online,
    courseHours: Number(r.course_hours),
  }));
}
