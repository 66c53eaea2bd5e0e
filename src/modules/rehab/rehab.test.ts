/**
 * The rehabilitation story over the API, every step and its refusals (rows unchanged after a refusal; another
 * scope's case answers 404): recognition → eligibility → application (employer, worker confirms) → attachment →
 * committee review, material asked, placement → hospital admission, progress, extension, discharge → the
 * retraining voucher → timeline and statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeWorld, OCC, type World } from '../../test/factories/index.js';
import { idCheckChar } from '../../lib/identifiers.js';

let t: TestApp;
let world: World;
const today = businessDate(new Date());
let recognitionId: string;
let caseId: string;
let hospitals: Array<{ id: string; name: string; conditions: string[]; freeBeds: number }>;

const recognition = (over: Record<string, unknown> = {}) => ({
  decisionNumber: '浦人社认〔2026〕第0101号',
  idNumber: t.fx.persons.worker!.idNumber,
  name: '李小明',
  employerUscc: t.fx.orgs.enterprise!.uscc,
  employerName: '浦东制造有限公司 (fixture)',
  districtCode: '310115',
  injuryDate: addDays(today, -20),
  decisionDate: addDays(today, -5),
  kind: 'recognised',
  diagnosis: '右胫骨平台骨折',
  icd10: 'S82.1',
  leaveStart: addDays(today, -20),
  leaveEnd: addDays(today, 70),
  ...over,
});
const home = { homeAddress: '浦东新区张杨路 100 号', homeLocation: { lat: 31.2286, lng: 121.529 } };
const rows = async () => ({
  cases: await t.count('rehab_cases'),
  decisions: await t.count('rehab_decisions'),
  events: await t.count('rehab_events'),
  recognitions: await t.count('rehab_recognitions'),
  audit: await t.count('audit_log'),
});

/** A to-do's count on the caller's workbench (the workbench module asks this module's todos.ts). */
const todo = async (as: string, kind: string): Promise<number> => {
  const w = (await t.call('GET', '/api/v1/workbench', { as })).json() as { todos: Array<{ kind: string; count: number }> };
  const found = w.todos.find((x) => x.kind === kind);
  if (!found) throw new Error(`${as} has no ${kind} to-do`);
  return found.count;
};
const pendingIds = async (as: string, pending: string): Promise<string[]> =>
  (await t.call('GET', `/api/v1/rehab/cases?pending=${pending}`, { as })).json().items.map((c: { id: string }) => c.id);

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  hospitals = (await t.call('GET', '/api/v1/rehab/hospitals', { as: 'worker' })).json().items;
});
afterAll(async () => t?.close());

describe('reference data', () => {
  it('serves the nine conditions and the seven designated hospitals with their beds', async () => {
    const c = (await t.call('GET', '/api/v1/rehab/conditions', { as: 'worker' })).json();
    expect(c.total).toBe(9);
    expect(c.items.map((x: { zh: string }) => x.zh)).toContain('持续植物状态');
    expect(hospitals).toHaveLength(7);
    expect(hospitals.map((h) => h.name)).toContain('上海安达医院');
    for (const h of hospitals) expect(h.freeBeds).toBeGreaterThan(0);
  });
});

describe('recognitions', () => {
  it('a district officer enters one in their district; eligibility is computed', async () => {
    const r = await t.call('POST', '/api/v1/rehab/recognitions', { as: 'district_admin', body: recognition() });
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json();
    recognitionId = v.id;
    expect(v.conditionCode).toBe('fracture'); // from the ICD-10 code
    expect(v.idNumber).toMatch(/\*{6}/);
    expect(v.eligibility).toMatchObject({ eligible: true, reasons: [] });
  });

  it('refuses bad input, a duplicate and another district — nothing written', async () => {
    const before = await rows();
    const bad = await t.call('POST', '/api/v1/rehab/recognitions', {
      as: 'district_admin',
      body: recognition({ decisionNumber: 'X-1', idNumber: '310115199003071219' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_ID_NUMBER', field: 'idNumber' });
    const dup = await t.call('POST', '/api/v1/rehab/recognitions', { as: 'district_admin', body: recognition() });
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', field: 'decisionNumber' });
    const other = await t.call('POST', '/api/v1/rehab/recognitions', { as: 'district_admin_b', body: recognition({ decisionNumber: 'X-2' }) });
    expect(other.statusCode).toBe(404);
    const dates = await t.call('POST', '/api/v1/rehab/recognitions', {
      as: 'district_admin',
      body: recognition({ decisionNumber: 'X-3', leaveEnd: addDays(today, -30) }),
    });
    expect(dates.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'leaveEnd' });
    const worker = await t.call('POST', '/api/v1/rehab/recognitions', { as: 'worker', body: recognition({ decisionNumber: 'X-4' }) });
    expect(worker.statusCode).toBe(403);
    expect(await rows()).toEqual(before);
  });

  it('names every reason a person may not apply (outside the leave period, condition outside the nine, not final)', async () => {
    const r = await t.call('POST', '/api/v1/rehab/recognitions', {
      as: 'city_admin',
      body: recognition({
        decisionNumber: '徐人社认〔2026〕第0007号',
        idNumber: t.fx.persons.worker_b!.idNumber,
        name: '王小红',
        employerUscc: null,
        employerName: '徐汇某公司',
        districtCode: '310104',
        diagnosis: '职业性尘肺',
        icd10: 'J62.8',
        status: 'under_review',
        leaveStart: addDays(today, -200),
        leaveEnd: addDays(today, -20),
      }),
    });
    expect(r.statusCode, r.body).toBe(201);
    const reasons = r.json().eligibility.reasons;
    expect(reasons.map((x: { code: string }) => x.code)).toEqual(['RECOGNITION_NOT_FINAL', 'OUTSIDE_LEAVE_PERIOD', 'CONDITION_NOT_LISTED']);
    expect(reasons[1].params).toMatchObject({ end: addDays(today, -20) });
    expect(reasons[1].zh).toContain('停工留薪期');
  });

  it('lists in scope: the worker their own, the employer its employees’, another district none of these', async () => {
    const mine = (await t.call('GET', '/api/v1/rehab/recognitions', { as: 'worker' })).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([recognitionId]);
    const employer = (await t.call('GET', '/api/v1/rehab/recognitions', { as: 'enterprise' })).json();
    expect(employer.items.map((x: { id: string }) => x.id)).toEqual([recognitionId]);
    const xuhui = (await t.call('GET', '/api/v1/rehab/recognitions', { as: 'district_admin_b' })).json();
    expect(xuhui.items.map((x: { districtCode: string }) => x.districtCode)).toEqual(['310104']);
    expect((await t.call('GET', `/api/v1/rehab/recognitions/${recognitionId}`, { as: 'worker_b' })).statusCode).toBe(404);
  });

  it('extends the leave period with a reason (later than the current end only)', async () => {
    const bad = await t.call('POST', `/api/v1/rehab/recognitions/${recognitionId}/leave-extensions`, {
      as: 'district_admin',
      body: { until: addDays(today, 10), reason: '复查' },
    });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'until' });
    const ok = await t.call('POST', `/api/v1/rehab/recognitions/${recognitionId}/leave-extensions`, {
      as: 'district_admin',
      body: { until: addDays(today, 100), reason: '伤情需要' },
    });
    expect(ok.json().effectiveLeaveEnd).toBe(addDays(today, 100));
  });
});

describe('application', () => {
  const body = () => ({
    recognitionId,
    conditionCode: 'fracture',
    treatmentSummary: '术后6周，膝关节活动受限',
    ...home,
    preferences: [
      { hospitalId: hospitals.find((h) => !h.conditions.includes('fracture'))?.id ?? hospitals[0]!.id, reason: '离家近' },
      { hospitalId: hospitals.find((h) => h.name === '上海市第八人民医院')!.id, reason: '骨科康复有名' },
    ],
  });

  it('refuses a condition outside the nine and an unknown hospital, writing nothing', async () => {
    const before = await rows();
    const r = await t.call('POST', '/api/v1/rehab/cases', { as: 'worker', body: { ...body(), conditionCode: 'pneumoconiosis' } });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'REHAB_NOT_ELIGIBLE', field: 'conditionCode' });
    expect(r.json().reasons.map((x: { code: string }) => x.code)).toEqual(['CONDITION_NOT_LISTED']);
    const h = await t.call('POST', '/api/v1/rehab/cases', {
      as: 'worker',
      body: { ...body(), preferences: [{ hospitalId: world.provider.org.id, reason: 'x' }] },
    });
    expect(h.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'preferences.0.hospitalId' });
    const four = await t.call('POST', '/api/v1/rehab/cases', {
      as: 'worker',
      body: { ...body(), preferences: [...body().preferences, ...body().preferences] },
    });
    expect(four.statusCode).toBe(400);
    expect(await rows()).toEqual(before);
  });

  it('the employer applies for its employee; the worker confirms; a second application is refused', async () => {
    const r = await t.call('POST', '/api/v1/rehab/cases', { as: 'enterprise', body: body() });
    expect(r.statusCode, r.body).toBe(201);
    caseId = r.json().id;
    expect(r.json()).toMatchObject({ status: 'awaiting_worker', appliedBy: 'employer', homeAddress: home.homeAddress });
    expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/confirm`, { as: 'worker_b', body: {} })).statusCode).toBe(404);
    // the worker's confirmation is the submission (便民问答: 在停工留薪期内): after the leave period it is refused, nothing written
    const leave = (
      await t.db.query<{ leave_end: string; leave_extensions: unknown }>('SELECT leave_end, leave_extensions FROM rehab_recognitions WHERE id = $1', [
        recognitionId,
      ])
    ).rows[0]!;
    await t.db.query(`UPDATE rehab_recognitions SET leave_end = $2, leave_extensions = '[]'::jsonb WHERE id = $1`, [recognitionId, addDays(today, -1)]);
    const before = await rows();
    const late = await t.call('POST', `/api/v1/rehab/cases/${caseId}/confirm`, { as: 'worker', body: {} });
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json()).toMatchObject({ code: 'REHAB_NOT_ELIGIBLE' });
    expect(late.json().reasons.map((x: { code: string }) => x.code)).toEqual(['OUTSIDE_LEAVE_PERIOD']);
    expect(await rows()).toEqual(before);
    await t.db.query('UPDATE rehab_recognitions SET leave_end = $2, leave_extensions = $3::jsonb WHERE id = $1', [
      recognitionId,
      leave.leave_end,
      JSON.stringify(leave.leave_extensions),
    ]);
    const c = await t.call('POST', `/api/v1/rehab/cases/${caseId}/confirm`, { as: 'worker', body: {} });
    expect(c.json()).toMatchObject({ status: 'submitted' });
    expect(c.json().submittedAt).not.toBeNull();
    // the committee's workbench counts it; the hospital has nothing to admit yet
    expect(await todo('committee', 'REHAB_TO_DECIDE')).toBe(1);
    expect(await todo('hospital', 'REHAB_TO_ADMIT')).toBe(0);
    const again = await t.call('POST', '/api/v1/rehab/cases', { as: 'worker', body: body() });
    expect(again.json().reasons.map((x: { code: string }) => x.code)).toEqual(['OPEN_CASE_EXISTS']);
    const enc = (await t.db.query<{ home_address_enc: string }>('SELECT home_address_enc FROM rehab_cases WHERE id = $1', [caseId])).rows[0]!;
    expect(enc.home_address_enc).not.toContain('张杨路');
  });

  it('takes PDF/JPEG/PNG by content, refuses anything else, serves the file only in scope', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const up = await t.call('POST', `/api/v1/rehab/cases/${caseId}/attachments?name=${encodeURIComponent('诊断证明.pdf')}`, {
      as: 'worker',
      headers: { 'content-type': 'application/octet-stream' },
      payload: pdf,
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ mediaType: 'application/pdf', sizeBytes: pdf.length, fileName: '诊断证明.pdf' });
    const before = await t.count('rehab_attachments');
    const fake = await t.call('POST', `/api/v1/rehab/cases/${caseId}/attachments?name=x.pdf`, {
      as: 'worker',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('MZ not a pdf'),
    });
    expect(fake.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'body' });
    expect(await t.count('rehab_attachments')).toBe(before);
    const url = `/api/v1/rehab/cases/${caseId}/attachments/${up.json().id}`;
    const got = await t.call('GET', url, { as: 'enterprise' });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('application/pdf');
    expect(got.rawPayload.equals(pdf)).toBe(true);
    for (const who of ['worker_b', 'district_admin_b', 'hospital']) expect((await t.call('GET', url, { as: who })).statusCode, who).toBe(404);
  });
});

describe('committee', () => {
  it('reviews: eligibility, hospitals with beds, condition and distance, and the proposal', async () => {
    const r = await t.call('GET', `/api/v1/rehab/cases/${caseId}/review`, { as: 'committee' });
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v.eligibility.eligible).toBe(true);
    // judged on the submission day; the committee sees the injury, when it was recognised and the leave period
    expect(v.eligibility.asOf).toBe(businessDate(new Date(v.case.submittedAt)));
    expect(v.recognition).toMatchObject({
      kind: 'recognised',
      status: 'final',
      injuryDate: addDays(today, -20),
      decisionDate: addDays(today, -5),
      diagnosis: '右胫骨平台骨折',
      leaveStart: addDays(today, -20),
      // extensions included
      leaveEnd: (await t.call('GET', `/api/v1/rehab/recognitions/${recognitionId}`, { as: 'committee' })).json().effectiveLeaveEnd,
    });
    expect(v.hospitals).toHaveLength(7);
    // each hospital's speciality: the conditions it takes
    for (const h of v.hospitals) expect(h.takesCondition).toBe(h.conditions.includes('fracture'));
    // The first preference takes fractures and has a free bed: it is proposed.
    expect(v.proposal).toMatchObject({ hospitalId: v.case.preferences[0].hospitalId, basis: 'preference', preferenceRank: 1 });
    expect(v.hospitals.find((h: { preferenceRank: number | null }) => h.preferenceRank === 2).preferenceReason).toBe('骨科康复有名');
    const dists = v.hospitals.map((h: { distanceKm: number }) => h.distanceKm);
    expect(dists).toEqual([...dists].sort((a: number, b: number) => a - b));
    expect((await t.call('GET', `/api/v1/rehab/cases/${caseId}/review`, { as: 'district_admin' })).statusCode).toBe(403);
  });

  it('asks for material (the clock stops), the worker resubmits, then places; numbers follow on', async () => {
    const m = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'request_material', reason: '请补充出院小结' },
    });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().status).toBe('material_requested');
    const before = await rows();
    const withdrawn = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: 'x', hospitalId: hospitals[0]!.id, plannedDays: 30 },
    });
    expect(withdrawn.json()).toMatchObject({ code: 'CONFLICT', field: 'outcome' });
    expect(await rows()).toEqual(before);
    expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/resubmit`, { as: 'worker', body: { note: '已上传出院小结' } })).json().status).toBe(
      'submitted',
    );
    const eighth = hospitals.find((h) => h.name === '上海市第八人民医院')!;
    const noBedField = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: '安排', hospitalId: eighth.id },
    });
    expect(noBedField.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'plannedDays' });
    const notTaken = hospitals.find((h) => !h.conditions.includes('fracture'));
    if (notTaken) {
      const x = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
        as: 'committee',
        body: { outcome: 'place', reason: '安排', hospitalId: notTaken.id, plannedDays: 30 },
      });
      expect(x.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'hospitalId' });
    }
    // a recognition reopened (复议或诉讼中) since the application: no placement, with the reason named
    await t.db.query(`UPDATE rehab_recognitions SET status = 'under_review' WHERE id = $1`, [recognitionId]);
    const reopened = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: '安排', hospitalId: eighth.id, plannedDays: 30 },
    });
    expect(reopened.statusCode, reopened.body).toBe(409);
    expect(reopened.json()).toMatchObject({ code: 'REHAB_NOT_ELIGIBLE', field: 'outcome' });
    expect(reopened.json().reasons.map((x: { code: string }) => x.code)).toEqual(['RECOGNITION_NOT_FINAL']);
    await t.db.query(`UPDATE rehab_recognitions SET status = 'final' WHERE id = $1`, [recognitionId]);
    // The refusals wrote nothing: only the resubmission's event and audit entry are new.
    expect(await rows()).toEqual({ ...before, events: before.events + 1, audit: before.audit + 1 });
    const p = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: '按第二意愿安排', hospitalId: eighth.id, plannedDays: 30 },
    });
    expect(p.statusCode, p.body).toBe(201);
    const v = p.json();
    expect(v).toMatchObject({ status: 'placed', hospitalId: eighth.id, plannedDays: 30 });
    const year = today.slice(0, 4);
    expect(v.decisions.map((d: { number: string }) => d.number)).toEqual([`沪劳鉴康〔${year}〕0001号`, `沪劳鉴康〔${year}〕0002号`]);
    expect(v.daysToDecision).not.toBeNull();
    // the worker is told of each decision in its transaction (messages), in words with its number
    const told = await t.db.query<{ vars: { decision: string } }>(
      `SELECT vars FROM message_outbox WHERE event = 'rehab.decided' AND channel = 'inbox' AND key = ANY($1::text[]) ORDER BY created_at, key`,
      [v.decisions.map((d: { id: string }) => d.id)],
    );
    expect(told.rows.map((r) => r.vars.decision)).toEqual([
      `请补充材料（决定书 沪劳鉴康〔${year}〕0001号）`,
      `同意住院康复，安排在上海市第八人民医院，计划 30 天（决定书 沪劳鉴康〔${year}〕0002号）`,
    ]);
  });

  it('decisions are immutable; a new decision must supersede the one in force', async () => {
    await expect(t.db.query(`UPDATE rehab_decisions SET reason = 'edited'`)).rejects.toThrow(/immutable/);
    const v = (await t.call('GET', `/api/v1/rehab/cases/${caseId}`, { as: 'committee' })).json();
    const inForce = v.decisions[1];
    const eighth = hospitals.find((h) => h.name === '上海市第八人民医院')!;
    const missing = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: '改为40天', hospitalId: eighth.id, plannedDays: 40 },
    });
    expect(missing.json()).toMatchObject({ code: 'CONFLICT', field: 'supersedesDecisionId' });
    const s = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: '改为40天', hospitalId: eighth.id, plannedDays: 40, supersedesDecisionId: inForce.id },
    });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json().plannedDays).toBe(40);
    expect(s.json().decisions[1].supersededById).toBe(s.json().decisions[2].id);
    expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/withdraw`, { as: 'worker', body: { reason: '不去了' } })).json()).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('hospital', () => {
  it('another hospital does not see the case; the placed hospital admits once', async () => {
    const eighth = hospitals.find((h) => h.name === '上海市第八人民医院')!;
    // The fixture hospital accounts belong to the first two hospitals by name; find which one is the eighth's.
    const me = t.fx.orgs.hospital!.id === eighth.id ? 'hospital' : t.fx.orgs.hospital_b!.id === eighth.id ? 'hospital_b' : null;
    expect(me).toBeNull(); // neither fixture hospital is the eighth: both see nothing
    for (const who of ['hospital', 'hospital_b'])
      expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/admit`, { as: who, body: {} })).statusCode).toBe(404);
    const list = (await t.call('GET', '/api/v1/rehab/cases', { as: 'hospital' })).json();
    expect(list.total).toBe(0);
  });

  it('admits, records progress, asks for an extension the committee grants, discharges recommending retraining', async () => {
    // Re-place at the fixture hospital (supersedes), so its staff account acts.
    const h = hospitals.find((x) => x.id === t.fx.orgs.hospital!.id)!;
    expect(h.conditions).toContain('fracture');
    const v = (await t.call('GET', `/api/v1/rehab/cases/${caseId}`, { as: 'committee' })).json();
    const inForce = v.decisions[v.decisions.length - 1];
    const re = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'place', reason: '改派', hospitalId: h.id, plannedDays: 30, supersedesDecisionId: inForce.id },
    });
    expect(re.statusCode, re.body).toBe(201);
    // placed: the hospital's workbench shows one patient to admit, the other hospital none; nothing left to decide
    expect(await todo('hospital', 'REHAB_TO_ADMIT')).toBe(1);
    expect(await todo('hospital_b', 'REHAB_TO_ADMIT')).toBe(0);
    expect(await todo('committee', 'REHAB_TO_DECIDE')).toBe(0);
    const a = await t.call('POST', `/api/v1/rehab/cases/${caseId}/admit`, { as: 'hospital', body: {} });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'admitted', plannedLastDay: addDays(today, 29), admittedOn: today, stayDays: 1 });
    const beforeAgain = await rows();
    expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/admit`, { as: 'hospital', body: {} })).json()).toMatchObject({ code: 'CONFLICT' });
    expect(await rows()).toEqual(beforeAgain);
    const beds = (await t.call('GET', '/api/v1/rehab/hospitals', { as: 'hospital' })).json().items.find((x: { id: string }) => x.id === h.id);
    expect(beds.occupied).toBe(1);
    expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/progress`, { as: 'hospital', body: { note: '膝关节屈曲至90度' } })).statusCode).toBe(200);
    const x = await t.call('POST', `/api/v1/rehab/cases/${caseId}/extension-requests`, { as: 'hospital', body: { days: 14, reason: '肌力恢复未达标' } });
    expect(x.json().extensionRequest).toMatchObject({ days: 14 });
    expect(await todo('hospital', 'REHAB_TO_ADMIT')).toBe(0);
    expect(await todo('committee', 'REHAB_EXTENSIONS')).toBe(1);
    expect(await pendingIds('committee', 'extension')).toEqual([caseId]);
    const g = await t.call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, {
      as: 'committee',
      body: { outcome: 'extend', extraDays: 14, reason: '同意延长' },
    });
    expect(g.json()).toMatchObject({ plannedDays: 44, extensionRequest: null });
    expect(await todo('committee', 'REHAB_EXTENSIONS')).toBe(0);
    const bad = await t.call('POST', `/api/v1/rehab/cases/${caseId}/discharge`, {
      as: 'hospital',
      body: { outcome: 'retraining_recommended', summary: '可从事轻体力工作' },
    });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'recommendedOccupationCode' });
    const d = await t.call('POST', `/api/v1/rehab/cases/${caseId}/discharge`, {
      as: 'hospital',
      body: { outcome: 'retraining_recommended', summary: '可从事轻体力工作', recommendedOccupationCode: OCC },
    });
    expect(d.json()).toMatchObject({ status: 'discharged', dischargeOutcome: 'retraining_recommended' });
    const after = (await t.call('GET', '/api/v1/rehab/hospitals', { as: 'hospital' })).json().items.find((y: { id: string }) => y.id === h.id);
    expect(after.occupied).toBe(0);
  });
});

describe('back to work and to skills', () => {
  it('the district officer issues the retraining voucher in one step, once; the worker holds it', async () => {
    const body = { programmeId: world.programme.id, occupationCode: OCC, level: 4 };
    // the discharge recommends retraining: a to-do of the case's district, not of another
    expect(await todo('district_admin', 'REHAB_VOUCHERS_TO_ISSUE')).toBe(1);
    expect(await todo('district_admin_b', 'REHAB_VOUCHERS_TO_ISSUE')).toBe(0);
    expect(await pendingIds('district_admin', 'voucher')).toEqual([caseId]);
    expect(await pendingIds('district_admin_b', 'voucher')).toEqual([]);
    expect((await t.call('POST', `/api/v1/rehab/cases/${caseId}/retraining-voucher`, { as: 'district_admin_b', body })).statusCode).toBe(404);
    const r = await t.call('POST', `/api/v1/rehab/cases/${caseId}/retraining-voucher`, { as: 'district_admin', body });
    expect(r.statusCode, r.body).toBe(200);
    const voucher = r.json().voucher;
    expect(voucher.number).toMatch(/^SV/);
    const again = await t.call('POST', `/api/v1/rehab/cases/${caseId}/retraining-voucher`, { as: 'district_admin', body });
    expect(again.json()).toMatchObject({ code: 'CONFLICT' });
    expect(await todo('district_admin', 'REHAB_VOUCHERS_TO_ISSUE')).toBe(0);
    const mine = (await t.call('GET', '/api/v1/vouchers/mine', { as: 'worker' })).json();
    expect(mine.items.map((v: { id: string }) => v.id)).toContain(voucher.id);
  });

  it('shows the timeline to the worker and the employer, and counts it in the statistics', async () => {
    const w = (await t.call('GET', `/api/v1/rehab/cases/${caseId}`, { as: 'worker' })).json();
    const kinds = w.timeline.map((e: { kind: string }) => e.kind);
    for (const k of [
      'applied',
      'confirmed',
      'attachment_added',
      'material_requested',
      'resubmitted',
      'placed',
      'admitted',
      'progress',
      'extension_requested',
      'extended',
      'discharged',
      'voucher_issued',
    ])
      expect(kinds, k).toContain(k);
    expect((await t.call('GET', `/api/v1/rehab/cases/${caseId}`, { as: 'enterprise' })).statusCode).toBe(200);
    const s = (await t.call('GET', '/api/v1/rehab/stats', { as: 'district_admin' })).json();
    expect(s).toMatchObject({ districtCode: '310115', applications: 1, retraining: { recommended: 1, vouchersIssued: 1 } });
    expect(s.decisions.find((d: { outcome: string }) => d.outcome === 'place').n).toBe(3);
    expect(s.timeToDecision.decided).toBe(1);
    const other = (await t.call('GET', '/api/v1/rehab/stats', { as: 'district_admin_b' })).json();
    expect(other.applications).toBe(0);
    expect((await t.call('GET', '/api/v1/rehab/stats?districtCode=310115', { as: 'district_admin_b' })).statusCode).toBe(404);
  });

  it('an application is withdrawable until decided', async () => {
    const first17 = '31011519850512331';
    const r = await t.call('POST', '/api/v1/rehab/recognitions', {
      as: 'district_admin',
      body: recognition({
        decisionNumber: '浦人社认〔2026〕第0102号',
        idNumber: first17 + idCheckChar(first17),
        name: '赵大力',
        icd10: 'S62.3',
        diagnosis: '左手掌骨骨折',
      }),
    });
    expect(r.statusCode, r.body).toBe(201);
    const a = await t.call('POST', '/api/v1/rehab/cases', {
      as: 'enterprise',
      body: {
        recognitionId: r.json().id,
        conditionCode: 'hand_injury',
        treatmentSummary: '术后',
        ...home,
        preferences: [{ hospitalId: hospitals[0]!.id, reason: '近' }],
      },
    });
    expect(a.statusCode, a.body).toBe(201);
    const w = await t.call('POST', `/api/v1/rehab/cases/${a.json().id}/withdraw`, { as: 'enterprise', body: { reason: '职工不愿住院' } });
    expect(w.json()).toMatchObject({ status: 'withdrawn' });
    expect((await t.call('POST', `/api/v1/rehab/cases/${a.json().id}/withdraw`, { as: 'enterprise', body: { reason: '再撤' } })).json()).toMatchObject({
      code: 'CONFLICT',
    });
  });
});
