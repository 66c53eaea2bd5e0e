/**
 * Issue 15 item 1 in a real browser: the city admin's home shows the to-do while next year's holidays are not
 * loaded; the calendar page lists the loaded years, refuses a malformed CSV naming its line and column (nothing
 * loaded) and loads a year's CSV, after which the to-do is gone.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, DEMO_TOTP_SECRET, launch, newPage, shot, signIn, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

interface Status {
  years: Array<{ year: number }>;
  lastDay: string | null;
  todo: { due: boolean; nextYear: number };
}

describe('holiday calendar (city admin)', () => {
  it('home to-do, the loaded years, a refused file and a loaded year', async () => {
    const { page, errors, ctx } = await newPage(s.browser);
    await signIn(page, 'demo.city', { totpSecret: DEMO_TOTP_SECRET });
    const before = (await apiCall<Status>(page, 'GET', '/api/v1/subsidy/calendar/years')).body;
    expect(before.years.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    const next = before.todo.nextYear;

    // the home page's to-do, from one month before the calendar runs out (2026-11-30 for a fresh install)
    await page.goto('/');
    await page.getByTestId('whoami').waitFor();
    if (before.todo.due) {
      const todo = page.getByTestId('calendar-todo');
      await todo.waitFor();
      expect(await todo.textContent()).toContain('下一年度节假日日历未导入');
      expect(await todo.textContent()).toContain(`${next} 年`);
      await shot(page, 'calendar-home-todo');
      await todo.getByRole('button').click();
    } else {
      expect(await page.getByTestId('calendar-todo').count()).toBe(0);
      await page.goto('/calendar');
    }

    // the calendar page: loaded years, one tag each
    await page.getByTestId('calendar-years').waitFor();
    for (const y of before.years) expect(await page.getByTestId(`calendar-year-${y.year}`).textContent()).toContain(`${y.year} 年`);
    await shot(page, 'calendar-years');

    const dir = mkdtempSync(join(tmpdir(), 'sv-cal-e2e-'));
    const bad = join(dir, `holidays-${next}-bad.csv`);
    writeFileSync(bad, `date,kind,name\n${next}-01-01,holiday,元旦\n${next}-02-30,holiday,春节\n`);
    const good = join(dir, `holidays-${next}.csv`);
    writeFileSync(good, `date,kind,name\n${next}-01-01,holiday,元旦\n${next}-10-01,holiday,国庆节\n`);
    const input = page.locator('input[type=file]');

    // a malformed file: refused in words (line and column), nothing loaded
    await input.setInputFiles(bad);
    const err = page.getByTestId('calendar-import-error');
    await err.waitFor();
    expect(await err.textContent()).toBe('文件第 3 行的“日期”不正确，未导入任何内容。');
    await shot(page, 'calendar-import-refused');
    await page.locator('.ant-modal-confirm-btns .ant-btn').click();
    expect((await apiCall<Status>(page, 'GET', '/api/v1/subsidy/calendar/years')).body.years).toEqual(before.years);

    // the year's file: loaded, listed, the to-do gone
    await input.setInputFiles(good);
    await page.getByTestId(`calendar-year-${next}`).waitFor();
    expect(await page.getByTestId(`calendar-year-${next}`).textContent()).toBe(`${next} 年：节假日 2 天，调休上班 0 天`);
    await shot(page, 'calendar-year-loaded');
    const after = (await apiCall<Status>(page, 'GET', '/api/v1/subsidy/calendar/years')).body;
    expect(after.years.map((y) => y.year)).toContain(next);
    await page.goto('/');
    await page.getByTestId('whoami').waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('calendar-todo').count()).toBe(after.todo.due ? 1 : 0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
