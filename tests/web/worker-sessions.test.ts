/**
 * Issue 15, item 13: a session that has not started reads 未开始, today's stands out, only a past one is 缺勤; the
 * 签到 button is offered exactly inside the window the server accepts (the sheet serves it: the programme's minutes
 * before and after the start, both edges inclusive), and before it the screen says when it opens.
 */
import { describe, expect, it } from 'vitest';
import { checkinWindow, DEFAULT_AFTER_MIN, DEFAULT_BEFORE_MIN, windowVerdict } from '../../src/modules/attendance/rules';
import { nextChangeAt, opensLabel, sessionView, type SessionTimes } from '../../web/src/lib/sessions';

// 2026-12-06 16:00 in Shanghai (08:00 UTC)
const NOW = new Date('2026-12-06T16:00:00+08:00').getTime();
const MIN = 60_000;

/** A session as the sheet serves it, with the server's own window (default 60 before, 15 after, or the programme's). */
function served(startsAt: string, before = DEFAULT_BEFORE_MIN, after = DEFAULT_AFTER_MIN): SessionTimes {
  const w = checkinWindow(new Date(startsAt), before, after);
  return { startsAt: new Date(startsAt).toISOString(), checkInOpensAt: w.opensAt.toISOString(), checkInClosesAt: w.closesAt.toISOString() };
}

describe('a trainee’s session on the phone', () => {
  it.each([
    [
      'tomorrow, not checked in',
      '2026-12-07T09:00:00+08:00',
      'absent',
      { state: 'upcoming', today: false, canCheckIn: false, opensAt: '2026-12-07T00:00:00.000Z' },
    ],
    // the old rule offered the button 3 h ahead: the server refused until the window opened
    [
      'tonight at 18:30 (window opens 17:30): no button yet, when it opens',
      '2026-12-06T18:30:00+08:00',
      'absent',
      { state: 'upcoming', today: true, canCheckIn: false, opensAt: '2026-12-06T09:30:00.000Z' },
    ],
    [
      'at 17:00, exactly an hour ahead: the window’s first instant',
      '2026-12-06T17:00:00+08:00',
      'absent',
      { state: 'upcoming', today: true, canCheckIn: true, opensAt: null },
    ],
    [
      'at 17:00:00.001: a millisecond short of the window',
      '2026-12-06T17:00:00.001+08:00',
      'absent',
      { state: 'upcoming', today: true, canCheckIn: false, opensAt: '2026-12-06T08:00:00.001Z' },
    ],
    ['started 10 min ago, not checked in', '2026-12-06T15:50:00+08:00', 'absent', { state: 'due', today: true, canCheckIn: true, opensAt: null }],
    ['started 15 min ago: the window’s last instant', '2026-12-06T15:45:00+08:00', 'absent', { state: 'due', today: true, canCheckIn: true, opensAt: null }],
    [
      'started 16 min ago: the window closed — 缺勤, no button the server would refuse',
      '2026-12-06T15:44:00+08:00',
      'absent',
      { state: 'absent', today: true, canCheckIn: false, opensAt: null },
    ],
    ['this morning, not checked in', '2026-12-06T09:00:00+08:00', 'absent', { state: 'absent', today: true, canCheckIn: false, opensAt: null }],
    ['yesterday, not checked in', '2026-12-05T19:00:00+08:00', 'absent', { state: 'absent', today: false, canCheckIn: false, opensAt: null }],
    ['this morning, checked in', '2026-12-06T09:00:00+08:00', 'attended', { state: 'attended', today: true, canCheckIn: false, opensAt: null }],
    ['in the window, checked in already', '2026-12-06T16:30:00+08:00', 'attended', { state: 'attended', today: true, canCheckIn: false, opensAt: null }],
    ['yesterday, flagged', '2026-12-05T09:00:00+08:00', 'flagged', { state: 'flagged', today: false, canCheckIn: false, opensAt: null }],
    [
      'a Shanghai day is not the UTC day: 00:30 tomorrow in Shanghai',
      '2026-12-06T16:30:00Z',
      'absent',
      { state: 'upcoming', today: false, canCheckIn: false, opensAt: '2026-12-06T15:30:00.000Z' },
    ],
    [
      'a Shanghai day is not the UTC day: 07:00 today in Shanghai',
      '2026-12-05T23:00:00Z',
      'absent',
      { state: 'absent', today: true, canCheckIn: false, opensAt: null },
    ],
  ] as const)('%s', (_name, startsAt, mark, expected) => {
    expect(sessionView(served(startsAt), mark, NOW)).toEqual(expected);
  });

  it('the button is offered exactly when the server’s window rule accepts, for the default and other programme minutes', () => {
    for (const [before, after] of [
      [DEFAULT_BEFORE_MIN, DEFAULT_AFTER_MIN],
      [30, 10],
      [0, 0],
      [120, 45],
    ] as const)
      for (let offMs = -4 * 3_600_000; offMs <= 4 * 3_600_000; offMs += 7 * MIN + 13_001) {
        const start = new Date(NOW + offMs);
        const v = sessionView(served(start.toISOString(), before, after), 'absent', NOW);
        const accepted = windowVerdict(new Date(NOW), checkinWindow(start, before, after)) === 'inside';
        expect(v.canCheckIn, `${before}/${after} start ${start.toISOString()}`).toBe(accepted);
        // before the window: the screen says when it opens; only a started session whose window closed is 缺勤
        expect(v.opensAt !== null).toBe(NOW < start.getTime() - before * MIN);
        if (v.state === 'absent') expect(start.getTime()).toBeLessThan(NOW);
      }
  });

  it('only a session that has started can be 缺勤', () => {
    for (let h = -48; h <= 48; h += 0.5) {
      const v = sessionView(served(new Date(NOW + h * 3_600_000).toISOString()), 'absent', NOW);
      if (v.state === 'absent') expect(h).toBeLessThan(0);
      if (h > 0) expect(v.state).toBe('upcoming');
    }
  });

  it('when it opens reads in Shanghai time: HH:mm today, with the date another day', () => {
    expect(opensLabel('2026-12-06T09:30:00.000Z', NOW)).toBe('17:30');
    expect(opensLabel('2026-12-06T16:00:00.000Z', NOW)).toBe('2026-12-07 00:00');
    expect(opensLabel('2026-12-07T00:00:00.000Z', NOW)).toBe('2026-12-07 08:00');
  });

  it('the screen redraws at the next change: a window opening, a start, a window closing, Shanghai midnight', () => {
    const s = served('2026-12-06T18:30:00+08:00');
    expect(nextChangeAt([s], NOW)).toBe(new Date('2026-12-06T17:30:00+08:00').getTime());
    expect(nextChangeAt([s], new Date('2026-12-06T17:30:00+08:00').getTime())).toBe(new Date('2026-12-06T18:30:00+08:00').getTime());
    // just after the closing instant (inclusive): the button goes
    expect(nextChangeAt([s], new Date('2026-12-06T18:30:00+08:00').getTime())).toBe(new Date('2026-12-06T18:45:00.001+08:00').getTime());
    expect(nextChangeAt([s], new Date('2026-12-06T19:00:00+08:00').getTime())).toBe(new Date('2026-12-07T00:00:00+08:00').getTime());
    // the redraw after it: the view has changed, the button with it
    const at = nextChangeAt([s], NOW)!;
    expect(sessionView(s, 'absent', at - 1).canCheckIn).toBe(false);
    expect(sessionView(s, 'absent', at).canCheckIn).toBe(true);
  });
});
