/**
 * Issue 19 parts 1 and 3: the lifelong training record (its page data, its signed PDF, the public check by id
 * and by upload — a tampered file is reported), the certificate registry (import with per-row errors, the
 * worker's certificates and their signed copies, the public lookup), and the national lookup's simulator
 * sending a claim to review. Both engines (the harness picks by DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee, type World } from '../../test/factories/index.js';
import { idCheckChar } from '../../lib/identifiers.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import { setSimulatedNationalOutcome } from '../assessment/national-lookup.js';
import * as vouchers from '../vouchers/service.js';
import { claimedDocumentId } from './rules.js';
import { loadRecordKeys } from './signing.js';
import type { LifelongRecord } from './schemas.js';

let t: TestApp;
let world: World;
let trainees: Trainee[];
const MIN = 60_000;
const now0 = Date.now();
const today = businessDate(new Date(now0));
const as = (tr: Trainee) => ({ authorization: `Bearer ${tr.me.token}` });
const CERT_A = 'CERT-R-0001';
const CERT_B = 'CERT-R-0002'; // not on the national register (simulator)

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  await t.db.tx((tx) =>
    catalog.setBudget(SYSTEM, tx, { programmeId: world.programme.id, districtCode: '310115', year: Number(today.slice(0, 4)), amountFen: 10_000_000 }),
  );
  trainees = await makeTrainees(t.db, world, 3, 'subsidy', addDays(today, -30));
  const s1 = { startsAt: new Date(now0 + 20 * MIN), endsAt: new Date(now0 + 140 * MIN) };
  const s2 = { startsAt: new Date(now0 + 26 * 3600_000), endsAt: new Date(now0 + 28 * 3600_000) };
  const { cls, sessions } = await openClass(t.db, world, [s1, s2], trainees);
  const first = sessions.find((s) => s.startsAt.getTime() === s1.startsAt.getTime())!;
  for (const [i, tr] of trainees.slice(0, 2).entries()) {
    const r = await t.call('POST', `/api/v1/sessions/${first.id}/check-in`, {
      headers: as(tr),
      body: { ...northOf(VENUE_GCJ, 20 + i * 9), accuracyM: 10, coordSystem: 'gcj02', deviceId: `rec-${i}` },
    });
    if (r.statusCode >= 300) throw new Error(`check-in failed: ${r.body}`);
  }
  const a = await t.call('POST', '/api/v1/assessment/assignments', { as: 'district_admin', body: { classId: cls.id, assessorOrgId: t.fx.orgs.assessor!.id } });
  if (a.statusCode !== 201) throw new Error(`assignment failed: ${a.body}`);
  await setSimulatedNationalOutcome(t.db, CERT_B, 'not_found');
  for (const [tr, cert] of [
    [trainees[0]!, CERT_A],
    [trainees[1]!, CERT_B],
  ] as const) {
    const r = await t.call('POST', '/api/v1/assessment/results', {
      as: 'assessor',
      body: { voucherId: tr.voucherId, passed: true, score: 88, level: 4, certificateNumber: cert, certificateType: 'skill_level', assessedOn: today },
    });
    if (r.statusCode !== 201) throw new Error(`result failed: ${r.body}`);
  }
});
afterAll(async () => {
  await loadRecordKeys({ NODE_ENV: 'test' });
  await t?.close();
});

describe('the lifelong record (终身电子培训档案)', () => {
  it('gathers every voucher, admission, attendance, assessment, certificate and claim in time order, with totals', async () => {
    const r = await t.call('GET', '/api/v1/me/record', { headers: as(trainees[0]!) });
    expect(r.statusCode).toBe(200);
    const rec = r.json<LifelongRecord>();
    const kinds = rec.entries.map((e) => e.kind);
    for (const k of ['voucher', 'admission', 'attendance', 'assessment', 'certificate', 'subsidy']) expect(kinds).toContain(k);
    expect(kinds.indexOf('voucher')).toBeLessThan(kinds.indexOf('admission'));
    expect(kinds.indexOf('admission')).toBeLessThan(kinds.indexOf('assessment'));
    expect(kinds.indexOf('assessment')).toBeLessThan(kinds.indexOf('subsidy'));
    const ats = rec.entries.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
    const att = rec.entries.find((e) => e.kind === 'attendance')!;
    expect(att.sessions).toEqual({ attended: 1, total: 2 });
    expect(att.hours).toBe(2);
    expect(rec.totals).toMatchObject({
      hoursTrained: 2,
      sessionsAttended: 1,
      classesAttended: 1,
      vouchers: 1,
      certificates: 1,
      certificatesByLevel: [{ level: 4, count: 1 }],
    });
    expect(rec.entries.find((e) => e.kind === 'certificate')!.ref).toBe(CERT_A);
    expect(rec.entries.find((e) => e.kind === 'voucher')!.occupationName).toBe('养老护理员');
    expect(rec.idNumberMasked).toMatch(/^\d{3}\*{11}/);
    expect(r.body).not.toContain(trainees[0]!.idNumber);
  });

  it('an officer in scope reads it; another district’s admin gets 404; other roles 403', async () => {
    const mine = (await t.call('GET', '/api/v1/me/record', { headers: as(trainees[0]!) })).json<LifelongRecord>();
    for (const who of ['city_admin', 'district_admin', 'auditor']) {
      const r = await t.call('GET', `/api/v1/persons/${trainees[0]!.personId}/record`, { as: who });
      expect(r.statusCode, who).toBe(200);
      expect(r.json<LifelongRecord>().entries).toEqual(mine.entries);
    }
    expect((await t.call('GET', `/api/v1/persons/${trainees[0]!.personId}/record`, { as: 'district_admin_b' })).statusCode).toBe(404);
    for (const who of ['provider', 'assessor', 'finance', 'enterprise']) {
      expect((await t.call('GET', `/api/v1/persons/${trainees[0]!.personId}/record`, { as: who })).statusCode, who).toBe(403);
    }
    expect((await t.call('GET', `/api/v1/persons/${trainees[0]!.personId}/record`, { headers: as(trainees[1]!) })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/me/record', { as: 'city_admin' })).statusCode).toBe(403);
  });
});

/** The PDF a worker downloads, as the verify page will see it. */
async function download(tr: Trainee): Promise<{ id: string; pdf: Buffer }> {
  const r = await t.app.inject({ method: 'GET', url: '/api/v1/me/record.pdf', headers: as(tr) });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toContain('application/pdf');
  return { id: String(r.headers['x-document-id']), pdf: r.rawPayload };
}
const upload = (pdf: Buffer, type = 'application/pdf') =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/documents/verify', headers: { 'content-type': type }, payload: pdf });

describe('the record as a signed PDF and its public check', () => {
  it('issues a small PDF with the signature in its metadata, one document row and one audit entry', async () => {
    const [docs, audits] = [await t.count('issued_documents'), await t.count('audit_log', `action = 'document.issue.record'`)];
    const { id, pdf } = await download(trainees[0]!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(400_000);
    expect(claimedDocumentId(pdf)).toBe(id);
    expect(await t.count('issued_documents')).toBe(docs + 1);
    expect(await t.count('audit_log', `action = 'document.issue.record'`)).toBe(audits + 1);
  });

  it('the QR page confirms digest and issue date with no more than the masked name', async () => {
    const { id } = await download(trainees[0]!);
    const r = await t.call('GET', `/api/v1/public/documents/${id}`);
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d).toMatchObject({ id, kind: 'record', issuedOn: today, digestAlg: 'sha256', signatureAlg: 'Ed25519', signatureValid: true });
    expect(d.contentDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(d.holderNameMasked).toMatch(/\*/);
    expect(r.body).not.toContain('王小');
    expect((await t.call('GET', '/api/v1/public/documents/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('an uploaded file: genuine as issued, tampered when one byte changed, unknown without our id; not a PDF → 400', async () => {
    const { id, pdf } = await download(trainees[0]!);
    const ok = await upload(pdf);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: 'genuine', document: { id, signatureValid: true } });
    const bad = Buffer.from(pdf);
    const at = bad.indexOf('/SvDocumentId') - 40; // inside the document, not the id itself
    bad[at] = bad[at] === 0x41 ? 0x42 : 0x41;
    expect((await upload(bad)).json()).toMatchObject({ outcome: 'tampered', document: { id } });
    const foreign = Buffer.from(pdf.toString('latin1').replace('/SvDocumentId ', '/SvXocumentId '), 'latin1');
    expect((await upload(foreign)).json()).toEqual({ outcome: 'unknown', document: null });
    const docs = await t.count('issued_documents');
    const notPdf = await upload(Buffer.from('hello, not a pdf at all'), 'application/octet-stream');
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json()).toMatchObject({ code: 'DOCUMENT_UNREADABLE', field: 'body' });
    expect(await t.count('issued_documents')).toBe(docs);
  });

  it('an officer downloads a person’s record in scope only', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${trainees[0]!.personId}/record.pdf`,
      headers: { authorization: `Bearer ${await t.token('district_admin')}` },
    });
    expect(ok.statusCode).toBe(200);
    const docs = await t.count('issued_documents');
    const no = await t.call('GET', `/api/v1/persons/${trainees[0]!.personId}/record.pdf`, { as: 'district_admin_b' });
    expect(no.statusCode).toBe(404);
    expect(await t.count('issued_documents')).toBe(docs);
  });

  it('under the GM/T suite the record is digested with SM3 and signed with SM2', async () => {
    await loadRecordKeys({ NODE_ENV: 'test', CRYPTO_SUITE: 'gm' });
    try {
      const { id, pdf } = await download(trainees[0]!);
      const d = (await t.call('GET', `/api/v1/public/documents/${id}`)).json();
      expect(d).toMatchObject({ digestAlg: 'sm3', signatureAlg: 'SM2', signatureValid: true });
      expect((await upload(pdf)).json().outcome).toBe('genuine');
      const key = (await t.call('GET', '/api/v1/public/documents-key')).json();
      expect(key.alg).toBe('SM2');
      expect(key.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    } finally {
      await loadRecordKeys({ NODE_ENV: 'test' });
    }
  });
});

/** A valid resident ID number for a synthetic person. */
const idFor = (seq: number) => {
  const first17 = `31011519850101${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

describe('the certificate registry (培训证书查询)', () => {
  it('imports an assessment body’s sheet: good rows kept, bad rows named by row and field', async () => {
    const worker = t.fx.persons.worker!;
    const csv = [
      '证书编号,证书类型,身份证号,姓名,职业代码,等级,发证机构,发证日期',
      `IMP-000001,职业技能等级证书,${worker.idNumber},李小明,4-10-01-05,3,上海市职业技能鉴定中心,${addDays(today, -100)}`,
      `IMP-000002,职业技能等级证书,${worker.idNumber},张三,4-10-01-05,3,上海市职业技能鉴定中心,${addDays(today, -100)}`,
      `IMP-000003,职业技能等级证书,${idFor(5).slice(0, 17)}0,李小明,4-10-01-05,3,上海市职业技能鉴定中心,${addDays(today, -100)}`,
      `${CERT_A},职业技能等级证书,${worker.idNumber},李小明,4-10-01-05,4,上海市职业技能鉴定中心,${addDays(today, -100)}`,
      `IMP-000004,职业技能等级证书,${worker.idNumber},李小明,4-10-01-05,7,上海市职业技能鉴定中心,${addDays(today, 3)}`,
    ].join('\n');
    const before = await t.count('imported_certificates');
    const r = await t.call('POST', '/api/v1/certificates/import', { as: 'assessor', headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    expect(rep.total).toBe(5);
    expect(rep.imported).toBe(1);
    const fields = rep.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields).toContain('rows.3.idNumber:CERTIFICATE_HOLDER_UNKNOWN');
    expect(fields).toContain('rows.4.idNumber:INVALID_ID_NUMBER');
    expect(fields).toContain('rows.5.certificateNumber:DUPLICATE');
    expect(fields).toContain('rows.6.level:VALIDATION_FAILED');
    expect(fields).toContain('rows.6.issuedOn:VALIDATION_FAILED');
    expect(await t.count('imported_certificates')).toBe(before + 1);
    expect((await t.call('POST', '/api/v1/certificates/import', { as: 'provider', headers: { 'content-type': 'text/csv' }, payload: csv })).statusCode).toBe(
      403,
    );
    const list = await t.call('GET', '/api/v1/certificates?certificateNumber=IMP-000001', { as: 'city_admin' });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ source: 'imported', issuerName: '上海市职业技能鉴定中心', holderNameMasked: '李*明' });
  });

  it('the worker sees imported and recorded certificates, downloads a signed copy, and its record counts them', async () => {
    const mine = await t.call('GET', '/api/v1/me/certificates', { as: 'worker' });
    expect(mine.statusCode).toBe(200);
    const cert = mine.json().items.find((c: { certificateNumber: string }) => c.certificateNumber === 'IMP-000001');
    expect(cert).toMatchObject({ source: 'imported', level: 3 });
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/certificates/${cert.id}/pdf`,
      headers: { authorization: `Bearer ${await t.token('worker')}` },
    });
    expect(pdf.statusCode).toBe(200);
    const id = String(pdf.headers['x-document-id']);
    expect((await t.call('GET', `/api/v1/public/documents/${id}`)).json()).toMatchObject({ kind: 'certificate', signatureValid: true });
    expect((await upload(pdf.rawPayload)).json().outcome).toBe('genuine');
    // someone else's certificate is not theirs: 404
    const other = (await t.call('GET', '/api/v1/me/certificates', { headers: as(trainees[0]!) })).json().items[0];
    expect((await t.call('GET', `/api/v1/me/certificates/${other.id}/pdf`, { as: 'worker' })).statusCode).toBe(404);
    const rec = (await t.call('GET', '/api/v1/me/record', { as: 'worker' })).json<LifelongRecord>();
    expect(rec.totals.certificatesByLevel).toEqual([{ level: 3, count: 1 }]);
  });

  it('a claim whose certificate the national lookup (simulator) cannot confirm goes to review with that reason', async () => {
    const claim = async (tr: Trainee) =>
      (
        await t.db.query<{ status: string; rules: Array<{ rule: string; passed: boolean; code?: string }> }>(
          'SELECT status, rules FROM subsidy_claims WHERE voucher_id = $1',
          [tr.voucherId],
        )
      ).rows[0]!;
    const b = await claim(trainees[1]!);
    expect(b.status).toBe('in_review');
    expect(b.rules.find((r) => r.rule === 'CERTIFICATE_NATIONALLY_CONFIRMED')).toMatchObject({ passed: false, code: 'CERTIFICATE_NOT_CONFIRMED' });
    const a = await claim(trainees[0]!);
    expect(a.rules.find((r) => r.rule === 'CERTIFICATE_NATIONALLY_CONFIRMED')).toMatchObject({ passed: true });
    const listed = await t.call('GET', '/api/v1/subsidy/claims?reason=CERTIFICATE_NOT_CONFIRMED', { as: 'city_admin' });
    if (listed.statusCode === 200) expect(listed.json().items.map((c: { voucherId: string }) => c.voucherId)).toContain(trainees[1]!.voucherId);
  });

  it('the public lookup answers masked for number + full name; never for a name alone or a wrong name; rate-limited', async () => {
    const q = (n: string, name: string) =>
      t.call('GET', `/api/v1/certificates/lookup?certificateNumber=${encodeURIComponent(n)}&name=${encodeURIComponent(name)}`);
    const ok = await q('IMP-000001', '李小明');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ certificateNumber: 'IMP-000001', holderNameMasked: '李*明', level: 3 });
    expect(ok.body).not.toContain('李小明');
    expect(ok.body).not.toContain(t.fx.persons.worker!.idNumber);
    expect((await q('IMP-000001', '王小红')).statusCode).toBe(404);
    expect((await q('IMP-000009', '李小明')).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/certificates/lookup?name=${encodeURIComponent('李小明')}`)).statusCode).toBe(400);
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) limited = (await q('IMP-000001', '李小明')).statusCode === 429;
    expect(limited).toBe(true);
  });
});

describe('vouchers stay the vouchers module’s', () => {
  it('the record’s voucher entry is the voucher’s number', async () => {
    const rec = (await t.call('GET', '/api/v1/me/record', { headers: as(trainees[2]!) })).json<LifelongRecord>();
    expect(rec.entries.find((e) => e.kind === 'voucher')!.ref).toBe((await vouchers.getVoucher(t.db, trainees[2]!.voucherId))!.number);
    expect(rec.totals.certificates).toBe(0);
  });
});
