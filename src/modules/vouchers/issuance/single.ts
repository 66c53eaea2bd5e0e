/**
 * A targeted issuance (精准发放) to ONE named person, in the caller's transaction: the issuance is defined as any
 * other (createIssuance: the admin's district, an open programme, the occupation's standard, a cap of one) and
 * issued by the one set-based issuing statement over a candidate set of that person. Used where a decision
 * names the person — the rehab module's retraining voucher after a work-injury rehabilitation (issue 18).
 */
import type { Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import * as audit from '../../audit/index.js';
import * as catalog from '../../catalog/index.js';
import * as messages from '../../messages/index.js';
import type { Actor } from '../../identity/index.js';
import type * as persons from '../../persons/index.js';
import { createIssuance } from './definition.js';
import { loadRow } from './model.js';
import { computeTerms, issueStatement } from './statement.js';

export interface SingleIssue {
  name: string;
  programmeId: string;
  occupationCode: string;
  level: number;
  person: Pick<persons.Person, 'id' | 'districtCode' | 'categories'>;
}

type Outcome = { id: string; already: boolean; holds: boolean; no_category: boolean; issued: boolean };

/** Issues one voucher to the person, or refuses naming why (an open voucher of the programme, no eligible category). */
export async function issueTargetedToPerson(
  actor: Actor,
  tx: Tx,
  s: SingleIssue,
  now: Date = clockNow(),
): Promise<{ voucherId: string; number: string; issuanceId: string }> {
  const view = await createIssuance(
    actor,
    tx,
    {
      mode: 'targeted',
      name: s.name,
      programmeId: s.programmeId,
      districtCode: s.person.districtCode,
      occupationCode: s.occupationCode,
      level: s.level,
      rule: {},
      quantityCap: 1,
    },
    now,
  );
  const row = (await loadRow(tx, view.id, true))!;
  const programme = (await catalog.getProgramme(tx, row.programme_id))!;
  const terms = await computeTerms(tx, programme, row.definition, now);
  const stmt = issueStatement(
    'SELECT $1::uuid AS id, $2::text AS district_code, $3::text[] AS categories',
    [s.person.id, s.person.districtCode, s.person.categories],
    { issuanceId: row.id, programmeId: row.programme_id, mode: 'targeted', districtCode: row.district_code, d: row.definition, t: terms, remaining: 1 },
    true,
  );
  const out = (await tx.query<Outcome>(stmt.sql, stmt.params)).rows[0];
  if (!out?.issued) {
    if (out?.holds) throw new AppError('VOUCHER_LIMIT_REACHED', 'the person already holds an open voucher of this programme', 'programmeId');
    if (out?.no_category) throw new AppError('NO_ELIGIBLE_CATEGORY', 'the person is in no category this programme subsidises', 'programmeId');
    throw new AppError('CONFLICT', 'the voucher could not be issued', 'programmeId');
  }
  const v = (
    await tx.query<{ id: string; number: string; valid_until: string }>(
      'SELECT id, number, valid_until FROM voucher_records WHERE issuance_id = $1 AND person_id = $2',
      [row.id, s.person.id],
    )
  ).rows[0]!;
  await tx.query(
    `UPDATE issuances SET status = 'done', terms = $2::jsonb, matched_total = 1, processed = 1, issued = 1, started_at = $3, finished_at = $3, updated_at = $3 WHERE id = $1`,
    [row.id, JSON.stringify(terms), now],
  );
  await audit.record(tx, actor, {
    action: 'issuance.run_single',
    entityType: 'issuance',
    entityId: row.id,
    districtCode: row.district_code,
    detail: { voucher: v.number, occupationCode: s.occupationCode, level: s.level },
  });
  await messages.notify(tx, {
    event: 'voucher.issued',
    key: v.id,
    personId: s.person.id,
    vars: { voucherNo: v.number, validThrough: v.valid_until },
    link: `/vouchers/${v.id}`,
  });
  return { voucherId: v.id, number: v.number, issuanceId: row.id };
}
