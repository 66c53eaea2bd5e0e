/**
 * A claim the reviewers reject closes its voucher (核验不通过: assessed/approved → closed, with the reason),
 * releases whatever the claim still holds of the budget, and writes the claim and voucher events and audit
 * entries in the same transaction; a refused rejection changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as persons from '../persons/service.js';
import * as vouchers from '../vouchers/service.js';
import { createClaimForPass } from './claims.js';
import * as ledger from './ledger.js';
import { anyOccupation, approvedClaims, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from './test-world.js';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let programmeId: string;
let occupation: string;

beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await skillUpgrade(t.db)).id;
  occupation = await anyOccupation(t.db);
  await setBudget(t.db, programmeId, 20_000_000, YEAR);
});
afterAll(async () => t?.close());

const account = async () => (await ledger.listAccounts(t.db, { districtCode: '310115', year: YEAR })).find((a) => a.programmeId === programmeId)!;
const claimRow = async (id: string) =>
  (await t.db.query<{ status: string; voucher_id: string; amount_fen: number; number: string }>('SELECT * FROM subsidy_claims WHERE id = $1', [id])).rows[0]!;
const voucherEvents = async (voucherId: string) =>
  (
    await t.db.query<{ from_status: string; to_status: string; reason: string | null; actor_role: string }>(
      'SELECT from_status, to_status, reason, actor_role FROM voucher_events WHERE voucher_id = $1 ORDER BY id',
      [voucherId],
    )
  ).rows;
const reject = (id: string, opinion: string, as = 'district_admin', headers: Record<string, string> = {}) =>
  t.call('POST', `/api/v1/subsidy/claims/${id}/decision`, { as, headers, body: { decision: 'reject', opinion } });

async function inReviewClaim(n: number): Promise<{ id: string; voucherId: string; personId: string }> {
  return t.db.tx(async (tx) => {
    const w = await assessedVoucher(tx, n, { programmeId, occupationCode: occupation });
    const c = await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 40 }));
    return { id: c.id, voucherId: w.voucherId, personId: w.personId };
  });
}

describe('a rejected claim closes its voucher', () => {
  it('in_review → rejected closes the voucher assessed → closed with the opinion as the reason; nothing to release', async () => {
    const c = await inReviewClaim(1100);
    expect((await claimRow(c.id)).status).toBe('in_review');
    const before = await account();
    const audits = await t.count('audit_log', `entity_id = '${c.voucherId}' AND action = 'voucher.closed'`);
    const r = await reject(c.id, '考勤不足80%，不予补贴');
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('rejected');
    const v = await vouchers.getVoucher(t.db, c.voucherId);
    expect(v!.status).toBe('closed');
    const last = (await voucherEvents(c.voucherId)).at(-1)!;
    expect(last).toMatchObject({ from_status: 'assessed', to_status: 'closed', actor_role: 'district_admin' });
    expect(last.reason).toContain('考勤不足80%，不予补贴');
    expect(await t.count('audit_log', `entity_id = '${c.voucherId}' AND action = 'voucher.closed'`)).toBe(audits + 1);
    expect(await t.count('audit_log', `entity_id = '${c.id}' AND action = 'claim.reject'`)).toBe(1);
    // nothing was reserved for a claim in review, so nothing moves in the ledger
    const after = await account();
    expect(after).toEqual(before);
    expect(await t.count('budget_ledger', `claim_id = '${c.id}'`)).toBe(0);
    // the voucher no longer counts as the person's open subsidy voucher for the programme
    expect(await vouchers.holdsOpenSubsidyVoucher(t.db, c.personId, programmeId)).toBe(false);
    expect((await ledger.checkFunds(t.db)).problems).toEqual([]);
  });

  it('approved → held (objection) → rejected: approved → closed and the reservation is released (budget = available + reserved + paid)', async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 1200);
    const c = await claimRow(id!);
    expect(c.status).toBe('approved');
    expect((await vouchers.getVoucher(t.db, c.voucher_id))!.status).toBe('approved');
    const before = await account();
    const o = await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker', body: { claimNumber: c.number, text: '该学员未实际参加培训' } });
    expect(o.statusCode).toBe(201);
    const r = await reject(id!, '异议属实：未实际参训', 'city_admin');
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('rejected');
    const after = await account();
    expect(after.availableFen - before.availableFen).toBe(c.amount_fen);
    expect(before.reservedFen - after.reservedFen).toBe(c.amount_fen);
    expect(after.amountFen).toBe(after.availableFen + after.reservedFen + after.paidFen);
    const legs = (await t.db.query<{ kind: string; amount_fen: number }>('SELECT kind, amount_fen FROM budget_ledger WHERE claim_id = $1 ORDER BY id', [id]))
      .rows;
    expect(legs).toEqual([
      { kind: 'reserve', amount_fen: c.amount_fen },
      { kind: 'release', amount_fen: c.amount_fen },
    ]);
    expect((await vouchers.getVoucher(t.db, c.voucher_id))!.status).toBe('closed');
    expect((await voucherEvents(c.voucher_id)).at(-1)).toMatchObject({ from_status: 'approved', to_status: 'closed' });
    const detail = await t.call('GET', `/api/v1/subsidy/claims/${id}`, { as: 'auditor' });
    expect(detail.json().events.map((e: { to: string }) => e.to)).toEqual(['in_review', 'approved', 'held', 'rejected']);
    const audit = (
      await t.db.query<{ detail: { releasedFen: number; to: string } }>("SELECT detail FROM audit_log WHERE entity_id = $1 AND action = 'claim.reject'", [id])
    ).rows[0]!;
    expect(audit.detail).toMatchObject({ to: 'rejected', releasedFen: c.amount_fen });
    expect((await ledger.checkFunds(t.db)).problems).toEqual([]);
  });

  it('a failed payment rejected instead of re-queued: the reservation kept for the re-queue is released and the voucher closed', async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 1300);
    await endNotice(t.db, [id!]);
    const c = await claimRow(id!);
    const b = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: {} });
    expect(b.statusCode).toBe(201);
    const batchId = b.json().id as string;
    expect((await t.call('POST', `/api/v1/subsidy/batches/${batchId}/approve`, { as: 'finance2' })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/v1/subsidy/batches/${batchId}/generate`, { as: 'finance' })).statusCode).toBe(200);
    const person = (await t.db.query<{ person_id: string }>('SELECT person_id FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.person_id;
    const accountNo = (await persons.getPerson(t.db, person))!.bankAccount!;
    const camt = await t.call('GET', `/api/v1/subsidy/batches/${batchId}/simulated-camt054?fail=${accountNo}`, { as: 'finance' });
    expect(camt.statusCode).toBe(200);
    const imp = await t.call('POST', '/api/v1/subsidy/bank-results', { as: 'finance', headers: { 'content-type': 'application/xml' }, payload: camt.body });
    expect(imp.statusCode).toBe(200);
    expect((await claimRow(id!)).status).toBe('failed');
    const before = await account();
    const r = await reject(id!, '账户无法更正，退回不予发放');
    expect(r.statusCode).toBe(200);
    const after = await account();
    expect(after.availableFen - before.availableFen).toBe(c.amount_fen);
    expect(after.paidFen).toBe(before.paidFen);
    expect((await vouchers.getVoucher(t.db, c.voucher_id))!.status).toBe('closed');
    expect((await ledger.checkFunds(t.db)).problems).toEqual([]);
  });

  it('a refused rejection changes nothing: no opinion, other district (404), a paid or rejected claim (CLAIM_STATE_INVALID)', async () => {
    const c = await inReviewClaim(1400);
    const counts = async () => ({
      events: await t.count('voucher_events', `voucher_id = '${c.voucherId}'`),
      claimEvents: await t.count('claim_events', `claim_id = '${c.id}'`),
      audit: await t.count('audit_log'),
      ledger: await t.count('budget_ledger'),
    });
    const before = await counts();
    const empty = await reject(c.id, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('opinion');
    const other = await reject(c.id, '不予补贴', 'district_admin_b');
    expect(other.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await vouchers.getVoucher(t.db, c.voucherId))!.status).toBe('assessed');

    expect((await reject(c.id, '不予补贴')).statusCode).toBe(200);
    const closed = await counts();
    const again = await reject(c.id, '再次驳回');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CLAIM_STATE_INVALID');
    expect(await counts()).toEqual(closed);

    const paid = (await t.db.query<{ id: string; voucher_id: string }>("SELECT id, voucher_id FROM subsidy_claims WHERE status = 'paid' LIMIT 1")).rows[0];
    if (paid) {
      const p = await reject(paid.id, '不予补贴');
      expect(p.statusCode).toBe(409);
      expect((await vouchers.getVoucher(t.db, paid.voucher_id))!.status).not.toBe('closed');
    }
  });

  it('a voucher that is not assessed/approved refuses the close, and the whole rejection rolls back', async () => {
    const c = await inReviewClaim(1500);
    // make the voucher inconsistent with its claim (only a test can: the lifecycle never leaves it so)
    await t.db.query("UPDATE voucher_states SET status = 'settled' WHERE voucher_id = $1", [c.voucherId]);
    const r = await reject(c.id, '不予补贴');
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('VOUCHER_NOT_USABLE');
    expect((await claimRow(c.id)).status).toBe('in_review');
    expect(await t.count('claim_events', `claim_id = '${c.id}' AND to_status = 'rejected'`)).toBe(0);
    await expect(t.db.tx((tx) => vouchers.closeVoucherForRejectedClaim(tx, SYSTEM, c.voucherId, ' '))).rejects.toMatchObject({ field: 'reason' });
  });

  it('concurrent rejections of one claim (overlapping on PostgreSQL, serialised on PGlite): exactly one wins, one voucher event, one release', async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 1600);
    const c = await claimRow(id!);
    const rs = await Promise.all([reject(id!, '不予补贴一'), reject(id!, '不予补贴二', 'city_admin'), reject(id!, '不予补贴三')]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await t.count('voucher_events', `voucher_id = '${c.voucher_id}' AND to_status = 'closed'`)).toBe(1);
    expect(await t.count('budget_ledger', `claim_id = '${id}' AND kind = 'release'`)).toBe(1);
    expect((await ledger.checkFunds(t.db)).problems).toEqual([]);
  });
});
