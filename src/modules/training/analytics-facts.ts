/**
 * The training's part of the statistics. The rebuild (analytics/sources.ts): `cd` (a class's dimensions), `la` (a
 * voucher's latest admission), `ad` (admissions standing), `sess` (a class's sessions, those held by the
 * computation's instant), and the facts of registration, admission (days since the voucher's issue), expected
 * check-ins, classes opened / reported on time / cancelled and sessions held. The live deltas
 * (analytics/lookups.ts): the look-ups of a class and of a voucher's latest admission.
 */
import type { FactsKit, FactsSource, TrainingLookups } from '../analytics/index.js';

const CLASS_DIMS = `c.id AS class_id, c.district_code AS training_district, c.provider_id, c.programme_id, c.occupation_code,
              c.level::smallint AS level`;

export const analyticsLookups: TrainingLookups = {
  class: `SELECT ${CLASS_DIMS} FROM training_classes c`,
  // found through the holder's index (admissions_person: an admission's person is its voucher's holder), a
  // person having few admissions; admissions has no index on the voucher alone but the open one's
  latestClass: (voucherId, personId) =>
    `SELECT a.class_id FROM admissions a WHERE a.person_id = ${personId} AND a.voucher_id = ${voucherId} ORDER BY a.admitted_at DESC LIMIT 1`,
};

export const analyticsFacts = (k: FactsKit): FactsSource => ({
  relations: [
    [
      'cd',
      `SELECT ${CLASS_DIMS}, c.opened_at, c.reported_at, c.report_deadline, c.cancelled_at, c.state
         FROM training_classes c`,
    ],
    ['la', 'SELECT DISTINCT ON (a.voucher_id) a.voucher_id, a.class_id FROM admissions a ORDER BY a.voucher_id, a.admitted_at DESC'],
    ['ad', `SELECT a.voucher_id, a.person_id, a.class_id, a.admitted_at FROM admissions a WHERE a.status = 'admitted'`],
    ['sess', `SELECT s.class_id, count(*) AS total, count(*) FILTER (WHERE s.ends_at <= ${k.at}) AS held FROM class_sessions s GROUP BY s.class_id`],
  ],
  facts: [
    `SELECT 'registered', ${k.dims}, ${k.month('r.created_at')}, 1, 0, 0
       FROM registrations r JOIN vd v ON v.id = r.voucher_id JOIN cd c ON c.class_id = r.class_id`,
    `SELECT 'admitted', ${k.dims}, ${k.month('a.admitted_at')}, 1, 0, ${k.daysBetween('v.issued_at', 'a.admitted_at')}
       FROM ad a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id`,
    `SELECT 'expectedCheckIns', ${k.dims}, ${k.month('a.admitted_at')}, coalesce(s.held, 0), 0, 0
       FROM ad a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id
       LEFT JOIN sess s ON s.class_id = a.class_id WHERE coalesce(s.held, 0) > 0`,
    `SELECT 'classesOpened', ${k.classDims}, ${k.month('c.opened_at')}, 1, 0, 0 FROM cd c WHERE c.opened_at IS NOT NULL`,
    `SELECT 'classesReportedOnTime', ${k.classDims}, ${k.month('c.reported_at')}, 1, 0, 0 FROM cd c
      WHERE c.reported_at IS NOT NULL AND c.reported_at <= c.report_deadline`,
    `SELECT 'classesCancelled', ${k.classDims}, ${k.month('c.cancelled_at')}, 1, 0, 0 FROM cd c WHERE c.state = 'cancelled'`,
    `SELECT 'sessionsHeld', ${k.classDims}, ${k.month('s.starts_at')}, 1, 0, 0
       FROM class_sessions s JOIN cd c ON c.class_id = s.class_id WHERE s.ends_at <= ${k.at}`,
  ],
});
