/**
 * The facts computed from the base tables in one pass: the cube's backfill and rebuild (`stats rebuild`, the
 * nightly compaction) and the benchmark's "GROUP BY on the base tables" baseline. It reads the owners' tables
 * read-only, set-based — as a migration's backfill does (ARCHITECTURE: a set-based job may embed the owners'
 * SQL); the hot paths never come here, they append deltas through `recordFacts`.
 *
 * Every fact is (metric, person's district, training district, programme, occupation, level, provider, class,
 * issuing organisation, person category, Shanghai month, n, amount in fen, whole days). Month = the month the
 * event happened (see the contract, /work/wt/contracts/analytics.md, and README of this module).
 */

/** First day of the Asia/Shanghai month of a timestamptz expression. */
const month = (ts: string): string => `date_trunc('month', (${ts}) AT TIME ZONE 'Asia/Shanghai')::date`;
/** Whole days between two timestamptz expressions (Shanghai calendar days). */
const daysBetween = (from: string, to: string): string => `((${to}) AT TIME ZONE 'Asia/Shanghai')::date - ((${from}) AT TIME ZONE 'Asia/Shanghai')::date`;

/** The dimension columns of a voucher fact (v = voucher dims, c = class dims, possibly NULL). */
const DIMS = `v.person_district, c.training_district, coalesce(c.programme_id, v.programme_id) AS programme_id,
  coalesce(c.occupation_code, v.occupation_code) AS occupation_code, coalesce(c.level, v.level) AS level,
  c.provider_id, c.class_id, v.issuer_org_id, v.category`;
/** The dimension columns of a voucher fact without a class (issue, expiry, revocation). */
const VDIMS = `v.person_district, NULL::text AS training_district, v.programme_id, v.occupation_code, v.level,
  NULL::uuid AS provider_id, NULL::uuid AS class_id, v.issuer_org_id, v.category`;
/** The dimension columns of a class fact (no person). */
const CDIMS = `NULL::text AS person_district, c.training_district, c.programme_id, c.occupation_code, c.level,
  c.provider_id, c.class_id, NULL::uuid AS issuer_org_id, NULL::text AS category`;

const COLUMNS = `metric, person_district, training_district, programme_id, occupation_code, level, provider_id, class_id, issuer_org_id, category, month`;

/**
 * All facts, aggregated by every dimension. `$1` = the instant of the computation (sessions held = ended by
 * then), `$2` = the attendance threshold in percent (≥ 80 % attendance).
 */
export const FACTS_SQL = `
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
  SELECT s.class_id, count(*) AS total, count(*) FILTER (WHERE s.ends_at <= $1::timestamptz) AS held FROM class_sessions s GROUP BY s.class_id
), counted AS (
  SELECT k.class_id, k.person_id, count(*) AS n FROM check_ins k WHERE k.status = 'accepted' GROUP BY k.class_id, k.person_id
), paid AS (
  SELECT e.claim_id, max(e.at) AS at FROM claim_events e WHERE e.to_status = 'paid' GROUP BY e.claim_id
), f AS (
  SELECT 'issued' AS metric, ${VDIMS}, ${month('v.issued_at')} AS month, 1 AS n, 0::bigint AS amount_fen, 0 AS days FROM vd v
  UNION ALL
  SELECT 'applied', ${VDIMS}, ${month('v.issued_at')}, 1, 0, 0 FROM vd v WHERE v.mode = 'on_demand'
  UNION ALL
  SELECT CASE v.status WHEN 'expired' THEN 'expired' ELSE 'revoked' END, ${VDIMS}, ${month('v.status_changed_at')}, 1, 0, 0
    FROM vd v WHERE v.status IN ('expired', 'revoked')
  UNION ALL
  SELECT 'settled', ${DIMS}, ${month('v.status_changed_at')}, 1, 0, 0
    FROM vd v LEFT JOIN la ON la.voucher_id = v.id LEFT JOIN cd c ON c.class_id = la.class_id WHERE v.status = 'settled'
  UNION ALL
  SELECT 'registered', ${DIMS}, ${month('r.created_at')}, 1, 0, 0
    FROM registrations r JOIN vd v ON v.id = r.voucher_id JOIN cd c ON c.class_id = r.class_id
  UNION ALL
  SELECT 'admitted', ${DIMS}, ${month('a.admitted_at')}, 1, 0, ${daysBetween('v.issued_at', 'a.admitted_at')}
    FROM admissions a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id WHERE a.status = 'admitted'
  UNION ALL
  SELECT 'expectedCheckIns', ${DIMS}, ${month('a.admitted_at')}, coalesce(s.held, 0), 0, 0
    FROM admissions a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id
    LEFT JOIN sess s ON s.class_id = a.class_id WHERE a.status = 'admitted' AND coalesce(s.held, 0) > 0
  UNION ALL
  SELECT 'attendedEnough', ${DIMS}, ${month('a.admitted_at')}, 1, 0, 0
    FROM admissions a JOIN vd v ON v.id = a.voucher_id JOIN cd c ON c.class_id = a.class_id
    JOIN sess s ON s.class_id = a.class_id LEFT JOIN counted k ON k.class_id = a.class_id AND k.person_id = a.person_id
   WHERE a.status = 'admitted' AND s.total > 0 AND coalesce(k.n, 0) * 100 >= $2::int * s.total
  UNION ALL
  SELECT 'classesOpened', ${CDIMS}, ${month('c.opened_at')}, 1, 0, 0 FROM cd c WHERE c.opened_at IS NOT NULL
  UNION ALL
  SELECT 'classesReportedOnTime', ${CDIMS}, ${month('c.reported_at')}, 1, 0, 0 FROM cd c
   WHERE c.reported_at IS NOT NULL AND c.reported_at <= c.report_deadline
  UNION ALL
  SELECT 'classesCancelled', ${CDIMS}, ${month('c.cancelled_at')}, 1, 0, 0 FROM cd c WHERE c.state = 'cancelled'
  UNION ALL
  SELECT 'sessionsHeld', ${CDIMS}, ${month('s.starts_at')}, 1, 0, 0
    FROM class_sessions s JOIN cd c ON c.class_id = s.class_id WHERE s.ends_at <= $1::timestamptz
  UNION ALL
  SELECT CASE k.status WHEN 'accepted' THEN 'checkInsCounted' WHEN 'flagged' THEN 'checkInsFlagged' ELSE 'checkInsOverturned' END,
         coalesce(v.person_district, p.district_code), c.training_district, c.programme_id, c.occupation_code, c.level,
         c.provider_id, c.class_id, v.issuer_org_id, v.category, ${month('k.at')}, 1, 0, 0
    FROM check_ins k JOIN cd c ON c.class_id = k.class_id JOIN persons p ON p.id = k.person_id LEFT JOIN vd v ON v.id = k.voucher_id
  UNION ALL
  SELECT m.metric, ${DIMS}, date_trunc('month', r.assessed_on)::date, 1, 0, 0
    FROM assessment_results r JOIN vd v ON v.id = r.voucher_id LEFT JOIN cd c ON c.class_id = r.class_id
    CROSS JOIN LATERAL (VALUES ('assessed', true), ('passed', r.passed), ('certificates', r.certificate_number IS NOT NULL)) m(metric, yes)
   WHERE m.yes
  UNION ALL
  SELECT CASE WHEN cl.status IN ('approved', 'in_batch') THEN 'claimsApproved' WHEN cl.status = 'held' THEN 'claimsHeld'
              WHEN cl.status = 'rejected' THEN 'claimsRejected' WHEN cl.status = 'paid' THEN 'claimsPaid'
              WHEN cl.status = 'failed' THEN 'claimsFailed' ELSE 'claimsInReview' END,
         ${DIMS}, ${month('coalesce(pd.at, cl.created_at)')}, 1, cl.amount_fen,
         CASE WHEN cl.status = 'paid' AND r.assessed_on IS NOT NULL THEN (pd.at AT TIME ZONE 'Asia/Shanghai')::date - r.assessed_on ELSE 0 END
    FROM subsidy_claims cl JOIN vd v ON v.id = cl.voucher_id LEFT JOIN cd c ON c.class_id = cl.class_id
    LEFT JOIN paid pd ON pd.claim_id = cl.id AND cl.status = 'paid' LEFT JOIN assessment_results r ON r.id = cl.result_id
  UNION ALL
  SELECT 'objections', ${DIMS}, ${month('o.created_at')}, 1, 0, 0
    FROM claim_objections o JOIN subsidy_claims cl ON cl.id = o.claim_id JOIN vd v ON v.id = cl.voucher_id LEFT JOIN cd c ON c.class_id = cl.class_id
)
SELECT ${COLUMNS}, sum(n)::bigint AS n, sum(amount_fen)::bigint AS amount_fen, sum(days)::bigint AS days
  FROM f GROUP BY ${COLUMNS}`;

export const CUBE_COLUMNS = `${COLUMNS}, n, amount_fen, days`;

/** Budgets (catalog's allocation, subsidy's ledger buckets) by district × programme for a year. */
export const BUDGET_SQL = `
SELECT b.district_code, b.programme_id::text AS programme_id, b.year, b.amount_fen::bigint AS allocated_fen,
       coalesce(a.reserved_fen, 0)::bigint AS reserved_fen, coalesce(a.paid_fen, 0)::bigint AS paid_fen,
       coalesce(a.available_fen, b.amount_fen)::bigint AS available_fen
  FROM budgets b LEFT JOIN budget_accounts a ON a.programme_id = b.programme_id AND a.district_code = b.district_code AND a.year = b.year
 WHERE b.year = $1 AND ($2::text IS NULL OR b.district_code = $2) AND ($3::uuid IS NULL OR b.programme_id = $3)
 ORDER BY b.district_code, b.programme_id`;
