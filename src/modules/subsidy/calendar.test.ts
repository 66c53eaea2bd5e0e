/**
 * Issue 15 item 1: working days know China's holidays. 2025–2026 are in the calendar on a fresh install;
 * a new year is loaded from the same CSV (API and command line); a malformed file is refused naming the line
 * and field with nothing changed; a notice counted past the last loaded year is provisional (暂定) and is
 * recounted when its year is loaded; the city admin's to-do is due from one month before the calendar runs out.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import { calendarStatus } from './calendar.js';
import { createClaimForPass, listNotices } from './claims.js';
import { importCalendarFile } from './cli.js';
import { calendarTodo, parseCalendarCsv, shanghaiDate } from './rules.js';
import { anyOccupation, assessedVoucher, passFacts, setBudget, skillUpgrade } from './test-world.js';

let t: TestApp;
let programmeId: string;
let occupation: string;

beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await skillUpgrade(t.db)).id;
  occupation = await anyOccupation(t.db);
  await setBudget(t.db, programmeId, 20_000_000, 2026);
});
afterAll(async () => t?.close());

// A hypothetical 2027 arrangement (the real one is published in November 2026): 元旦 on Friday 01-01 and
// Monday 01-04 off, Saturday 01-09 worked.
const CSV_2027 = 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,holiday,元旦\n2027-01-09,workday,元旦\n';
const counts = async () => ({
  days: await t.count('subsidy_calendar'),
  years: await t.count('subsidy_calendar_years'),
  audit: await t.count('audit_log'),
  claims: await t.count('subsidy_claims', 'notice_provisional'),
});
const importCsv = (payload: string | Buffer, as = 'city_admin', type = 'text/csv; charset=utf-8') =>
  t.call('POST', '/api/v1/subsidy/calendar/import', { as, payload, headers: { 'content-type': type } });

/** A claim approved automatically (notice published) at `now`. */
async function claimPublishedAt(n: number, now: Date): Promise<string> {
  return t.db.tx(async (tx) => {
    const w = await assessedVoucher(tx, 900 + n, { programmeId, occupationCode: occupation });
    const c = await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { assessedOn: '2026-09-01' }), now);
    expect(c.status).toBe('approved');
    return c.id;
  });
}

describe('the working-day calendar', () => {
  it('a fresh install holds holidays-cn.csv (2025 and 2026), with no admin step', async () => {
    const parsed = parseCalendarCsv(readFileSync(new URL('./data/holidays-cn.csv', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('holidays-cn.csv does not parse');
    const { rows } = await t.db.query<{ date: string; kind: string; name: string }>(
      "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM subsidy_calendar ORDER BY date",
    );
    expect(rows).toEqual(parsed.days);
    const st = await t.call('GET', '/api/v1/subsidy/calendar/years', { as: 'city_admin' });
    expect(st.statusCode).toBe(200);
    expect(st.json().years.map((y: { year: number; holidays: number; workdays: number }) => [y.year, y.holidays, y.workdays])).toEqual([
      [2025, 28, 5],
      [2026, 33, 6],
    ]);
    expect(st.json()).toMatchObject({
      lastDay: '2026-12-31',
      todo: { nextYear: 2027, dueFrom: '2026-11-30', due: calendarTodo([2025, 2026], shanghaiDate(new Date())).due },
    });
    // the to-do's window, on fixed dates
    expect((await calendarStatus(t.db, new Date('2026-11-29T12:00:00+08:00'))).todo.due).toBe(false);
    expect((await calendarStatus(t.db, new Date('2026-11-30T00:00:00+08:00'))).todo.due).toBe(true);
    expect((await t.call('GET', '/api/v1/subsidy/calendar/years', { as: 'worker' })).statusCode).toBe(403);
  });

  it.each([
    ['2026-09-30T10:00:00+08:00', '2026-10-13'],
    ['2026-02-13T10:00:00+08:00', '2026-02-27'],
    ['2026-04-30T10:00:00+08:00', '2026-05-11'],
  ])('a notice published %s ends %s (5 working days, the holidays counted)', async (at, last) => {
    const id = await claimPublishedAt(Number(last.slice(5, 7)), new Date(at));
    const r = await t.call('GET', `/api/v1/subsidy/claims/${id}`, { as: 'city_admin' });
    expect(r.statusCode).toBe(200);
    expect(r.json().notice).toMatchObject({ lastDay: last, lastDayProvisional: false });
  });

  it('a malformed CSV is refused naming the line and field, and changes nothing', async () => {
    const before = await counts();
    const bad = await importCsv('date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json()).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'line.3.date' });
    expect((await importCsv('date,kind,name\n2027-01-04,workday,元旦\n')).json()).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'line.2.kind' });
    expect((await importCsv('datum,art,name\n2027-01-01,holiday,元旦\n')).json()).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'header' });
    expect((await importCsv(Buffer.from([0x64, 0x61, 0xff, 0xfe]))).json()).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'body' });
    expect((await importCsv(CSV_2027, 'city_admin', 'text/plain')).json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await importCsv(CSV_2027, 'district_admin')).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('past the last loaded year working days are Monday–Friday and the notice end is provisional (暂定) — until the year is loaded', async () => {
    // published Tuesday 2026-12-29: 30, 31, then 2027 (not loaded) counted Monday–Friday: 01-01, 01-04, 01-05
    const id = await claimPublishedAt(1229, new Date('2026-12-29T10:00:00+08:00'));
    const before = (await t.call('GET', `/api/v1/subsidy/claims/${id}`, { as: 'city_admin' })).json();
    expect(before.notice).toMatchObject({ lastDay: '2027-01-05', lastDayProvisional: true });
    const notices = await listNotices(t.db, { limit: 200, offset: 0 }, new Date('2026-12-29T12:00:00+08:00'));
    expect(notices.items.find((n) => n.claimNumber === before.number)).toMatchObject({ lastDay: '2027-01-05', lastDayProvisional: true });

    const audits = await t.count('audit_log', "action = 'claim.notice.recount'");
    const r = await importCsv(CSV_2027);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ years: [2027], days: 3 });
    expect(r.json().noticesRecomputed).toBeGreaterThanOrEqual(1);
    // recounted with 2027's holidays: 12-30, 12-31, (01-01 and 01-04 off) 01-05, 01-06, 01-07
    const after = (await t.call('GET', `/api/v1/subsidy/claims/${id}`, { as: 'city_admin' })).json();
    expect(after.notice).toMatchObject({ lastDay: '2027-01-07', lastDayProvisional: false });
    expect(await t.count('audit_log', "action = 'claim.notice.recount'")).toBe(audits + r.json().noticesRecomputed);
    expect(await t.count('audit_log', "action = 'subsidy.calendar.import' AND entity_id = '2027'")).toBe(1);

    const st = (await t.call('GET', '/api/v1/subsidy/calendar/years', { as: 'finance' })).json();
    expect(st.years.map((y: { year: number }) => y.year)).toEqual([2025, 2026, 2027]);
    expect(st).toMatchObject({ lastDay: '2027-12-31', todo: { nextYear: 2028, dueFrom: '2027-11-30' } });
    expect((await calendarStatus(t.db, new Date('2026-12-06T12:00:00+08:00'))).todo.due).toBe(false); // loaded: the to-do is gone
    // loading a year again replaces its days
    expect((await importCsv('date,kind,name\n2027-01-01,holiday,元旦\n')).statusCode).toBe(200);
    expect(await t.count('subsidy_calendar', "date >= '2027-01-01' AND date < '2028-01-01'")).toBe(1);
  });

  const file2028 = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sv-cal-'));
    const f = join(dir, 'holidays-2028.csv');
    writeFileSync(f, 'date,kind,name\n2028-01-01,holiday,元旦\n2028-01-03,holiday,元旦\n');
    return f;
  };
  if (engine() === 'pglite')
    it('`skillvoucher calendar import FILE` loads a year (the command’s work, on PGlite)', async () => {
      const r = await importCalendarFile(t.db, file2028());
      expect(r).toMatchObject({ years: [2028], days: 2 });
      expect(r.lines[0]).toMatch(/loaded 2 day\(s\) of 2028 from holidays-2028\.csv/);
      expect(r.lines[1]).toMatch(/calendar holds 2025, 2026, 2027, 2028; known through 2028-12-31/);
      expect(await t.count('subsidy_calendar_years', 'year = 2028')).toBe(1);
    });
  if (engine() === 'postgres')
    it('`skillvoucher calendar import FILE` on PostgreSQL loads a year; a malformed file exits 1 and changes nothing', async () => {
      const dbName = (await t.db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${dbName}`;
      const env = { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'test', LOG_LEVEL: 'silent' };
      const run = promisify(execFile);
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'calendar', 'import', file2028()], { env });
      expect(stdout).toMatch(/loaded 2 day\(s\) of 2028 from holidays-2028\.csv/);
      expect(await t.count('subsidy_calendar_years', 'year = 2028')).toBe(1);
      const status = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'calendar', 'status'], { env });
      expect(status.stdout).toMatch(/^2028: 2 holiday\(s\), 0 make-up working day\(s\) — holidays-2028\.csv$/m);
      const before = await counts();
      const badFile = join(mkdtempSync(join(tmpdir(), 'sv-cal-')), 'bad.csv');
      writeFileSync(badFile, 'date,kind,name\n2029-01-01,holiday,元旦\n2029-01-01,holiday,元旦\n');
      const bad = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'calendar', 'import', badFile], { env }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(bad).toMatchObject({ code: 1 });
      expect((bad as { stderr: string }).stderr).toMatch(/line 3: 2029-01-01 appears twice/);
      expect(await counts()).toEqual(before);
    }, 120_000);
});
