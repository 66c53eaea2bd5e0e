/**
 * The appeal's rules (申诉), pure: the kinds, the state machine, the deadline of 15 working days counted on the
 * subsidy module's working-day calendar (its `noticePeriod`: the first working day after the submission is day 1),
 * whether a deadline is near (≤ 3 working days left) or passed; the attachments' limits (their type is decided by
 * rehab's `sniffType`, the platform's one check of PDF / JPEG / PNG by their first bytes).
 */
import { noticePeriod, type CalendarDay } from '../subsidy/index.js';

export const APPEAL_KINDS = ['claim', 'check_in', 'voucher_application', 'rehab_refusal'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

export const APPEAL_STATES = ['submitted', 'in_progress', 'answered', 'closed'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export const APPEAL_ACTIONS = ['take', 'uphold', 'overturn', 'close'] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

/**
 * submitted ─take (受理)─▶ in_progress ─uphold (维持原决定) | overturn (撤销原决定)─▶ answered ─close (办结)─▶ closed.
 * Nothing else: an answer needs the appeal taken first, a closed appeal never moves again.
 */
const TRANSITIONS: Readonly<Record<AppealAction, { from: AppealState; to: AppealState }>> = {
  take: { from: 'submitted', to: 'in_progress' },
  uphold: { from: 'in_progress', to: 'answered' },
  overturn: { from: 'in_progress', to: 'answered' },
  close: { from: 'answered', to: 'closed' },
};

/** The state after the action, or null when the action does not apply in that state. */
export function nextAppealState(from: AppealState, action: AppealAction): AppealState | null {
  const t = TRANSITIONS[action];
  return t.from === from ? t.to : null;
}

/** States in which the appeal waits for an officer (the deadline runs). */
export const AWAITING_OFFICER: readonly AppealState[] = ['submitted', 'in_progress'];

/** 15 working days to answer (the 办理时限). */
export const APPEAL_WORKING_DAYS = 15;
/** A deadline within this many working days is near: the officers' to-do. */
export const NEAR_WORKING_DAYS = 3;

/** The answer's due date: the 15th working day after the submission (provisional past the calendar's loaded years). */
export function appealDeadline(
  submittedAt: Date,
  calendar: readonly CalendarDay[],
  loadedYears?: ReadonlySet<number>,
): { dueOn: string; provisional: boolean } {
  const p = noticePeriod(submittedAt, APPEAL_WORKING_DAYS, calendar, loadedYears);
  return { dueOn: p.lastDay, provisional: p.provisional };
}

/** The last date still "near" as of `now`: the 3rd working day after today. A due date on or before it is near. */
export function nearUntil(now: Date, calendar: readonly CalendarDay[]): string {
  return noticePeriod(now, NEAR_WORKING_DAYS, calendar).lastDay;
}

export type DeadlineStatus = 'ok' | 'near' | 'overdue' | 'met' | 'missed';

/**
 * Where an appeal stands against its deadline: waiting for an officer → overdue (today after the due date), near
 * (due on or before `nearLimit`), ok; answered → met or missed (answered on a date after the due date).
 */
export function deadlineStatus(a: { state: AppealState; dueOn: string; answeredOn: string | null }, today: string, nearLimit: string): DeadlineStatus {
  if (!AWAITING_OFFICER.includes(a.state)) return a.answeredOn !== null && a.answeredOn > a.dueOn ? 'missed' : 'met';
  if (today > a.dueOn) return 'overdue';
  return a.dueOn <= nearLimit ? 'near' : 'ok';
}

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_MAX = 5;
/** The file name as shown: no path separators or control characters, at most 200 characters. */
export const safeFileName = (raw: string): string =>
  Array.from(raw, (ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch))
    .join('')
    .slice(0, 200) || 'attachment';
