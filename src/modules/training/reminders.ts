/**
 * What the messages module reminds of, read here (training owns these tables): the classes starting on a day with
 * their first session, place and admitted trainees; the classes whose opening report (开班备案) is due on a day
 * and not yet filed, with their provider.
 */
import type { Queryable } from '../../db/index.js';
import { addDays, businessDate, businessInstant } from '../../lib/time.js';

export interface ClassStarting {
  classId: string;
  name: string;
  programmeId: string;
  place: string | null;
  online: boolean;
  firstSessionAt: Date;
  personIds: string[];
}

export async function classesStartingOn(q: Queryable, day: string): Promise<ClassStarting[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    programme_id: string;
    online: boolean;
    venue_name: string | null;
    address: string | null;
    first_at: Date;
    persons: string[];
  }>(
    `SELECT c.id, c.name, c.programme_id, c.online, v.name AS venue_name, v.address,
            (SELECT min(s.starts_at) FROM class_sessions s WHERE s.class_id = c.id) AS first_at,
            ARRAY(SELECT a.person_id FROM admissions a WHERE a.class_id = c.id AND a.status = 'admitted' ORDER BY a.person_id) AS persons
       FROM training_classes c LEFT JOIN venues v ON v.id = c.venue_id
      WHERE c.start_date = $1::date AND c.state IN ('reported', 'open')
      ORDER BY c.id`,
    [day],
  );
  return rows
    .filter((r) => r.first_at && r.persons.length > 0)
    .map((r) => ({
      classId: r.id,
      name: r.name,
      programmeId: r.programme_id,
      online: r.online,
      place: r.venue_name ? `${r.venue_name}（${r.address ?? ''}）` : null,
      firstSessionAt: r.first_at,
      personIds: r.persons,
    }));
}

export interface ReportDue {
  classId: string;
  name: string;
  providerId: string;
  dueDate: string;
}

export async function openingReportsDueOn(q: Queryable, day: string): Promise<ReportDue[]> {
  const { rows } = await q.query<{ id: string; name: string; provider_id: string; report_deadline: Date }>(
    `SELECT id, name, provider_id, report_deadline FROM training_classes
      WHERE state = 'draft' AND report_deadline >= $1 AND report_deadline < $2 ORDER BY id`,
    [businessInstant(day, 0, 0, 0, 0), businessInstant(addDays(day, 1), 0, 0, 0, 0)],
  );
  return rows.map((r) => ({ classId: r.id, name: r.name, providerId: r.provider_id, dueDate: businessDate(r.report_deadline) }));
}
