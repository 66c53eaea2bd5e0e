/**
 * Appeals (申诉) over the API, both engines: each kind's overturn changes the object through its owning service
 * (claim back to review with its voucher assessed again; check-in counts; application re-assessed into a subsidy
 * voucher; rehabilitation case re-opened), uphold changes nothing, one open appeal per object, the deadline on the
 * holiday calendar and the officers' to-do, another scope's appeal or object → 404, refusals change no row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import {
  inDays,
  makeTrainees,
  makeVoucher,
  makeWorker,
  makeWorld,
  morning,
  northOf,
  OCC,
  openClass,
  VENUE_GCJ,
  type Trainee,
  type World,
  type WorldActor,
} from '../../test/factories/index.js';
import { SYSTEM } from '../audit/index.js';
import * as attendance from '../attendance/index.js';
import { createClaimForPass } from '../subsidy/index.js';
import { passFacts, setBudget, skillUpgrade } from '../subsidy/test-world.js';
import * as vouchers from '../vouchers/index.js';
import { countAppealsDue } from './service.js';
import { submitAppeal } from './submit.js';

let t: TestApp;
let programmeId: string;
let world: World;
const YEAR = new Date().getUTCFullYear();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const b64 = (b: Buffer) => b.toString('base64');

const as = (w: WorldActor) => ({ authorization: `Bearer ${w.token}` });
const call = (method: string, url: string, who: WorldActor | string, body?: unknown) =>
  typeof who === 'string'
    ? t.call(method, url, { as: who, ...(body !== undefined ? { body } : {}) })
    : t.call(method, url, { headers: as(who), ...(body !== undefined ? { body } : {}) });
const rows = async () => ({
  appeals: await t.count('appeals'),
  attachments: await t.count('appeal_attachments'),
  audit: await t.count('audit_log'),
  claimEvents: await t.count('claim_events'),
  voucherEvents: await t.count('voucher_events'),
  vouchers: await t.count('voucher_states'),
});
const claimStatus = async (id: string) => (await t.db.query<{ status: string }>('SELECT status FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.status;
const voucherStatus = async (id: string) => (await vouchers.getVoucher(t.db, id))!.status;
const appeal = (who: WorldActor | string, body: Record<string, unknown>) => call('POST', '/api/v1/appeals', who, { attachments: [], ...body });
const takeAndAnswer = async (id: string, outcome: 'uphold' | 'overturn', reason: string, officer = 'district_admin') => {
  const take = await call('POST', `/api/v1/appeals/${id}/take`, officer, {});
  expect(take.statusCode, take.body).toBe(200);
  return call('POST', `/api/v1/appeals/${id}/answer`, officer, { outcome, reason });
};

/** A worker of their own with a claim rejected by the district's reviewer. */
async function rejectedClaim(n: number): Promise<{ me: WorldActor; claimId: string; voucherId: string; personId: string }> {
  const w = await makeWorker(t.db, 9000 + n);
  const v = await makeVoucher(t.db, w.person.id, programmeId, { occupationCode: OCC, validUntil: '2099-12-31' });
  const claimId = await t.db.tx(async (tx) => {
    for (const to of ['admitted', 'in_training', 'assessed'] as const) await vouchers.transitionVoucher(tx, SYSTEM, v.id, to);
    return (await createClaimForPass(tx, SYSTEM, passFacts(v.id))).id;
  });
  const r = await call('POST', `/api/v1/subsidy/claims/${claimId}/decision`, 'district_admin', {
    decision: 'reject',
    opinion: '证书信息与全国联网查询结果不一致',
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(await voucherStatus(v.id)).toBe('closed');
  return { me: w.me, claimId, voucherId: v.id, personId: w.person.id };
}

beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await skillUpgrade(t.db)).id;
  await setBudget(t.db, programmeId, 50_000_000, YEAR, '310115');
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
}, 120_000);
afterAll(async () => t?.close());

describe('a rejected claim', () => {
  it('overturned: the claim goes back to review and its voucher is assessed again, through the subsidy and vouchers services', async () => {
    const c = await rejectedClaim(1);
    const r = await appeal(c.me, {
      kind: 'claim',
      objectId: c.claimId,
      text: '我已取得证书，查询结果有误，请复核',
      attachments: [{ name: '证书.pdf', content: b64(PDF) }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({ kind: 'claim', state: 'submitted', objectStatus: 'rejected', appellantRole: 'worker', outcome: null, deadline: 'ok' });
    expect(a.decision.reason).toBe('证书信息与全国联网查询结果不一致');
    expect(a.number).toMatch(/^SS\d{14}$/);
    expect(a.person).not.toContain('王小');
    expect(a.attachments).toEqual([expect.objectContaining({ fileName: '证书.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length })]);
    const file = await call('GET', `/api/v1/appeals/${a.id}/attachments/${a.attachments[0].id}`, 'district_admin');
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    // encrypted at rest: the stored text is not the file
    const stored = (await t.db.query<{ content_enc: string }>('SELECT content_enc FROM appeal_attachments WHERE id = $1', [a.attachments[0].id])).rows[0]!;
    expect(stored.content_enc).toMatch(/^v1:/);
    expect(stored.content_enc).not.toContain(b64(PDF).slice(0, 12));

    const ans = await takeAndAnswer(a.id, 'overturn', '经核实证书有效，撤销原驳回决定，重新审核');
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json()).toMatchObject({ state: 'answered', outcome: 'overturned', effect: { claimStatus: 'in_review' }, objectStatus: 'in_review' });
    expect(await claimStatus(c.claimId)).toBe('in_review');
    expect(await voucherStatus(c.voucherId)).toBe('assessed');
    expect(await t.count('claim_events', `claim_id = '${c.claimId}' AND from_status = 'rejected' AND to_status = 'in_review'`)).toBe(1);
    expect(await t.count('audit_log', `action IN ('claim.reopen', 'voucher.reinstated', 'appeal.overturn') AND detail::text LIKE '%${a.number}%'`)).toBe(3);
    // the worker sees it on the claim list, back in review
    const mine = await call('GET', '/api/v1/subsidy/claims', c.me);
    expect(mine.json().items.find((x: { id: string }) => x.id === c.claimId).status).toBe('in_review');
    // and the normal approval decides it again (the limits re-checked on the person's history)
    const approve = await call('POST', `/api/v1/subsidy/claims/${c.claimId}/decision`, 'district_admin', { decision: 'approve', opinion: '复核通过' });
    expect(approve.statusCode).toBeLessThan(500);
    const close = await call('POST', `/api/v1/appeals/${a.id}/close`, 'district_admin', {});
    expect(close.json()).toMatchObject({ state: 'closed', outcome: 'overturned' });
    const again = await call('POST', `/api/v1/appeals/${a.id}/close`, 'district_admin', {});
    expect(again.json()).toMatchObject({ code: 'APPEAL_STATE_INVALID', field: 'state' });
  });

  it('upheld: nothing but the appeal changes; closed, the worker sees the answer in 我的申诉', async () => {
    const c = await rejectedClaim(2);
    const a = (await appeal(c.me, { kind: 'claim', objectId: c.claimId, text: '请求重新审核补贴申请' })).json();
    const take = await call('POST', `/api/v1/appeals/${a.id}/take`, 'district_admin', {});
    expect(take.json().state).toBe('in_progress');
    const before = await rows();
    const ans = await call('POST', `/api/v1/appeals/${a.id}/answer`, 'district_admin', {
      outcome: 'uphold',
      reason: '证书确未在全国联网查询中登记，维持原决定',
    });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json()).toMatchObject({ outcome: 'upheld', effect: null, objectStatus: 'rejected' });
    const after = await rows();
    expect(after).toEqual({ ...before, audit: before.audit + 1 });
    expect(await claimStatus(c.claimId)).toBe('rejected');
    expect(await voucherStatus(c.voucherId)).toBe('closed');
    // rated only once it is closed (好差评), and only by the appellant
    const early = await call('POST', '/api/v1/service-ratings', c.me, { kind: 'appeal', objectId: a.id, stars: 4 });
    expect(early.json()).toMatchObject({ code: 'SERVICE_NOT_FINISHED' });
    await call('POST', `/api/v1/appeals/${a.id}/close`, 'district_admin', {});
    const rated = await call('POST', '/api/v1/service-ratings', c.me, { kind: 'appeal', objectId: a.id, stars: 4, comment: '答复清楚' });
    expect(rated.statusCode, rated.body).toBe(201);
    const mine = (await call('GET', '/api/v1/appeals/mine', c.me)).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: a.id, state: 'closed', outcome: 'upheld', answer: '证书确未在全国联网查询中登记，维持原决定' })]);
    // closed: a new appeal on the same refusal may be made
    expect((await appeal(c.me, { kind: 'claim', objectId: c.claimId, text: '补充新的证明材料再次申诉' })).statusCode).toBe(201);
  });

  it('one open appeal per object; not a refusal; another worker, another district: 404; bad input — nothing written', async () => {
    const c = await rejectedClaim(3);
    const first = await appeal(c.me, { kind: 'claim', objectId: c.claimId, text: '请复核我的补贴申请' });
    expect(first.statusCode).toBe(201);
    const id = first.json().id as string;
    const before = await rows();
    const refusals: Array<[WorldActor | string, Record<string, unknown>, number, string, string]> = [
      [c.me, { kind: 'claim', objectId: c.claimId, text: '再次申诉同一决定' }, 409, 'APPEAL_ALREADY_OPEN', 'objectId'],
      ['worker_b', { kind: 'claim', objectId: c.claimId, text: '别人的补贴申请' }, 404, 'NOT_FOUND', 'objectId'],
      [c.me, { kind: 'rehab_refusal', objectId: c.claimId, text: '类型与对象不符' }, 404, 'NOT_FOUND', 'objectId'],
      [c.me, { kind: 'claim', objectId: c.claimId, text: '短' }, 400, 'VALIDATION_FAILED', 'text'],
      [c.me, { kind: 'claim', objectId: c.claimId, text: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED', 'text'],
      [c.me, { kind: 'payment', objectId: c.claimId, text: '不存在的类型' }, 400, 'VALIDATION_FAILED', 'kind'],
    ];
    for (const [who, body, status, code, field] of refusals) {
      const r = await appeal(who, body);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json()).toMatchObject({ code, field });
    }
    // a claim that is not refused
    const other = await rejectedClaim(4);
    await t.db.query("UPDATE subsidy_claims SET status = 'in_review' WHERE id = $1", [other.claimId]);
    const notRefused = await appeal(other.me, { kind: 'claim', objectId: other.claimId, text: '这项补贴并未被驳回' });
    expect(notRefused.json()).toMatchObject({ code: 'APPEAL_NOT_APPEALABLE', field: 'objectId' });
    // attachments: the type by content, the size
    const files: Array<[Record<string, unknown>, number, string]> = [
      [{ name: 'a.pdf', content: b64(Buffer.from('MZ not a pdf at all')) }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ name: 'big.pdf', content: b64(Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])) }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    const fresh = await rejectedClaim(5);
    for (const [file, status, code] of files) {
      const r = await appeal(fresh.me, {
        kind: 'claim',
        objectId: fresh.claimId,
        text: '附件有问题的申诉',
        attachments: [{ name: 'ok.png', content: b64(PNG) }, file],
      });
      expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
      expect(r.json()).toMatchObject({ code, field: 'attachments.1.content' });
    }
    const mid = await rows();
    // the officers: another district answers 404 and writes nothing; a worker may not take
    for (const [path, body] of [
      ['take', {}],
      ['answer', { outcome: 'overturn', reason: '越权' }],
      ['close', {}],
    ] as const) {
      const r = await call('POST', `/api/v1/appeals/${id}/${path}`, 'district_admin_b', body);
      expect(r.statusCode).toBe(404);
    }
    expect((await call('GET', `/api/v1/appeals/${id}`, 'district_admin_b')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/appeals/${id}`, 'worker_b')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/appeals/${id}`, 'provider_b')).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/appeals/${id}/take`, c.me, {})).statusCode).toBe(403);
    // answering before taking, or without a reason
    const early = await call('POST', `/api/v1/appeals/${id}/answer`, 'district_admin', { outcome: 'uphold', reason: '未受理先答复' });
    expect(early.json()).toMatchObject({ code: 'APPEAL_STATE_INVALID', field: 'state' });
    const listB = (await call('GET', '/api/v1/appeals', 'district_admin_b')).json();
    expect(listB.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await rows()).appeals).toBe(mid.appeals);
    expect(await rows()).toEqual({ ...mid });
    expect(mid.appeals).toBe(before.appeals);
    expect(mid.attachments).toBe(before.attachments);
    const noReason = await call('POST', `/api/v1/appeals/${id}/take`, 'city_admin', {});
    expect(noReason.statusCode, noReason.body).toBe(200);
    const blank = await call('POST', `/api/v1/appeals/${id}/answer`, 'city_admin', { outcome: 'overturn', reason: ' ' });
    expect(blank.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    expect(await claimStatus(c.claimId)).toBe('rejected');
  });
});

describe('a check-in rejected on review', () => {
  let tr: Trainee;
  let checkInId: string;
  beforeAll(async () => {
    tr = (await makeTrainees(t.db, world, 1, 'subsidy', inDays(-30)))[0]!;
    const day = inDays(2);
    const m = morning(day);
    const { sessions } = await openClass(t.db, world, [{ startsAt: new Date(m.startsAt), endsAt: new Date(m.endsAt) }], [tr!]);
    // 08:50 on the session's day, inside the fence but with poor accuracy: taken and flagged
    const v = await t.db.tx((tx) =>
      attendance.checkIn(
        tr!.me.actor,
        tx,
        sessions[0]!.id,
        { ...northOf(VENUE_GCJ, 50), accuracyM: 150, coordSystem: 'gcj02', deviceId: 'appeal-1' },
        new Date(`${day}T08:50:00+08:00`),
      ),
    );
    expect(v.status).toBe('flagged');
    checkInId = v.id;
    const r = await call('POST', `/api/v1/check-in-flags/${checkInId}/decision`, 'district_admin', { decision: 'reject', note: '定位精度差，疑似代签' });
    expect(r.json().status).toBe('rejected_after_review');
  }, 120_000);

  it('the provider appeals its class’s check-in (another provider: 404); overturned, the check-in counts', async () => {
    const other = await call('POST', '/api/v1/appeals', 'provider_b', { kind: 'check_in', objectId: checkInId, text: '学员当天确实到课', attachments: [] });
    expect(other.statusCode).toBe(404);
    const r = await call('POST', '/api/v1/appeals', world.provider.staff, {
      kind: 'check_in',
      objectId: checkInId,
      text: '学员当天确实到课，附签到表',
      attachments: [{ name: '签到表.png', content: b64(PNG) }],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ appellantRole: 'provider', decision: { reason: '定位精度差，疑似代签' }, objectStatus: 'rejected_after_review' });
    // the trainee's own appeal on the same check-in waits for this one
    const dup = await call('POST', '/api/v1/appeals', tr.me, { kind: 'check_in', objectId: checkInId, text: '我本人到课了', attachments: [] });
    expect(dup.json()).toMatchObject({ code: 'APPEAL_ALREADY_OPEN' });
    // the provider's appeal is not the trainee's to read
    expect((await call('GET', `/api/v1/appeals/${r.json().id as string}`, tr.me)).statusCode).toBe(404);
    const ans = await takeAndAnswer(r.json().id, 'overturn', '签到表与视频记录证实本人到课');
    expect(ans.json()).toMatchObject({ effect: { checkInStatus: 'accepted' }, objectStatus: 'accepted' });
    expect(await t.count('check_ins', `id = '${checkInId}' AND status = 'accepted'`)).toBe(1);
    expect(await t.count('audit_log', `action = 'checkin.reinstate' AND entity_id = '${checkInId}'`)).toBe(1);
    const mine = (await call('GET', '/api/v1/appeals/mine', world.provider.staff)).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([r.json().id]);
  });
});

describe('an application answered with a check-in-only voucher', () => {
  it('overturned while no rule matches: refused, nothing changes; after the record is corrected: a subsidy voucher', async () => {
    const w = await makeWorker(t.db, 9100, []);
    const applied = await call('POST', '/api/v1/vouchers/apply', w.me, { occupationCode: OCC, level: 4 });
    expect(applied.statusCode, applied.body).toBeLessThan(300);
    const old = applied.json().voucher;
    expect(old.kind).toBe('checkin_only');
    const a = (await appeal(w.me, { kind: 'voucher_application', objectId: old.id, text: '我是登记失业人员，应享受补贴' })).json();
    expect(a).toMatchObject({ kind: 'voucher_application', objectLabel: old.number, state: 'submitted' });
    expect((await call('POST', `/api/v1/appeals/${a.id}/take`, 'district_admin', {})).statusCode).toBe(200);
    const before = await rows();
    const refused = await call('POST', `/api/v1/appeals/${a.id}/answer`, 'district_admin', { outcome: 'overturn', reason: '同意重新审核' });
    expect(refused.json()).toMatchObject({ code: 'REASSESSMENT_NOT_ELIGIBLE', field: 'voucherId' });
    expect(await rows()).toEqual(before);
    expect(await voucherStatus(old.id)).toBe('issued');
    expect((await call('GET', `/api/v1/appeals/${a.id}`, w.me)).json().state).toBe('in_progress');
    // the district officer corrects the person's category, then overturns
    const fix = await call('PATCH', `/api/v1/persons/${w.person.id}`, 'district_admin', { categories: ['registered_unemployed'] });
    expect(fix.statusCode, fix.body).toBe(200);
    const ok = await call('POST', `/api/v1/appeals/${a.id}/answer`, 'district_admin', { outcome: 'overturn', reason: '已核实为登记失业人员，重新审核' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().effect).toMatchObject({ revokedCheckinOnly: true });
    expect(await voucherStatus(old.id)).toBe('revoked');
    const mine = (await call('GET', '/api/v1/vouchers/mine', w.me)).json();
    const subsidy = mine.items.find((v: { kind: string; status: string }) => v.kind === 'subsidy' && v.status === 'issued');
    expect(subsidy.number).toBe(ok.json().effect.voucherNumber);
  });
});

describe('a refused rehabilitation application', () => {
  it('overturned: the case is re-opened for the committee, with its timeline step', async () => {
    const rec = await call('POST', '/api/v1/rehab/recognitions', 'district_admin', {
      decisionNumber: '浦人社认〔2026〕第0909号',
      idNumber: t.fx.persons.worker!.idNumber,
      name: '李小明',
      employerUscc: t.fx.orgs.enterprise!.uscc,
      employerName: '浦东制造有限公司 (fixture)',
      districtCode: '310115',
      injuryDate: inDays(-20),
      decisionDate: inDays(-5),
      kind: 'recognised',
      diagnosis: '右胫骨平台骨折',
      icd10: 'S82.1',
      leaveStart: inDays(-20),
      leaveEnd: inDays(70),
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const hospitals = (await call('GET', '/api/v1/rehab/hospitals', 'worker')).json().items;
    const applied = await call('POST', '/api/v1/rehab/cases', 'worker', {
      recognitionId: rec.json().id,
      conditionCode: 'fracture',
      treatmentSummary: '术后6周，膝关节活动受限',
      homeAddress: '浦东新区张杨路 100 号',
      homeLocation: { lat: 31.2286, lng: 121.529 },
      preferences: [{ hospitalId: hospitals[0].id, reason: '离家近' }],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const caseId = applied.json().id as string;
    const refuse = await call('POST', `/api/v1/rehab/cases/${caseId}/decisions`, 'committee', {
      outcome: 'refuse',
      refusalReason: 'not_needed',
      reason: '目前无需住院康复',
    });
    expect(refuse.statusCode, refuse.body).toBe(201);
    const a = await appeal('worker', {
      kind: 'rehab_refusal',
      objectId: caseId,
      text: '膝关节功能明显受限，需要住院康复',
      attachments: [{ name: '复查.pdf', content: b64(PDF) }],
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ decision: { reason: '目前无需住院康复' }, objectStatus: 'refused' });
    expect(a.json().objectLabel).toBe(refuse.json().decisions.at(-1).number);
    // worker_b is another person: 404 on the case and on the appeal
    expect((await appeal('worker_b', { kind: 'rehab_refusal', objectId: caseId, text: '不是我的康复申请' })).statusCode).toBe(404);
    const ans = await takeAndAnswer(a.json().id, 'overturn', '复查材料显示需要住院康复，请劳鉴委重新决定', 'city_admin');
    expect(ans.json()).toMatchObject({ effect: { caseStatus: 'submitted' } });
    const kase = (await call('GET', `/api/v1/rehab/cases/${caseId}`, 'worker')).json();
    expect(kase.status).toBe('submitted');
    expect(kase.timeline.at(-1)).toMatchObject({ kind: 'reopened' });
  });
});

describe('the deadline and the officers’ to-do', () => {
  it('due on the 15th working day on the holiday calendar; near (≤ 3 working days) and overdue appeals count, in scope', async () => {
    const c = await rejectedClaim(6);
    const at = new Date('2026-09-21T10:00:00+08:00');
    const view = await t.db.tx((tx) => submitAppeal(c.me.actor, tx, { kind: 'claim', objectId: c.claimId, text: '国庆前提交的申诉', attachments: [] }, at));
    expect(view).toMatchObject({ dueOn: '2026-10-19', dueProvisional: false });
    const pudong = { kind: 'district' as const, districtCode: '310115' };
    const xuhui = { kind: 'district' as const, districtCode: '310104' };
    const count = (scope: Parameters<typeof countAppealsDue>[1], iso: string) => countAppealsDue(t.db, scope, new Date(iso));
    const base = await count(pudong, '2026-10-09T10:00:00+08:00'); // 4 working days left (10-10 is a working Saturday): not near
    expect(await count(pudong, '2026-10-14T10:00:00+08:00')).toBe(base + 1); // 15, 16, 19: near
    expect(await count(pudong, '2026-10-20T10:00:00+08:00')).toBeGreaterThanOrEqual(base + 1); // overdue
    expect(await count(xuhui, '2026-10-14T10:00:00+08:00')).toBe(await count(xuhui, '2026-10-09T10:00:00+08:00'));
    // the queue's overdue filter (its due date is long past by the application's clock)
    const overdue = (await call('GET', '/api/v1/appeals?overdue=true&kind=claim&limit=500', 'district_admin')).json();
    expect(overdue.items.find((x: { id: string }) => x.id === view.id)).toMatchObject({ deadline: 'overdue' });
    const soon = (await call('GET', '/api/v1/appeals?due=soon&limit=500', 'district_admin')).json();
    expect(soon.items.map((x: { id: string }) => x.id)).toContain(view.id);
    expect(soon.items.every((x: { deadline: string }) => x.deadline === 'near' || x.deadline === 'overdue')).toBe(true);
    const notOverdue = (await call('GET', '/api/v1/appeals?overdue=false&limit=500', 'district_admin')).json();
    expect(notOverdue.items.map((x: { id: string }) => x.id)).not.toContain(view.id);
    // the workbench shows the to-do to the district's officers and the city's
    const wb = (await call('GET', '/api/v1/workbench', 'district_admin')).json();
    expect(wb.todos.find((x: { kind: string }) => x.kind === 'APPEALS_DUE')).toMatchObject({ link: '/appeals?due=soon' });
    expect(wb.todos.find((x: { kind: string }) => x.kind === 'APPEALS_DUE').count).toBeGreaterThanOrEqual(1);
  });
});
