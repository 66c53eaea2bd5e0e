/**
 * Custom issuance (定制发放): the uploaded list (CSV or xlsx with the person-import columns), in named steps —
 * parse the sheet → validate each row → ensure its person (persons.ensurePerson) → issue the chunk with the
 * set-based statement. Idempotent: uploading the same list again issues nothing new.
 */
import type { z } from 'zod';
import type { Db, Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { AppError, type ErrorCode } from '../../../lib/errors.js';
import { maskId, maskName } from '../../../lib/identifiers.js';
import { readSheet, type Sheet, type SheetFormat } from '../../../lib/sheet.js';
import * as audit from '../../audit/index.js';
import * as catalog from '../../catalog/index.js';
import type { Actor } from '../../identity/index.js';
import * as orgs from '../../orgs/index.js';
import * as persons from '../../persons/index.js';
import { IMPORT_SHEET_COLUMNS, mapHeader, type ImportKey } from '../../persons/index.js';
import type { CustomReportSchema } from '../schemas.js';
import { addSkips, alreadyRunning, loadRow, scopedRow, type IssuanceRow, type IssuanceTerms } from './model.js';
import { computeTerms, issueStatement } from './statement.js';

/** The upload's answer (its shape is the route's schema): counts, and the rows in error or skipped with their reason. */
export type CustomReport = z.infer<typeof CustomReportSchema>;
export type CustomRowResult = CustomReport['rows'][number];

export const CUSTOM_MAX_ROWS = 50_000;
const CUSTOM_CHUNK = 500;
const MAX_LISTED = 1000;

const SKIP_MESSAGES: Record<string, [ErrorCode | 'SKIPPED', string]> = {
  already_issued: ['DUPLICATE', 'already issued a voucher by this issuance'],
  holds_open_voucher: ['VOUCHER_LIMIT_REACHED', 'already holds an open voucher of this programme'],
  no_eligible_category: ['SKIPPED', 'none of the person’s categories is eligible for this programme'],
};

/** What every step of one upload shares. */
interface Upload {
  actor: Actor;
  id: string;
  keys: (ImportKey | null)[];
  /** The enterprise that lists its own employees (null: a provider or an admin). */
  enterprise: orgs.Org | null;
  terms: IssuanceTerms;
  report: CustomReport;
  /** The instant of issue when the caller acts at a given time (a back-dated world); null: the database's now. */
  issuedAt: Date | null;
}

interface Candidate {
  line: number;
  person: persons.Person;
}

/** A row in the report (the first MAX_LISTED; the rest only counted as truncated). */
function note(report: CustomReport, r: CustomRowResult): void {
  if (report.rows.length < MAX_LISTED) report.rows.push(r);
  else report.rowsTruncated = true;
}

function failRow(report: CustomReport, r: CustomRowResult): null {
  report.failed++;
  note(report, r);
  return null;
}

/** Step 1, parse: the sheet and its header mapped to the person-import columns. */
async function parseList(buffer: Buffer, format: SheetFormat): Promise<{ sheet: Sheet; keys: (ImportKey | null)[] }> {
  const sheet = await readSheet(buffer, format, CUSTOM_MAX_ROWS, { minColumns: IMPORT_SHEET_COLUMNS });
  const { keys, missing } = mapHeader(sheet.header);
  if (missing.length) throw new AppError('IMPORT_FILE_INVALID', `the header row lacks the column(s) ${missing.join(', ')}`, 'header');
  return { sheet, keys };
}

/** Step 2, validate: the row's cells as a person (an enterprise's own employer filled in and required). */
function validateRow(u: Upload, r: Sheet['rows'][number]): persons.PersonInput | null {
  const cells: Partial<Record<ImportKey, string>> = {};
  u.keys.forEach((k, j) => {
    if (k) cells[k] = r.cells[j] ?? '';
  });
  const org = u.enterprise;
  if (org) {
    cells.employerUscc = cells.employerUscc?.trim() || org.uscc;
    cells.employerName = cells.employerName?.trim() || org.name;
  }
  const v = persons.validatePersonRow(cells, r.line);
  if (!v.ok) {
    u.report.failed++;
    for (const e of v.errors) note(u.report, { row: e.row, field: e.field, code: e.code, message: e.message });
    return null;
  }
  if (org && v.input.employerUscc !== org.uscc)
    return failRow(u.report, { row: r.line, field: 'employerUscc', code: 'VALIDATION_FAILED', message: 'an enterprise lists its own employees only' });
  return v.input;
}

/** Step 3, ensure the person: found by ID number (an enterprise's only if not another employer's), else created. */
async function ensureRowPerson(u: Upload, tx: Tx, line: number, input: persons.PersonInput): Promise<persons.Person | null> {
  const existing = await persons.findPersonByIdNumber(tx, input.idNumber);
  if (existing && u.enterprise && existing.employerUscc && existing.employerUscc !== u.enterprise.uscc)
    return failRow(u.report, { row: line, field: 'idNumber', code: 'VALIDATION_FAILED', message: 'the registry lists this person with another employer' });
  if (existing) return existing;
  try {
    const ens = await persons.ensurePerson(tx, u.actor, input);
    if (ens.created) u.report.personsCreated++;
    return ens.person;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return failRow(u.report, { row: line, field: e.field ?? 'row', code: e.code, message: e.message });
  }
}

/** Steps 2 and 3 over a chunk's rows: the persons to issue to, in row order. */
async function candidatesOf(u: Upload, tx: Tx, slice: Sheet['rows']): Promise<Candidate[]> {
  const cand: Candidate[] = [];
  for (const r of slice) {
    const input = validateRow(u, r);
    if (!input) continue;
    const person = await ensureRowPerson(u, tx, r.line, input);
    if (person) cand.push({ line: r.line, person });
  }
  return cand;
}

type Outcome = { id: string; already: boolean; holds: boolean; no_category: boolean; issued: boolean };

/** Each candidate's outcome: issued, or skipped with its reason (noted in the report, the holder masked). */
function tally(u: Upload, cand: Candidate[], res: Outcome[], remaining: number | null): { issued: number; skips: Record<string, number> } {
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
      note(u.report, { row: c.line, code, message: `${maskName(c.person.name)} ${maskId(c.person.idNumber)}: ${message}` });
    }
  }
  return { issued, skips };
}

/** Step 4, issue a chunk: one statement for its candidates, the issuance's counts and an audit entry, in its transaction. */
async function issueChunk(u: Upload, tx: Tx, slice: Sheet['rows']): Promise<void> {
  const cur = (await loadRow(tx, u.id, true))!;
  const cand = await candidatesOf(u, tx, slice);
  if (cand.length === 0) return;
  const cap = cur.definition.quantityCap;
  const remaining = cap === null ? null : Math.max(0, cap - cur.issued);
  const candSql = `SELECT c.id, c.district_code, string_to_array(c.cats, ';') AS categories
                     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, district_code, cats)`;
  const stmt = issueStatement(
    candSql,
    [cand.map((c) => c.person.id), cand.map((c) => c.person.districtCode), cand.map((c) => c.person.categories.join(';'))],
    {
      issuanceId: u.id,
      programmeId: cur.programme_id,
      mode: 'custom',
      districtCode: cur.district_code,
      d: cur.definition,
      t: u.terms,
      remaining,
      issuedAt: u.issuedAt,
    },
    true,
  );
  const { issued, skips } = tally(u, cand, (await tx.query<Outcome>(stmt.sql, stmt.params)).rows, remaining);
  u.report.issued += issued;
  u.report.skipped = addSkips(u.report.skipped, skips);
  await tx.query(
    `UPDATE issuances SET status = 'done', terms = coalesce(terms, $2::jsonb), issued = issued + $3, processed = processed + $4,
            skipped = $5::jsonb, started_at = coalesce(started_at, $6::timestamptz, now()), finished_at = coalesce($6::timestamptz, now()), updated_at = now()
      WHERE id = $1`,
    [u.id, JSON.stringify(u.terms), issued, cand.length, JSON.stringify(addSkips(cur.skipped, skips)), u.issuedAt],
  );
  await audit.record(tx, u.actor, {
    action: 'issuance.custom_upload',
    entityType: 'issuance',
    entityId: u.id,
    districtCode: cur.district_code,
    detail: { rows: slice.length, issued, skipped: skips },
  });
}

/** The terms of the first upload are snapshotted then (and the cap checked); later uploads reuse them. */
async function uploadTerms(db: Db, head: IssuanceRow, now: Date): Promise<IssuanceTerms> {
  const programme = await catalog.getProgramme(db, head.programme_id);
  if (!programme || programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', 'the programme is closed', 'programmeId');
  if (head.terms) return head.terms;
  const terms = await computeTerms(db, programme, head.definition, now);
  if (head.definition.quantityCap !== null && head.issued >= head.definition.quantityCap)
    throw new AppError('ISSUANCE_EXHAUSTED', 'the quantity cap is used up', 'quantityCap');
  return terms;
}

async function issueList(actor: Actor, db: Db, head: IssuanceRow, sheet: Sheet, keys: (ImportKey | null)[], now: Date | undefined): Promise<CustomReport> {
  const terms = await uploadTerms(db, head, now ?? clockNow());
  const org = head.org_id ? await orgs.getOrg(db, head.org_id) : null;
  const report: CustomReport = { total: sheet.rows.length, issued: 0, personsCreated: 0, skipped: {}, failed: 0, rows: [], rowsTruncated: false };
  const u: Upload = { actor, id: head.id, keys, enterprise: org && org.kind === 'enterprise' ? org : null, terms, report, issuedAt: now ?? null };
  for (let i = 0; i < sheet.rows.length; i += CUSTOM_CHUNK) {
    const slice = sheet.rows.slice(i, i + CUSTOM_CHUNK);
    await db.tx((tx) => issueChunk(u, tx, slice));
  }
  await db.query('UPDATE issuances SET summary = $2::jsonb WHERE id = $1', [
    head.id,
    JSON.stringify({
      lastUpload: { total: report.total, issued: report.issued, personsCreated: report.personsCreated, failed: report.failed, skipped: report.skipped },
    }),
  ]);
  return report;
}

/**
 * Uploads the list of a custom issuance (CSV or xlsx with the person-import columns). Each row is
 * validated; persons not yet in the registry are created (persons.ensurePerson); vouchers are issued
 * set-based per chunk. Idempotent: uploading the same list again issues nothing new. `now`: the instant the caller
 * acts at (a back-dated world: the vouchers' issue time and terms); absent, the clock's and the database's now.
 */
export async function uploadCustomList(actor: Actor, db: Db, id: string, buffer: Buffer, format: SheetFormat, now?: Date): Promise<CustomReport> {
  const head = await scopedRow(actor, db, id);
  if (head.mode !== 'custom') throw new AppError('VALIDATION_FAILED', 'only a custom issuance takes an uploaded list', 'id');
  const { sheet, keys } = await parseList(buffer, format);
  const out = await db.withAdvisoryLock(`issuance:${id}`, () => issueList(actor, db, head, sheet, keys, now));
  if (out === null) throw alreadyRunning();
  return out;
}

export { importTemplate as customListTemplate } from '../../persons/index.js';
