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
import { inDays, makeProvider, makeVoucher, makeWorker, morning, OCC, skillUpgrade as trainingProgramme } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { createClaimForPass } from '../subsidy/claims.js';
import { approveBatch, buildBatch, createBatch, generateFiles, importResults } from '../subsidy/disbursement.js';
import { anyOccupation, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from '../subsidy/test-world.js';
import { deliverDue } from './service.js';
import { runReminders } from './reminders.js';
import { addDays } from '../../lib/time.js';

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
    // the same result file again applies nothing and sends nothing more
    const n = await t.count('message_outbox');
    await importResults(maker, t.db, () => Readable.from([csv]), 'csv').catch(() => undefined);
    expect(await t.count('message_outbox')).toBe(n);
  });
});
