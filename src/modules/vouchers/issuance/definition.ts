/**
 * Defining an issuance (精准发放 / 定制发放): the definition checked against the catalogue, stored, previewed,
 * read and listed within the caller's scope.
 */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { AppError, notFound } from '../../../lib/errors.js';
import { isUuid } from '../../../lib/identifiers.js';
import { businessDate } from '../../../lib/time.js';
import * as audit from '../../audit/index.js';
import * as catalog from '../../catalog/index.js';
import { requireRole, scopeSql, type Actor } from '../../identity/index.js';
import * as orgs from '../../orgs/index.js';
import * as persons from '../../persons/index.js';
import { ADMINS, ISSUERS, issuanceScope, issuerPlace } from '../policy.js';
import type { PreviewSchema } from '../schemas.js';
import { ZERO_UUID, scopedRow, toIssuanceView, type IssuanceDefinition, type IssuanceMode, type IssuanceRow, type IssuanceView } from './model.js';

export async function getIssuance(actor: Actor, q: Queryable, id: string): Promise<IssuanceView> {
  return toIssuanceView(await scopedRow(actor, q, id));
}

export async function listIssuances(actor: Actor, q: Queryable, f: { limit: number; offset: number }): Promise<{ total: number; items: IssuanceView[] }> {
  requireRole(actor, [...ISSUERS, 'auditor'], 'no access to issuances');
  const params: unknown[] = [];
  const cond = scopeSql(issuanceScope(actor), { district: 'district_code', org: 'org_id' }, params);
  const w = cond === 'TRUE' ? '' : `WHERE ${cond}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM issuances ${w}`, params)).rows[0]?.n ?? 0;
  const { rows } = await q.query<IssuanceRow>(
    `SELECT * FROM issuances ${w} ORDER BY created_at DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total, items: rows.map(toIssuanceView) };
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

/** Targeted runs are the admins'; custom lists also the enterprises' and providers'. */
function requireIssuer(actor: Actor, mode: IssuanceMode): void {
  if (mode === 'targeted') requireRole(actor, ADMINS, 'targeted issuance is for city and district admins');
  else requireRole(actor, ISSUERS, 'custom issuance is for enterprises, providers and admins');
}

/** The programme, which must exist and be open. */
export async function openProgramme(q: Queryable, programmeId: string): Promise<catalog.Programme> {
  const programme = isUuid(programmeId) ? await catalog.getProgramme(q, programmeId) : null;
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', 'programmeId');
  if (programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `programme ${programme.code} is closed`, 'programmeId');
  return programme;
}

/** Where the issuance belongs: a district admin's own district; an organisation's district (its programme types checked). */
async function placeIssuance(
  actor: Actor,
  q: Queryable,
  requested: string | null,
  programme: catalog.Programme,
): Promise<{ districtCode: string | null; orgId: string | null }> {
  let districtCode = requested;
  let orgId: string | null = null;
  const place = issuerPlace(actor);
  if (place.kind === 'district') {
    if (districtCode !== null && districtCode !== place.districtCode) throw notFound('district', 'districtCode');
    districtCode = place.districtCode;
  } else if (place.kind === 'org') {
    const org = await orgs.requireActiveOrg(q, place.orgId ?? ZERO_UUID);
    orgId = org.id;
    districtCode = org.districtCode;
    if (place.enterprise && !ENTERPRISE_TYPES.includes(programme.type))
      throw new AppError('VALIDATION_FAILED', 'an enterprise issues enterprise-training or apprenticeship vouchers only', 'programmeId');
  }
  if (districtCode !== null && !(await catalog.getDistrict(q, districtCode)))
    throw new AppError('DISTRICT_UNKNOWN', `no district ${districtCode}`, 'districtCode');
  return { districtCode, orgId };
}

/** An occupation scope needs a known occupation, a level and a subsidy standard (STANDARD_MISSING). */
async function checkOccupation(q: Queryable, programme: catalog.Programme, occupationCode: string | null, level: number | null): Promise<void> {
  if (occupationCode === null) return;
  if (!(await catalog.getOccupation(q, occupationCode))) throw new AppError('OCCUPATION_UNKNOWN', `no occupation ${occupationCode}`, 'occupationCode');
  if (level === null) throw new AppError('VALIDATION_FAILED', 'a level is required with an occupation', 'level');
  await catalog.quoteSubsidy(q, { programmeId: programme.id, occupationCode, level, categories: [] }); // STANDARD_MISSING
}

/** A fixed validity end not in the past. */
export function checkValidUntil(validUntil: string | null | undefined, today: string, withToday = true): void {
  if (validUntil && validUntil < today)
    throw new AppError('VALIDITY_IN_PAST', `the validity ends ${validUntil}, before today${withToday ? ` (${today})` : ''}`, 'validUntil');
}

/** The district's budget of the programme for the year must not be used up. */
export async function checkBudget(q: Queryable, programme: catalog.Programme, districtCode: string | null, today: string): Promise<void> {
  if (districtCode === null) return;
  const budget = await catalog.getBudget(q, programme.id, districtCode, Number(today.slice(0, 4)));
  if (budget && budget.amountFen <= 0)
    throw new AppError('ISSUANCE_EXHAUSTED', `the ${programme.code} budget of district ${districtCode} is exhausted`, 'programmeId');
}

/** Validates a definition against the catalogue; also used by preview. */
async function checkDefinition(actor: Actor, q: Queryable, input: IssuanceInput, now: Date): Promise<Checked> {
  requireIssuer(actor, input.mode);
  const programme = await openProgramme(q, input.programmeId);
  const { districtCode, orgId } = await placeIssuance(actor, q, input.districtCode ?? null, programme);
  const occupationCode = input.occupationCode ?? null;
  const level = input.level ?? null;
  await checkOccupation(q, programme, occupationCode, level);
  const today = businessDate(now);
  checkValidUntil(input.validUntil, today);
  if (input.quantityCap !== undefined && input.quantityCap !== null && input.quantityCap < 1)
    throw new AppError('ISSUANCE_EXHAUSTED', 'the quantity cap must be at least 1', 'quantityCap');
  await checkBudget(q, programme, districtCode, today);

  const rule: persons.EligibilityRule = { ...(input.rule ?? {}) };
  if (districtCode !== null) rule.districtCodes = [districtCode];
  if (!rule.categoriesAny?.length) rule.categoriesAny = programme.eligibleCategories;
  const definition: IssuanceDefinition = {
    occupationCode,
    level,
    rule,
    quantityCap: input.quantityCap ?? null,
    validityMonths: input.validityMonths ?? null,
    validUntil: input.validUntil ?? null,
  };
  return { programme, districtCode, orgId, definition };
}

/** `now`: the instant the caller acts at (a back-dated world: also the issuance's creation time); absent, the clock's. */
export async function createIssuance(actor: Actor, tx: Tx, input: IssuanceInput, now?: Date): Promise<IssuanceView> {
  const c = await checkDefinition(actor, tx, input, now ?? clockNow());
  const { rows } = await tx.query<IssuanceRow>(
    `INSERT INTO issuances (mode, name, programme_id, district_code, org_id, definition, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, coalesce($8::timestamptz, now())) RETURNING *`,
    [input.mode, input.name, c.programme.id, c.districtCode, c.orgId, JSON.stringify(c.definition), actor.accountId, now ?? null],
  );
  const r = rows[0]!;
  await audit.record(tx, actor, {
    action: 'issuance.define',
    entityType: 'issuance',
    entityId: r.id,
    districtCode: r.district_code,
    detail: { mode: r.mode, name: r.name, programme: c.programme.code, definition: c.definition },
  });
  return toIssuanceView(r);
}

/** How many persons match (and how many of them already hold an open voucher of the programme). */
export async function previewIssuance(actor: Actor, q: Queryable, input: IssuanceInput, now: Date = clockNow()): Promise<z.infer<typeof PreviewSchema>> {
  const c = await checkDefinition(actor, q, { ...input, mode: 'targeted' }, now);
  const m = persons.matchPersonsSql(c.definition.rule, 2, businessDate(now));
  const { rows } = await q.query<{ matched: number; holding: number }>(
    `SELECT count(*)::int AS matched,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM voucher_states v WHERE v.person_id = m.id AND v.programme_id = $1
                 AND v.kind = 'subsidy' AND v.status IN ('issued','admitted','in_training','assessed','approved')))::int AS holding
       FROM (${m.sql}) m`,
    [c.programme.id, ...m.params],
  );
  return { matched: rows[0]?.matched ?? 0, holdingOpen: rows[0]?.holding ?? 0 };
}
