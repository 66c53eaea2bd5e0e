/** The assessment's part of the statistics' rebuild (analytics/sources.ts): assessed, passed, certificates, in the month of the assessment. */
import type { FactsKit, FactsSource } from '../analytics/index.js';

export const analyticsFacts = (k: FactsKit): FactsSource => ({
  facts: [
    `SELECT m.metric, ${k.dims}, date_trunc('month', r.assessed_on)::date, 1, 0, 0
       FROM assessment_results r JOIN vd v ON v.id = r.voucher_id LEFT JOIN cd c ON c.class_id = r.class_id
      CROSS JOIN LATERAL (VALUES ('assessed', true), ('passed', r.passed), ('certificates', r.certificate_number IS NOT NULL)) m(metric, yes)
      WHERE m.yes`,
  ],
});
