import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import { configureProcess } from '../../platform.js';
import { SYSTEM } from '../audit/service.js';
import * as vouchers from '../vouchers/service.js';
import type { Actor } from '../identity/actor.js';
import { simulateBank } from './bank-simulator.js';
import { validateXml } from './bankfiles.js';
import { createClaimForPass, decideClaim, objectToClaim, requeueClaim } from './claims.js';
import { approveBatch, buildBatch, cancelBatch, createBatch, generateFiles, importResults, settleVouchers, streamBatchFile } from './disbursement.js';
import * as ledger from './ledger.js';
import { fakeCard, anyOccupation, approvedClaims, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from './test-world.js';
import * as persons from '../persons/service.js';
import { collect } from '../../test/collect.js';

const PAIN_XSD = new URL('./xsd/pain.001.001.09.xsd', import.meta.url).pathname;
const YEAR = new Date().getUTCFullYear();

const actor = (accountId: string, role: Actor['role'], districtCode: string | null = null): Actor => ({
  accountId,
  username: role,
  role,
  districtCode,
  orgId: null,
  personId: null,
  sessionId: 's',
  mfaPassed: true,
  totpEnabled: true,
});
const maker = actor('00000000-0000-4000-8000-000000000001', 'finance');
const checker = actor('00000000-0000-4000-8000-000000000002', 'finance');
const reviewer = actor('00000000-0000-4000-8000-000000000003', 'district_admin', '310115');

let db: Db;
let programmeId: string;
let occupation: string;

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb();
  programmeId = (await skillUpgrade(db)).id;
  occupation = await anyOccupation(db);
});
afterAll(async () => db?.close());

const funds = async () => ledger.checkFunds(db);

describe('claims', () => {
  it('auto-approves when every rule passes: budget reserved, voucher approved, notice published', async () => {
    await setBudget(db, programmeId, 10_000_000, YEAR);
    const [id] = await approvedClaims(db, 1, programmeId, occupation, 100);
    const { rows } = await db.query<{ status: string; amount_fen: number; notice_last_day: string; voucher_id: string }>(
      'SELECT * FROM subsidy_claims WHERE id = $1',
      [id],
    );
    expect(rows[0]!.status).toBe('approved');
    expect(rows[0]!.amount_fen).toBeGreaterThan(0);
    expect(rows[0]!.notice_last_day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await vouchers.getVoucher(db, rows[0]!.voucher_id))!.status).toBe('approved');
    const f = await funds();
    expect(f.problems).toEqual([]);
    const acc = (await ledger.listAccounts(db))[0]!;
    expect(acc.reservedFen).toBe(rows[0]!.amount_fen);
  });

  it('puts a claim in review with the failed rules named; a reviewer approves with an opinion', async () => {
    const c = await db.tx(async (tx) => {
      const w = await assessedVoucher(tx, 200, { programmeId, occupationCode: occupation });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 50, admissionOnTime: null }));
    });
    expect(c.status).toBe('in_review');
    expect(c.rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['ADMISSION_ON_TIME', 'ATTENDANCE_THRESHOLD']);
    const other = actor(reviewer.accountId, 'district_admin', '310104');
    await expect(db.tx((tx) => decideClaim(other, tx, c.id, { decision: 'approve', opinion: 'ok' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const v = await db.tx((tx) => decideClaim(reviewer, tx, c.id, { decision: 'approve', opinion: '考勤记录经核实', overrideReason: '录取与考勤经现场核实' }));
    expect(v.status).toBe('approved');
    expect(v.decision.opinion).toBe('考勤记录经核实');
    expect((await funds()).problems).toEqual([]);
  });

  it('an objection holds the claim; upholding it rejects and releases the reservation', async () => {
    const [id] = await approvedClaims(db, 1, programmeId, occupation, 400);
    const { rows } = await db.query<{ number: string; amount_fen: number }>('SELECT number, amount_fen FROM subsidy_claims WHERE id = $1', [id]);
    const before = (await ledger.listAccounts(db))[0]!;
    await db.tx((tx) => objectToClaim(reviewer, tx, { claimNumber: rows[0]!.number, text: '该学员未实际参加培训' })); // real name: holds
    expect((await db.query<{ status: string }>('SELECT status FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.status).toBe('held');
    await db.tx((tx) => decideClaim(reviewer, tx, id!, { decision: 'reject', opinion: '异议属实' }));
    const after = (await ledger.listAccounts(db))[0]!;
    expect(after.availableFen - before.availableFen).toBe(rows[0]!.amount_fen);
    expect((await funds()).problems).toEqual([]);
  });

  it('never reserves beyond the budget (BUDGET_EXHAUSTED / in review)', async () => {
    const acc = (await ledger.listAccounts(db))[0]!;
    // shrink the budget to what is committed: the next claim cannot be covered
    await setBudget(db, programmeId, acc.amountFen - acc.availableFen, YEAR);
    const c = await db.tx(async (tx) => {
      const w = await assessedVoucher(tx, 500, { programmeId, occupationCode: occupation });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId));
    });
    expect(c.status).toBe('in_review');
    expect(c.rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['BUDGET_COVERS']);
    await expect(db.tx((tx) => decideClaim(reviewer, tx, c.id, { decision: 'approve', opinion: 'ok', overrideReason: '预算待追加' }))).rejects.toMatchObject({
      code: 'BUDGET_EXHAUSTED',
    });
    await setBudget(db, programmeId, 10_000_000, YEAR);
    expect((await funds()).problems).toEqual([]);
  });
});

describe('disbursement', () => {
  it('batch → maker-checker → pain.001 (XSD-valid) → camt.054 → paid / failed → requeue → paid; same file twice changes nothing', async () => {
    const ids = await approvedClaims(db, 6, programmeId, occupation, 600);
    // not yet noticed → not payable
    const early = await db.tx((tx) => createBatch(maker, tx, {}));
    const e = await buildBatch(maker, db, early.id);
    expect(e.paymentCount).toBe(0);
    await db.tx((tx) => cancelBatch(maker, tx, early.id));

    await endNotice(db);
    const b0 = await db.tx((tx) => createBatch(maker, tx, {}));
    const b = await buildBatch(maker, db, b0.id);
    expect(b.status).toBe('draft');
    expect(b.paymentCount).toBeGreaterThanOrEqual(6);
    await expect(db.tx((tx) => approveBatch(maker, tx, b.id))).rejects.toMatchObject({ code: 'MAKER_CHECKER_SAME_PERSON' });
    await db.tx((tx) => approveBatch(checker, tx, b.id));
    const g = await generateFiles(maker, db, b.id);
    expect(g.status).toBe('file_ready');
    const pain = await collect((out) => streamBatchFile(maker, db, b.id, 'pain001', out));
    expect((await validateXml(pain, PAIN_XSD)).errors).toEqual([]);
    expect(pain).toContain(`<NbOfTxs>${b.paymentCount}</NbOfTxs>`);

    // the bank fails one account
    const firstPerson = (await db.query<{ person_id: string }>('SELECT person_id FROM subsidy_claims WHERE id = $1', [ids[0]])).rows[0]!.person_id;
    const badAccount = (await persons.getPerson(db, firstPerson))!.bankAccount!;
    const camt = await collect((out) => simulateBank(Readable.from([pain]), out, { failingAccounts: [badAccount] }));
    const open = () => Readable.from([Buffer.from(camt)]);
    const r1 = await importResults(maker, db, open, 'camt054');
    expect(r1.alreadyImported).toBe(false);
    expect(r1.applied).toBe(b.paymentCount);
    expect(r1.rejected).toBe(1);
    expect(r1.booked).toBe(b.paymentCount - 1);
    // 核销 at import: every paid claim's voucher is settled already, the failed one's is not
    const { rows: afterImport } = await db.query<{ status: string; voucher_id: string; voucher_settled: boolean }>(
      'SELECT c.status, c.voucher_id, c.voucher_settled FROM subsidy_claims c JOIN disbursement_payments p ON p.claim_id = c.id WHERE p.batch_id = $1',
      [b.id],
    );
    expect(afterImport).toHaveLength(b.paymentCount);
    for (const c of afterImport) {
      expect(c.voucher_settled).toBe(c.status === 'paid');
      expect((await vouchers.getVoucher(db, c.voucher_id))!.status).toBe(c.status === 'paid' ? 'settled' : 'approved');
    }
    const paidBefore = (await ledger.listAccounts(db))[0]!.paidFen;

    const r2 = await importResults(maker, db, open, 'camt054');
    expect(r2.alreadyImported).toBe(true);
    expect((await ledger.listAccounts(db))[0]!.paidFen).toBe(paidBefore);

    // another file carrying the same entries: reported as duplicates, nothing applied
    const camt2 = camt.replace(/SIM-/g, 'SIM2-');
    const r3 = await importResults(maker, db, () => Readable.from([camt2]), 'camt054');
    expect(r3.applied).toBe(0);
    expect(r3.duplicates).toBe(b.paymentCount);
    expect((await ledger.listAccounts(db))[0]!.paidFen).toBe(paidBefore);

    // the settlement job (safety net) finds nothing left to settle
    const s = await settleVouchers(maker, db);
    expect(s.problems).toEqual([]);
    expect(s.settled).toBe(0);

    // the failed claim: requeue refused until the account is corrected
    const failed = (await db.query<{ id: string; fail_reason: string }>("SELECT id, fail_reason FROM subsidy_claims WHERE status = 'failed'")).rows;
    expect(failed).toHaveLength(1);
    expect(failed[0]!.fail_reason).toContain('AC04');
    // refused with its own reason (the account, not the claim's eligibility), naming the payee; the claim stays failed
    await expect(db.tx((tx) => requeueClaim(maker, tx, failed[0]!.id))).rejects.toMatchObject({ code: 'PAYEE_ACCOUNT_NOT_CORRECTED', field: 'payee' });
    expect((await db.query<{ status: string }>('SELECT status FROM subsidy_claims WHERE id = $1', [failed[0]!.id])).rows[0]!.status).toBe('failed');
    const admin = actor('00000000-0000-4000-8000-000000000004', 'city_admin');
    await db.tx((tx) => persons.updatePerson(admin, tx, firstPerson, { bankAccount: fakeCard(99_999) }));
    await db.tx((tx) => requeueClaim(maker, tx, failed[0]!.id));
    const b2 = await buildBatch(maker, db, (await db.tx((tx) => createBatch(maker, tx, {}))).id);
    expect(b2.paymentCount).toBe(1);
    await db.tx((tx) => approveBatch(checker, tx, b2.id));
    await generateFiles(maker, db, b2.id);
    const pain2 = await collect((out) => streamBatchFile(maker, db, b2.id, 'pain001', out));
    expect(pain2).toContain('-2</EndToEndId>');
    const camtB = await collect((out) => simulateBank(Readable.from([pain2]), out, {}));
    const r4 = await importResults(maker, db, () => Readable.from([camtB]), 'camt054');
    expect(r4.booked).toBe(1);
    // the old rejected entry again → conflict/duplicate, never applied
    const r5 = await importResults(maker, db, () => Readable.from([camt.replace(/SIM-/g, 'SIM3-')]), 'camt054');
    expect(r5.applied).toBe(0);
    const f = await funds();
    expect(f.problems).toEqual([]);
    expect(
      (await db.query<{ n: number }>("SELECT count(*) AS n FROM disbursement_payments WHERE status = 'booked' GROUP BY claim_id HAVING count(*) > 1")).rows,
    ).toEqual([]);
  });

  it('a batch stops at its maximum; an entry listed twice in one file is applied once and reported as a duplicate', async () => {
    await approvedClaims(db, 3, programmeId, occupation, 800);
    await endNotice(db);
    const capped = await buildBatch(maker, db, (await db.tx((tx) => createBatch(maker, tx, { maxPayments: 2 }))).id);
    expect(capped.paymentCount).toBe(2);
    const counted = await db.query<{ n: number; fen: number }>(
      "SELECT count(*)::int AS n, sum(amount_fen)::bigint AS fen FROM disbursement_payments WHERE batch_id = $1 AND status = 'pending'",
      [capped.id],
    );
    expect(counted.rows[0]).toEqual({ n: 2, fen: capped.totalFen });
    await db.tx((tx) => approveBatch(checker, tx, capped.id));
    await generateFiles(maker, db, capped.id);
    const pain = await collect((out) => streamBatchFile(maker, db, capped.id, 'pain001', out));
    const camt = await collect((out) => simulateBank(Readable.from([pain]), out, {}));
    // the first entry once more at the end of the file
    const first = /<Ntry>[\s\S]*?<\/Ntry>\n/.exec(camt)![0];
    const twice = camt.replace('</Ntfctn>', `${first.replace('<NtryRef>1<', '<NtryRef>3<')}</Ntfctn>`);
    const paidBefore = (await ledger.listAccounts(db))[0]!.paidFen;
    const r = await importResults(maker, db, () => Readable.from([twice]), 'camt054');
    expect(r).toMatchObject({ entries: 3, applied: 2, booked: 2, duplicates: 1 });
    expect(r.samples).toEqual([expect.objectContaining({ outcome: 'duplicate', position: 3 })]);
    expect((await ledger.listAccounts(db))[0]!.paidFen - paidBefore).toBe(capped.totalFen);
    const { rows: pays } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM budget_ledger l JOIN disbursement_payments p ON p.claim_id = l.claim_id WHERE p.batch_id = $1 AND l.kind = 'pay'",
      [capped.id],
    );
    expect(pays[0]!.n).toBe(2);
    expect((await funds()).problems).toEqual([]);
  });

  it('CSV results: unknown entries reported, invalid camt refused', async () => {
    const csv = 'EndToEndId,金额,状态,原因\r\nNOPE-1,1.00,成功,\r\n';
    const r = await importResults(maker, db, () => Readable.from([csv]), 'csv');
    expect(r.unknown).toBe(1);
    expect(r.applied).toBe(0);
    await expect(importResults(maker, db, () => Readable.from(['<Document/>']), 'camt054')).rejects.toMatchObject({ code: 'BANK_FILE_INVALID' });
    expect((await funds()).problems).toEqual([]);
  });
});

describe('settlement (核销) at import', () => {
  const settledVouchers = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM voucher_events WHERE to_status = 'settled'")).rows[0]!.n;

  // claims of their own district, so that a batch holds exactly the claims of its test
  const DISTRICT_B = '310104';
  async function readyBatch(n: number, start: number): Promise<{ id: string; pain: string; claimIds: string[] }> {
    await setBudget(db, programmeId, 10_000_000, YEAR, DISTRICT_B);
    const claimIds: string[] = [];
    for (let i = 0; i < n; i++)
      claimIds.push(
        await db.tx(async (tx) => {
          const w = await assessedVoucher(tx, start + i, { programmeId, occupationCode: occupation, districtCode: DISTRICT_B });
          return (await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId))).id;
        }),
      );
    await endNotice(db, claimIds);
    const b = await buildBatch(maker, db, (await db.tx((tx) => createBatch(maker, tx, { districtCode: DISTRICT_B }))).id);
    expect(b.paymentCount).toBe(n);
    await db.tx((tx) => approveBatch(checker, tx, b.id));
    await generateFiles(maker, db, b.id);
    return { id: b.id, pain: await collect((out) => streamBatchFile(maker, db, b.id, 'pain001', out)), claimIds };
  }

  async function voucherStates(claimIds: string[]): Promise<string[]> {
    const { rows } = await db.query<{ voucher_id: string }>('SELECT voucher_id FROM subsidy_claims WHERE id = ANY($1::uuid[]) ORDER BY id', [claimIds]);
    return Promise.all(rows.map(async (r) => (await vouchers.getVoucher(db, r.voucher_id))!.status));
  }

  it('a camt.054 that fails validation settles nothing; the valid one settles every paid voucher at once, with its trail and audit', async () => {
    const { pain, claimIds } = await readyBatch(2, 900);
    const camt = await collect((out) => simulateBank(Readable.from([pain]), out, {}));
    const before = await settledVouchers();
    const broken = camt.replace('<BookgDt>', '<Unexpected/><BookgDt>');
    await expect(importResults(maker, db, () => Readable.from([broken]), 'camt054')).rejects.toMatchObject({ code: 'BANK_FILE_INVALID' });
    expect(await settledVouchers()).toBe(before);
    expect(await voucherStates(claimIds)).toEqual(['approved', 'approved']);

    const r = await importResults(maker, db, () => Readable.from([camt]), 'camt054');
    expect(r.booked).toBe(2);
    expect(await voucherStates(claimIds)).toEqual(['settled', 'settled']);
    expect(await settledVouchers()).toBe(before + 2);
    const { rows: audits } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'voucher.settled' AND entity_id IN (SELECT voucher_id::text FROM subsidy_claims WHERE id = ANY($1::uuid[]))",
      [claimIds],
    );
    expect(audits[0]!.n).toBe(2);
    expect((await settleVouchers(maker, db)).settled).toBe(0);
    expect((await funds()).problems).toEqual([]);
  });

  it("a CSV result settles the paid claims' vouchers immediately; an unreadable CSV settles nothing", async () => {
    const { id, claimIds } = await readyBatch(2, 910);
    const { rows: pays } = await db.query<{ end_to_end_id: string; amount_fen: number; claim_id: string }>(
      'SELECT end_to_end_id, amount_fen, claim_id FROM disbursement_payments WHERE batch_id = $1 ORDER BY end_to_end_id',
      [id],
    );
    const before = await settledVouchers();
    await expect(importResults(maker, db, () => Readable.from(['no header here\r\n1,2\r\n']), 'csv')).rejects.toMatchObject({ code: 'BANK_FILE_INVALID' });
    expect(await settledVouchers()).toBe(before);
    const csv =
      'EndToEndId,金额,状态,原因\r\n' +
      pays.map((p, i) => `${p.end_to_end_id},${(p.amount_fen / 100).toFixed(2)},${i === 0 ? '成功' : '失败'},${i === 0 ? '' : '账户不存在'}`).join('\r\n') +
      '\r\n';
    const r = await importResults(maker, db, () => Readable.from([csv]), 'csv');
    expect(r).toMatchObject({ booked: 1, rejected: 1 });
    expect(await settledVouchers()).toBe(before + 1);
    const paidClaim = pays[0]!.claim_id;
    const { rows } = await db.query<{ id: string; status: string; voucher_settled: boolean }>(
      'SELECT id, status, voucher_settled FROM subsidy_claims WHERE id = ANY($1::uuid[])',
      [claimIds],
    );
    for (const c of rows) expect([c.status, c.voucher_settled]).toEqual(c.id === paidClaim ? ['paid', true] : ['failed', false]);
  });

  it('the job stays as a safety net: a paid claim whose voucher was left unsettled is settled by it', async () => {
    const { pain, claimIds } = await readyBatch(1, 920);
    const camt = await collect((out) => simulateBank(Readable.from([pain]), out, {}));
    // as if paid before settlement moved to the import: the voucher still approved
    const { rows } = await db.query<{ voucher_id: string }>('SELECT voucher_id FROM subsidy_claims WHERE id = $1', [claimIds[0]]);
    await importResults(maker, db, () => Readable.from([camt]), 'camt054');
    await db.query("UPDATE voucher_states SET status = 'approved' WHERE voucher_id = $1", [rows[0]!.voucher_id]);
    await db.query('UPDATE subsidy_claims SET voucher_settled = false WHERE id = $1', [claimIds[0]]);
    const s = await settleVouchers(SYSTEM, db);
    expect(s).toEqual({ settled: 1, problems: [] });
    expect(await voucherStates(claimIds)).toEqual(['settled']);
  });
});
