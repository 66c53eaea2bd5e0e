/**
 * The events hooked in the owning modules' transactions, end to end on the real app: a voucher applied for, an
 * admission at the provider's desk, claim decisions (approved with its public notice, held by an objection,
 * rejected with the reason), and a bank result (paid with the amount and the account's last digits, failed with
 * the reason in words) each write their message in that transaction; the worker reads it in the inbox. A refused
 * request writes no message.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { inDays, makeProvider, makeVoucher, makeWorker, morning, OCC, sessionFor, skillUpgrade as trainingProgramme } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { createClaimForPass } from '../subsidy/claims.js';
import { approveBatch, buildBatch, createBatch, generateFiles, importResults } from '../subsidy/disbursement.js';
import { anyOccupation, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from '../subsidy/test-world.js';
import * as catalog from '../catalog/index.js';
import * as orgs from '../orgs/service.js';
import { syntheticBankAccount, syntheticUscc } from '../orgs/synthetic.js';
import { deliverDue } from './service.js';
import { render } from './rules.js';
import { runReminders } from './reminders.js';
import { addDays } from '../../lib/time.js';
import { maskName } from '../../lib/identifiers.js';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;

const messagesOf = async (key: string) =>
  (
    await t.db.query<{ event: string; channel: string; vars: Record<string, string>; link: string | null }>(
      `SELECT event, channel, vars, link FROM message_outbox WHERE key LIKE $1 AND channel = 'inbox' ORDER BY event`,
      [`${key}%`],
    )
  ).rows;

const finance = (n: number): Actor => ({
  accountId: `00000000-0000-4000-8000-00000000000${n}`,
  username: `finance${n}`,
  role: 'finance',
  districtCode: null,
  orgId: null,
  personId: null,
  sessionId: 's',
  mfaPassed: true,
  totpEnabled: true,
});

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('voucher issued and admitted', () => {
  it('a worker’s application writes 职业培训券已发放; a refused second application writes nothing', async () => {
    const r = await t.call('POST', '/api/v1/vouchers/apply', { as: 'worker', body: { occupationCode: OCC, level: 4 } });
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json().voucher as { id: string; number: string; validUntil: string };
    expect(await messagesOf(v.id)).toEqual([
      { event: 'voucher.issued', channel: 'inbox', vars: { voucherNo: v.number, validThrough: v.validUntil }, link: `/vouchers/${v.id}` },
    ]);
    const before = await t.count('message_outbox');
    const again = await t.call('POST', '/api/v1/vouchers/apply', { as: 'worker', body: { occupationCode: OCC, level: 4 } });
    expect(again.statusCode).toBe(409);
    expect(await t.count('message_outbox')).toBe(before);

    await deliverDue(t.db);
    const inbox = (await t.call('GET', '/api/v1/messages/inbox', { as: 'worker' })).json();
    expect(inbox.items.find((x: { link: string }) => x.link === `/vouchers/${v.id}`)).toMatchObject({
      event: 'voucher.issued',
      title: '职业培训券已发放',
      body: `您的职业培训券（编号 ${v.number}）已发放，有效期至 ${v.validUntil}。请在有效期内报名培训。`,
    });
  });

  it('an admission at the desk writes 录取通知 with the class and its start date (at COMMIT, with the admission)', async () => {
    const programmeId = (await trainingProgramme(t.db)).id;
    const A = await makeProvider(t.db, '310115', '浦东职业培训学校');
    const as = { authorization: `Bearer ${A.staff.token}` };
    expect(
      (await t.call('POST', `/api/v1/providers/${A.org.id}/approvals`, { as: 'district_admin', body: { programmeId, occupationCode: OCC } })).statusCode,
    ).toBe(201);
    const venue = await t.call('POST', '/api/v1/venues', {
      headers: as,
      body: { name: '张江教学点', address: '浦东新区张江路 1 号', districtCode: '310115', coordSystem: 'gcj02', lat: 31.2, lng: 121.6 },
    });
    const course = await t.call('POST', '/api/v1/courses', {
      headers: as,
      body: { programmeId, occupationCode: OCC, level: 4, name: '养老护理员(四级)', hours: 120, feeFen: 150_000 },
    });
    const cls = await t.call('POST', '/api/v1/classes', {
      headers: as,
      body: {
        courseId: course.json().id,
        venueId: venue.json().id,
        capacity: 30,
        startDate: inDays(20),
        endDate: inDays(21),
        sessions: [morning(inDays(20)), morning(inDays(21))],
      },
    });
    expect(cls.statusCode, cls.body).toBe(201);
    const w = await makeWorker(t.db, 31);
    const v = await makeVoucher(t.db, w.person.id, programmeId);
    const before = await t.count('message_outbox');
    const wrong = await t.call('POST', `/api/v1/classes/${cls.json().id}/admissions`, {
      headers: as,
      body: { voucherNumber: v.number, idNumber: '110101199003077777' },
    });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(await t.count('message_outbox')).toBe(before);
    const ad = await t.call('POST', `/api/v1/classes/${cls.json().id}/admissions`, { headers: as, body: { voucherNumber: v.number, idNumber: w.idNumber } });
    expect(ad.statusCode, ad.body).toBe(201);
    // a worker registers online, then cancels: 报名成功, 报名已取消
    const w2 = await makeWorker(t.db, 32);
    const v2 = await makeVoucher(t.db, w2.person.id, programmeId);
    const reg = await t.call('POST', '/api/v1/registrations', {
      headers: { authorization: `Bearer ${w2.me.token}` },
      body: { classId: cls.json().id, voucherId: v2.id },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const cancel = await t.call('POST', `/api/v1/registrations/${reg.json().id}/cancel`, { headers: { authorization: `Bearer ${w2.me.token}` } });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await messagesOf(reg.json().id)).map((m) => [m.event, m.vars])).toEqual([
      ['registration.cancelled', { className: '养老护理员(四级)' }],
      ['registration.confirmed', { className: '养老护理员(四级)' }],
    ]);
    expect(await messagesOf(`${cls.json().id}:${v.id}`)).toEqual([
      { event: 'admission.admitted', channel: 'inbox', vars: { className: '养老护理员(四级)', startDate: inDays(20) }, link: '/training' },
    ]);
  });
});

describe('claims and payments', () => {
  let programmeId: string;
  let occupation: string;
  beforeAll(async () => {
    programmeId = (await skillUpgrade(t.db)).id;
    occupation = await anyOccupation(t.db);
    await setBudget(t.db, programmeId, 20_000_000, YEAR);
    await setBudget(t.db, programmeId, 20_000_000, YEAR, '310104');
  });

  it('the notice ended without a hold: the daily job tells the worker once, the day after its last day; a held claim is not told', async () => {
    const [approved, held] = await t.db.tx(async (tx) => {
      const a = await assessedVoucher(tx, 5700, { programmeId, occupationCode: occupation });
      const h = await assessedVoucher(tx, 5701, { programmeId, occupationCode: occupation });
      return [await createClaimForPass(tx, SYSTEM, passFacts(a.voucherId)), await createClaimForPass(tx, SYSTEM, passFacts(h.voucherId))];
    });
    const lastDay = (await t.db.query<{ d: string }>('SELECT notice_last_day::text AS d FROM subsidy_claims WHERE id = $1', [approved.id])).rows[0]!.d;
    await t.db.query(`UPDATE subsidy_claims SET notice_last_day = $2::date WHERE id = $1`, [held.id, lastDay]);
    const number = (await t.db.query<{ number: string }>('SELECT number FROM subsidy_claims WHERE id = $1', [held.id])).rows[0]!.number;
    const o = await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker_b', body: { claimNumber: number, text: '该学员未实际参加培训' } });
    expect(o.statusCode, o.body).toBe(201);
    // on its last day nothing yet; the day after, one message; again the same day, nothing new
    expect((await runReminders(t.db, lastDay)).noticesEnded).toBe(0);
    expect(await messagesOf(`${approved.id}:notice-ended`)).toEqual([]);
    const day = addDays(lastDay, 1);
    expect((await runReminders(t.db, day)).noticesEnded).toBe(1);
    expect(await messagesOf(`${approved.id}:notice-ended`)).toEqual([
      { event: 'claim.notice_ended', channel: 'inbox', vars: { noticeEnded: lastDay }, link: '/results' },
    ]);
    await runReminders(t.db, day);
    expect(await t.count('message_outbox', `key = '${approved.id}:notice-ended'`)).toBe(2); // inbox + SMS rows, once
    expect(await messagesOf(`${held.id}:notice-ended`)).toEqual([]);
  });

  it('approved (with its public notice), held by an objection, rejected with the reviewer’s reason', async () => {
    const approved = await t.db.tx(async (tx) => {
      const w = await assessedVoucher(tx, 5100, { programmeId, occupationCode: occupation });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId));
    });
    const row = (await t.db.query<{ amount_fen: number; notice_last_day: string; number: string }>('SELECT * FROM subsidy_claims WHERE id = $1', [approved.id]))
      .rows[0]!;
    const yuan = (row.amount_fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect((await messagesOf(approved.id)).map((m) => [m.event, m.vars])).toEqual([
      ['claim.approved', { amountYuan: yuan }],
      ['claim.notice_started', { noticeEnds: row.notice_last_day }],
    ]);

    // a real-name objection holds the claim at once
    const o = await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker_b', body: { claimNumber: row.number, text: '该学员未实际参加培训' } });
    expect(o.statusCode, o.body).toBe(201);
    expect((await messagesOf(approved.id)).map((m) => [m.event, m.vars])).toEqual([
      ['claim.approved', { amountYuan: yuan }],
      ['claim.held', { reason: '收到异议，正在核实' }],
      ['claim.notice_started', { noticeEnds: row.notice_last_day }],
    ]);

    const inReview = await t.db.tx(async (tx) => {
      const w = await assessedVoucher(tx, 5200, { programmeId, occupationCode: occupation });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 40 }));
    });
    const before = await t.count('message_outbox');
    const refused = await t.call('POST', `/api/v1/subsidy/claims/${inReview.id}/decision`, {
      as: 'district_admin',
      body: { decision: 'reject', opinion: '   ' },
    });
    expect(refused.statusCode).toBe(400);
    expect(await t.count('message_outbox')).toBe(before);
    const r = await t.call('POST', `/api/v1/subsidy/claims/${inReview.id}/decision`, {
      as: 'district_admin',
      body: { decision: 'reject', opinion: '考勤不足80%，不予补贴' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await messagesOf(inReview.id)).map((m) => [m.event, m.vars])).toEqual([['claim.rejected', { reason: '考勤不足80%，不予补贴' }]]);
  });

  it('a bank result: paid with the amount and the account’s last four digits; failed with the reason and what to do', async () => {
    const claimIds: string[] = [];
    for (const n of [5300, 5301])
      claimIds.push(
        await t.db.tx(async (tx) => {
          const w = await assessedVoucher(tx, n, { programmeId, occupationCode: occupation, districtCode: '310104' });
          return (await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId))).id;
        }),
      );
    await endNotice(t.db, claimIds);
    const maker = finance(1);
    const b = await buildBatch(maker, t.db, (await t.db.tx((tx) => createBatch(maker, tx, { districtCode: '310104' }))).id);
    await t.db.tx((tx) => approveBatch(finance(2), tx, b.id));
    await generateFiles(maker, t.db, b.id);
    const { rows: pays } = await t.db.query<{ end_to_end_id: string; amount_fen: number; claim_id: string }>(
      'SELECT end_to_end_id, amount_fen, claim_id FROM disbursement_payments WHERE batch_id = $1 ORDER BY end_to_end_id',
      [b.id],
    );
    expect(pays).toHaveLength(2);
    const csv =
      'EndToEndId,金额,状态,原因\r\n' +
      pays.map((p, i) => `${p.end_to_end_id},${(p.amount_fen / 100).toFixed(2)},${i === 0 ? '成功' : '失败'},${i === 0 ? '' : 'AC04'}`).join('\r\n') +
      '\r\n';
    expect(await importResults(maker, t.db, () => Readable.from([csv]), 'csv')).toMatchObject({ applied: 2 });
    const tail = (await t.db.query<{ payee_account_last4: string }>('SELECT payee_account_last4 FROM subsidy_claims WHERE id = $1', [pays[0]!.claim_id]))
      .rows[0]!;
    const paid = await messagesOf(pays[0]!.end_to_end_id);
    expect(paid.map((m) => [m.event, m.vars])).toEqual([
      ['payment.paid', { amountYuan: (pays[0]!.amount_fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ','), accountTail: tail.payee_account_last4 }],
    ]);
    expect((await messagesOf(pays[1]!.end_to_end_id)).map((m) => [m.event, m.vars])).toEqual([['payment.failed', { reason: '账户已销户' }]]);
    // the worker was paid: no organisation is told
    expect(await t.count('message_outbox', `key IN ('${pays[0]!.end_to_end_id}:org', '${pays[1]!.end_to_end_id}:org')`)).toBe(0);
    // the same result file again applies nothing and sends nothing more
    const n = await t.count('message_outbox');
    await importResults(maker, t.db, () => Readable.from([csv]), 'csv').catch(() => undefined);
    expect(await t.count('message_outbox')).toBe(n);
  });
  it('paid to the employer: the worker’s messages name it (not 您的账户); each of its staff accounts is told once, again after the same bank file; a failure tells it what to do', async () => {
    const district = '310106';
    const ent = (await catalog.getProgrammeByCode(t.db, 'SH-ENTERPRISE-TRAINING'))!;
    await setBudget(t.db, ent.id, 20_000_000, YEAR, district);
    const entOccupation = await anyOccupation(t.db);
    const name = '上海丙精密制造有限公司';
    const { org, accounts } = await t.db.tx(async (tx) => {
      const o = await orgs.createOrg(SYSTEM, tx, {
        kind: 'enterprise',
        name,
        uscc: syntheticUscc(district, 42_000_001, '91'),
        districtCode: district,
        bankAccount: syntheticBankAccount('622848', 710_001),
        bankName: '中国农业银行',
      });
      const a1 = await orgs.createOrgAccount(SYSTEM, tx, o.id, { username: 'ent.msg.1', displayName: '丙公司 人事' });
      const a2 = await orgs.createOrgAccount(SYSTEM, tx, o.id, { username: 'ent.msg.2', displayName: '丙公司 财务' });
      return { org: o, accounts: [a1, a2] };
    });
    const claims: Array<{ id: string; personId: string }> = [];
    for (const n of [5400, 5401])
      claims.push(
        await t.db.tx(async (tx) => {
          const w = await assessedVoucher(tx, n, {
            programmeId: ent.id,
            occupationCode: entOccupation,
            districtCode: district,
            categories: ['employed'],
            employer: { uscc: org.uscc!, name },
          });
          return { id: (await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId))).id, personId: w.personId };
        }),
      );
    const { rows: payee } = await t.db.query<{ payee_kind: string; payee_name: string; notice_last_day: string }>(
      'SELECT payee_kind, payee_name, notice_last_day::text AS notice_last_day FROM subsidy_claims WHERE id = $1',
      [claims[0]!.id],
    );
    expect(payee[0]).toMatchObject({ payee_kind: 'enterprise', payee_name: name });

    // 公示结束: to be paid to the employer, named
    await runReminders(t.db, addDays(payee[0]!.notice_last_day, 1));
    const ended = await messagesOf(`${claims[0]!.id}:notice-ended`);
    expect(ended.map((m) => [m.event, m.vars])).toEqual([['claim.notice_ended_employer', { noticeEnded: payee[0]!.notice_last_day, payeeName: name }]]);
    expect(render(ended[0]!.event, ended[0]!.vars, 'zh-CN').body).toBe(
      `您的培训补贴公示期已于 ${payee[0]!.notice_last_day} 结束，将在下一个拨付批次中按规定拨付至用人单位（${name}）。`,
    );

    await endNotice(
      t.db,
      claims.map((c) => c.id),
    );
    const maker = finance(1);
    const b = await buildBatch(maker, t.db, (await t.db.tx((tx) => createBatch(maker, tx, { districtCode: district }))).id);
    await t.db.tx((tx) => approveBatch(finance(2), tx, b.id));
    await generateFiles(maker, t.db, b.id);
    const { rows: pays } = await t.db.query<{ end_to_end_id: string; amount_fen: number; claim_id: string }>(
      'SELECT end_to_end_id, amount_fen, claim_id FROM disbursement_payments WHERE batch_id = $1 ORDER BY end_to_end_id',
      [b.id],
    );
    expect(pays.map((p) => p.claim_id).sort()).toEqual(claims.map((c) => c.id).sort());
    const csv =
      'EndToEndId,金额,状态,原因\r\n' +
      pays.map((p, i) => `${p.end_to_end_id},${(p.amount_fen / 100).toFixed(2)},${i === 0 ? '成功' : '失败'},${i === 0 ? '' : 'AC04'}`).join('\r\n') +
      '\r\n';
    expect(await importResults(maker, t.db, () => Readable.from([csv]), 'csv')).toMatchObject({ applied: 2 });
    const [paidPay, failedPay] = [pays[0]!, pays[1]!];
    const { rows: c } = await t.db.query<{ number: string; payee_account_last4: string; person_id: string }>(
      'SELECT number, payee_account_last4, person_id FROM subsidy_claims WHERE id = $1',
      [paidPay.claim_id],
    );
    const failedNo = (await t.db.query<{ number: string }>('SELECT number FROM subsidy_claims WHERE id = $1', [failedPay.claim_id])).rows[0]!.number;
    const amount = (fen: number) => (fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const tail = c[0]!.payee_account_last4;
    expect(tail).toBe(syntheticBankAccount('622848', 710_001).slice(-4));

    // the worker: paid to the employer, named, with the employer's account tail; the failure is the employer's to correct
    const toWorker = async (key: string) =>
      (
        await t.db.query<{ event: string; vars: Record<string, string>; person_id: string | null }>(
          `SELECT event, vars, person_id FROM message_outbox WHERE key = $1 AND channel = 'inbox'`,
          [key],
        )
      ).rows;
    const paid = await toWorker(paidPay.end_to_end_id);
    expect(paid.map((m) => [m.event, m.vars, m.person_id])).toEqual([
      ['payment.paid_to_employer', { amountYuan: amount(paidPay.amount_fen), payeeName: name, accountTail: tail }, c[0]!.person_id],
    ]);
    const paidText = render(paid[0]!.event, paid[0]!.vars, 'zh-CN').body;
    expect(paidText).toBe(`培训补贴 ${amount(paidPay.amount_fen)} 元已按规定发放至用人单位（${name}）尾号 ${tail} 的账户。`);
    expect(paidText).not.toContain('您的账户');
    const failed = await toWorker(failedPay.end_to_end_id);
    expect(failed.map((m) => [m.event, m.vars])).toEqual([['payment.failed_to_employer', { payeeName: name, reason: '账户已销户' }]]);
    expect(render(failed[0]!.event, failed[0]!.vars, 'zh-CN').body).not.toContain('您的银行账户');

    // the employer: each staff account once, the trainee masked, linked to 补贴到账
    const toOrg = async (key: string) =>
      (
        await t.db.query<{ event: string; vars: Record<string, string>; account_id: string; link: string | null }>(
          `SELECT event, vars, account_id, link FROM message_outbox WHERE key = $1 AND channel = 'inbox' ORDER BY account_id`,
          [key],
        )
      ).rows;
    const ids = accounts.map((a) => a.id).sort();
    const orgPaid = await toOrg(`${paidPay.end_to_end_id}:org`);
    expect(orgPaid.map((m) => m.account_id)).toEqual(ids);
    const person = (await t.db.query<{ name: string }>('SELECT name FROM persons WHERE id = $1', [c[0]!.person_id])).rows[0]!.name;
    const trainee = maskName(person); // 学员5400 → 学****0
    expect(trainee).toMatch(/^学\*{4}[01]$/);
    for (const m of orgPaid) {
      expect(m.event).toBe('payment.paid_to_org');
      expect(m.link).toBe('/enterprise/subsidy');
      expect(m.vars).toEqual({ claimNo: c[0]!.number, trainee, amountYuan: amount(paidPay.amount_fen), accountTail: tail });
    }
    const orgFailed = await toOrg(`${failedPay.end_to_end_id}:org`);
    expect(orgFailed.map((m) => [m.event, m.account_id])).toEqual(ids.map((id) => ['payment.failed_to_org', id]));
    expect(orgFailed[0]!.vars).toMatchObject({ claimNo: failedNo, amountYuan: amount(failedPay.amount_fen), reason: '账户已销户' });

    // the same result file again: nothing more, to anyone
    const n = await t.count('message_outbox');
    expect(await importResults(maker, t.db, () => Readable.from([csv]), 'csv')).toMatchObject({ alreadyImported: true });
    expect(await t.count('message_outbox')).toBe(n);

    // the employer's staff read it in their inbox
    await deliverDue(t.db);
    const staff = await sessionFor(t.db, accounts[0]!);
    const inbox = (await t.call('GET', '/api/v1/messages/inbox', { headers: { authorization: `Bearer ${staff.token}` } })).json();
    const received = inbox.items.filter((x: { event: string }) => x.event === 'payment.paid_to_org');
    expect(received).toHaveLength(1);
    expect(received[0].body).toBe(`补贴到账：申请编号 ${c[0]!.number}，学员 ${trainee}，金额 ${amount(paidPay.amount_fen)} 元，已发放至尾号 ${tail} 的账户。`);
    expect(received[0].body).not.toContain(person);
  });
});
