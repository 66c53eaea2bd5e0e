/**
 * Issue 17: the statistics API — figures equal direct counts on the base tables, scopes (403 / 404), the
 * funnel, the provider league, the drill-down, budgets, deltas read before they are folded, and the exports
 * (.xlsx opened with exceljs, .csv) with their heading lines. Runs on both engines.
 */
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee, type World } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/index.js';
import * as attendance from '../attendance/index.js';
import * as vouchers from '../vouchers/index.js';
import { exportReport, subjectOf } from './cli.js';
import { headingOf, keysetPages, sheetBacklog, writeWorkbook } from './exports.js';
import { foldFacts, rebuildCube, recordFacts } from './facts.js';
import type { FunnelView, LeagueView, SummaryView, TableView, DrillView, BudgetView } from './schemas.js';

let t: TestApp;
let a: World; // provider in 浦东 (310115)
let b: World; // provider in 徐汇 (310104)
let ta: Trainee[];
let tb: Trainee[];
const DAY = '2026-11-16';
const at = (hm: string) => new Date(`${DAY}T${hm}:00+08:00`);

beforeAll(async () => {
  setClock({ at: at('14:00') });
  t = await createTestApp();
  a = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310115', '浦东统计培训学校');
  b = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇统计培训学校');
  ta = await makeTrainees(t.db, a, 6, 'subsidy', '2026-10-01');
  tb = await makeTrainees(t.db, b, 4, 'checkin_only', '2026-10-01');
  const idle = await makeTrainees(t.db, a, 3, 'subsidy', '2026-10-01');
  await t.db.tx((tx) => vouchers.transitionVoucher(tx, SYSTEM, idle[0]!.voucherId, 'revoked', { reason: 'test' }));
  const sessions = [
    { startsAt: at('09:00'), endsAt: at('10:00') },
    { startsAt: at('10:30'), endsAt: at('11:30') },
  ];
  const ca = await openClass(t.db, a, sessions, ta);
  await openClass(t.db, b, [{ startsAt: at('16:00'), endsAt: at('17:00') }], tb);
  const spot = (i: number) => ({ ...northOf(VENUE_GCJ, 20 + i * 7), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: `dev-${i}` });
  for (const [si, who] of [
    [0, [0, 1, 2, 3, 4]],
    [1, [0, 1, 2]],
  ] as const)
    for (const i of who) await t.db.tx((tx) => attendance.checkIn(ta[i]!.me.actor, tx, ca.sessions[si]!.id, spot(i), at(si ? '10:30' : '09:00')));
  await rebuildCube(t.db);
});
afterAll(async () => {
  resetClock();
  await t.close();
});

const get = async <T>(url: string, as = 'city_admin'): Promise<T> => {
  const r = await t.call('GET', url, { as });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};
const n = async (sql: string): Promise<number> => Number((await t.db.query<{ n: number }>(sql)).rows[0]!.n);

describe('figures equal direct counts on the base tables', () => {
  it('the city summary', async () => {
    const s = await get<SummaryView>('/api/v1/analytics/summary');
    expect(s.scope).toEqual({ kind: 'all', label: '全市' });
    expect(s.metrics.issued).toBe(await n('SELECT count(*) AS n FROM vouchers'));
    expect(s.metrics.applied).toBe(await n(`SELECT count(*) AS n FROM vouchers WHERE mode = 'on_demand'`));
    expect(s.metrics.admitted).toBe(await n(`SELECT count(*) AS n FROM admissions WHERE status = 'admitted'`));
    expect(s.metrics.admitted).toBeGreaterThanOrEqual(10);
    expect(s.metrics.revoked).toBe(await n(`SELECT count(*) AS n FROM vouchers WHERE status = 'revoked'`));
    expect(s.metrics.classesOpened).toBe(await n('SELECT count(*) AS n FROM training_classes WHERE opened_at IS NOT NULL'));
    expect(s.metrics.sessionsHeld).toBe(await n(`SELECT count(*) AS n FROM class_sessions WHERE ends_at <= '${at('14:00').toISOString()}'`));
    expect(s.metrics.checkInsCounted).toBe(await n(`SELECT count(*) AS n FROM check_ins WHERE status = 'accepted'`));
    expect(s.metrics.checkInsCounted).toBe(8);
    // class A: 6 trainees × 2 held sessions expected, 8 counted; 3 trainees came to both (≥ 80 %)
    expect(s.metrics.expectedCheckIns).toBe(
      await n(`SELECT (count(*) * 2) AS n FROM admissions a JOIN training_classes c ON c.id = a.class_id WHERE c.provider_id = '${a.provider.org.id}'`),
    );
    expect(s.metrics.attendedEnough).toBe(3);
    expect(s.metrics.attendanceRate).toBeCloseTo(8 / 12, 4);
  });

  it('by district: the person’s district and the training’s district are both named', async () => {
    const byPerson = await get<TableView>('/api/v1/analytics/table?groupBy=district');
    const byTraining = await get<TableView>('/api/v1/analytics/table?groupBy=trainingDistrict');
    const row = (v: TableView, k: string) => v.rows.find((r) => r.key === k);
    expect(row(byPerson, '310115')!.label).toBe('浦东新区');
    expect(row(byPerson, '310115')!.metrics.issued).toBe(
      await n(`SELECT count(*) AS n FROM vouchers v JOIN persons p ON p.id = v.person_id WHERE p.district_code = '310115'`),
    );
    expect(row(byTraining, '310104')!.label).toBe('徐汇区');
    expect(row(byTraining, '310104')!.metrics.admitted).toBe(4);
    expect(row(byTraining, '310115')!.metrics.admitted).toBe(6);
    expect(byTraining.total.admitted).toBe(byPerson.total.admitted);
    const months = await get<TableView>('/api/v1/analytics/table?groupBy=month&from=2026-11&to=2026-11');
    expect(months.rows.map((r) => r.key)).toEqual(['2026-11']);
  });
});

describe('scope', () => {
  it('a district admin sees their district; another district answers 404; a worker 403', async () => {
    const xuhui = await get<SummaryView>('/api/v1/analytics/summary', 'district_admin_b');
    expect(xuhui.scope).toMatchObject({ kind: 'district', districtCode: '310104', label: '徐汇区' });
    expect(xuhui.metrics.admitted).toBe(4); // trained in 徐汇, living in 浦东
    expect(xuhui.metrics.issued).toBe(0); // none of its residents holds a voucher
    expect((await t.call('GET', '/api/v1/analytics/summary?districtCode=310115', { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/analytics/table?groupBy=provider&trainingDistrictCode=310115', { as: 'district_admin_b' })).statusCode).toBe(404);
    // its own district paired with another: its trainees who live in 浦东
    expect((await get<SummaryView>('/api/v1/analytics/summary?districtCode=310115&trainingDistrictCode=310104', 'district_admin_b')).metrics.admitted).toBe(4);
    expect((await t.call('GET', '/api/v1/analytics/summary', { as: 'worker' })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/analytics/summary', { as: 'assessor' })).statusCode).toBe(403);
  });

  it('a provider sees its own figures; another provider answers 404', async () => {
    const r = await t.call('GET', '/api/v1/analytics/summary', { headers: { authorization: `Bearer ${a.provider.staff.token}` } });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json() as SummaryView;
    expect(s.metrics.admitted).toBe(6);
    expect(s.metrics.checkInsCounted).toBe(8);
    expect(s.scope.label).toBe('浦东统计培训学校');
    const other = await t.call('GET', `/api/v1/analytics/league?providerId=${b.provider.org.id}`, {
      headers: { authorization: `Bearer ${a.provider.staff.token}` },
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('funnel, league, drill-down, budget', () => {
  it('the funnel converts stage by stage', async () => {
    const f = await get<FunnelView>('/api/v1/analytics/funnel?groupBy=trainingDistrict');
    expect(f.stages.map((s) => s.stage)).toEqual(['issued', 'registered', 'admitted', 'attendedEnough', 'assessed', 'passed', 'paid']);
    const issued = f.stages[0]!.count;
    const admitted = f.stages[2]!;
    expect(admitted.count).toBe(10);
    expect(admitted.rateFromIssued).toBeCloseTo(10 / issued, 4);
    expect(f.stages[3]!.rateFromPrevious).toBeCloseTo(3 / 10, 4);
    expect(f.groups.find((g) => g.key === '310104')!.stages[2]!.count).toBe(4);
  });

  it('the league ranks providers × programmes', async () => {
    const l = await get<LeagueView>('/api/v1/analytics/league');
    const mine = l.rows.find((r) => r.providerId === a.provider.org.id)!;
    expect(mine).toMatchObject({ providerName: '浦东统计培训学校', programmeId: a.programme.id, admitted: 6, checkInsFlagged: 0, objections: 0 });
    expect(mine.attendanceRate).toBeCloseTo(8 / 12, 4);
  });

  it('drills city → district → provider → class', async () => {
    const city = await get<DrillView>('/api/v1/analytics/drill');
    expect(city.level).toBe('city');
    expect(city.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['310104', '310115']));
    const d = await get<DrillView>('/api/v1/analytics/drill?trainingDistrictCode=310104');
    expect(d.level).toBe('district');
    expect(d.rows.map((r) => r.label)).toContain('徐汇统计培训学校');
    const p = await get<DrillView>(`/api/v1/analytics/drill?trainingDistrictCode=310104&providerId=${b.provider.org.id}`);
    expect(p.level).toBe('provider');
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]!.metrics.admitted).toBe(4);
  });

  it('budgets: allocated, paid and the execution rate; a district admin only theirs', async () => {
    const bud = await get<BudgetView>('/api/v1/analytics/budget?year=2026');
    expect(bud.rows.length).toBe(await n(`SELECT count(*) AS n FROM budgets WHERE year = 2026`));
    expect(bud.total.allocatedFen).toBe(await n(`SELECT coalesce(sum(amount_fen), 0) AS n FROM budgets WHERE year = 2026`));
    const mine = await get<BudgetView>('/api/v1/analytics/budget?year=2026', 'district_admin');
    expect(mine.rows.every((r) => r.districtCode === '310115')).toBe(true);
    expect((await t.call('GET', '/api/v1/analytics/budget?districtCode=310104', { as: 'district_admin' })).statusCode).toBe(404);
  });
});

describe('facts recorded but not yet folded count at once; the fold changes no figure', () => {
  it('cube + deltas', async () => {
    const before = (await get<SummaryView>('/api/v1/analytics/summary')).metrics;
    await t.db.tx((tx) => recordFacts(tx, [{ metric: 'objections', at: at('12:00'), personDistrict: '310115', n: 2 }]));
    const mid = (await get<SummaryView>('/api/v1/analytics/summary')).metrics;
    expect(mid.objections).toBe(before.objections + 2);
    expect(await foldFacts(t.db)).toEqual({ folded: 1 });
    expect(await t.count('analytics_facts')).toBe(0);
    expect((await get<SummaryView>('/api/v1/analytics/summary')).metrics).toEqual(mid);
    await t.db.tx((tx) => recordFacts(tx, [{ metric: 'objections', at: at('12:00'), personDistrict: '310115', n: -2 }]));
  });

  it('a bad month is refused with the field named', async () => {
    const r = await t.call('GET', '/api/v1/analytics/summary?from=2026-13', { as: 'city_admin' });
    expect(r.statusCode).toBe(400);
    const r2 = await t.call('GET', '/api/v1/analytics/summary?from=2026-12&to=2026-01', { as: 'city_admin' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json()).toMatchObject({ field: 'from' });
  });
});

describe('exports', () => {
  it('.xlsx opens with exceljs: scope, filters and the Shanghai time of export, then the headings and rows', async () => {
    const before = await t.count('audit_log', `action = 'analytics.export'`);
    const r = await t.call('GET', '/api/v1/analytics/table.xlsx?groupBy=trainingDistrict&from=2026-11&to=2026-11', { as: 'district_admin_b' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('统计表（范围：徐汇区）');
    expect(String(ws.getCell('A2').value)).toBe('筛选条件：月份：2026-11 至 2026-11');
    expect(String(ws.getCell('A3').value)).toBe('导出时间：2026-11-16 14:00:00（北京时间）');
    expect(ws.getRow(4).getCell(1).value).toBe('培训所在区');
    expect(ws.getRow(4).getCell(2).value).toBe('发券数');
    expect(ws.getRow(5).getCell(1).value).toBe('徐汇区');
    const admittedCol = (ws.getRow(4).values as unknown[]).indexOf('录取数');
    expect(ws.getRow(5).getCell(admittedCol).value).toBe(4);
    expect(await t.count('audit_log', `action = 'analytics.export'`)).toBe(before + 1);
  });

  it('.csv of the league and the funnel; out of scope still 404', async () => {
    const r = await t.call('GET', '/api/v1/analytics/league.csv', { as: 'city_admin' });
    expect(r.statusCode).toBe(200);
    const lines = r.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('培训机构排行（范围：全市）');
    expect(lines[3]!.startsWith('培训机构,培训项目,录取数')).toBe(true);
    expect(lines.some((l) => l.startsWith('浦东统计培训学校,'))).toBe(true);
    const f = await t.call('GET', '/api/v1/analytics/funnel.xlsx', { as: 'finance' });
    expect(f.statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/analytics/summary.csv?districtCode=310115', { as: 'district_admin_b' })).statusCode).toBe(404);
  });
});

describe('a streamed sheet (rows read page by page)', () => {
  it("finds where exceljs leaves a sheet's XML for the zip (what bounds a streamed export's memory)", async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough().resume(), useStyles: false });
    const ws = wb.addWorksheet('s');
    ws.addRow(['a']).commit();
    const b = sheetBacklog(ws);
    expect(b).toBeDefined();
    expect(typeof b!._writableState!.length).toBe('number');
    ws.commit();
    await wb.commit();
  });

  it('keyset pages: each read starts after the last key, the next page is asked for before this one is used, stops at max or a short page', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => String(i).padStart(3, '0'));
    const asked: [string | null, number][] = [];
    const read = async (after: string | null, limit: number) => {
      asked.push([after, limit]);
      return keys.filter((k) => after === null || k > after).slice(0, limit);
    };
    const seen: string[][] = [];
    for await (const page of keysetPages(read, (k) => k, 100, 10)) {
      expect(asked.length).toBe(seen.length + (page.length === 10 ? 2 : 1));
      seen.push(page);
    }
    expect(seen.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(seen.flat()).toEqual(keys);
    expect(asked).toEqual([
      [null, 10],
      ['009', 10],
      ['019', 10],
    ]);
    asked.length = 0;
    const capped: string[] = [];
    for await (const page of keysetPages(read, (k) => k, 12, 10)) capped.push(...page);
    expect(capped).toEqual(keys.slice(0, 12));
    expect(asked).toEqual([
      [null, 10],
      ['009', 2],
    ]);
  });

  it('opens with exceljs: the heading lines, then every page in order; ID-like values stay text, headings are not bold', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sv-stats-')), 'streamed.xlsx');
    type R = { number: string; district: string; fen: number };
    let reads = 0;
    async function* pages(): AsyncGenerator<R[]> {
      for (let p = 0; p < 3; p++) {
        reads++;
        yield Array.from({ length: 4 }, (_, i) => ({ number: `00${p * 4 + i + 1}`, district: '310115', fen: 12345 }));
      }
    }
    const heading = await headingOf(t.db, '培训券明细', '全市', { districtCode: '310115' });
    const out = createWriteStream(file);
    let rows = 0;
    await writeWorkbook(
      out,
      [
        {
          list: 'vouchers',
          title: '培训券明细',
          heading,
          columns: [
            { header: '券号', value: (r: R) => r.number },
            { header: '区代码', value: (r: R) => r.district },
            { header: '金额（元）', value: (r: R) => r.fen / 100 },
          ],
          pages: pages(),
        },
      ],
      () => rows++,
    );
    await finished(out);
    expect(reads).toBe(3);
    expect(rows).toBe(12);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('培训券明细')!;
    expect(String(ws.getCell('A1').value)).toBe('培训券明细（范围：全市）');
    expect(String(ws.getCell('A2').value)).toBe('筛选条件：户籍/参保区：浦东新区');
    expect(String(ws.getCell('A3').value)).toBe('导出时间：2026-11-16 14:00:00（北京时间）');
    expect(ws.getRow(4).values).toEqual([undefined, '券号', '区代码', '金额（元）']);
    expect(ws.getRow(4).font?.bold).toBeFalsy();
    expect(ws.getRow(5).values).toEqual([undefined, '001', '310115', 123.45]);
    expect(ws.getRow(16).getCell(1).value).toBe('0012');
    expect(ws.getRow(16).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(ws.rowCount).toBe(16);
  });
});

describe('CLI: stats export', () => {
  it('a report that cannot be written is refused with the path named, and leaves no file and no audit entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sv-stats-'));
    const out = join(dir, 'missing-folder', 'report.xlsx');
    const audits = await t.count('audit_log', "action = 'analytics.export'");
    const quiet = { update: () => undefined, stop: () => undefined };
    await expect(exportReport(t.db, subjectOf('city'), {}, out, quiet)).rejects.toThrow(/could not be written to .*missing-folder.*ENOENT/);
    expect(existsSync(out)).toBe(false);
    expect(await t.count('audit_log', "action = 'analytics.export'")).toBe(audits);
  });

  it('writes the report workbook in the scope asked, every sheet headed by it; a bad scope is refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sv-stats-')), 'report.xlsx');
    const seen: number[] = [];
    const rows = await exportReport(t.db, subjectOf('district:310104'), { from: '2026-11', to: '2026-11' }, file, {
      update: (d) => seen.push(d),
      stop: () => undefined,
    });
    expect(rows).toBeGreaterThan(10);
    expect(seen.at(-1)).toBe(Math.max(...seen));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '统计概览',
      '按户籍区',
      '按培训区',
      '按培训项目',
      '按职业',
      '按月',
      '转化漏斗',
      '培训机构排行',
      '预算执行',
    ]);
    for (const ws of wb.worksheets) expect(String(ws.getCell('A1').value)).toMatch(/（范围：徐汇区）$/);
    const byTraining = wb.getWorksheet('按培训区')!;
    const col = (byTraining.getRow(4).values as unknown[]).indexOf('录取数');
    expect(byTraining.getRow(5).getCell(1).value).toBe('徐汇区');
    expect(byTraining.getRow(5).getCell(col).value).toBe(4);
    expect(() => subjectOf('district:31')).toThrow(/--scope/);
  });
});
