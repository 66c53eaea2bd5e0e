-- Backfill (data, separate from the schema): the statistics cube computed once from the base tables as they stand
-- at this migration — the same SQL as `stats rebuild` (src/modules/analytics/sources.ts FACTS_SQL) with the
-- migration's instant for "sessions held" and the 80 % attendance threshold. Afterwards the owners' events append
-- deltas and the nightly rebuild recomputes it.
INSERT INTO analytics_cube (metric, person_district, training_district, programme_id, occupation_code, level, provider_id, class_id, issuer_org_id, category, month, n, amount_fen, days)
WITH vd AS (
  SELECT v.id, v.person_id, v.issued_at, v.mode, v.status, v.status_changed_at, v.category,
         p.district_code AS person_district, v.programme_id, v.occupation_code, v.level::smallint AS level,
         CASE WHEN i.mode = 'custom' THEN i.org_id END AS issuer_org_id
    FROM vouchers v JOIN persons p ON p.id = v.person_id LEFT JOIN issuances i ON i.id = v.issuance_id
), cd AS (
  SELECT c.id AS class_id, c.district_code AS training_district, c.provider_id, c.programme_id, c.occupation_code,
         c.level::smallint AS level, c.opened_at, c.reported_at, c.report_deadline, c.cancelled_at, c.state
    FROM training_classes c
), la AS (
  SELECT DISTINCT ON (a.voucher_id) a.voucher_id, a.class_id FROM admissions a ORDER BY a.voucher_id, a.admitted_at DESC
), sess AS (
  SELECT s.class_id, count(*) AS total, count(*) FILTER (WHERE s.ends_at <= now()) AS held FROM class_sessions s GROUP BY s.class_id
), counted AS (
  SELECT k.class_id, k.person_id, count(*) AS n FROM check_ins k WHERE k.status = 'accepted' GROUP BY k.class_id, k.person_id
), paid AS (
  SELECT e.claim_id, max(e.at) AS at FROM claim_events e WHERE e.to_status = 'paid' GROUP BY e.claim_id
), f AS (
  SELECT 'issued' AS metric, v.person_district, NULL::text AS training_district, v.programme_id, v.occupation_code, v.level,
  NULL::uuid AS provider_id, NULL::uuid AS class_id, v.issuer_org_id, v.category, date_trunc('month', (v.issued_at) AT TIME ZONE 'Asia/Shanghai')::date AS month, 1 AS n, 0::bigint AS amount_fen, 0 AS days FROM vd v
  UNION ALL
  SELECT 'applied', v.person_district, NULL::text AS training_district, v.programme_id, v.occupation_code, v.level,
  NULL::uuid AS provider_id, NULL::uuid AS class_id, v.issuer_org_id, v.category, date_trunc('month', (v.issued_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0 FROM vd v WHERE v.mode = 'on_demand'
  UNION ALL
  SELECT CASE v.status WHEN 'expired' THEN 'expired' ELSE 'revoked' END, v.person_district, NULL::text AS training_district, v.programme_id, v.occupation_code, v.level,
  NULL::uuid AS provider_id, NULL::uuid AS class_id, v.issuer_org_id, v.category, date_trunc('month', (v.status_changed_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0
    FROM vd v WHERE v.status IN ('expired', 'revoked')
  UNION ALL
  SELECT 'settled', v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (v.status_changed_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0
    FROM vd v LEFT JOIN la ON la.voucher_id = v.id LEFT JOIN cd c ON c.class_id = la.class_id WHERE v.status = 'settled'
  UNION ALL
  SELECT 'registered', v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (r.created_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0
    FROM registrations r JOIN vd v ON v.id = r.voucher_id JOIN cd c ON c.class_id = r.class_id
  UNION ALL
  SELECT 'admitted', v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (a.admitted_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, ((a.admitted_at) AT TIME ZONE 'Asia/Shanghai')::date - ((v.issued_at) AT TIME ZONE 'Asia/Shanghai')::date
    FROM admissions a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id WHERE a.status = 'admitted'
  UNION ALL
  SELECT 'expectedCheckIns', v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (a.admitted_at) AT TIME ZONE 'Asia/Shanghai')::date, coalesce(s.held, 0), 0, 0
    FROM admissions a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id
    LEFT JOIN sess s ON s.class_id = a.class_id WHERE a.status = 'admitted' AND coalesce(s.held, 0) > 0
  UNION ALL
  SELECT 'attendedEnough', v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (a.admitted_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0
    FROM admissions a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id
    JOIN sess s ON s.class_id = a.class_id LEFT JOIN counted k ON k.class_id = a.class_id AND k.person_id = a.person_id
   WHERE a.status = 'admitted' AND s.total > 0 AND coalesce(k.n, 0) * 100 >= 80 * s.total
  UNION ALL
  SELECT 'classesOpened', NULL::text AS person_district, c.training_district, c.programme_id, c.occupation_code, c.level,
  c.provider_id, c.class_id, NULL::uuid AS issuer_org_id, NULL::text AS category, date_trunc('month', (c.opened_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0 FROM cd c WHERE c.opened_at IS NOT NULL
  UNION ALL
  SELECT 'classesReportedOnTime', NULL::text AS person_district, c.training_district, c.programme_id, c.occupation_code, c.level,
  c.provider_id, c.class_id, NULL::uuid AS issuer_org_id, NULL::text AS category, date_trunc('month', (c.reported_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0 FROM cd c
   WHERE c.reported_at IS NOT NULL AND c.reported_at <= c.report_deadline
  UNION ALL
  SELECT 'classesCancelled', NULL::text AS person_district, c.training_district, c.programme_id, c.occupation_code, c.level,
  c.provider_id, c.class_id, NULL::uuid AS issuer_org_id, NULL::text AS category, date_trunc('month', (c.cancelled_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0 FROM cd c WHERE c.state = 'cancelled'
  UNION ALL
  SELECT 'sessionsHeld', NULL::text AS person_district, c.training_district, c.programme_id, c.occupation_code, c.level,
  c.provider_id, c.class_id, NULL::uuid AS issuer_org_id, NULL::text AS category, date_trunc('month', (s.starts_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0
    FROM class_sessions s JOIN cd c ON c.class_id = s.class_id WHERE s.ends_at <= now()
  UNION ALL
  SELECT CASE k.status WHEN 'accepted' THEN 'checkInsCounted' WHEN 'flagged' THEN 'checkInsFlagged' ELSE 'checkInsOverturned' END,
         coalesce(v.person_district, p.district_code), c.training_district, c.programme_id, c.occupation_code, c.level,
         c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (k.at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0
    FROM check_ins k JOIN cd c ON c.class_id = k.class_id JOIN persons p ON p.id = k.person_id LEFT JOIN vd v ON v.id = k.voucher_id
  UNION ALL
  SELECT m.metric, v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', r.assessed_on)::date, 1, 0, 0
    FROM assessment_results r JOIN vd v ON v.id = r.voucher_id LEFT JOIN cd c ON c.class_id = r.class_id
    CROSS JOIN LATERAL (VALUES ('assessed', true), ('passed', r.passed), ('certificates', r.certificate_number IS NOT NULL)) m(metric, yes)
   WHERE m.yes
  UNION ALL
  SELECT CASE WHEN cl.status IN ('approved', 'in_batch') THEN 'claimsApproved' WHEN cl.status = 'held' THEN 'claimsHeld'
              WHEN cl.status = 'rejected' THEN 'claimsRejected' WHEN cl.status = 'paid' THEN 'claimsPaid'
              WHEN cl.status = 'failed' THEN 'claimsFailed' ELSE 'claimsInReview' END,
         v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (coalesce(pd.at, cl.created_at)) AT TIME ZONE 'Asia/Shanghai')::date, 1, cl.amount_fen,
         CASE WHEN cl.status = 'paid' AND r.assessed_on IS NOT NULL THEN (pd.at AT TIME ZONE 'Asia/Shanghai')::date - r.assessed_on ELSE 0 END
    FROM subsidy_claims cl JOIN vd v ON v.id = cl.voucher_id LEFT JOIN cd c ON c.class_id = cl.class_id
    LEFT JOIN paid pd ON pd.claim_id = cl.id AND cl.status = 'paid' LEFT JOIN assessment_results r ON r.id = cl.result_id
  UNION ALL
  SELECT 'objections', v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category, date_trunc('month', (o.created_at) AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0
    FROM claim_objections o JOIN subsidy_claims cl ON cl.id = o.claim_id JOIN vd v ON v.id = cl.voucher_id LEFT JOIN cd c ON c.class_id = cl.class_id
)
SELECT metric, person_district, training_district, programme_id, occupation_code, level, provider_id, class_id, issuer_org_id, category, month, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount_fen, sum(days)::bigint AS days
  FROM f GROUP BY metric, person_district, training_district, programme_id, occupation_code, level, provider_id, class_id, issuer_org_id, category, month;

UPDATE analytics_state SET rebuilt_at = now();
