/**
 * The attendance's part of the statistics' rebuild (analytics/sources.ts): check-ins counted / flagged /
 * overturned (the person's district when the check-in names no voucher), and the admissions with at least the
 * threshold of their class's sessions counted (≥ 80 % attendance).
 */
import type { FactsKit, FactsSource } from '../analytics/index.js';

export const analyticsFacts = (k: FactsKit): FactsSource => ({
  relations: [['counted', `SELECT k.class_id, k.person_id, count(*) AS n FROM check_ins k WHERE k.status = 'accepted' GROUP BY k.class_id, k.person_id`]],
  facts: [
    `SELECT CASE k.status WHEN 'accepted' THEN 'checkInsCounted' WHEN 'flagged' THEN 'checkInsFlagged' ELSE 'checkInsOverturned' END,
            coalesce(v.person_district, p.district_code), c.training_district, c.programme_id, c.occupation_code, c.level,
            c.provider_id, c.class_id, v.issuer_org_id, v.category, ${k.month('k.at')}, 1, 0, 0
       FROM check_ins k JOIN cd c ON c.class_id = k.class_id JOIN pd p ON p.id = k.person_id LEFT JOIN vd v ON v.id = k.voucher_id`,
    `SELECT 'attendedEnough', ${k.dims}, ${k.month('a.admitted_at')}, 1, 0, 0
       FROM ad a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id
       JOIN sess s ON s.class_id = a.class_id LEFT JOIN counted n ON n.class_id = a.class_id AND n.person_id = a.person_id
      WHERE s.total > 0 AND coalesce(n.n, 0) * 100 >= ${k.thresholdPct} * s.total`,
  ],
});
