/**
 * Issue 19 §2 (培训评价) in Chromium: demo.worker7 (the ended class, every session attended) rates it on the phone;
 * demo.worker9 (attendance 70 %) is told why not; demo.pudong publishes the comment and reads the share who rated;
 * another worker finds the course's score on the search card, sorts by it and reads the comment; the provider replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkers, launch, newPage, shot, signIn, signInWorker, type Session } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => s?.close());

const worker = (n: number) => {
  const w = demoWorkers().find((x) => x.username === `demo.worker${n}`);
  if (!w) throw new Error(`demo.worker${n} is not in the server log`);
  return w;
};
const COMMENT = '老师示范很耐心，实操练习充分';

describe('training evaluation', () => {
  it('a completer rates the ended class on the phone; one below the attendance threshold is told why not', async () => {
    const { page, errors } = await newPage(s.browser, { mobile: true });
    await signInWorker(page, worker(7));
    await page.goto('/training');
    const panel = page.getByTestId('rating-panel').first();
    await panel.waitFor();
    for (const [d, stars] of [
      ['teaching', 5],
      ['practical', 4],
      ['venue', 4],
      ['organisation', 5],
    ] as const) {
      await panel
        .getByTestId(`rate-${d}`)
        .locator('li')
        .nth(stars - 1)
        .click();
    }
    await panel.getByTestId('rate-comment').fill(COMMENT);
    await shot(page, 'eval-worker-rate');
    await panel.getByTestId('rate-submit').click();
    await expect.poll(async () => panel.getByTestId('rating-status').textContent()).toBe('评论审核中');
    await expect.poll(async () => panel.getByTestId('rate-submit').textContent()).toContain('修改评价');
    await shot(page, 'eval-worker-rated');
    const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(body).toContain('可修改至');
    expect(body).not.toMatch(/RATING_|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(errors).toEqual([]);

    const low = await newPage(s.browser, { mobile: true });
    await signInWorker(low.page, worker(9));
    await low.page.goto('/training');
    await low.page.getByText('出勤率未达到要求，不能评价本班级').waitFor();
    expect(await low.page.getByTestId('rate-submit').count()).toBe(0);
  });

  it('the district officer publishes the comment and reads the share of completers who rated', async () => {
    const { page, errors } = await newPage(s.browser);
    await signIn(page, 'demo.pudong');
    await page.goto('/evaluation');
    const row = page.getByTestId('moderation-table').locator('tr', { hasText: COMMENT });
    await row.waitFor();
    await shot(page, 'eval-officer-queue');
    await row.getByTestId('moderate-publish').click();
    await expect.poll(async () => page.getByTestId('moderation-table').locator('tr', { hasText: COMMENT }).count()).toBe(0);
    await page.getByRole('tab', { name: '参评率' }).click();
    const cls = page.getByTestId('coverage-classes').locator('tr', { hasText: '第一期' });
    await cls.waitFor();
    // demo.worker7 and demo.worker8 completed (worker9 attended 70 %); one of the two rated
    expect((await cls.innerText()).replace(/\s+/g, ' ')).toMatch(/\b2\b.*\b1\b.*50%/);
    await shot(page, 'eval-officer-coverage');
    expect(errors).toEqual([]);
  });

  it('another worker sees the course’s score on the search card, sorts by it and reads the comment; the provider replies', async () => {
    const { page, errors } = await newPage(s.browser, { mobile: true });
    await signInWorker(page, worker(1));
    await page.goto('/courses');
    await page.getByTestId('course-card').first().waitFor();
    await page.getByTestId('course-sort').getByText('按评分').click();
    const first = page.getByTestId('course-card').first();
    await expect.poll(async () => first.getByTestId('course-score').count()).toBe(1);
    const score = await first.getByTestId('course-score').innerText();
    expect(score).toMatch(/4\.5 分 · 1 人评价/);
    await first.getByTestId('course-score').click();
    await page.getByTestId('course-ratings').getByText(COMMENT).waitFor();
    await shot(page, 'eval-worker-course-ratings');
    expect(errors).toEqual([]);

    const p = await newPage(s.browser);
    await signIn(p.page, 'demo.provider');
    await p.page.goto('/ratings');
    const row = p.page.getByTestId('provider-ratings').locator('tr', { hasText: COMMENT });
    await row.getByTestId('reply').click();
    await p.page.getByTestId('reply-text').fill('感谢您的认可，欢迎继续参加高级班。');
    await p.page.getByRole('button', { name: /OK|确\s*定/ }).click();
    await row.getByText('感谢您的认可').waitFor();
    await shot(p.page, 'eval-provider-ratings');
    expect(p.errors).toEqual([]);
  });
});
