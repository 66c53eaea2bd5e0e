/** Issue 15, item 13: a session that has not started reads 未开始, today's stands out, only a past one is 缺勤. */
import { describe, expect, it } from 'vitest';
import { sessionView } from '../../web/src/lib/sessions';

// 2026-12-06 16:00 in Shanghai (08:00 UTC)
const NOW = new Date('2026-12-06T16:00:00+08:00').getTime();

describe('a trainee’s session on the phone', () => {
  it.each([
    ['tomorrow, not checked in', '2026-12-07T09:00:00+08:00', 'absent', { state: 'upcoming', today: false, canCheckIn: false }],
    ['tonight, not checked in (starts in 3 h: button offered)', '2026-12-06T18:30:00+08:00', 'absent', { state: 'upcoming', today: true, canCheckIn: true }],
    ['tonight at 19:00 (exactly 3 h: no button yet)', '2026-12-06T19:00:00+08:00', 'absent', { state: 'upcoming', today: true, canCheckIn: false }],
    ['started 10 min ago, not checked in', '2026-12-06T15:50:00+08:00', 'absent', { state: 'due', today: true, canCheckIn: true }],
    ['this morning, not checked in', '2026-12-06T09:00:00+08:00', 'absent', { state: 'absent', today: true, canCheckIn: false }],
    ['yesterday, not checked in', '2026-12-05T19:00:00+08:00', 'absent', { state: 'absent', today: false, canCheckIn: false }],
    ['this morning, checked in', '2026-12-06T09:00:00+08:00', 'attended', { state: 'attended', today: true, canCheckIn: false }],
    ['yesterday, flagged', '2026-12-05T09:00:00+08:00', 'flagged', { state: 'flagged', today: false, canCheckIn: false }],
    ['a Shanghai day is not the UTC day: 00:30 tomorrow in Shanghai', '2026-12-06T16:30:00Z', 'absent', { state: 'upcoming', today: false, canCheckIn: false }],
    ['a Shanghai day is not the UTC day: 07:00 today in Shanghai', '2026-12-05T23:00:00Z', 'absent', { state: 'absent', today: true, canCheckIn: false }],
  ] as const)('%s', (_name, startsAt, mark, expected) => {
    expect(sessionView(startsAt, mark, NOW)).toEqual(expected);
  });

  it('only a session that has started can be 缺勤', () => {
    for (let h = -48; h <= 48; h += 0.5) {
      const startsAt = new Date(NOW + h * 3_600_000).toISOString();
      const v = sessionView(startsAt, 'absent', NOW);
      if (v.state === 'absent') expect(h).toBeLessThan(0);
      if (h > 0) expect(v.state).toBe('upcoming');
    }
  });
});
