import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import type { Actor } from '../identity/actor.js';
import { simulateBank } from './bank-simulator.js';
import { validateXml } from './bankfiles.js';
import { fundsCheckLines } from './cli.js';
import { createClaimForPass } from './claims.js';
import { listDebtorAccounts, setDebtorAccount } from './debtor-accounts.js';
import { PAIN001_XSD, approveBatch, buildBatch, createBatch, generateFiles, getBatch, importResults, streamBatchFile } from './disbursement.js';
import * as ledger from './ledger.js';
import { anyOccupation, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from './test-world.js';
import { collect } from '../../test/collect.js';

const YEAR = new Date().getUTCFullYear();
const actor = (n: number, role: Actor['role']): Actor => ({
  accountId: `00000000-0000-4000-8000-00000000000${n}`,
  username: role,
  role,
  districtCode: null,
  orgId: null,
  personId: null,
  sessionId: 's',
  mfaPassed: true,
  totpEnabled: true,
});
const admin = actor(1, 'city_admin');
const maker = actor(2, 'finance');
const checker = actor(3, 'finance');

let db: Db;
let t: TestApp;
let upgradeId: string; // SH-SKILL-UPGRADE: 失业保险基金
let eduId: string; // a programme of 地方教育附加专项资金
let occupation: string;

const rowCount = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

async function claim(n: number, programmeId: string): Promise<string> {
  return db.tx(async (tx) => {
    const w = await assessedVoucher(tx, n, { programmeId, occupationCode: occupation });
    const c = await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId));
    expect(c.status).toBe('approved');
    return c.id;
  });
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db;
  upgradeId = (await skillUpgrade(db)).id;
  occupation = await anyOccupation(db);
  eduId = await db.tx(async (tx) => {
    const p = await catalog.createProgramme(SYSTEM, tx, {
      code: 'TEST-EDU-FUND',
      name: '测试：地方教育附加资金项目',
      type: 'enterprise_training',
      fundingSource: 'local_education_surcharge',
      payee: 'person',
      eligibleCategories: ['registered_unemployed'],
    });
    await catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level: 4, amountFen: 150_000 });
    return p.id;
  });
  await setBudget(db, upgradeId, 50_000_000, YEAR);
  await setBudget(db, eduId, 50_000_000, YEAR);
});
afterAll(async () => t?.close());

describe('debtor account per funding source (city admin)', () => {
  it('a fresh install has one account per fund; the city admin sets one (normalised, audited); others are refused and a refused write changes nothing', async () => {
    const list = await listDebtorAccounts(admin, db);
    expect(list.items.map((a) => a.fundingSource)).toEqual(['employment_subsidy_fund', 'unemployment_insurance_fund', 'local_education_surcharge']);
    expect(new Set(list.items.map((a) => a.accountNumber)).size).toBe(3);

    const audits = await rowCount('audit_log');
    await expect(
      db.tx((tx) => setDebtorAccount(maker, tx, 'local_education_surcharge', { accountName: 'x', accountNumber: '12345678', bankName: 'y' })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      db.tx((tx) => setDebtorAccount(admin, tx, 'local_education_surcharge', { accountName: '专户', accountNumber: '6222-ABC', bankName: '银行' })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'accountNumber' });
    await expect(
      db.tx((tx) => setDebtorAccount(admin, tx, 'local_education_surcharge', { accountName: '  ', accountNumber: '3100150000005000', bankName: '银行' })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'accountName' });
    await expect(
      db.tx((tx) => setDebtorAccount(admin, tx, 'no_such_fund', { accountName: '专户', accountNumber: '3100150000005000', bankName: '银行' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await rowCount('audit_log')).toBe(audits);
    expect((await listDebtorAccounts(admin, db)).items).toEqual(list.items);

    const set = await db.tx((tx) =>
      setDebtorAccount(admin, tx, 'local_education_surcharge', {
        accountName: ' 地方教育附加专项资金代发户 ',
        accountNumber: '3100 1500 0000 5000 0099',
        bankName: '上海银行',
      }),
    );
    expect(set).toMatchObject({
      accountName: '地方教育附加专项资金代发户',
      accountNumber: '31001500000050000099',
      bankName: '上海银行',
      updatedBy: admin.accountId,
    });
    const { rows } = await db.query<{ detail: { before: { accountNumber: string }; after: { accountNumber: string } } }>(
      "SELECT detail FROM audit_log WHERE action = 'debtor_account.set' AND entity_id = 'local_education_surcharge'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail.before.accountNumber).toBe('31001500000050000003');
    expect(rows[0]!.detail.after.accountNumber).toBe('31001500000050000099');
    await expect(listDebtorAccounts(actor(4, 'district_admin'), db)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('debtor accounts over HTTP', () => {
  it('GET lists them as { items, total }; PUT is the city admin’s: others 403, bad input → problem+json naming the field, nothing changed', async () => {
    const list = await t.call('GET', '/api/v1/subsidy/debtor-accounts', { as: 'finance' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 3, items: expect.arrayContaining([expect.objectContaining({ fundingSource: 'employment_subsidy_fund' })]) });
    expect((await t.call('GET', '/api/v1/subsidy/debtor-accounts', { as: 'worker' })).statusCode).toBe(403);
    const body = { accountName: '就业补助资金代发户', accountNumber: '31001500000050000123', bankName: '中国工商银行上海分行' };
    const url = '/api/v1/subsidy/debtor-accounts/employment_subsidy_fund';
    const audits = await t.count('audit_log', "action = 'debtor_account.set'");
    expect((await t.call('PUT', url, { as: 'finance', body })).statusCode).toBe(403);
    const bad = await t.call('PUT', url, { as: 'city_admin', body: { ...body, accountNumber: '12AB5678' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'accountNumber' });
    const unknownFund = await t.call('PUT', '/api/v1/subsidy/debtor-accounts/lottery_fund', { as: 'city_admin', body });
    expect(unknownFund.statusCode).toBe(400);
    expect(unknownFund.json().field).toContain('fundingSource');
    const extra = await t.call('PUT', url, { as: 'city_admin', body: { ...body, iban: 'x' } });
    expect(extra.statusCode).toBe(400);
    expect(await t.count('audit_log', "action = 'debtor_account.set'")).toBe(audits);
    const ok = await t.call('PUT', url, { as: 'city_admin', body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject(body);
    expect(await t.count('audit_log', "action = 'debtor_account.set'")).toBe(audits + 1);
  });
});

describe('a batch over two funds', () => {
  it('its pain.001 has one PmtInf per debtor account (XSD-valid, totals per PmtInf); the accounts are fixed at approval; funds check balances per fund', async () => {
    const ids = [await claim(700, upgradeId), await claim(701, upgradeId), await claim(702, eduId)];
    await endNotice(db, ids);
    const b0 = await db.tx((tx) => createBatch(maker, tx, {}));
    const b = await buildBatch(maker, db, b0.id);
    expect(b.paymentCount).toBe(3);
    const { rows: pays } = await db.query<{ funding_source: string; n: number; fen: number }>(
      'SELECT funding_source, count(*)::int AS n, sum(amount_fen)::bigint AS fen FROM disbursement_payments WHERE batch_id = $1 GROUP BY 1 ORDER BY 1',
      [b.id],
    );
    expect(pays.map((p) => [p.funding_source, p.n])).toEqual([
      ['local_education_surcharge', 1],
      ['unemployment_insurance_fund', 2],
    ]);
    // the checker sees, before approving, what the batch pays from (each fund's current account) and to whom
    const fenOf = (f: string) => Number(pays.find((p) => p.funding_source === f)!.fen);
    const seen = await getBatch(checker, db, b.id);
    expect(seen.payeeKinds).toEqual([{ kind: 'person', count: 3, amountFen: b.totalFen }]);
    expect(seen.debtors).toEqual([
      {
        fundingSource: 'local_education_surcharge',
        accountName: '地方教育附加专项资金代发户',
        accountNumber: '31001500000050000099',
        bankName: expect.any(String) as string,
        fixed: false,
        count: 1,
        amountFen: fenOf('local_education_surcharge'),
      },
      {
        fundingSource: 'unemployment_insurance_fund',
        accountName: '失业保险基金支出户',
        accountNumber: '31001500000050000002',
        bankName: expect.any(String) as string,
        fixed: false,
        count: 2,
        amountFen: fenOf('unemployment_insurance_fund'),
      },
    ]);
    await db.tx((tx) => approveBatch(checker, tx, b.id));
    // changed after approval: the batch keeps the account it was approved with
    await db.tx((tx) =>
      setDebtorAccount(admin, tx, 'unemployment_insurance_fund', {
        accountName: '失业保险基金新户',
        accountNumber: '31001500000050000777',
        bankName: '代发银行',
      }),
    );
    expect((await getBatch(checker, db, b.id)).debtors.map((d) => [d.accountNumber, d.fixed])).toEqual([
      ['31001500000050000099', true],
      ['31001500000050000002', true], // the approved batch's, not the new account
    ]);
    await generateFiles(maker, db, b.id);
    const pain = await collect((out) => streamBatchFile(maker, db, b.id, 'pain001', out));
    expect((await validateXml(pain, PAIN001_XSD)).errors).toEqual([]);
    const pmtInfs = [...pain.matchAll(/<PmtInf>([\s\S]*?)<\/PmtInf>/g)].map((m) => m[1]!);
    expect(pmtInfs).toHaveLength(2);
    const info = pmtInfs.map((x) => ({
      id: /<PmtInfId>([^<]*)</.exec(x)![1],
      account: /<DbtrAcct><Id><Othr><Id>([^<]*)</.exec(x)![1],
      debtor: /<Dbtr><Nm>([^<]*)</.exec(x)![1],
      nb: Number(/<NbOfTxs>([^<]*)</.exec(x)![1]),
      sum: /<CtrlSum>([^<]*)</.exec(x)![1],
      txs: (x.match(/<CdtTrfTxInf>/g) ?? []).length,
    }));
    const fen = (f: string) => Number(pays.find((p) => p.funding_source === f)!.fen);
    expect(info).toEqual([
      {
        id: `${b.number}-1`,
        account: '31001500000050000002',
        debtor: '失业保险基金支出户',
        nb: 2,
        sum: (fen('unemployment_insurance_fund') / 100).toFixed(2),
        txs: 2,
      },
      {
        id: `${b.number}-2`,
        account: '31001500000050000099',
        debtor: '地方教育附加专项资金代发户',
        nb: 1,
        sum: (fen('local_education_surcharge') / 100).toFixed(2),
        txs: 1,
      },
    ]);
    expect(pain).toContain(`<GrpHdr><MsgId>${b.number}</MsgId>`);
    expect(pain).toContain(`<NbOfTxs>3</NbOfTxs>`);
    // downloading again gives the recorded bytes
    const again = await collect((out) => streamBatchFile(maker, db, b.id, 'pain001', out));
    expect(again).toBe(pain);

    const camt = await collect((out) => simulateBank(Readable.from([pain]), out, {}));
    const r = await importResults(maker, db, () => Readable.from([camt]), 'camt054');
    expect(r.booked).toBe(3);
    const check = await ledger.checkFunds(db);
    expect(check.problems).toEqual([]);
    const byFund = Object.fromEntries(check.funds.map((f) => [f.fundingSource, f]));
    expect(byFund.unemployment_insurance_fund).toMatchObject({
      paidFen: fen('unemployment_insurance_fund'),
      bookedFen: fen('unemployment_insurance_fund'),
      ok: true,
    });
    expect(byFund.local_education_surcharge).toMatchObject({
      paidFen: fen('local_education_surcharge'),
      bookedFen: fen('local_education_surcharge'),
      ok: true,
    });

    // a payment booked on the wrong fund: funds check names the funds that are off
    await db.query(
      "UPDATE disbursement_payments SET funding_source = 'unemployment_insurance_fund' WHERE batch_id = $1 AND funding_source = 'local_education_surcharge'",
      [b.id],
    );
    const off = await ledger.checkFunds(db);
    expect(off.ok).toBe(false);
    expect(off.problems.filter((p) => p.kind === 'fund').map((p) => p.id)).toEqual(['unemployment_insurance_fund', 'local_education_surcharge']);
    expect(off.problems.find((p) => p.id === 'local_education_surcharge')!.message).toContain('地方教育附加专项资金');
    expect(off.problems.find((p) => p.id === 'local_education_surcharge')!.message).toContain(`off by ${fen('local_education_surcharge')} fen`);
    // the CLI's `funds check` says which fund is off
    const lines = fundsCheckLines(off);
    expect(lines.find((l) => l.startsWith('fund 地方教育附加专项资金 (local_education_surcharge)'))).toMatch(/— OFF$/);
    expect(lines.find((l) => l.startsWith('fund 失业保险基金 (unemployment_insurance_fund)'))).toMatch(/— OFF$/);
    expect(lines.some((l) => l.startsWith('PROBLEM fund local_education_surcharge: fund 地方教育附加专项资金'))).toBe(true);
    await db.query("UPDATE disbursement_payments SET funding_source = 'local_education_surcharge' WHERE batch_id = $1 AND claim_id = $2", [b.id, ids[2]]);
    const fixed = await ledger.checkFunds(db);
    expect(fixed.ok).toBe(true);
    expect(
      fundsCheckLines(fixed)
        .filter((l) => l.startsWith('fund '))
        .every((l) => l.endsWith('— balanced')),
    ).toBe(true);
    expect(fundsCheckLines(fixed).at(-1)).toMatch(/^funds consistent: /);
  });

  it('funds that share one debtor account share one PmtInf', async () => {
    await db.tx((tx) =>
      setDebtorAccount(admin, tx, 'local_education_surcharge', {
        accountName: '失业保险基金新户',
        accountNumber: '31001500000050000777',
        bankName: '代发银行',
      }),
    );
    const ids = [await claim(710, upgradeId), await claim(711, eduId)];
    await endNotice(db, ids);
    const b = await buildBatch(maker, db, (await db.tx((tx) => createBatch(maker, tx, {}))).id);
    expect(b.paymentCount).toBe(2);
    await db.tx((tx) => approveBatch(checker, tx, b.id));
    await generateFiles(maker, db, b.id);
    const pain = await collect((out) => streamBatchFile(maker, db, b.id, 'pain001', out));
    expect((await validateXml(pain, PAIN001_XSD)).errors).toEqual([]);
    expect((pain.match(/<PmtInf>/g) ?? []).length).toBe(1);
    expect(pain).toContain('<DbtrAcct><Id><Othr><Id>31001500000050000777</Id>');
  });
});
