/**
 * Issuance runs: 精准发放 (targeted: an eligibility rule over the person registry) and 定制发放 (custom: a
 * list uploaded by an enterprise, provider or admin).
 *
 * Targeted runs are set-based: each chunk is ONE `INSERT … SELECT` over the next range of person ids
 * (keyset on persons.id) with `ON CONFLICT DO NOTHING`, in one transaction together with the progress row
 * and an audit entry. The cursor (last person id of the last committed chunk) makes a run resumable after a
 * crash: the uncommitted chunk rolls back and the next run continues from the cursor; UNIQUE
 * (issuance_id, person_id) makes a re-run never issue twice. A session advisory lock per issuance lets one
 * run at a time (the other: ISSUANCE_ALREADY_RUNNING); it is released when the process dies.
 *
 * Terms (standard, uplift, the ratio of every accepted category, validity, yymm of the number) are
 * snapshotted when a run starts and reused by every chunk and by a resumed run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, Queryable, Tx } from '../../db/index.js';
import { AppError, notFound, type ErrorCode } from '../../lib/errors.js';
import { isUuid, maskId, maskName } from '../../lib/identifiers.js';
import * as audit from '../audit/service.js';
import type { AuditActor } from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import * as catalog from '../catalog/service.js';
import { ratioConditionHolds } from '../catalog/rules.js';
import * as orgs from '../orgs/service.js';
import * as persons from '../persons/service.js';
import { mapHeader, type ImportKey } from '../persons/rules.js';
import { readSheet, type SheetFormat } from '../persons/sheet.js';
import { CATEGORY_VALID_MONTHS, addMonths, shanghaiDate, shanghaiYymm } from './rules.js';

export type IssuanceMode = 'targeted' | 'custom';
export type IssuanceStatus = 'draft' | 'running' | 'done' | 'failed';

export interface IssuanceDefinition {
  /** Scope: an occupation and level, or null for open (any occupation of the programme). */
  occupationCode: string | null;
  level: number | null;
  /** Targeted only: who matches (persons.matchPersonsSql). */
  rule: persons.EligibilityRule;
  quantityCap: number | null;
  /** Validity: months from the issue date, or a fixed last day; neither → the programme's validity. */
  validityMonths: number | null;
  validUntil: string | null;
}

export interface IssuanceTerms {
  standardFen: number | null;
  upliftPct: number;
  /** Accepted categories with their ratio, best first. */
  ratios: Array<{ category: string; ratioPct: number }>;
  validFrom: string;
  validUntil: string;
  categoryValidUntil: string;
  yymm: string;
}

interface IssuanceRow {
  id: string;
  mode: IssuanceMode;
  name: string;
  programme_id: string;
  district_code: string | null;
  org_id: string | null;
  definition: IssuanceDefinition;
  status: IssuanceStatus;
  matched_total: number;
  processed: number;
  issued: number;
  skipped: Record<string, number>;
  cursor_person: string | null;
  terms: IssuanceTerms | null;
  summary: Record<string, unknown> | null;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface IssuanceView {
  id: string;
  mode: IssuanceMode;
  name: string;
  programmeId: string;
  districtCode: string | null;
  orgId: string | null;
  definition: IssuanceDefinition;
  status: IssuanceStatus;
  matchedTotal: number;
  processed: number;
  issued: number;
  skipped: Record<string, number>;
  percent: number;
  summary: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const present = (r: IssuanceRow): IssuanceView => ({
  id: r.id,
  mode: r.mode,
  name: r.name,
  programmeId: r.programme_id,
  districtCode: r.district_code,
  orgId: r.org_id,
  definition: r.definition,
  status: r.status,
  matchedTotal: r.matched_total,
  processed: r.processed,
  issued: r.issued,
  skipped: r.skipped,
  percent: r.status === 'done' ? 100 : r.matched_total ? Math.min(100, Math.floor((r.processed / r.matched_total) * 100)) : 0,
  summary: r.summary,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
});

export const DEFAULT_CHUNK = 10_000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

async function loadRow(q: Queryable, id: string, lock = false): Promise<IssuanceRow | null> {
  if (!isUuid(id)) return null;
  return (await q.query<IssuanceRow>(`SELECT * FROM issuances WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0] ?? null;
}

/** An issuance in the actor's scope (city admin: all; district admin: its district; org accounts: their org's); else 404. */
function inScope(actor: Actor | AuditActor, r: IssuanceRow): boolean {
  if (actor.role === 'system' || actor.role === 'city_admin' || actor.role === 'auditor') return true;
  const a = actor as Actor;
  if (a.role === 'district_admin') return r.district_code === a.districtCode;
  if (a.role === 'enterprise' || a.role === 'provider') return r.org_id !== null && r.org_id === a.orgId;
  return false;
}

async function scopedRow(actor: Actor | AuditActor, q: Queryable, id: string): Promise<IssuanceRow> {
  const r = await loadRow(q, id);
  if (!r || !inScope(actor, r)) throw notFound('issuance', 'id');
  return r;
}

export async function getIssuance(actor: Actor, q: Queryable, id: string): Promise<IssuanceView> {
  return present(await scopedRow(actor, q, id));
}

export async function listIssuances(actor: Actor, q: Queryable, f: { limit: number; offset: number }): Promise<{ total: number; items: IssuanceView[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (actor.role === 'district_admin') {
    params.push(actor.districtCode);
    where.push(`district_code = $${params.length}`);
  } else if (actor.role === 'enterprise' || actor.role === 'provider') {
    params.push(actor.orgId);
    where.push(`org_id = $${params.length}`);
  } else if (actor.role !== 'city_admin' && actor.role !== 'auditor') throw new AppError('FORBIDDEN', 'no access to issuances');
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM issuances ${w}`, params)).rows[0]?.n ?? 0;
  const { rows } = await q.query<IssuanceRow>(
    `SELECT * FROM issuances ${w} ORDER BY created_at DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: rows.map(present) };
}

// ——— definition ———

export interface IssuanceInput {
  mode: IssuanceMode;
  name: string;
  programmeId: string;
  districtCode?: string | null | undefined;
  occupationCode?: string | null | undefined;
  level?: number | null | undefined;
  rule?: persons.EligibilityRule | undefined;
  quantityCap?: number | null | undefined;
  validityMonths?: number | null | undefined;
  validUntil?: string | null | undefined;
}

const ENTERPRISE_TYPES: readonly catalog.ProgrammeType[] = ['enterprise_training', 'apprenticeship'];

interface Checked {
  programme: catalog.Programme;
  districtCode: string | null;
  orgId: string | null;
  definition: IssuanceDefinition;
}

/** Validates a definition against the catalogue; also used by preview. */
async function checkDefinition(actor: Actor, q: Queryable, input: IssuanceInput, now: Date): Promise<Checked> {
  const admin = actor.role === 'city_admin' || actor.role === 'district_admin';
  if (input.mode === 'targeted' && !admin) throw new AppError('FORBIDDEN', 'targeted issuance is for city and district admins');
  if (input.mode === 'custom' && !admin && actor.role !== 'enterprise' && actor.role !== 'provider')
    throw new AppError('FORBIDDEN', 'custom issuance is for enterprises, providers and admins');

  const programme = isUuid(input.programmeId) ? await catalog.getProgramme(q, input.programmeId) : null;
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', 'programmeId');
  if (programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `programme ${programme.code} is closed`, 'programmeId');

  let districtCode = input.districtCode ?? null;
  let orgId: string | null = null;
  if (actor.role === 'district_admin') {
    if (districtCode !== null && districtCode !== actor.districtCode) throw notFound('district', 'districtCode');
    districtCode = actor.districtCode;
  } else if (actor.role === 'enterprise' || actor.role === 'provider') {
    const org = await orgs.requireActiveOrg(q, actor.orgId ?? '00000000-0000-0000-0000-000000000000');
    orgId = org.id;
    districtCode = org.districtCode;
    if (actor.role === 'enterprise' && !ENTERPRISE_TYPES.includes(programme.type))
      throw new AppError('VALIDATION_FAILED', 'an enterprise issues enterprise-training or apprenticeship vouchers only', 'programmeId');
  }
  if (districtCode !== null && !(await catalog.getDistrict(q, districtCode)))
    throw new AppError('DISTRICT_UNKNOWN', `no district ${districtCode}`, 'districtCode');

  const occupationCode = input.occupationCode ?? null;
  const level = input.level ?? null;
  if (occupationCode !== null) {
    if (!(await catalog.getOccupation(q, occupationCode))) throw new AppError('OCCUPATION_UNKNOWN', `no occupation ${occupationCode}`, 'occupationCode');
    if (level === null) throw new AppError('VALIDATION_FAILED', 'a level is required with an occupation', 'level');
    await catalog.quoteSubsidy(q, { programmeId: programme.id, occupationCode, level, categories: [] }); // STANDARD_MISSING
  }
  const today = shanghaiDate(now);
  if (input.validUntil && input.validUntil < today)
    throw new AppError('VALIDITY_IN_PAST', `the validity ends ${input.validUntil}, before today (${today})`, 'validUntil');
  if (input.quantityCap !== undefined && input.quantityCap !== null && input.quantityCap < 1)
    throw new AppError('ISSUANCE_EXHAUSTED', 'the quantity cap must be at least 1', 'quantityCap');
  if (districtCode !== null) {
    const budget = await catalog.getBudget(q, programme.id, districtCode, Number(today.slice(0, 4)));
    if (budget && budget.amountFen <= 0)
      throw new AppError('ISSUANCE_EXHAUSTED', `the ${programme.code} budget of district ${districtCode} is exhausted`, 'programmeId');
  }

  const rule: persons.EligibilityRule = { ...(input.rule ?? {}) };
  if (districtCode !== null) rule.districtCodes = [districtCode];
  if (!rule.categoriesAny?.length) rule.categoriesAny = programme.eligibleCategories;
  return {
    programme,
    districtCode,
    orgId,
    definition: {
      occupationCode,
      level,
      rule,
      quantityCap: input.quantityCap ?? null,
      validityMonths: input.validityMonths ?? null,
      validUntil: input.validUntil ?? null,
    },
  };
}

export async function createIssuance(actor: Actor, tx: Tx, input: IssuanceInput, now: Date = new Date()): Promise<IssuanceView> {
  const c = await checkDefinition(actor, tx, input, now);
  const { rows } = await tx.query<IssuanceRow>(
    `INSERT INTO issuances (mode, name, programme_id, district_code, org_id, definition, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING *`,
    [input.mode, input.name, c.programme.id, c.districtCode, c.orgId, JSON.stringify(c.definition), actor.accountId],
  );
  const r = rows[0]!;
  await audit.record(tx, actor, {
    action: 'issuance.define',
    entityType: 'issuance',
    entityId: r.id,
    districtCode: r.district_code,
    detail: { mode: r.mode, name: r.name, programme: c.programme.code, definition: c.definition },
  });
  return present(r);
}

/** How many persons match (and how many of them already hold an open voucher of the programme). */
export async function previewIssuance(
  actor: Actor,
  q: Queryable,
  input: IssuanceInput,
  now: Date = new Date(),
): Promise<{ matched: number; holdingOpen: number }> {
  const c = await checkDefinition(actor, q, { ...input, mode: 'targeted' }, now);
  const m = persons.matchPersonsSql(c.definition.rule, 2, shanghaiDate(now));
  const { rows } = await q.query<{ matched: number; holding: number }>(
    `SELECT count(*)::int AS matched,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM voucher_states v WHERE v.person_id = m.id AND v.programme_id = $1
                 AND v.kind = 'subsidy' AND v.status IN ('issued','admitted','in_training','assessed','approved')))::int AS holding
       FROM (${m.sql}) m`,
    [c.programme.id, ...m.params],
  );
  return { matched: rows[0]?.matched ?? 0, holdingOpen: rows[0]?.holding ?? 0 };
}

// ——— terms snapshot ———

async function computeTerms(q: Queryable, programme: catalog.Programme, d: IssuanceDefinition, now: Date): Promise<IssuanceTerms> {
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
  const validUntil = d.validUntil ?? addMonths(validFrom, d.validityMonths ?? programme.validityMonths);
  if (validUntil < validFrom) throw new AppError('VALIDITY_IN_PAST', `the validity ends ${validUntil}, before today (${validFrom})`, 'validUntil');
  return { standardFen, upliftPct, ratios, validFrom, validUntil, categoryValidUntil: addMonths(validFrom, CATEGORY_VALID_MONTHS), yymm: shanghaiYymm(now) };
}

// ——— the set-based issuing statement ———

/**
 * Issues to a candidate set (`cand`: id, district_code, categories) in one statement. Returns the candidate
 * rows with their outcome. `$1..$n` of the candidate SQL come first; the rest are appended here.
 */
export function issueStatement(
  candSql: string,
  candParams: unknown[],
  i: {
    issuanceId: string;
    programmeId: string;
    mode: IssuanceMode;
    districtCode: string | null;
    d: IssuanceDefinition;
    t: IssuanceTerms;
    remaining: number | null;
  },
  perRow: boolean,
): { sql: string; params: unknown[] } {
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
      INSERT INTO voucher_states (voucher_id, person_id, programme_id, kind, valid_until)
      SELECT e.vid, e.id, ${prog}::uuid, 'subsidy', ${vu}::date FROM elig e
      ON CONFLICT DO NOTHING
      RETURNING voucher_id
    ),
    ins AS (
      INSERT INTO voucher_records (id, number, person_id, kind, programme_id, occupation_code, level, mode, issuance_id, district_code,
                                   ratio_pct, standard_fen, uplift_pct, category, category_valid_until, valid_from, valid_until)
      SELECT e.vid, 'SV' || e.pfx || lpad(e.sn::text, 8, '0') || sv_voucher_check(e.payload),
             e.id, 'subsidy', ${prog}::uuid, ${p(i.d.occupationCode)}::text, ${p(i.d.level)}::smallint, ${p(i.mode)}, ${iss}::uuid,
             coalesce(${district}::text, e.district_code), e.ratio, ${p(i.t.standardFen)}::bigint, ${p(i.t.upliftPct)}::int, e.cat,
             ${p(i.t.categoryValidUntil)}::date, ${p(i.t.validFrom)}::date, ${vu}::date
        FROM elig e JOIN st ON st.voucher_id = e.vid
      RETURNING person_id
    )
    ${
      perRow
        ? `SELECT q.id::text AS id, q.already, q.holds, q.cat IS NULL AS no_category, EXISTS (SELECT 1 FROM ins WHERE ins.person_id = q.id) AS issued FROM q`
        : `SELECT (SELECT count(*) FROM cand)::int AS candidates,
                  (SELECT c.id::text FROM cand c ORDER BY c.id DESC LIMIT 1) AS last_id,
                  (SELECT count(*) FROM ins)::int AS issued,
                  (SELECT count(*) FILTER (WHERE already) FROM q)::int AS already_issued,
                  (SELECT count(*) FILTER (WHERE holds AND NOT already) FROM q)::int AS holds_open,
                  (SELECT count(*) FILTER (WHERE cat IS NULL AND NOT holds AND NOT already) FROM q)::int AS no_category,
                  (SELECT count(*) FILTER (WHERE cat IS NOT NULL AND NOT holds AND NOT already) FROM q)::int AS eligible`
    }`;
  return { sql, params };
}

const addSkips = (into: Record<string, number>, add: Record<string, number>): Record<string, number> => {
  const out = { ...into };
  for (const [k, v] of Object.entries(add)) if (v > 0) out[k] = (out[k] ?? 0) + v;
  return out;
};

// ——— running a targeted issuance ———

export interface RunOptions {
  chunkSize?: number | undefined;
  now?: Date | undefined;
  onProgress?: ((v: IssuanceView) => void) | undefined;
  /** Test hook: called after each committed chunk (throw to simulate a crash between chunks). */
  afterChunk?: ((chunkNo: number) => void | Promise<void>) | undefined;
}

/** Milliseconds to sleep inside each chunk's transaction (crash tests kill the process there). */
const pauseMs = (): number => Number(process.env.SV_ISSUANCE_PAUSE_MS ?? 0);

async function begin(by: AuditActor, db: Db, id: string, now: Date): Promise<IssuanceRow> {
  return db.tx(async (tx) => {
    const r = await loadRow(tx, id, true);
    if (!r || !inScope(by, r)) throw notFound('issuance', 'id');
    if (r.mode !== 'targeted') throw new AppError('VALIDATION_FAILED', 'a custom issuance is run by uploading its list', 'id');
    const programme = await catalog.getProgramme(tx, r.programme_id);
    if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'the programme no longer exists', 'programmeId');
    if (programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `programme ${programme.code} is closed`, 'programmeId');
    const cap = r.definition.quantityCap;
    if (cap !== null && r.issued >= cap) throw new AppError('ISSUANCE_EXHAUSTED', `the quantity cap of ${cap} vouchers is used up`, 'quantityCap');
    const resume = (r.status === 'running' || r.status === 'failed') && r.terms !== null;
    if (resume) {
      const { rows } = await tx.query<IssuanceRow>("UPDATE issuances SET status = 'running', error = NULL, updated_at = now() WHERE id = $1 RETURNING *", [id]);
      await audit.record(tx, by, {
        action: 'issuance.resume',
        entityType: 'issuance',
        entityId: id,
        districtCode: r.district_code,
        detail: { processed: r.processed, issued: r.issued },
      });
      return rows[0]!;
    }
    // A fresh run (draft, or a finished one run again to reach persons who match now).
    if (r.definition.validUntil && r.definition.validUntil < shanghaiDate(now))
      throw new AppError('VALIDITY_IN_PAST', `the validity ends ${r.definition.validUntil}, before today`, 'validUntil');
    if (r.district_code !== null) {
      const budget = await catalog.getBudget(tx, programme.id, r.district_code, Number(shanghaiDate(now).slice(0, 4)));
      if (budget && budget.amountFen <= 0)
        throw new AppError('ISSUANCE_EXHAUSTED', `the ${programme.code} budget of district ${r.district_code} is exhausted`, 'programmeId');
    }
    const terms = await computeTerms(tx, programme, r.definition, now);
    const m = persons.matchPersonsSql(r.definition.rule, 1, terms.validFrom);
    const matched = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${m.sql}) m`, m.params)).rows[0]?.n ?? 0;
    const { rows } = await tx.query<IssuanceRow>(
      `UPDATE issuances SET status = 'running', terms = $2::jsonb, matched_total = $3, processed = 0, skipped = '{}', cursor_person = NULL,
              summary = NULL, error = NULL, started_at = now(), finished_at = NULL, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, JSON.stringify(terms), matched],
    );
    await audit.record(tx, by, { action: 'issuance.start', entityType: 'issuance', entityId: id, districtCode: r.district_code, detail: { matched, terms } });
    return rows[0]!;
  });
}

async function runChunks(by: AuditActor, db: Db, start: IssuanceRow, opts: RunOptions): Promise<IssuanceView> {
  // PGlite is one session: smaller chunks keep other requests from waiting long behind a chunk.
  const chunkSize = opts.chunkSize ?? (db.engine === 'pglite' ? 2_000 : DEFAULT_CHUNK);
  const id = start.id;
  const d = start.definition;
  const t = start.terms!;
  let row = start;
  let chunkNo = 0;
  for (;;) {
    const cap = d.quantityCap;
    const remaining = cap === null ? null : Math.max(0, cap - row.issued);
    if (remaining === 0) break;
    const m = persons.matchPersonsSql(d.rule, 1, t.validFrom);
    // Keyset on persons.id with a plain `id > $cursor` (never an OR with IS NULL): the primary-key index
    // then serves each chunk in order and stops after chunkSize rows, instead of a scan + sort per chunk.
    const candParams = [...m.params, row.cursor_person ?? ZERO_UUID, chunkSize];
    const n = candParams.length;
    const candSql = `SELECT m.id, m.district_code, m.categories FROM (${m.sql}) m WHERE m.id > $${n - 1}::uuid ORDER BY m.id LIMIT $${n}::int`;
    const stmt = issueStatement(
      candSql,
      candParams,
      { issuanceId: id, programmeId: row.programme_id, mode: 'targeted', districtCode: row.district_code, d, t, remaining },
      false,
    );
    const next = await db.tx(async (tx) => {
      const r = (
        await tx.query<{
          candidates: number;
          last_id: string | null;
          issued: number;
          already_issued: number;
          holds_open: number;
          no_category: number;
          eligible: number;
        }>(stmt.sql, stmt.params)
      ).rows[0]!;
      const capped = remaining === null ? 0 : Math.max(0, r.eligible - remaining);
      const skips = {
        already_issued: r.already_issued,
        holds_open_voucher: r.holds_open,
        no_eligible_category: r.no_category,
        quantity_cap: capped,
        conflict: r.eligible - capped - r.issued,
      };
      const pause = pauseMs();
      if (pause > 0) await sleep(pause);
      const { rows } = await tx.query<IssuanceRow>(
        `UPDATE issuances SET processed = processed + $2, issued = issued + $3, skipped = $4::jsonb, cursor_person = coalesce($5::uuid, cursor_person), updated_at = now()
          WHERE id = $1 RETURNING *`,
        [id, r.candidates, r.issued, JSON.stringify(addSkips(row.skipped, skips)), r.last_id],
      );
      if (r.candidates > 0)
        await audit.record(tx, by, {
          action: 'issuance.chunk',
          entityType: 'issuance',
          entityId: id,
          districtCode: row.district_code,
          detail: { candidates: r.candidates, issued: r.issued, skipped: skips, upTo: r.last_id },
        });
      return { row: rows[0]!, candidates: r.candidates };
    });
    row = next.row;
    chunkNo++;
    opts.onProgress?.(present(row));
    await opts.afterChunk?.(chunkNo);
    if (next.candidates < chunkSize) break;
  }
  return finish(by, db, row);
}

async function finish(by: AuditActor, db: Db, row: IssuanceRow): Promise<IssuanceView> {
  return db.tx(async (tx) => {
    let skipped = row.skipped;
    const cap = row.definition.quantityCap;
    if (cap !== null && row.issued >= cap && row.terms) {
      // Persons not reached because the cap was used up.
      const m = persons.matchPersonsSql(row.definition.rule, 1, row.terms.validFrom);
      const left = (
        await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${m.sql}) m WHERE m.id > $${m.params.length + 1}::uuid`, [
          ...m.params,
          row.cursor_person,
        ])
      ).rows[0]!.n;
      skipped = addSkips(skipped, { quantity_cap: left });
    }
    const runIssued = row.issued;
    const summary = {
      matched: row.matched_total,
      processed: row.processed,
      issued: runIssued,
      skipped,
      validFrom: row.terms?.validFrom,
      validUntil: row.terms?.validUntil,
    };
    const { rows } = await tx.query<IssuanceRow>(
      "UPDATE issuances SET status = 'done', skipped = $2::jsonb, summary = $3::jsonb, finished_at = now(), updated_at = now() WHERE id = $1 RETURNING *",
      [row.id, JSON.stringify(skipped), JSON.stringify(summary)],
    );
    await audit.record(tx, by, { action: 'issuance.done', entityType: 'issuance', entityId: row.id, districtCode: row.district_code, detail: summary });
    return present(rows[0]!);
  });
}

async function markFailed(db: Db, id: string, e: unknown): Promise<void> {
  const msg = e instanceof Error ? e.message : String(e);
  await db
    .query("UPDATE issuances SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status = 'running'", [id, msg.slice(0, 500)])
    .catch(() => undefined);
}

const alreadyRunning = () => new AppError('ISSUANCE_ALREADY_RUNNING', 'this issuance is already running', 'id');

/**
 * Runs (or resumes) a targeted issuance in the foreground and resolves with the final state. A second
 * caller while one runs → ISSUANCE_ALREADY_RUNNING.
 */
export async function runIssuance(by: AuditActor, db: Db, id: string, opts: RunOptions = {}): Promise<IssuanceView> {
  const out = await db.withAdvisoryLock(`issuance:${id}`, async () => {
    const start = await begin(by, db, id, opts.now ?? new Date());
    opts.onProgress?.(present(start));
    try {
      return await runChunks(by, db, start, opts);
    } catch (e) {
      await markFailed(db, id, e);
      throw e;
    }
  });
  if (out === null) throw alreadyRunning();
  return out;
}

/**
 * Starts a run as a background job (the API): resolves once the run holds the lock and has started (or
 * throws: ISSUANCE_ALREADY_RUNNING, PROGRAMME_CLOSED, …); the chunks continue after the response.
 */
export async function startIssuance(
  actor: Actor,
  db: Db,
  id: string,
  log: { error: (o: object, m: string) => void } = { error: () => undefined },
): Promise<IssuanceView> {
  await scopedRow(actor, db, id);
  if (actor.role !== 'city_admin' && actor.role !== 'district_admin') throw new AppError('FORBIDDEN', 'only admins run a targeted issuance');
  return new Promise<IssuanceView>((resolve, reject) => {
    let started = false;
    db.withAdvisoryLock(`issuance:${id}`, async () => {
      let start: IssuanceRow;
      try {
        start = await begin(actor, db, id, new Date());
      } catch (e) {
        reject(e);
        return true;
      }
      started = true;
      resolve(present(start));
      try {
        await runChunks(actor, db, start, {});
      } catch (e) {
        await markFailed(db, id, e);
        log.error({ err: e, issuance: id }, 'issuance run failed');
      }
      return true;
    })
      .then((r) => {
        if (r === null && !started) reject(alreadyRunning());
      })
      .catch((e: unknown) => {
        if (!started) reject(e instanceof Error ? e : new Error(String(e)));
        else log.error({ err: e, issuance: id }, 'issuance run failed');
      });
  });
}

// ——— custom issuance (定制发放) ———

export interface CustomRowResult {
  row: number;
  field?: string;
  code: string;
  message: string;
}

export interface CustomReport {
  total: number;
  issued: number;
  personsCreated: number;
  skipped: Record<string, number>;
  failed: number;
  /** Row errors (validation) and skipped rows with their reason. */
  rows: CustomRowResult[];
  rowsTruncated: boolean;
}

export const CUSTOM_MAX_ROWS = 50_000;
const CUSTOM_CHUNK = 500;
const MAX_LISTED = 1000;

const SKIP_MESSAGES: Record<string, [ErrorCode | 'SKIPPED', string]> = {
  already_issued: ['DUPLICATE', 'already issued a voucher by this issuance'],
  holds_open_voucher: ['VOUCHER_LIMIT_REACHED', 'already holds an open voucher of this programme'],
  no_eligible_category: ['SKIPPED', 'none of the person’s categories is eligible for this programme'],
};

/**
 * Uploads the list of a custom issuance (CSV or xlsx with the person-import columns). Each row is
 * validated; persons not yet in the registry are created (persons.ensurePerson); vouchers are issued
 * set-based per chunk. Idempotent: uploading the same list again issues nothing new.
 */
export async function uploadCustomList(actor: Actor, db: Db, id: string, buffer: Buffer, format: SheetFormat, now: Date = new Date()): Promise<CustomReport> {
  const head = await scopedRow(actor, db, id);
  if (head.mode !== 'custom') throw new AppError('VALIDATION_FAILED', 'only a custom issuance takes an uploaded list', 'id');
  const sheet = await readSheet(buffer, format, CUSTOM_MAX_ROWS);
  const { keys, missing } = mapHeader(sheet.header);
  if (missing.length) throw new AppError('IMPORT_FILE_INVALID', `the header row lacks the column(s) ${missing.join(', ')}`, 'header');

  const out = await db.withAdvisoryLock(`issuance:${id}`, async () => {
    const programme = await catalog.getProgramme(db, head.programme_id);
    if (!programme || programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', 'the programme is closed', 'programmeId');
    const org = head.org_id ? await orgs.getOrg(db, head.org_id) : null;
    const report: CustomReport = { total: sheet.rows.length, issued: 0, personsCreated: 0, skipped: {}, failed: 0, rows: [], rowsTruncated: false };
    const note = (r: CustomRowResult) => {
      if (report.rows.length < MAX_LISTED) report.rows.push(r);
      else report.rowsTruncated = true;
    };
    let terms = head.terms;
    if (!terms) {
      terms = await computeTerms(db, programme, head.definition, now);
      if (head.definition.quantityCap !== null && head.issued >= head.definition.quantityCap)
        throw new AppError('ISSUANCE_EXHAUSTED', 'the quantity cap is used up', 'quantityCap');
    }
    for (let i = 0; i < sheet.rows.length; i += CUSTOM_CHUNK) {
      const slice = sheet.rows.slice(i, i + CUSTOM_CHUNK);
      await db.tx(async (tx) => {
        const cur = (await loadRow(tx, id, true))!;
        const cand: Array<{ line: number; person: persons.Person }> = [];
        for (const r of slice) {
          const cells: Partial<Record<ImportKey, string>> = {};
          keys.forEach((k, j) => {
            if (k) cells[k] = r.cells[j] ?? '';
          });
          if (org && org.kind === 'enterprise') {
            cells.employerUscc = cells.employerUscc?.trim() || org.uscc;
            cells.employerName = cells.employerName?.trim() || org.name;
          }
          const v = persons.validatePersonRow(cells, r.line);
          if (!v.ok) {
            report.failed++;
            for (const e of v.errors) note({ row: e.row, field: e.field, code: e.code, message: e.message });
            continue;
          }
          if (org && org.kind === 'enterprise' && v.input.employerUscc !== org.uscc) {
            report.failed++;
            note({ row: r.line, field: 'employerUscc', code: 'VALIDATION_FAILED', message: 'an enterprise lists its own employees only' });
            continue;
          }
          const existing = await persons.findPersonByIdNumber(tx, v.input.idNumber);
          if (existing && org && org.kind === 'enterprise' && existing.employerUscc && existing.employerUscc !== org.uscc) {
            report.failed++;
            note({ row: r.line, field: 'idNumber', code: 'VALIDATION_FAILED', message: 'the registry lists this person with another employer' });
            continue;
          }
          let person = existing;
          if (!person) {
            try {
              const ens = await persons.ensurePerson(tx, actor, v.input);
              person = ens.person;
              if (ens.created) report.personsCreated++;
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
              report.failed++;
              note({ row: r.line, field: e.field ?? 'row', code: e.code, message: e.message });
              continue;
            }
          }
          cand.push({ line: r.line, person });
        }
        if (cand.length === 0) return;
        const cap = cur.definition.quantityCap;
        const remaining = cap === null ? null : Math.max(0, cap - cur.issued);
        const candSql = `SELECT c.id, c.district_code, string_to_array(c.cats, ';') AS categories
                           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, district_code, cats)`;
        const stmt = issueStatement(
          candSql,
          [cand.map((c) => c.person.id), cand.map((c) => c.person.districtCode), cand.map((c) => c.person.categories.join(';'))],
          { issuanceId: id, programmeId: cur.programme_id, mode: 'custom', districtCode: cur.district_code, d: cur.definition, t: terms!, remaining },
          true,
        );
        const res = (await tx.query<{ id: string; already: boolean; holds: boolean; no_category: boolean; issued: boolean }>(stmt.sql, stmt.params)).rows;
        const byId = new Map(res.map((x) => [x.id, x]));
        const seen = new Set<string>();
        let issued = 0;
        const skips: Record<string, number> = {};
        for (const c of cand) {
          const x = byId.get(c.person.id);
          let reason: string | null = null;
          if (seen.has(c.person.id)) reason = 'already_issued';
          else if (x?.issued) issued++;
          else if (x?.already) reason = 'already_issued';
          else if (x?.holds) reason = 'holds_open_voucher';
          else if (x?.no_category) reason = 'no_eligible_category';
          else reason = remaining !== null ? 'quantity_cap' : 'conflict';
          seen.add(c.person.id);
          if (reason) {
            skips[reason] = (skips[reason] ?? 0) + 1;
            const [code, message] = SKIP_MESSAGES[reason] ?? ['SKIPPED', reason.replace(/_/g, ' ')];
            note({ row: c.line, code, message: `${maskName(c.person.name)} ${maskId(c.person.idNumber)}: ${message}` });
          }
        }
        report.issued += issued;
        report.skipped = addSkips(report.skipped, skips);
        await tx.query(
          `UPDATE issuances SET status = 'done', terms = coalesce(terms, $2::jsonb), issued = issued + $3, processed = processed + $4,
                  skipped = $5::jsonb, started_at = coalesce(started_at, now()), finished_at = now(), updated_at = now() WHERE id = $1`,
          [id, JSON.stringify(terms), issued, cand.length, JSON.stringify(addSkips(cur.skipped, skips))],
        );
        await audit.record(tx, actor, {
          action: 'issuance.custom_upload',
          entityType: 'issuance',
          entityId: id,
          districtCode: cur.district_code,
          detail: { rows: slice.length, issued, skipped: skips },
        });
      });
    }
    await db.query('UPDATE issuances SET summary = $2::jsonb WHERE id = $1', [
      id,
      JSON.stringify({
        lastUpload: { total: report.total, issued: report.issued, personsCreated: report.personsCreated, failed: report.failed, skipped: report.skipped },
      }),
    ]);
    return report;
  });
  if (out === null) throw alreadyRunning();
  return out;
}

export { importTemplate as customListTemplate } from '../persons/service.js';
