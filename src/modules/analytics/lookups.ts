/**
 * The live deltas' dimension look-ups (facts.ts `recordVoucherFacts` / `…AtCommit`, `issuedFactsCte`): each
 * owner exports, on its face, the SQL of the look-up over its own tables (`analyticsLookups`); this file
 * composes them into the one INSERT … SELECT of a recording — it names no other module's table. The rebuild
 * composes the owners' `analyticsFacts(kit)` the same way (sources.ts).
 *
 * A relation look-up is a plain SELECT (no aggregate, no LIMIT) joined here by equality on its key: the planner
 * flattens it into the statement, so each is an index scan of the owner's key. The latest admission needs a
 * LIMIT, so training gives it as a function of the keys it is looked up by (a LATERAL subquery).
 */
import * as persons from '../persons/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { CUBE_COLUMNS } from './sources.js';

/** persons: `person` — id, district_code. */
export interface PersonLookups {
  person: string;
}

/** vouchers: columns decided at issue, never changing. */
export interface VoucherLookups {
  /** id, person_id, programme_id, occupation_code, level, category, issued_at, issuer_org_id (a customised issuance's organisation, else NULL) */
  voucher: string;
  /** id, issuer_org_id (the organisation of a customised issuance, else NULL) */
  issuance: string;
}

/** training: a class's dimensions and a voucher's latest admission. */
export interface TrainingLookups {
  /** class_id, training_district, provider_id, programme_id, occupation_code, level */
  class: string;
  /** class_id of the voucher's latest admission (at most one row); the arguments are SQL expressions of the voucher's id and its holder's. */
  latestClass: (voucherId: string, personId: string) => string;
}

/** The JSON rows of the events (a parameter or a literal): their record type. */
const EVENT_RECORD = `e(metric text, voucher_id uuid, class_id uuid, latest_class boolean, person_id uuid,
                        at timestamptz, n bigint, amount_fen bigint, since_issue boolean, days bigint)`;

/**
 * The events' INSERT around the JSON of the events: the person's district, the voucher's programme /
 * occupation / level unless the class names them, category and issuing organisation, the class's district
 * and provider (the class of the event, or with `latest_class` the voucher's latest admission's class).
 */
function composeEvents(): readonly [head: string, tail: string] {
  const p = persons.analyticsLookups;
  const v = vouchers.analyticsLookups;
  const t = training.analyticsLookups;
  return [
    `INSERT INTO analytics_facts (${CUBE_COLUMNS})
   SELECT e.metric, p.district_code, c.training_district, coalesce(c.programme_id, v.programme_id), coalesce(c.occupation_code, v.occupation_code),
          coalesce(c.level, v.level)::smallint, c.provider_id, c.class_id, v.issuer_org_id, v.category,
          date_trunc('month', e.at AT TIME ZONE 'Asia/Shanghai')::date, e.n, e.amount_fen,
          CASE WHEN e.since_issue THEN (e.at AT TIME ZONE 'Asia/Shanghai')::date - (v.issued_at AT TIME ZONE 'Asia/Shanghai')::date ELSE e.days END
     FROM jsonb_to_recordset(`,
    `::jsonb) AS ${EVENT_RECORD}
     LEFT JOIN (${v.voucher}) v ON v.id = e.voucher_id
     JOIN (${p.person}) p ON p.id = coalesce(v.person_id, e.person_id)
     LEFT JOIN LATERAL (SELECT l.class_id FROM (${t.latestClass('e.voucher_id', 'v.person_id')}) l WHERE e.latest_class LIMIT 1) la ON true
     LEFT JOIN LATERAL (SELECT c0.* FROM (${t.class}) c0 WHERE c0.class_id = coalesce(e.class_id, la.class_id) LIMIT 1) c ON true`,
  ];
}

let events: readonly [string, string] | null = null;

/** The INSERT of voucher events' facts, `json` being the events' JSON (a parameter or a literal). One statement. */
export function eventsInsert(json: string): string {
  // composed on first use: the owners' faces import this module's face (no reads while modules load)
  events ??= composeEvents();
  return `${events[0]}${json}${events[1]}`;
}

/**
 * A CTE body appending the 'issued' (and 'applied') facts of vouchers inserted by the same statement — a
 * set-based issuance chunk: `rows` is the CTE whose RETURNING gives person_id, programme_id, occupation_code,
 * level, issuance_id, category, mode and issued_at (rows inserted by a statement are not visible to its own reads
 * of the table, so the columns come from the RETURNING). One row per dimension combination, not per voucher.
 */
export function issuedFactsCte(rows: string): string {
  const p = persons.analyticsLookups;
  const v = vouchers.analyticsLookups;
  return `INSERT INTO analytics_facts (${CUBE_COLUMNS})
    SELECT m.metric, p.district_code, NULL, r.programme_id, r.occupation_code, r.level, NULL, NULL,
           iv.issuer_org_id, r.category, date_trunc('month', r.issued_at AT TIME ZONE 'Asia/Shanghai')::date, count(*), 0, 0
      FROM ${rows} r JOIN (${p.person}) p ON p.id = r.person_id LEFT JOIN (${v.issuance}) iv ON iv.id = r.issuance_id
     CROSS JOIN LATERAL (VALUES ('issued', true), ('applied', r.mode = 'on_demand')) m(metric, yes)
     WHERE m.yes
     GROUP BY 1, 2, 4, 5, 6, 9, 10, 11`;
}
