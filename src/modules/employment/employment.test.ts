/**
 * Issue 19 §4 — jobs and recommendations, both engines: postings by an enterprise and by officers (in their district),
 * the feed simulator and the sheet import; the public search; a worker's ranked recommendations with their reasons;
 * interest and consent — the employer sees a candidate masked until the worker consents; the counts. Refusals change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate } from '../../test/factories/index.js';

let t: TestApp;
const today = businessDate(new Date());
const until = addDays(today, 90);
const OCC = '4-10-01-05'; // 养老护理员
const NEAR = { lat: 31.2231, lng: 121.5289 }; // 浦东 (GCJ-02)
const body = (over: Record<string, unknown> = {}) => ({
  title: '养老护理员',
  occupationCode: OCC,
  level: 4,
  address: '浦东新区东方路 100 号',
  ...NEAR,
  payMinFen: 650_000,
  payMaxFen: 850_000,
  headcount: 3,
  validUntil: until,
  ...over,
});
let enterprisePosting: string;

beforeAll(async () => {
  t = await createTestApp();
  // the fixture worker (310115) holds a level-4 养老护理员 certificate (imported from an assessment body)
  await t.db.query(
    `INSERT INTO imported_certificates (certificate_number, certificate_type, person_id, occupation_code, level, issuer_name, issued_on)
     VALUES ('CERT-TEST-0001', 'skill_level', $1, $2, 4, '上海技能评价中心', $3)`,
    [t.fx.persons.worker!.id, OCC, today],
  );
});
afterAll(async () => t?.close());

describe('postings', () => {
  it('an enterprise posts under its own name and district; an officer names the employer, in their district only', async () => {
    const r = await t.call('POST', '/api/v1/jobs/postings', { as: 'enterprise', body: body() });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ source: 'enterprise', status: 'open', occupationName: '养老护理员', districtCode: '310115', validFrom: today });
    enterprisePosting = r.json().id;
    const o = await t.call('POST', '/api/v1/jobs/postings', {
      as: 'district_admin',
      body: body({ employerName: '浦东颐养院', title: '护理员（夜班）', level: 5 }),
    });
    expect(o.json()).toMatchObject({ source: 'officer', employerName: '浦东颐养院', districtCode: '310115' });
    expect(await t.count('audit_log', `action = 'job_posting.create'`)).toBe(2);
  });

  it('refusals change nothing: bad pay range, unknown occupation, another district, no employer, a worker', async () => {
    const before = [await t.count('job_postings'), await t.count('audit_log')];
    const pay = await t.call('POST', '/api/v1/jobs/postings', { as: 'enterprise', body: body({ payMinFen: 900_000 }) });
    expect(pay.json()).toMatchObject({ status: 400, field: 'payMaxFen' });
    const occ = await t.call('POST', '/api/v1/jobs/postings', { as: 'enterprise', body: body({ occupationCode: '9-99-99-99' }) });
    expect(occ.json()).toMatchObject({ status: 400, field: 'occupationCode' });
    const other = await t.call('POST', '/api/v1/jobs/postings', { as: 'district_admin', body: body({ employerName: 'X', districtCode: '310104' }) });
    expect(other.statusCode).toBe(404);
    const noEmployer = await t.call('POST', '/api/v1/jobs/postings', { as: 'district_admin', body: body() });
    expect(noEmployer.json()).toMatchObject({ status: 400, field: 'employerName' });
    expect((await t.call('POST', '/api/v1/jobs/postings', { as: 'worker', body: body() })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/jobs/postings', { as: 'enterprise', body: body({ salary: 1 }) })).statusCode).toBe(400);
    expect([await t.count('job_postings'), await t.count('audit_log')]).toEqual(before);
  });

  it('the feed simulator: the city admin pulls it once (a second pull creates nothing); district admins may not', async () => {
    const r = await t.call('POST', '/api/v1/jobs/feed/sync', { as: 'city_admin' });
    expect(r.json()).toMatchObject({ source: '公共就业服务岗位模拟器', received: 5, created: 5, unchanged: 0 });
    expect((await t.call('POST', '/api/v1/jobs/feed/sync', { as: 'city_admin' })).json()).toMatchObject({ created: 0, unchanged: 5 });
    expect((await t.call('POST', '/api/v1/jobs/feed/sync', { as: 'district_admin' })).statusCode).toBe(403);
    expect(await t.count('job_postings', `source = 'feed'`)).toBe(5);
  });

  it('a sheet import posts the good rows and lists the bad ones by row and field', async () => {
    const tpl = await t.call('GET', '/api/v1/jobs/postings/template.xlsx', { as: 'district_admin' });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const lines = [
      header.join(','),
      `保育员,浦东托育,4-10-01-03,4,310115,浦东新区某路 2 号,31.22,121.54,6000,7000,2,${until}`,
      `保育员,浦东托育,4-10-01-03,4,310115,浦东新区某路 3 号,31.22,121.54,9000,7000,2,${until}`,
      `保育员,徐汇托育,4-10-01-03,4,310104,徐汇区某路 3 号,31.19,121.43,6000,7000,2,${until}`,
    ].join('\n');
    const before = await t.count('job_postings');
    const r = await t.call('POST', '/api/v1/jobs/postings/import', { as: 'district_admin', headers: { 'content-type': 'text/csv' }, payload: lines });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 3, imported: 1 });
    expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual(['rows.3.payMaxFen', 'rows.4.districtCode']);
    expect(await t.count('job_postings')).toBe(before + 1);
  });

  it('the public search filters by occupation, district, level, pay and distance', async () => {
    const all = (await t.call('GET', `/api/v1/jobs/search?occupationCode=${OCC}`)).json();
    expect(all.total).toBe(5); // enterprise + officer + 3 feed postings of 养老护理员
    // a level-4 holder qualifies for postings wanting level 4 or 5 (or none)
    const lvl = (await t.call('GET', `/api/v1/jobs/search?occupationCode=${OCC}&level=4`)).json();
    expect(lvl.items.every((p: { level: number | null }) => p.level === null || p.level >= 4)).toBe(true);
    expect(lvl.total).toBe(4);
    const near = (await t.call('GET', `/api/v1/jobs/search?lat=${NEAR.lat}&lng=${NEAR.lng}&maxDistanceKm=3&sort=distance`)).json();
    expect(near.items.every((p: { distanceM: number }) => p.distanceM <= 3000)).toBe(true);
    expect(near.items.map((p: { districtCode: string }) => p.districtCode)).not.toContain('310104');
    const pay = (await t.call('GET', '/api/v1/jobs/search?payMinFen=900000')).json();
    expect(pay.items.every((p: { payMaxFen: number }) => p.payMaxFen >= 900_000)).toBe(true);
    expect((await t.call('GET', '/api/v1/jobs/search?sort=distance')).json()).toMatchObject({ status: 400, field: 'lat' });
  });
});

describe('recommendations, interest and consent', () => {
  it('ranks postings for the certificate holder with their reasons; a level above theirs ranks lower', async () => {
    const r = await t.call('GET', `/api/v1/jobs/recommendations?lat=${NEAR.lat}&lng=${NEAR.lng}&coordSystem=gcj02`, { as: 'worker' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{
      posting: { id: string; level: number | null; occupationCode: string };
      reasons: Array<{ code: string; distanceM?: number }>;
      score: number;
    }>;
    expect(items.length).toBeGreaterThanOrEqual(5);
    const first = items[0]!;
    expect(first.posting.occupationCode).toBe(OCC);
    expect(first.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['CERTIFICATE', 'SAME_DISTRICT', 'DISTANCE']));
    const higher = items.find((i) => i.posting.level === 3)!; // the feed's 高级 posting (level 3) in 闵行
    expect(higher.reasons[0]!.code).toBe('CERTIFICATE_BELOW_LEVEL');
    expect(items.indexOf(higher)).toBeGreaterThan(items.findIndex((i) => i.posting.id === enterprisePosting));
    const scores = items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(await t.count('job_recommended', `person_id = '${t.fx.persons.worker!.id}'`)).toBe(items.length);
    // a worker with no certificate and no training (310104) gets only their district's postings
    const b = (await t.call('GET', '/api/v1/jobs/recommendations', { as: 'worker_b' })).json();
    expect(b.items.every((i: { reasons: Array<{ code: string }> }) => i.reasons[0]!.code === 'SAME_DISTRICT')).toBe(true);
    expect((await t.call('GET', '/api/v1/jobs/recommendations', { as: 'enterprise' })).statusCode).toBe(403);
  });

  it('the employer sees an interested candidate masked, named with a phone only after consent; then marks contact', async () => {
    const mark = await t.call('PUT', `/api/v1/jobs/postings/${enterprisePosting}/interest`, { as: 'worker', body: { consent: false } });
    expect(mark.statusCode).toBe(200);
    const c1 = (await t.call('GET', `/api/v1/jobs/postings/${enterprisePosting}/candidates`, { as: 'enterprise' })).json();
    expect(c1.items).toHaveLength(1);
    expect(c1.items[0]).toMatchObject({ name: expect.stringMatching(/\*/), phone: null, consented: false, certificates: [{ occupationCode: OCC, level: 4 }] });
    expect(JSON.stringify(c1)).not.toContain('李小明');
    // contact before consent: refused, nothing changes
    const early = await t.call('POST', `/api/v1/jobs/interests/${c1.items[0].interestId}/contacted`, { as: 'enterprise' });
    expect(early.statusCode).toBe(409);
    // another enterprise's / district's staff: 404
    expect((await t.call('GET', `/api/v1/jobs/postings/${enterprisePosting}/candidates`, { as: 'district_admin_b' })).statusCode).toBe(404);
    await t.call('PUT', `/api/v1/jobs/postings/${enterprisePosting}/interest`, { as: 'worker', body: { consent: true } });
    const c2 = (await t.call('GET', `/api/v1/jobs/postings/${enterprisePosting}/candidates`, { as: 'enterprise' })).json();
    expect(c2.items[0]).toMatchObject({ name: '李小明', consented: true });
    const done = await t.call('POST', `/api/v1/jobs/interests/${c2.items[0].interestId}/contacted`, { as: 'enterprise' });
    expect(done.json()).toMatchObject({ contacted: true });
    const managed = (await t.call('GET', '/api/v1/jobs/postings', { as: 'enterprise' })).json();
    expect(managed.items.find((p: { id: string }) => p.id === enterprisePosting)).toMatchObject({ interested: 1, consented: 1, contacted: 1 });
    const rec = (await t.call('GET', '/api/v1/jobs/recommendations', { as: 'worker' })).json();
    expect(rec.items.find((i: { posting: { id: string } }) => i.posting.id === enterprisePosting).interest).toMatchObject({ consented: true, contacted: true });
  });

  it('the counts reach the statistics (district admins: their district); a taken-down posting leaves search and recommendations', async () => {
    const s = (await t.call('GET', '/api/v1/jobs/stats', { as: 'district_admin' })).json();
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ districtCode: '310115', interested: 1, consented: 1, contacted: 1 });
    expect(s.items[0].recommended).toBeGreaterThanOrEqual(2);
    expect((await t.call('GET', '/api/v1/jobs/stats?districtCode=310115', { as: 'district_admin_b' })).statusCode).toBe(404);
    const other = await t.call('POST', `/api/v1/jobs/postings/${enterprisePosting}/take-down`, { as: 'district_admin_b', body: { reason: '虚假信息' } });
    expect(other.statusCode).toBe(404);
    const down = await t.call('POST', `/api/v1/jobs/postings/${enterprisePosting}/take-down`, { as: 'district_admin', body: { reason: '薪资信息不实' } });
    expect(down.json()).toMatchObject({ status: 'taken_down', statusReason: '薪资信息不实' });
    expect((await t.call('GET', `/api/v1/jobs/search?occupationCode=${OCC}`)).json().items.map((p: { id: string }) => p.id)).not.toContain(enterprisePosting);
    const rec = (await t.call('GET', '/api/v1/jobs/recommendations', { as: 'worker' })).json();
    expect(rec.items.map((i: { posting: { id: string } }) => i.posting.id)).not.toContain(enterprisePosting);
    expect((await t.call('PUT', `/api/v1/jobs/postings/${enterprisePosting}/interest`, { as: 'worker', body: { consent: true } })).statusCode).toBe(409);
  });
});
