import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { simulateBank } from './bank-simulator.js';
import { validateXml } from './bankfiles.js';
import { anyOccupation, approvedClaims, endNotice, setBudget, skillUpgrade, assessedVoucher, passFacts } from './test-world.js';
import { createClaimForPass } from './claims.js';
import { SYSTEM } from '../audit/service.js';
import { PassThrough } from 'node:stream';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let programmeId: string;
let occupation: string;

beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await skillUpgrade(t.db)).id;
  occupation = await anyOccupation(t.db);
  await setBudget(t.db, programmeId, 50_000_000, YEAR);
});
afterAll(async () => t?.close());

async function camtFor(pain: string, failing: string[] = []): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await simulateBank(Readable.from([pain]), out, { failingAccounts: failing });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('subsidy routes', () => {
  it('roles: a worker or provider cannot build batches (403); bad input → problem+json with field, no rows', async () => {
    const before = await t.count('disbursement_batches');
    const r1 = await t.call('POST', '/api/v1/subsidy/batches', { as: 'district_admin', body: {} });
    expect(r1.statusCode).toBe(403);
    const r2 = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: { maxPayments: 0 } });
    expect(r2.statusCode).toBe(400);
    expect(r2.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringContaining('maxPayments') });
    const r3 = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: { unknown: 1 } });
    expect(r3.statusCode).toBe(400);
    expect(await t.count('disbursement_batches')).toBe(before);
  });

  it('review over HTTP: scope, opinion required, decision audited; Idempotency-Key replays and refuses reuse', async () => {
    const c = await t.db.tx(async (tx) => {
      const w = await assessedVoucher(tx, 700, { programmeId, occupationCode: occupation });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 10 }));
    });
    expect(c.status).toBe('in_review');
    const other = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, { as: 'district_admin_b', body: { decision: 'approve', opinion: 'ok' } });
    expect(other.statusCode).toBe(404);
    const noOpinion = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, { as: 'district_admin', body: { decision: 'approve', opinion: '' } });
    expect(noOpinion.statusCode).toBe(400);
    expect(noOpinion.json().field).toBe('opinion');
    const audits = await t.count('audit_log', "action = 'claim.approve'");
    const headers = { 'idempotency-key': 'decide-0001-abcdef' };
    const a = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, {
      as: 'district_admin',
      headers,
      body: { decision: 'approve', opinion: '已核实', overrideReason: '考勤经核实' },
    });
    expect(a.statusCode).toBe(200);
    expect(a.json().status).toBe('approved');
    const again = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, {
      as: 'district_admin',
      headers,
      body: { decision: 'approve', opinion: '已核实', overrideReason: '考勤经核实' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(a.json());
    const reused = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, {
      as: 'district_admin',
      headers,
      body: { decision: 'reject', opinion: 'x' },
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.count('audit_log', "action = 'claim.approve'")).toBe(audits + 1);
    const detail = await t.call('GET', `/api/v1/subsidy/claims/${c.id}`, { as: 'auditor' });
    expect(detail.json().events.map((e: { to: string }) => e.to)).toEqual(['in_review', 'approved']);
  });

  it('public notice is masked; a real-name (signed-in) objection holds the claim', async () => {
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 800);
    const n = await t.call('GET', '/api/v1/subsidy/notices');
    expect(n.statusCode).toBe(200);
    const item = n.json().items.find((i: { nameMasked: string }) => i.nameMasked.startsWith('学'));
    expect(item.nameMasked).toMatch(/^学\*+\d$/);
    expect(JSON.stringify(n.json())).not.toMatch(/6222\d{10,}/);
    const number = (await t.db.query<{ number: string }>('SELECT number FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.number;
    const bad = await t.call('POST', '/api/v1/subsidy/objections', { body: { claimNumber: 'SC1', text: 'abcdef' } });
    expect(bad.statusCode).toBe(400);
    const o = await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker', body: { claimNumber: number, text: '此人未参加培训' } });
    expect(o.statusCode).toBe(201);
    expect(o.json()).toMatchObject({ status: 'held', realName: true });
    expect((await t.db.query<{ status: string }>('SELECT status FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.status).toBe('held');
  });

  it('batch: maker builds (idempotent), maker cannot approve, checker approves, files stream, results import once', async () => {
    await approvedClaims(t.db, 3, programmeId, occupation, 900);
    await endNotice(t.db);
    const headers = { 'idempotency-key': 'batch-create-0001' };
    const b = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', headers, body: {} });
    expect(b.statusCode).toBe(201);
    const batch = b.json();
    expect(batch.status).toBe('draft');
    expect(batch.paymentCount).toBeGreaterThanOrEqual(3);
    const replay = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', headers, body: {} });
    expect(replay.json().id).toBe(batch.id);
    expect(await t.count('disbursement_batches')).toBe(1);

    const self = await t.call('POST', `/api/v1/subsidy/batches/${batch.id}/approve`, { as: 'finance' });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('MAKER_CHECKER_SAME_PERSON');
    const early = await t.call('GET', `/api/v1/subsidy/batches/${batch.id}/pain001`, { as: 'finance' });
    expect(early.body).toContain('CLAIM_STATE_INVALID');
    expect(early.statusCode).toBe(409);
    const ok = await t.call('POST', `/api/v1/subsidy/batches/${batch.id}/approve`, { as: 'finance2' });
    expect(ok.json().status).toBe('approved');
    const gen = await t.call('POST', `/api/v1/subsidy/batches/${batch.id}/generate`, { as: 'finance' });
    expect(gen.json().status).toBe('file_ready');
    const pain = await t.call('GET', `/api/v1/subsidy/batches/${batch.id}/pain001`, { as: 'finance' });
    expect(pain.statusCode).toBe(200);
    expect(pain.headers['content-type']).toContain('application/xml');
    expect((await validateXml(pain.body, new URL('./xsd/pain.001.001.09.xsd', import.meta.url).pathname)).ok).toBe(true);
    const csv = await t.call('GET', `/api/v1/subsidy/batches/${batch.id}/csv`, { as: 'finance2' });
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(batch.paymentCount + 1);

    const camt = await camtFor(pain.body);
    const sim = await t.call('GET', `/api/v1/subsidy/batches/${batch.id}/simulated-camt054`, { as: 'finance' });
    expect(sim.statusCode).toBe(200);
    expect(sim.body.replace(/<CreDtTm>[^<]*<\/CreDtTm>|<Dt>[^<]*<\/Dt>/g, '')).toBe(camt.replace(/<CreDtTm>[^<]*<\/CreDtTm>|<Dt>[^<]*<\/Dt>/g, ''));
    const imp = await t.call('POST', '/api/v1/subsidy/bank-results', { as: 'finance', headers: { 'content-type': 'application/xml' }, payload: camt });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toMatchObject({ applied: batch.paymentCount, booked: batch.paymentCount, alreadyImported: false });
    const again = await t.call('POST', '/api/v1/subsidy/bank-results', { as: 'finance', headers: { 'content-type': 'application/xml' }, payload: camt });
    expect(again.json()).toMatchObject({ alreadyImported: true });
    const bad = await t.call('POST', '/api/v1/subsidy/bank-results', { as: 'finance', headers: { 'content-type': 'application/xml' }, payload: '<x/>' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BANK_FILE_INVALID');
    const f = await t.call('GET', '/api/v1/subsidy/funds/check', { as: 'auditor' });
    expect(f.json()).toMatchObject({ ok: true, problems: [] });
    const detail = await t.call('GET', `/api/v1/subsidy/batches/${batch.id}`, { as: 'auditor' });
    expect(detail.json().status).toBe('reconciled');
  });

  it('batch preview: what 新建批次 would take (count, total) is what the batch then takes; read-only; finance only', async () => {
    const ids = await approvedClaims(t.db, 4, programmeId, occupation, 950);
    await endNotice(t.db, ids);
    const { rows } = await t.db.query<{ id: string; district_code: string; amount_fen: number }>(
      'SELECT id, district_code, amount_fen FROM subsidy_claims WHERE id = ANY($1::uuid[]) ORDER BY notice_last_day, id',
      [ids],
    );
    const district = rows[0]!.district_code;
    const payable = async (where: string) =>
      (
        await t.db.query<{ n: number; fen: string }>(
          `SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::bigint AS fen FROM subsidy_claims WHERE status = 'approved' AND notice_last_day < (now() AT TIME ZONE 'Asia/Shanghai')::date AND payee_account_enc IS NOT NULL AND amount_fen > 0 AND ${where}`,
        )
      ).rows[0]!;
    const mine = await payable(`district_code = '${district}' AND programme_id = '${programmeId}'`);
    expect(mine.n).toBeGreaterThanOrEqual(4);
    const batchesBefore = await t.count('disbursement_batches');
    const auditBefore = await t.count('audit_log');

    const url = (p: Record<string, string | number>) =>
      `/api/v1/subsidy/batches/preview?${new URLSearchParams(Object.entries(p).map(([k, v]) => [k, String(v)]))}`;
    const all = await t.call('GET', url({ programmeId, districtCode: district }), { as: 'finance' });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ count: mine.n, totalFen: Number(mine.fen) });
    const other = await t.call('GET', url({ districtCode: district === '310101' ? '310104' : '310101' }), { as: 'city_admin' });
    expect(other.statusCode).toBe(200);
    const otherDb = await payable(`district_code = '${district === '310101' ? '310104' : '310101'}'`);
    expect(other.json()).toEqual({ count: otherDb.n, totalFen: Number(otherDb.fen) });
    const none = await t.call('GET', url({ districtCode: '999999' }), { as: 'finance' });
    expect(none.json()).toEqual({ count: 0, totalFen: 0 });
    for (const as of ['district_admin', 'auditor', 'worker'] as const) {
      expect((await t.call('GET', url({ districtCode: district }), { as })).statusCode).toBe(403);
    }
    const bad = await t.call('GET', url({ maxPayments: 0 }), { as: 'finance' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringContaining('maxPayments') });

    const cap = mine.n - 1;
    const capped = await t.call('GET', url({ programmeId, districtCode: district, maxPayments: cap }), { as: 'finance' });
    expect(capped.json().count).toBe(cap);
    expect(await t.count('disbursement_batches')).toBe(batchesBefore);
    expect(await t.count('audit_log')).toBe(auditBefore);

    const made = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: { programmeId, districtCode: district, maxPayments: cap } });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ paymentCount: capped.json().count, totalFen: capped.json().totalFen });
    const left = await t.call('GET', url({ programmeId, districtCode: district }), { as: 'finance' });
    expect(left.json()).toEqual({ count: 1, totalFen: Number(mine.fen) - capped.json().totalFen });
    // the one left is the last in the order the build takes claims (the longest-payable first)
    const still = await t.db.query<{ id: string }>("SELECT id FROM subsidy_claims WHERE status = 'approved' AND id = ANY($1::uuid[])", [ids]);
    expect(still.rows.map((r) => r.id)).toEqual(mine.n === 4 ? [rows[3]!.id] : []);
  });
});
