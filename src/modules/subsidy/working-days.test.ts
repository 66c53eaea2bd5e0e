import { describe, expect, it } from 'vitest';
import { workingDaysWaited } from './working-days.js';

describe('the wait of a claim in review (已等待 N 个工作日)', () => {
  const cal = [
    { date: '2026-10-01', kind: 'holiday' as const },
    { date: '2026-10-02', kind: 'holiday' as const },
    { date: '2026-10-05', kind: 'holiday' as const },
    { date: '2026-10-06', kind: 'holiday' as const },
    { date: '2026-10-07', kind: 'holiday' as const },
    { date: '2026-10-10', kind: 'workday' as const }, // Saturday make-up working day
  ];
  it.each([
    // submitted (UTC) → now (UTC) → working days waited
    ['2026-11-23T02:00:00Z', '2026-11-23T09:00:00Z', 0], // the same Shanghai day
    ['2026-11-23T02:00:00Z', '2026-11-24T00:30:00Z', 1], // Tuesday 08:30 in Shanghai
    ['2026-11-23T02:00:00Z', '2026-11-23T16:30:00Z', 1], // 00:30 Tuesday in Shanghai (UTC still Monday)
    ['2026-11-27T10:00:00Z', '2026-11-29T02:00:00Z', 0], // Friday evening → Sunday: no working day yet
    ['2026-11-27T10:00:00Z', '2026-11-30T02:00:00Z', 1], // → Monday
    ['2026-11-23T02:00:00Z', '2026-12-07T02:00:00Z', 10], // two weeks
    ['2026-09-30T02:00:00Z', '2026-10-09T02:00:00Z', 2], // National Day: only Oct 8 and 9 count
    ['2026-09-30T02:00:00Z', '2026-10-12T02:00:00Z', 4], // … the Saturday make-up day (10th) and Monday 12th
    ['2026-11-24T02:00:00Z', '2026-11-23T02:00:00Z', 0], // a clock behind the submission: never negative
  ])('submitted %s, now %s → %i', (at, now, n) => {
    expect(workingDaysWaited(new Date(at), new Date(now), cal)).toBe(n);
  });
});
