/** Provider approvals (which programmes and occupations a provider may train) and the provider's standing. */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import { assertInScope, type Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import { approverScope, assertReadable, readScope } from './policy.js';
import { isUniqueViolation, toApproval, type Approval, type ApprovalRow } from './rows.js';

/** The provider, required active: a suspended provider opens no class, admits no one, files no report. */
export async function activeProvider(q: Queryable, providerId: string): Promise<orgs.Org> {
  const o = await orgs.getOrg(q, providerId);
  if (!o || o.kind !== 'provider') throw notFound('provider');
  if (o.status !== 'active') throw new AppError('PROVIDER_SUSPENDED', `${o.name} is suspended`, undefined, { providerId: o.id });
  return o;
}

/** Admins manage approvals: a city admin of any provider, a district admin of providers in its district. */
async function providerForAdmin(actor: Actor, q: Queryable, providerId: string): Promise<orgs.Org> {
  const s = approverScope(actor);
  const o = isUuid(providerId) ? await orgs.getOrg(q, providerId) : null;
  if (!o || o.kind !== 'provider') throw notFound('provider', 'id');
  assertInScope(s, { districtCodes: [o.districtCode] }, 'provider', 'id');
  return o;
}

/** Is the provider approved for this programme and occupation (an occupation-wide or programme-wide grant)? */
export async function isApproved(q: Queryable, providerId: string, programmeId: string, occupationCode: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM provider_approvals
      WHERE provider_id = $1 AND programme_id = $2 AND (occupation_code = $3 OR occupation_code IS NULL) AND revoked_at IS NULL LIMIT 1`,
    [providerId, programmeId, occupationCode],
  );
  return rows.length > 0;
}

export async function grantApproval(
  actor: Actor,
  tx: Tx,
  providerId: string,
  input: { programmeId: string; occupationCode: string | null },
): Promise<Approval> {
  const provider = await providerForAdmin(actor, tx, providerId);
  const programme = await catalog.getProgramme(tx, input.programmeId);
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'no such programme', 'programmeId');
  if (input.occupationCode !== null && !(await catalog.getOccupation(tx, input.occupationCode)))
    throw new AppError('OCCUPATION_UNKNOWN', `occupation ${input.occupationCode} is not known`, 'occupationCode');
  let row: ApprovalRow;
  try {
    row = (
      await tx.query<ApprovalRow>(
        `INSERT INTO provider_approvals (provider_id, programme_id, occupation_code, granted_by) VALUES ($1, $2, $3, $4) RETURNING *`,
        [provider.id, programme.id, input.occupationCode, actor.accountId],
      )
    ).rows[0]!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'this approval is already granted', 'occupationCode');
    throw e;
  }
  await audit.record(tx, actor, {
    action: 'provider.approval.grant',
    entityType: 'organisation',
    entityId: provider.id,
    districtCode: provider.districtCode,
    detail: { approvalId: row.id, programme: programme.code, occupationCode: input.occupationCode },
  });
  return toApproval(row);
}

export async function revokeApproval(actor: Actor, tx: Tx, providerId: string, approvalId: string, reason: string): Promise<Approval> {
  const provider = await providerForAdmin(actor, tx, providerId);
  const { rows } = await tx.query<ApprovalRow>(
    `UPDATE provider_approvals SET revoked_at = now(), revoked_by = $3, revoke_reason = $4
      WHERE id = $1 AND provider_id = $2 AND revoked_at IS NULL RETURNING *`,
    [approvalId, provider.id, actor.accountId, reason],
  );
  const row = rows[0];
  if (!row) throw notFound('approval', 'approvalId');
  await audit.record(tx, actor, {
    action: 'provider.approval.revoke',
    entityType: 'organisation',
    entityId: provider.id,
    districtCode: provider.districtCode,
    detail: { approvalId, reason },
  });
  return toApproval(row);
}

export async function listApprovals(actor: Actor, q: Queryable, providerId: string): Promise<Approval[]> {
  const s = readScope(actor);
  const o = isUuid(providerId) ? await orgs.getOrg(q, providerId) : null;
  if (!o || o.kind !== 'provider') throw notFound('provider', 'id');
  assertReadable(s, { providerId: o.id, districtCode: o.districtCode }, 'provider');
  const { rows } = await q.query<ApprovalRow>('SELECT * FROM provider_approvals WHERE provider_id = $1 ORDER BY granted_at, id', [o.id]);
  return rows.map(toApproval);
}
