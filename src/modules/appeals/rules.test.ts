import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCalendarCsv } from '../subsidy/rules.js';
import {
  APPEAL_ACTIONS,
  APPEAL_STATES,
  APPEAL_WORKING_DAYS,
  appealDeadline,
  deadlineStatus,
  nearUntil,
  nextAppealState,
  safeFileName,
  type AppealAction,
  type AppealState,
} from './rules.js';

const parsed = parseCalendarCsv(readFileSync(new URL('../subsidy/data/holidays-cn.csv', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('holidays-cn.csv does not parse');
const CAL = parsed.days;
const LOADED = new Set(parsed.years);

describe('appeal state machine', () => {
  const allowed: Record<string, AppealState> = {
    'submitted take': 'in_progress',
    'in_progress uphold': 'answered',
    'in_progress overturn': 'answered',
    'answered close': 'closed',
  };
  const table = APPEAL_STATES.flatMap((s) => APPEAL_ACTIONS.map((a) => [s, a, allowed[`${s} ${a}`] ?? null] as const));
  it('has 16 cells, 4 of them allowed', () => {
    expect(table).toHaveLength(16);
    expect(table.filter((r) => r[2] !== null)).toHaveLength(4);
  });
  it.each(table)('%s —%s→ %s', (from: AppealState, action: AppealAction, to: AppealState | null) => {
    expect(nextAppealState(from, action)).toBe(to);
  });
});

describe('the deadline: 15 working days on the holiday calendar', () => {
  it.each([
    // submitted (Shanghai), due on, provisional — hand-counted
    ['2026-03-02T10:00:00+08:00', '2026-03-23', false, 'no holiday: three weeks and a day'],
    ['2026-03-01T23:30:00+08:00', '2026-03-20', false, 'a Sunday night: day 1 is Monday'],
    ['2026-03-01T16:30:00Z', '2026-03-23', false, 'Sunday 16:30 UTC is Monday 00:30 in Shanghai'],
    ['2026-09-21T10:00:00+08:00', '2026-10-19', false, 'Mid-Autumn and National Day off, Saturday 10-10 worked'],
    ['2026-04-27T10:00:00+08:00', '2026-05-20', false, 'Labour Day off, Saturday 05-09 worked'],
    ['2026-12-21T10:00:00+08:00', '2027-01-11', true, 'past the loaded years: Monday–Friday, provisional'],
  ] as const)('%s → %s (%s)', (at, dueOn, provisional, _why) => {
    expect(appealDeadline(new Date(at), CAL, LOADED)).toEqual({ dueOn, provisional });
  });

  it('counts working days, not calendar days: without the holidays the National Day case is a week earlier', () => {
    expect(APPEAL_WORKING_DAYS).toBe(15);
    expect(appealDeadline(new Date('2026-09-21T10:00:00+08:00'), []).dueOn).toBe('2026-10-12');
  });

  it('near: due by the 3rd working day after today (a holiday on the way pushes it out)', () => {
    expect(nearUntil(new Date('2026-03-02T10:00:00+08:00'), CAL)).toBe('2026-03-05');
    expect(nearUntil(new Date('2026-09-24T10:00:00+08:00'), CAL)).toBe('2026-09-30');
  });

  it.each([
    ['submitted', '2026-03-23', null, '2026-03-10', '2026-03-13', 'ok'],
    ['submitted', '2026-03-13', null, '2026-03-10', '2026-03-13', 'near'],
    ['in_progress', '2026-03-10', null, '2026-03-10', '2026-03-13', 'near'],
    ['in_progress', '2026-03-09', null, '2026-03-10', '2026-03-13', 'overdue'],
    ['answered', '2026-03-09', '2026-03-09', '2026-03-10', '2026-03-13', 'met'],
    ['closed', '2026-03-09', '2026-03-10', '2026-03-20', '2026-03-25', 'missed'],
  ] as const)('%s due %s answered %s, today %s (near until %s) → %s', (state, dueOn, answeredOn, today, nearLimit, out) => {
    expect(deadlineStatus({ state, dueOn, answeredOn }, today, nearLimit)).toBe(out);
  });
});

describe('attachment names', () => {
  it.each([
    ['诊断证明.pdf', '诊断证明.pdf'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['a\u0000b\nc', 'a_b_c'],
    ['', 'attachment'],
    ['x'.repeat(300), 'x'.repeat(200)],
  ])('%j → %j', (raw, shown) => expect(safeFileName(raw)).toBe(shown));
});
