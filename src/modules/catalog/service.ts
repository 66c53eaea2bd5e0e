/**
 * Catalogue (目录): districts, occupations (国家职业分类大典 2022), programmes, subsidy standards, shortage
 * uplift, ratios per person category, yearly budgets. Reads take a query target first (other modules call
 * them); edits take the actor first, check access on their first line, and write the change and its audit
 * entry (old → new) in the transaction they are given.
 *
 * A change here NEVER rewrites issued vouchers: a voucher snapshots the standard, uplift and ratio when it
 * is issued (vouchers module), and this module never reads or writes voucher tables.
 */
import type { z } from 'zod';
import { batchedByKey } from '../../db/batch.js';
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import { requireRole } from '../identity/index.js';
import { CATALOG_EDITORS } from './policy.js';
import { bestRatio } from './rules.js';
import {
  ProgrammeCreate,
  ProgrammePatch,
  RatioSet,
  ShortageSet,
  StandardSet,
  type FUNDING_SOURCES,
  type OccupationSearchInput,
  type PAYEES,
  type PROGRAMME_STATUSES,
  type PROGRAMME_TYPES,
  type ProgrammeCreateInput,
  type ProgrammePatchInput,
  type RatioSetInput,
  type ShortageSetInput,
  type StandardSetInput,
} from './schemas.js';
import { isUuid } from '../../lib/identifiers.js';
import { now as clockNow } from '../../lib/clock.js';
import { districtCentre, type Centre } from './districts.js';

export type ProgrammeType = (typeof PROGRAMME_TYPES)[number];
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type Payee = (typeof PAYEES)[number];

export interface Programme {
  id: string;
  code: string;
  name: string;
  type: ProgrammeType;
  fundingSource: FundingSource;
  payee: Payee;
  validityMonths: number;
  attendanceThresholdPct: number;
  /** 合格分数线: a score below it cannot be recorded as passed (default 60). */
  passMarkScore: number;
  openingDeadlineDays: number;
  checkinBeforeMin: number;
  checkinAfterMin: number;
  geofenceRadiusM: number;
  accuracyMaxM: number;
  onlineAttendance: boolean;
  maxSubsidiesPerYear: number;
  maxSubsidiesPerYearStudent: number;
  eligibleCategories: string[];
  /** The shortage-occupation uplift applies to this programme's standards. */
  shortageUplift: boolean;
  /** Apprenticeship: the standard is per person per year, for at most this many years. */
  apprenticeshipCapYears: number | null;
  status: (typeof PROGRAMME_STATUSES)[number];
}

export interface Occupation {
  code: string;
  name: string;
  /** 1 大类, 2 中类, 3 小类, 4 细类 (an occupation). */
  level: number;
  parentCode: string | null;
  digital: boolean;
  green: boolean;
  shortage: boolean;
  shortageUpliftPct: number;
}

export interface District {
  code: string;
  name: string;
}

export interface SubsidyQuote {
  standardFen: number;
  upliftPct: number;
  ratioPct: number;
  category: string | null;
}

export interface Standard {
  programmeId: string;
  occupationCode: string | null;
  occupationName: string | null;
  level: number;
  amountFen: number;
}

export interface Ratio {
  category: string;
  name: string;
  ratioPct: number;
  condition: string | null;
}

export interface ShortageOccupation {
  occupationCode: string;
  occupationName: string;
  upliftPct: number;
  field: string | null;
}

export interface Budget {
  id: string;
  programmeId: string;
  programmeCode: string;
  districtCode: string;
  districtName: string;
  year: number;
  amountFen: number;
}

// ------------------------------------------------------------------------------------------------ helpers

/** Edits are for city admins (and the system: demo seeder, CLI). */
export function requireCityAdmin(by: AuditActor): void {
  requireRole(by, CATALOG_EDITORS, 'only a city admin may edit the catalogue');
}

/** Validates a service input with the route's schema, so CLI and seeder callers get the same refusals. */
export function check<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? i.keys : [];
    const field = [...i.path.map(String), ...keys.slice(0, 1)].join('.') || 'body';
    return { field, code: 'VALIDATION_FAILED', message: i.message };
  });
  const first = issues[0]!;
  throw new AppError('VALIDATION_FAILED', `${first.field}: ${first.message}`, first.field, undefined, issues);
}

/** The current business year (Asia/Shanghai). */
export function currentYear(now: Date = clockNow()): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

// ------------------------------------------------------------------------------------------------ programmes
interface ProgrammeRow {
  id: string;
  code: string;
  name: string;
  type: ProgrammeType;
  funding_source: FundingSource;
  payee: Payee;
  validity_months: number;
  attendance_threshold_pct: number;
  pass_mark_score: number;
  opening_deadline_days: number;
  checkin_before_min: number;
  checkin_after_min: number;
  geofence_radius_m: number;
  accuracy_max_m: number;
  online_attendance: boolean;
  max_subsidies_per_year: number;
  max_subsidies_per_year_student: number;
  eligible_categories: string[];
  shortage_uplift: boolean;
  apprenticeship_cap_years: number | null;
  status: 'open' | 'closed';
}

const presentProgramme = (r: ProgrammeRow): Programme => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: r.type,
  fundingSource: r.funding_source,
  payee: r.payee,
  validityMonths: r.validity_months,
  attendanceThresholdPct: r.attendance_threshold_pct,
  passMarkScore: r.pass_mark_score,
  openingDeadlineDays: r.opening_deadline_days,
  checkinBeforeMin: r.checkin_before_min,
  checkinAfterMin: r.checkin_after_min,
  geofenceRadiusM: r.geofence_radius_m,
  accuracyMaxM: r.accuracy_max_m,
  onlineAttendance: r.online_attendance,
  maxSubsidiesPerYear: r.max_subsidies_per_year,
  maxSubsidiesPerYearStudent: r.max_subsidies_per_year_student,
  eligibleCategories: r.eligible_categories,
  shortageUplift: r.shortage_uplift,
  apprenticeshipCapYears: r.apprenticeship_cap_years,
  status: r.status,
});

/** Programme field (camelCase) → column. */
const PROGRAMME_COLUMNS = {
  name: 'name',
  fundingSource: 'funding_source',
  payee: 'payee',
  validityMonths: 'validity_months',
  attendanceThresholdPct: 'attendance_threshold_pct',
  passMarkScore: 'pass_mark_score',
  openingDeadlineDays: 'opening_deadline_days',
  checkinBeforeMin: 'checkin_before_min',
  checkinAfterMin: 'checkin_after_min',
  geofenceRadiusM: 'geofence_radius_m',
  accuracyMaxM: 'accuracy_max_m',
  onlineAttendance: 'online_attendance',
  maxSubsidiesPerYear: 'max_subsidies_per_year',
  maxSubsidiesPerYearStudent: 'max_subsidies_per_year_student',
  eligibleCategories: 'eligible_categories',
  shortageUplift: 'shortage_uplift',
  apprenticeshipCapYears: 'apprenticeship_cap_years',
  status: 'status',
} as const satisfies Record<keyof ProgrammePatchInput, string>;

/** One programme (concurrent reads outside a transaction share one query: src/db/batch.ts). */
export async function getProgramme(q: Queryable, id: string): Promise<Programme | null> {
  if (!isUuid(id)) return null;
  const r = await programmeById(q, id.toLowerCase());
  return r ? presentProgramme(r) : null;
}

const programmeById = batchedByKey<ProgrammeRow>('SELECT * FROM programmes WHERE id = ANY($1::uuid[])', (r) => r.id);

export async function getProgrammeByCode(q: Queryable, code: string): Promise<Programme | null> {
  const { rows } = await q.query<ProgrammeRow>('SELECT * FROM programmes WHERE code = $1', [code]);
  return rows[0] ? presentProgramme(rows[0]) : null;
}

export async function listProgrammes(
  q: Queryable,
  filter: { type?: ProgrammeType | undefined; status?: 'open' | 'closed' | undefined } = {},
): Promise<Programme[]> {
  const { rows } = await q.query<ProgrammeRow>(
    `SELECT * FROM programmes WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR status = $2) ORDER BY code`,
    [filter.type ?? null, filter.status ?? null],
  );
  return rows.map(presentProgramme);
}

async function requireKnownCategories(q: Queryable, categories: readonly string[], field: string): Promise<void> {
  if (categories.length === 0) return;
  const { rows } = await q.query<{ c: string }>(
    'SELECT c FROM unnest($1::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM subsidy_ratios r WHERE r.category = c)',
    [categories],
  );
  if (rows[0]) throw new AppError('VALIDATION_FAILED', `unknown person category ${rows[0].c}`, field);
}

export async function createProgramme(by: AuditActor, tx: Tx, input: ProgrammeCreateInput): Promise<Programme> {
  requireCityAdmin(by);
  const v = check(ProgrammeCreate, input);
  if (await getProgrammeByCode(tx, v.code)) throw new AppError('DUPLICATE', `a programme with code ${v.code} exists`, 'code');
  const categories = [...new Set(v.eligibleCategories ?? [])];
  await requireKnownCategories(tx, categories, 'eligibleCategories');
  const cols: string[] = ['code', 'type'];
  const vals: unknown[] = [v.code, v.type];
  for (const [k, col] of Object.entries(PROGRAMME_COLUMNS) as Array<[keyof ProgrammePatchInput, string]>) {
    const value = k === 'eligibleCategories' ? categories : v[k];
    if (value === undefined) continue;
    cols.push(col);
    vals.push(value);
  }
  const { rows } = await tx.query<ProgrammeRow>(
    `INSERT INTO programmes (${cols.join(', ')}) VALUES (${cols.map((c, i) => (c === 'eligible_categories' ? `$${i + 1}::text[]` : `$${i + 1}`)).join(', ')})
     ON CONFLICT (code) DO NOTHING RETURNING *`,
    vals,
  );
  if (!rows[0]) throw new AppError('DUPLICATE', `a programme with code ${v.code} exists`, 'code');
  const p = presentProgramme(rows[0]);
  await audit.record(tx, by, { action: 'programme.create', entityType: 'programme', entityId: p.id, detail: { code: p.code, after: { ...p } } });
  return p;
}

export async function updateProgramme(by: AuditActor, tx: Tx, id: string, patch: ProgrammePatchInput): Promise<Programme> {
  requireCityAdmin(by);
  const v = check(ProgrammePatch, patch);
  if (!isUuid(id)) throw notFound('programme', 'id');
  const { rows: cur } = await tx.query<ProgrammeRow>('SELECT * FROM programmes WHERE id = $1 FOR UPDATE', [id]);
  if (!cur[0]) throw notFound('programme', 'id');
  const before = presentProgramme(cur[0]);
  if (v.eligibleCategories) {
    v.eligibleCategories = [...new Set(v.eligibleCategories)];
    await requireKnownCategories(tx, v.eligibleCategories, 'eligibleCategories');
  }
  const sets: string[] = [];
  const vals: unknown[] = [];
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, col] of Object.entries(PROGRAMME_COLUMNS) as Array<[keyof ProgrammePatchInput, string]>) {
    const value = v[k];
    if (value === undefined) continue;
    if (JSON.stringify(before[k]) === JSON.stringify(value)) continue;
    vals.push(value);
    sets.push(`${col} = $${vals.length}${col === 'eligible_categories' ? '::text[]' : ''}`);
    changes[k] = { from: before[k], to: value };
  }
  if (sets.length === 0) return before;
  vals.push(id);
  const { rows } = await tx.query<ProgrammeRow>(`UPDATE programmes SET ${sets.join(', ')}, updated_at = now() WHERE id = $${vals.length} RETURNING *`, vals);
  const after = presentProgramme(rows[0]!);
  // Issued vouchers keep their snapshot: nothing here touches them.
  await audit.record(tx, by, { action: 'programme.update', entityType: 'programme', entityId: id, detail: { code: after.code, changes } });
  return after;
}

// ------------------------------------------------------------------------------------------------ districts
export async function getDistrict(q: Queryable, code: string): Promise<District | null> {
  const { rows } = await q.query<District>('SELECT code, name FROM districts WHERE code = $1', [code]);
  return rows[0] ?? null;
}

/** The districts with their centres (districts.ts). */
export async function listDistricts(q: Queryable): Promise<Array<District & { centre: Centre | null }>> {
  return (await q.query<District>('SELECT code, name FROM districts ORDER BY code')).rows.map((d) => ({ ...d, centre: districtCentre(d.code) }));
}

// ------------------------------------------------------------------------------------------------ occupations
interface OccupationRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  digital: boolean;
  green: boolean;
  uplift_pct: number | null;
  definition?: string | null;
}

const OCC_SELECT = `SELECT o.code, o.name, o.level, o.parent_code, o.digital, o.green, s.uplift_pct
  FROM occupations o LEFT JOIN shortage_occupations s ON s.occupation_code = o.code`;

const presentOccupation = (r: OccupationRow): Occupation => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  digital: r.digital,
  green: r.green,
  shortage: r.uplift_pct !== null,
  shortageUpliftPct: r.uplift_pct ?? 0,
});

export async function getOccupation(q: Queryable, code: string): Promise<Occupation | null> {
  const { rows } = await q.query<OccupationRow>(`${OCC_SELECT} WHERE o.code = $1`, [code]);
  return rows[0] ? presentOccupation(rows[0]) : null;
}

/** With the definition (the detail page). */
export async function getOccupationDetail(q: Queryable, code: string): Promise<(Occupation & { definition: string | null }) | null> {
  const { rows } = await q.query<OccupationRow>(
    `SELECT o.code, o.name, o.level, o.parent_code, o.digital, o.green, o.definition, s.uplift_pct
     FROM occupations o LEFT JOIN shortage_occupations s ON s.occupation_code = o.code WHERE o.code = $1`,
    [code],
  );
  return rows[0] ? { ...presentOccupation(rows[0]), definition: rows[0].definition ?? null } : null;
}

/** Search by code prefix (`4-10`, `41001`) or name substring; occupations (level 4) unless a level is given. */
export async function searchOccupations(q: Queryable, s: Partial<OccupationSearchInput>): Promise<{ total: number; items: Occupation[] }> {
  const params: unknown[] = [s.level ?? 4];
  const where = ['o.level = $1'];
  const term = s.q?.trim();
  if (term) {
    if (/^[\d-]+$/.test(term)) {
      // a code prefix, with or without dashes
      params.push(`${term.replace(/-/g, '')}%`);
      where.push(`replace(o.code, '-', '') LIKE $${params.length}`);
    } else {
      params.push(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`o.name LIKE $${params.length}`);
    }
  }
  if (s.shortage === 'true') where.push('s.uplift_pct IS NOT NULL');
  if (s.shortage === 'false') where.push('s.uplift_pct IS NULL');
  const w = `WHERE ${where.join(' AND ')}`;
  const total =
    (await q.query<{ n: number }>(`SELECT count(*) AS n FROM occupations o LEFT JOIN shortage_occupations s ON s.occupation_code = o.code ${w}`, params))
      .rows[0]?.n ?? 0;
  params.push(s.limit ?? 50, s.offset ?? 0);
  const { rows } = await q.query<OccupationRow>(`${OCC_SELECT} ${w} ORDER BY o.code LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { total, items: rows.map(presentOccupation) };
}

/** An occupation (细类) that standards, shortage listings and quotes may name. */
async function requireOccupation(q: Queryable, code: string | null | undefined, field = 'occupationCode'): Promise<Occupation> {
  const o = code ? await getOccupation(q, code) : null;
  if (!o) throw new AppError('OCCUPATION_UNKNOWN', `unknown occupation ${code ?? ''}`, field);
  if (o.level !== 4) throw new AppError('OCCUPATION_UNKNOWN', `${code} is a group (level ${o.level}), not an occupation (细类)`, field);
  return o;
}

export async function requireProgramme(q: Queryable, id: string, field = 'programmeId'): Promise<Programme> {
  const p = await getProgramme(q, id);
  if (!p) throw new AppError('PROGRAMME_UNKNOWN', `unknown programme ${id}`, field);
  return p;
}

// ------------------------------------------------------------------------------------------------ standards
interface StandardRow {
  programme_id: string;
  occupation_code: string | null;
  occupation_name: string | null;
  level: number;
  amount_fen: number;
}
const presentStandard = (r: StandardRow): Standard => ({
  programmeId: r.programme_id,
  occupationCode: r.occupation_code,
  occupationName: r.occupation_name,
  level: r.level,
  amountFen: r.amount_fen,
});

export async function listStandards(q: Queryable, programmeId: string): Promise<Standard[]> {
  const p = await getProgramme(q, programmeId);
  if (!p) throw notFound('programme', 'id');
  const { rows } = await q.query<StandardRow>(
    `SELECT s.programme_id, s.occupation_code, o.name AS occupation_name, s.level, s.amount_fen
     FROM subsidy_standards s LEFT JOIN occupations o ON o.code = s.occupation_code
     WHERE s.programme_id = $1 ORDER BY s.occupation_code NULLS FIRST, s.level DESC`,
    [programmeId],
  );
  return rows.map(presentStandard);
}

/** Sets (creates or changes) one standard: programme × occupation (null = any) × level → amount. */
export async function setStandard(by: AuditActor, tx: Tx, programmeId: string, input: StandardSetInput): Promise<Standard> {
  requireCityAdmin(by);
  const v = check(StandardSet, input);
  const p = await requireProgramme(tx, programmeId);
  const occ = v.occupationCode === null ? null : await requireOccupation(tx, v.occupationCode);
  const { rows: old } = await tx.query<{ amount_fen: number }>(
    'SELECT amount_fen FROM subsidy_standards WHERE programme_id = $1 AND occupation_code IS NOT DISTINCT FROM $2 AND level = $3 FOR UPDATE',
    [p.id, v.occupationCode, v.level],
  );
  const from = old[0]?.amount_fen ?? null;
  if (from === v.amountFen)
    return { programmeId: p.id, occupationCode: v.occupationCode, occupationName: occ?.name ?? null, level: v.level, amountFen: v.amountFen };
  await tx.query(
    `INSERT INTO subsidy_standards (programme_id, occupation_code, level, amount_fen) VALUES ($1, $2, $3, $4)
     ON CONFLICT ON CONSTRAINT subsidy_standards_key DO UPDATE SET amount_fen = EXCLUDED.amount_fen, updated_at = now()`,
    [p.id, v.occupationCode, v.level, v.amountFen],
  );
  // Issued vouchers carry their own standard_fen snapshot; they are not rewritten.
  await audit.record(tx, by, {
    action: 'catalog.standard.set',
    entityType: 'programme',
    entityId: p.id,
    detail: { programmeCode: p.code, occupationCode: v.occupationCode, level: v.level, from, to: v.amountFen },
  });
  return { programmeId: p.id, occupationCode: v.occupationCode, occupationName: occ?.name ?? null, level: v.level, amountFen: v.amountFen };
}

// ------------------------------------------------------------------------------------------------ ratios
interface RatioRow {
  category: string;
  name: string;
  ratio_pct: number;
  condition: string | null;
}
const presentRatio = (r: RatioRow): Ratio => ({ category: r.category, name: r.name, ratioPct: r.ratio_pct, condition: r.condition });

export async function listRatios(q: Queryable): Promise<Ratio[]> {
  return (await q.query<RatioRow>('SELECT category, name, ratio_pct, condition FROM subsidy_ratios ORDER BY ratio_pct DESC, category')).rows.map(presentRatio);
}

/** Sets the ratio of a person category (creates the category when it is new: `name` then required). */
export async function setRatio(by: AuditActor, tx: Tx, input: RatioSetInput): Promise<Ratio> {
  requireCityAdmin(by);
  const v = check(RatioSet, input);
  const { rows: old } = await tx.query<RatioRow>('SELECT category, name, ratio_pct, condition FROM subsidy_ratios WHERE category = $1 FOR UPDATE', [
    v.category,
  ]);
  const before = old[0] ? presentRatio(old[0]) : null;
  if (!before && !v.name) throw new AppError('VALIDATION_FAILED', 'a new category needs a name', 'name');
  const after: Ratio = {
    category: v.category,
    name: v.name ?? before!.name,
    ratioPct: v.ratioPct,
    condition: v.condition === undefined ? (before?.condition ?? null) : v.condition,
  };
  if (before && JSON.stringify(before) === JSON.stringify(after)) return before;
  await tx.query(
    `INSERT INTO subsidy_ratios (category, name, ratio_pct, condition) VALUES ($1, $2, $3, $4)
     ON CONFLICT (category) DO UPDATE SET name = EXCLUDED.name, ratio_pct = EXCLUDED.ratio_pct, condition = EXCLUDED.condition, updated_at = now()`,
    [after.category, after.name, after.ratioPct, after.condition],
  );
  await audit.record(tx, by, { action: 'catalog.ratio.set', entityType: 'subsidy_ratio', entityId: v.category, detail: { from: before, to: after } });
  return after;
}

// ------------------------------------------------------------------------------------------------ shortage
export async function listShortageOccupations(q: Queryable): Promise<ShortageOccupation[]> {
  const { rows } = await q.query<{ occupation_code: string; name: string; uplift_pct: number; field: string | null }>(
    `SELECT s.occupation_code, o.name, s.uplift_pct, s.field FROM shortage_occupations s JOIN occupations o ON o.code = s.occupation_code
     ORDER BY s.field NULLS LAST, s.occupation_code`,
  );
  return rows.map((r) => ({ occupationCode: r.occupation_code, occupationName: r.name, upliftPct: r.uplift_pct, field: r.field }));
}

/** Lists an occupation as a shortage occupation with an uplift, changes it, or (upliftPct null) delists it. */
export async function setShortageUplift(
  by: AuditActor,
  tx: Tx,
  input: ShortageSetInput,
): Promise<{ occupationCode: string; listed: boolean; upliftPct: number | null }> {
  requireCityAdmin(by);
  const v = check(ShortageSet, input);
  await requireOccupation(tx, v.occupationCode);
  const { rows: old } = await tx.query<{ uplift_pct: number; field: string | null }>(
    'SELECT uplift_pct, field FROM shortage_occupations WHERE occupation_code = $1 FOR UPDATE',
    [v.occupationCode],
  );
  const before = old[0] ? { upliftPct: old[0].uplift_pct, field: old[0].field } : null;
  let after: { upliftPct: number; field: string | null } | null = null;
  if (v.upliftPct === null) {
    if (!before) return { occupationCode: v.occupationCode, listed: false, upliftPct: null };
    await tx.query('DELETE FROM shortage_occupations WHERE occupation_code = $1', [v.occupationCode]);
  } else {
    after = { upliftPct: v.upliftPct, field: v.field === undefined ? (before?.field ?? null) : v.field };
    if (before && before.upliftPct === after.upliftPct && before.field === after.field)
      return { occupationCode: v.occupationCode, listed: true, upliftPct: after.upliftPct };
    await tx.query(
      `INSERT INTO shortage_occupations (occupation_code, uplift_pct, field) VALUES ($1, $2, $3)
       ON CONFLICT (occupation_code) DO UPDATE SET uplift_pct = EXCLUDED.uplift_pct, field = EXCLUDED.field, updated_at = now()`,
      [v.occupationCode, after.upliftPct, after.field],
    );
  }
  await audit.record(tx, by, { action: 'catalog.shortage.set', entityType: 'occupation', entityId: v.occupationCode, detail: { from: before, to: after } });
  return { occupationCode: v.occupationCode, listed: after !== null, upliftPct: after?.upliftPct ?? null };
}

// ------------------------------------------------------------------------------------------------ quote
/**
 * What a voucher for this programme × occupation × level would carry for a person of these categories:
 * the standard (occupation-specific before the programme's any-occupation row), the shortage uplift (when
 * the programme applies it), and the best ratio among the person's categories the programme accepts
 * (null category and 0 % when none). Throws STANDARD_MISSING when no standard exists.
 */
export async function quoteSubsidy(
  q: Queryable,
  input: { programmeId: string; occupationCode: string; level: number; categories: readonly string[] },
): Promise<SubsidyQuote> {
  const p = await requireProgramme(q, input.programmeId);
  if (!Number.isInteger(input.level) || input.level < 0 || input.level > 5) throw new AppError('VALIDATION_FAILED', 'level must be 0..5', 'level');
  const occ = await requireOccupation(q, input.occupationCode);
  const { rows: std } = await q.query<{ amount_fen: number }>(
    `SELECT amount_fen FROM subsidy_standards WHERE programme_id = $1 AND level = $3 AND (occupation_code = $2 OR occupation_code IS NULL)
     ORDER BY occupation_code NULLS LAST LIMIT 1`,
    [p.id, occ.code, input.level],
  );
  if (!std[0]) throw new AppError('STANDARD_MISSING', `no standard for ${p.code} × ${occ.code} × level ${input.level}`, 'level');
  const { rows: ratios } = await q.query<RatioRow>('SELECT category, name, ratio_pct, condition FROM subsidy_ratios WHERE category = ANY($1::text[])', [
    [...input.categories],
  ]);
  const best = bestRatio(
    ratios.map((r) => ({ category: r.category, ratioPct: r.ratio_pct, condition: r.condition })),
    input.categories,
    p.eligibleCategories,
    input.level,
  );
  return {
    standardFen: std[0].amount_fen,
    upliftPct: p.shortageUplift && occ.shortage ? occ.shortageUpliftPct : 0,
    ratioPct: best.ratioPct,
    category: best.category,
  };
}

// budgets: budgets.ts
export { budgetsOfYear, getBudget, listBudgets, setBudget } from './budgets.js';
