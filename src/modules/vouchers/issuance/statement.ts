/**
 * The terms snapshot of a run (standard, uplift, ratios, validity, the number's yymm) and the one set-based
 * issuing statement shared by targeted chunks and custom-list chunks.
 */
import type { Queryable } from '../../../db/index.js';
import { AppError } from '../../../lib/errors.js';
import * as analytics from '../../analytics/index.js';
import * as catalog from '../../catalog/index.js';
import { ratioConditionHolds } from '../../catalog/index.js';
import { CATEGORY_VALID_MONTHS, shanghaiDate, shanghaiYymm, validThrough } from '../rules.js';
import type { IssuanceDefinition, IssuanceMode, IssuanceTerms } from './model.js';

// ——— terms snapshot ———

export async function computeTerms(q: Queryable, programme: catalog.Programme, d: IssuanceDefinition, now: Date): Promise<IssuanceTerms> {
  let standardFen: number | null = null;
  let upliftPct = 0;
  if (d.occupationCode !== null && d.level !== null) {
    const quote = await catalog.quoteSubsidy(q, { programmeId: programme.id, occupationCode: d.occupationCode, level: d.level, categories: [] });
    standardFen = quote.standardFen;
    upliftPct = quote.upliftPct;
  }
  const ratios = (await catalog.listRatios(q))
    .filter((r) => programme.eligibleCategories.includes(r.category))
    // Open scope (no level): a level condition is checked again when the subsidy is claimed.
    .filter((r) => d.level === null || ratioConditionHolds(r.condition, d.level))
    .map((r) => ({ category: r.category, ratioPct: r.ratioPct }))
    .sort((a, b) => b.ratioPct - a.ratioPct || (a.category < b.category ? -1 : 1));
  const validFrom = shanghaiDate(now);
  const validUntil = d.validUntil ?? validThrough(validFrom, d.validityMonths ?? programme.validityMonths);
  if (validUntil < validFrom) throw new AppError('VALIDITY_IN_PAST', `the validity ends ${validUntil}, before today (${validFrom})`, 'validUntil');
  return { standardFen, upliftPct, ratios, validFrom, validUntil, categoryValidUntil: validThrough(validFrom, CATEGORY_VALID_MONTHS), yymm: shanghaiYymm(now) };
}

// ——— the set-based issuing statement ———

/** The custom list's answer: each candidate's outcome. */
const PER_ROW_OUTCOME = `SELECT q.id::text AS id, q.already, q.holds, q.cat IS NULL AS no_category, EXISTS (SELECT 1 FROM ins WHERE ins.person_id = q.id) AS issued FROM q`;

/** A targeted chunk's answer: its counts and where it ended (the cursor). */
const CHUNK_COUNTS = `SELECT (SELECT count(*) FROM cand)::int AS candidates,
                  (SELECT c.id::text FROM cand c ORDER BY c.id DESC LIMIT 1) AS last_id,
                  (SELECT count(*) FROM ins)::int AS issued,
                  (SELECT count(*) FILTER (WHERE already) FROM q)::int AS already_issued,
                  (SELECT count(*) FILTER (WHERE holds AND NOT already) FROM q)::int AS holds_open,
                  (SELECT count(*) FILTER (WHERE cat IS NULL AND NOT holds AND NOT already) FROM q)::int AS no_category,
                  (SELECT count(*) FILTER (WHERE cat IS NOT NULL AND NOT holds AND NOT already) FROM q)::int AS eligible`;

/** What a statement needs to know of its issuance. */
export interface IssueTarget {
  issuanceId: string;
  programmeId: string;
  mode: IssuanceMode;
  districtCode: string | null;
  d: IssuanceDefinition;
  t: IssuanceTerms;
  remaining: number | null;
  /** The instant of issue when the caller acts at a given time (a back-dated world); absent: the database's now. */
  issuedAt?: Date | null | undefined;
}

/**
 * Issues to a candidate set (`cand`: id, district_code, categories) in one statement. Returns the candidate
 * rows with their outcome. `$1..$n` of the candidate SQL come first; the rest are appended here.
 */
export function issueStatement(candSql: string, candParams: unknown[], i: IssueTarget, perRow: boolean): { sql: string; params: unknown[] } {
  const params = [...candParams];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const prog = p(i.programmeId);
  const iss = p(i.issuanceId);
  const cats = p(i.t.ratios.map((r) => r.category));
  const ratios = p(i.t.ratios.map((r) => r.ratioPct));
  const remaining = p(i.remaining);
  const district = p(i.districtCode);
  const vu = p(i.t.validUntil);
  const at = p(i.issuedAt ?? null);
  const sql = `
    WITH cand AS (${candSql}),
    q AS (
      -- Per-row index probes (LATERAL … LIMIT 1), not hashed subplans: a hashed EXISTS would read every
      -- voucher of the issuance / programme once per chunk, which grows quadratically over a large run.
      SELECT c.id, c.district_code, r.cat, r.ratio, a.x IS NOT NULL AS already, h.x IS NOT NULL AS holds
        FROM cand c
        LEFT JOIN LATERAL (SELECT 1 AS x FROM voucher_records v WHERE v.issuance_id = ${iss}::uuid AND v.person_id = c.id LIMIT 1) a ON true
        LEFT JOIN LATERAL (
          SELECT 1 AS x FROM voucher_states s WHERE s.person_id = c.id AND s.programme_id = ${prog}::uuid AND s.kind = 'subsidy'
             AND s.status IN ('issued','admitted','in_training','assessed','approved') LIMIT 1
        ) h ON true
        LEFT JOIN LATERAL (
          SELECT x.cat, x.ratio FROM unnest(${cats}::text[], ${ratios}::int[]) AS x(cat, ratio)
           WHERE x.cat = ANY(c.categories) ORDER BY x.ratio DESC, x.cat LIMIT 1
        ) r ON true
    ),
    pick AS (
      SELECT q.*, ${p(i.t.yymm)}::text || coalesce(${district}::text, q.district_code, '000000') AS pfx
        FROM q WHERE NOT already AND NOT holds AND cat IS NOT NULL ORDER BY id LIMIT ${remaining}::int
    ),
    elig AS (
      -- the serial as a column, so the number expression below is inlined (no function call per row); the id
      -- time-ordered (sv_uuid7), so records, states and their keys are written in one order
      SELECT k.*, k.pfx::bigint * 100000000 + k.sn AS payload, sv_uuid7() AS vid
        FROM (SELECT pick.*, nextval('voucher_serial') % 100000000 AS sn FROM pick) k
    ),
    st AS (
      -- the state first: a person who meanwhile got an open voucher of the programme (the one-open index) is
      -- skipped here, and so gets no record below
      INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until, status_changed_at)
      SELECT e.vid, e.id, ${prog}::uuid, 'subsidy', ${vu}::date, coalesce(${at}::timestamptz, now()) FROM elig e
      ON CONFLICT DO NOTHING
      RETURNING voucher_id
    ),
    ins AS (
      INSERT INTO voucher_records (id, number, person_id, kind, programme_id, occupation_code, level, mode, issuance_id, district_code,
                                   ratio_pct, standard_fen, uplift_pct, category, category_valid_until, valid_from, valid_until, issued_at)
      SELECT e.vid, 'SV' || e.pfx || lpad(e.sn::text, 8, '0') || sv_voucher_check(e.payload),
             e.id, 'subsidy', ${prog}::uuid, ${p(i.d.occupationCode)}::text, ${p(i.d.level)}::smallint, ${p(i.mode)}, ${iss}::uuid,
             coalesce(${district}::text, e.district_code), e.ratio, ${p(i.t.standardFen)}::bigint, ${p(i.t.upliftPct)}::int, e.cat,
             ${p(i.t.categoryValidUntil)}::date, ${p(i.t.validFrom)}::date, ${vu}::date, coalesce(${at}::timestamptz, now())
        FROM elig e JOIN st ON st.voucher_id = e.vid
      RETURNING person_id, programme_id, occupation_code, level, issuance_id, category, mode, issued_at
    ),
    -- the statistics' facts of the chunk (analytics owns the fragment and its table)
    fx AS (${analytics.issuedFactsCte('ins')})
    ${perRow ? PER_ROW_OUTCOME : CHUNK_COUNTS}`;
  return { sql, params };
}
