/**
 * ensurePerson / ensurePersonsBulk: find or create persons for other modules and the system (e-SSC sign-in,
 * enrolment by a provider, a custom issuance list, the demo seeder) — the caller has checked its own access.
 */
import type { Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import { normalisePersonInput, personIssues, type PersonInput } from './rules.js';
import {
  auditDetail,
  checkDistrict,
  findPersonByIdNumber,
  idBlindIndex,
  insertPerson,
  insertPersonsSql,
  toPerson,
  unknownDistricts,
  validated,
  type Person,
  type PersonRow,
  type Prepared,
} from './records.js';

/**
 * Finds the person with this ID number or creates them (validated). For other modules and the system
 * (e-SSC sign-in, enrolment by a provider, the demo seeder): the caller has already checked its own access.
 */
export async function ensurePerson(tx: Tx, by: AuditActor, input: PersonInput): Promise<{ person: Person; created: boolean }> {
  const i = validated(input);
  const found = await findPersonByIdNumber(tx, i.idNumber);
  if (found) return { person: found, created: false };
  await checkDistrict(tx, i.districtCode);
  const row = await insertPerson(tx, i);
  if (!row) {
    const again = await findPersonByIdNumber(tx, i.idNumber);
    if (!again) throw new AppError('CONFLICT', 'the person was created concurrently; try again');
    return { person: again, created: false };
  }
  const person = toPerson(row);
  await audit.record(tx, by, {
    action: 'person.create',
    entityType: 'person',
    entityId: person.id,
    districtCode: person.districtCode,
    detail: auditDetail(person),
  });
  return { person, created: true };
}

export const BULK_CHUNK = 1000;

/**
 * ensurePerson for many persons at once, set-based: every input is validated in JS first (any problem
 * refuses the whole call, each issue's field named `inputs[n].<field>`), then the new ones are inserted
 * with one `INSERT … SELECT FROM unnest(…) ON CONFLICT (id_number_bidx) DO NOTHING` per chunk of
 * {@link BULK_CHUNK}, each chunk that creates anyone with one `person.create_bulk` audit entry (counts only). Existing persons
 * are returned as found (not updated); districts are checked for every input. Results are in input order; an ID number given twice yields the same
 * person, created at its first occurrence only. For the system and other modules (the demo seeder): the
 * caller has already checked its own access.
 */
export async function ensurePersonsBulk(tx: Tx, by: AuditActor, inputs: PersonInput[]): Promise<Array<{ person: Person; created: boolean }>> {
  const today = clockNow();
  const issues: FieldIssue[] = [];
  const normalised = inputs.map((input, n) => {
    const i = normalisePersonInput(input);
    for (const issue of personIssues(i, today)) issues.push({ ...issue, field: `inputs[${n}].${issue.field}` });
    return i;
  });
  if (!issues.length) {
    const bad = await unknownDistricts(
      tx,
      normalised.map((i) => i.districtCode),
    );
    normalised.forEach((i, n) => {
      if (i.districtCode && bad.has(i.districtCode))
        issues.push({ field: `inputs[${n}].districtCode`, code: 'DISTRICT_UNKNOWN', message: `district ${i.districtCode} is not known` });
    });
  }
  const first = issues[0];
  if (first) {
    const rows = new Set(issues.map((i) => /^inputs\[(\d+)\]/.exec(i.field)?.[1])).size;
    throw new AppError(
      first.code as ConstructorParameters<typeof AppError>[0],
      `${rows} of ${inputs.length} persons are invalid; first: ${first.field}: ${first.message}`,
      first.field,
      undefined,
      issues,
    );
  }

  // One row per distinct ID number (the first occurrence wins, as with repeated ensurePerson calls).
  const bidxs = normalised.map((i) => idBlindIndex(i.idNumber));
  const unique = new Map<string, Prepared>();
  normalised.forEach((input, n) => {
    if (!unique.has(bidxs[n]!)) unique.set(bidxs[n]!, { input, bidx: bidxs[n]! });
  });
  const found = new Map<string, { person: Person; created: boolean }>();
  const batch = [...unique.values()];
  for (let at = 0; at < batch.length; at += BULK_CHUNK) {
    const chunk = batch.slice(at, at + BULK_CHUNK);
    const { sql, params } = insertPersonsSql(chunk, () => 'ON CONFLICT (id_number_bidx) DO NOTHING RETURNING *');
    const inserted = (await tx.query<PersonRow>(sql, params)).rows;
    for (const r of inserted) found.set(r.id_number_bidx, { person: toPerson(r), created: true });
    const missing = chunk.filter((r) => !found.has(r.bidx)).map((r) => r.bidx);
    if (missing.length) {
      const existing = (await tx.query<PersonRow>('SELECT * FROM persons WHERE id_number_bidx = ANY($1::text[])', [missing])).rows;
      for (const r of existing) found.set(r.id_number_bidx, { person: toPerson(r), created: false });
    }
    if (inserted.length === 0) continue; // nothing changed: no audit entry
    await audit.record(tx, by, {
      action: 'person.create_bulk',
      entityType: 'person',
      entityId: null,
      districtCode: null,
      detail: { rows: chunk.length, created: inserted.length, existing: chunk.length - inserted.length },
    });
  }
  const seen = new Set<string>();
  return bidxs.map((b) => {
    const hit = found.get(b);
    if (!hit) throw new AppError('CONFLICT', 'a person was created concurrently; try again');
    const repeat = seen.has(b);
    seen.add(b);
    return repeat ? { person: hit.person, created: false } : hit;
  });
}
