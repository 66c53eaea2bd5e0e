/**
 * Issue 15, item 17 for the lists of classes, flagged check-ins and the public notice: search and filters,
 * and the Excel export holding exactly what the filters show, in the caller's scope, audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { approvedClaims, anyOccupation, setBudget } from '../subsidy/test-world.js';
import {
  addDays,
  businessDate,
  makeTrainees,
  makeWorld,
  northOf,
  openClass,
  VENUE_GCJ,
  type Trainee,
  type World,
  type WorldActor,
} from '../../test/factories/index.js';

let t: TestApp;
let world: World;
let other: World;
let trainees: Trainee[];
let classId: string;
let sessionId: string;
const MIN = 60_000;
const now0 = Date.now();
const today = businessDate(new Date(now0));
const as = (w: WorldActor) => ({ authorization: `Bearer ${w.token}` });

async function sheet(r: { rawPayload: Buffer }): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.value === null || c.value === undefined ? '' : String(c.value)));
    out.push(cells);
  });
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  other = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇职业培训学校');
  trainees = await makeTrainees(t.db, world, 3, 'subsidy', addDays(today, -40));
  const { cls, sessions } = await openClass(t.db, world, [{ startsAt: new Date(now0 + 20 * MIN), endsAt: new Date(now0 + 140 * MIN) }], trainees);
  classId = cls.id;
  sessionId = sessions[0]!.id;
  await openClass(t.db, other, [{ startsAt: new Date(now0 + 30 * MIN), endsAt: new Date(now0 + 150 * MIN) }], []);
  // two trainees on one phone: both flagged (shared_device)
  for (const [i, tr] of trainees.slice(0, 2).entries()) {
    const r = await t.call('POST', `/api/v1/sessions/${sessionId}/check-in`, {
      headers: as(tr.me),
      body: { ...northOf(VENUE_GCJ, 20 + i * 7), accuracyM: 12, coordSystem: 'gcj02', deviceId: 'shared-phone' },
    });
    expect(r.statusCode, r.body).toBe(200);
  }
});
afterAll(async () => t?.close());

describe('item 17: classes, flags and notices', () => {
  it('classes: name search and filters; the export holds the filtered classes of the caller’s scope', async () => {
    const all = (await t.call('GET', '/api/v1/classes?limit=500', { as: 'city_admin' })).json();
    const mine = (await t.call('GET', '/api/v1/classes?limit=500', { as: 'district_admin' })).json();
    expect(mine.items.every((c: { districtCode: string }) => c.districtCode === '310115')).toBe(true);
    expect(all.total).toBeGreaterThan(mine.total); // Xuhui's class is not the Pudong officer's
    const found = (await t.call('GET', `/api/v1/classes?q=${encodeURIComponent('养老护理')}&state=open`, { as: 'district_admin' })).json();
    expect(found.items.map((c: { id: string }) => c.id)).toContain(classId);
    const none = (await t.call('GET', `/api/v1/classes?q=${encodeURIComponent('不存在的班')}`, { as: 'district_admin' })).json();
    expect(none.total).toBe(0);
    const r = await t.call('GET', '/api/v1/classes/export.xlsx?state=open', { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    const rows = await sheet(r);
    expect(rows[0]).toEqual(expect.arrayContaining(['班级名称', '培训机构', '状态']));
    const open = (await t.call('GET', '/api/v1/classes?state=open&limit=500', { as: 'district_admin' })).json();
    expect(rows.slice(1)).toHaveLength(open.total);
    expect(rows.slice(1).every((row) => row.includes('浦东新区') && row.includes('培训中'))).toBe(true);
    expect(rows.flat().join('|')).not.toContain('徐汇职业培训学校');
  });

  it('flags: status, pattern and date filters; the export holds the flagged check-ins, trainees masked', async () => {
    const list = (await t.call('GET', '/api/v1/check-in-flags', { as: 'district_admin' })).json();
    expect(list.total).toBe(2);
    const byFlag = (await t.call('GET', '/api/v1/check-in-flags?flag=impossible_travel', { as: 'district_admin' })).json();
    expect(byFlag.total).toBe(0);
    const past = (await t.call('GET', '/api/v1/check-in-flags?to=2000-01-01', { as: 'district_admin' })).json();
    expect(past.total).toBe(0);
    expect((await t.call('GET', '/api/v1/check-in-flags', { as: 'district_admin_b' })).json().total).toBe(0);
    const r = await t.call('GET', `/api/v1/check-in-flags/export.xlsx?flag=shared_device&from=${today}&to=${today}`, { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    const rows = await sheet(r);
    expect(rows[0]).toEqual(expect.arrayContaining(['学员', '班级', '异常类型', '复核结果']));
    expect(rows.slice(1)).toHaveLength(2);
    expect(rows.slice(1).every((row) => row.includes('同一设备多人签到') && row.includes('待复核'))).toBe(true);
    expect(rows.slice(1).every((row) => /\*/.test(row[0]!))).toBe(true);
    const b = await t.call('GET', '/api/v1/check-in-flags/export.xlsx', { as: 'district_admin_b' });
    expect((await sheet(b)).slice(1)).toHaveLength(0);
  });

  it('notices: number search and filters; officers export what the filters show, names masked', async () => {
    const programmeId = world.programme.id;
    await setBudget(t.db, programmeId, 50_000_000, Number(today.slice(0, 4)));
    const ids = await approvedClaims(t.db, 2, programmeId, await anyOccupation(t.db), 600);
    const numbers = (await t.db.query<{ number: string }>('SELECT number FROM subsidy_claims WHERE id = ANY($1::uuid[]) ORDER BY number', [ids])).rows.map(
      (r) => r.number,
    );
    const one = (await t.call('GET', `/api/v1/subsidy/notices?q=${numbers[0]}`)).json();
    expect(one.items.map((n: { claimNumber: string }) => n.claimNumber)).toEqual([numbers[0]]);
    const r = await t.call('GET', '/api/v1/subsidy/notices/export.xlsx?districtCode=310115', { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    const rows = await sheet(r);
    expect(rows[0]).toEqual(expect.arrayContaining(['申请编号', '姓名', '公示截止']));
    expect(rows.slice(1).map((row) => row[0])).toEqual(numbers);
    expect(rows.slice(1).every((row) => /^学\*+\d$/.test(row[1]!))).toBe(true);
    expect((await t.call('GET', '/api/v1/subsidy/notices/export.xlsx')).statusCode).toBe(401);
    expect(await t.count('audit_log', "action = 'list.export' AND entity_type = 'subsidy_notices'")).toBe(1);
  });
});
