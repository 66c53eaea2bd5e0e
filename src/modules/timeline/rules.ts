/**
 * Timelines (issue 20 part 2), pure: a voucher's, a subsidy claim's and a rehabilitation case's steps, each with
 * the date it was done or — not done yet — the date expected by the real rules: the voucher's validity end,
 * the class's dates, the public notice of N working days on the subsidy module's calendar (its `noticePeriod`
 * and `isWorkingDay`, not re-implemented here), the disbursement batch's requested execution date or the first
 * working day a batch can take the claim, a rehabilitation stay's planned last day. A step that cannot happen
 * any more (refused, expired, withdrawn, revoked, failed) says so with its reason; the steps after it are skipped.
 * The facts are gathered by service.ts through the owning modules' faces.
 */
import { addDays, businessDate } from '../../lib/time.js';
import { isWorkingDay, noticePeriod, type CalendarDay } from '../subsidy/index.js';

export const STEP_STATES = ['done', 'current', 'expected', 'skipped', 'failed'] as const;
export type StepState = (typeof STEP_STATES)[number];

export const VOUCHER_STEPS = ['applied', 'registered', 'admitted', 'training', 'assessed', 'reviewed', 'notice', 'paid'] as const;
export const REHAB_STEPS = ['applied', 'eligibility', 'placement', 'admission', 'discharge'] as const;
export type StepKey = (typeof VOUCHER_STEPS)[number] | (typeof REHAB_STEPS)[number];

/**
 * What a step's date rests on, or why it ended (the web shows each in words): codes, never shown raw.
 */
export const STEP_NOTES = [
  // voucher and claim
  'register_within_validity', // 报名 within the voucher's validity
  'admitted_at_desk', // admitted at the provider's desk, no online registration
  'admission_by_opening_deadline', // subsidised admissions close with the opening report (N days before the start)
  'class_dates', // the class's start and end dates
  'after_class_end', // the assessment follows the class's end
  'claim_on_pass', // the claim is made when the pass is recorded
  'in_review', // an officer reviews the claim (reasons on the claim)
  'notice_working_days', // 公示 N working days, holidays skipped
  'notice_provisional', // … counted on a year whose holidays are not loaded yet (暂定)
  'objection_held', // an objection holds the claim for review
  'batch_after_notice', // the first batch after the notice: the first working day after its last day
  'batch_requested_date', // in a batch: the bank's requested execution date
  'batch_awaiting_approval', // in a batch not yet approved (maker–checker)
  'payment_failed', // the bank refused the payment; re-queued once the account is corrected
  'voucher_expired',
  'voucher_revoked',
  'registration_withdrawn',
  'assessment_failed',
  'claim_rejected',
  // rehabilitation
  'awaiting_worker', // the employer applied; the worker confirms
  'committee_decides', // the committee (市劳鉴委) decides the placement
  'material_requested',
  'rehab_refused',
  'rehab_withdrawn',
  'hospital_admits', // the designated hospital admits the worker
  'planned_days', // the stay's planned days (with any extension) from admission
  'discharged',
] as const;
export type StepNote = (typeof STEP_NOTES)[number];

export interface Step {
  key: StepKey;
  state: StepState;
  /** YYYY-MM-DD (Asia/Shanghai): the day done, or the day expected (`expected`), or null when no rule gives one. */
  date: string | null;
  expected: boolean;
  /** An expected date counted on a calendar year not loaded yet (shown as 暂定). */
  provisional: boolean;
  note: StepNote | null;
  /** The words a person gave (an officer's opinion, a revocation's or a bank's reason), shown as written. */
  reason: string | null;
}

const step = (key: StepKey, state: StepState, date: string | null, extra: Partial<Step> = {}): Step => ({
  key,
  state,
  date,
  expected: false,
  provisional: false,
  note: null,
  reason: null,
  ...extra,
});
const expectedStep = (key: StepKey, state: 'current' | 'expected', date: string | null, note: StepNote | null, extra: Partial<Step> = {}): Step =>
  step(key, state, date, { expected: date !== null, note, ...extra });

/** The first working day on or after `date` by the calendar. */
export function firstWorkingDayFrom(date: string, calendar: readonly CalendarDay[]): string {
  const overrides = new Map(calendar.map((c) => [c.date, c.kind] as const));
  let d = date;
  for (let guard = 0; !isWorkingDay(d, overrides); guard++) {
    if (guard > 400) throw new RangeError('calendar has no working days');
    d = addDays(d, 1);
  }
  return d;
}

/** The calendar as the notice counts on it (the subsidy module's `loadCalendar`). */
export interface CalendarFacts {
  days: readonly CalendarDay[];
  years: ReadonlySet<number>;
  noticeDays: number;
}

/**
 * The notice and the payment expected when the claim is (or would be) approved on `approvedOn`: the notice
 * starts the first working day after, runs `noticeDays` working days; the first batch can take the claim the
 * day after its last day, and batches are approved and executed on working days.
 */
export function expectedNoticeAndPayment(approvedOn: string, cal: CalendarFacts): { noticeLastDay: string; paidOn: string; provisional: boolean } {
  const p = noticePeriod(new Date(`${approvedOn}T12:00:00+08:00`), cal.noticeDays, cal.days, cal.years);
  return { noticeLastDay: p.lastDay, paidOn: firstWorkingDayFrom(p.payableFrom, cal.days), provisional: p.provisional };
}

// ------------------------------------------------------------------------------------------------ voucher

export interface VoucherEventFact {
  from: string | null;
  to: string;
  at: Date;
  reason: string | null;
}

export interface ClaimFacts {
  status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
  createdAt: Date;
  /** When the claim was approved or rejected (its event), null while in review. */
  decidedAt: Date | null;
  opinion: string | null;
  noticePublishedAt: Date | null;
  noticeLastDay: string | null;
  noticeProvisional: boolean;
  /** The live payment's batch: its status and the bank's requested execution date (set at approval). */
  batch: { status: string; requestedDate: string | null } | null;
  paidAt: Date | null;
  failReason: string | null;
}

export interface VoucherFacts {
  kind: 'subsidy' | 'checkin_only';
  status: string;
  issuedAt: Date;
  validFrom: string;
  validUntil: string;
  statusChangedAt: Date;
  events: readonly VoucherEventFact[];
  /** The latest registration for a class with this voucher (pending, admitted, cancelled, released). */
  registration: { at: Date; status: string; classStartDate: string; classEndDate: string } | null;
  /** The admission (the live one, status admitted; else the latest, withdrawn or cancelled). */
  admission: { at: Date; status: string; startDate: string; endDate: string } | null;
  /** Days before the class's start that subsidised admissions close (the programme's opening deadline). */
  openingDeadlineDays: number;
  result: { assessedOn: string; passed: boolean } | null;
  claim: ClaimFacts | null;
  calendar: CalendarFacts;
  today: string;
}

/** The voucher's end, when it ended before its subsidy was paid: expired, revoked, closed. */
function voucherEnd(f: VoucherFacts): { note: StepNote; date: string; reason: string | null } | null {
  const last = [...f.events].reverse().find((e) => e.to === f.status);
  const date = businessDate(last?.at ?? f.statusChangedAt);
  if (f.status === 'expired') return { note: 'voucher_expired', date, reason: null };
  if (f.status === 'revoked') return { note: 'voucher_revoked', date, reason: last?.reason ?? null };
  return null;
}

type VoucherEnd = NonNullable<ReturnType<typeof voucherEnd>>;

/** What 报名 and 录取 are decided on. */
interface Enrolment {
  f: VoucherFacts;
  end: VoucherEnd | null;
  /** The live admission (status admitted). */
  admission: NonNullable<VoucherFacts['admission']> | null;
  /** A registration still standing (pending, or admitted); a cancelled or released one is to be made again. */
  registration: NonNullable<VoucherFacts['registration']> | null;
  /** Past its admission, but the training module holds no admission (made before it kept them): done, no day. */
  pastAdmission: boolean;
}

const failAt = (key: StepKey, e: VoucherEnd): Step => step(key, 'failed', e.date, { note: e.note, reason: e.reason });

function registeredStep({ f, end, admission, registration, pastAdmission }: Enrolment): Step {
  if (registration) return step('registered', 'done', businessDate(registration.at));
  if (admission) return step('registered', 'done', businessDate(admission.at), { note: 'admitted_at_desk' });
  if (pastAdmission) return step('registered', 'done', null);
  if (end) return failAt('registered', end);
  return expectedStep('registered', 'current', f.validUntil, 'register_within_validity');
}

function admittedStep({ f, end, admission, registration, pastAdmission }: Enrolment, registered: Step): Step {
  if (admission) return step('admitted', 'done', businessDate(admission.at));
  if (pastAdmission) return step('admitted', 'done', null);
  if (end) return registered.state === 'failed' ? step('admitted', 'skipped', null) : failAt('admitted', end);
  if (registration?.status === 'pending')
    return expectedStep('admitted', 'current', addDays(registration.classStartDate, -f.openingDeadlineDays), 'admission_by_opening_deadline');
  if (f.admission || (f.registration && f.registration.status !== 'admitted')) return step('admitted', 'expected', null, { note: 'registration_withdrawn' });
  return step('admitted', 'expected', null);
}

/** 申领 → 报名 → 录取: the steps before the class. */
function beforeClass(f: VoucherFacts): Step[] {
  // 申领: the issue day, which is also the first day of validity (a voucher issued ahead of its validity shows the earlier)
  const issuedOn = businessDate(f.issuedAt);
  const admission = f.admission?.status === 'admitted' ? f.admission : null;
  const e: Enrolment = {
    f,
    end: voucherEnd(f),
    admission,
    registration: f.registration?.status === 'pending' || f.registration?.status === 'admitted' ? f.registration : null,
    pastAdmission: !admission && PAST_ADMISSION.has(f.status),
  };
  const registered = registeredStep(e);
  return [step('applied', 'done', f.validFrom < issuedOn ? f.validFrom : issuedOn), registered, admittedStep(e, registered)];
}

/** Voucher states after the training: the class is over for it. */
const AFTER_TRAINING: ReadonlySet<string> = new Set(['assessed', 'approved', 'settled', 'closed', 'completed']);

/** Voucher states after an admission. */
const PAST_ADMISSION: ReadonlySet<string> = new Set(['admitted', 'in_training', ...AFTER_TRAINING]);

/** The class's dates the later steps are expected from. */
type ClassDates = { startDate: string; endDate: string };

/**
 * The class the voucher is in (its live admission) or, registered and waiting for the provider to admit before
 * the class starts, the class it is registered for: the worker already knows those dates (预计, as the rest).
 */
function classOf(f: VoucherFacts, admission: VoucherFacts['admission']): ClassDates | null {
  if (admission) return admission;
  const r = f.registration;
  if (r?.status === 'pending' && f.today < r.classStartDate) return { startDate: r.classStartDate, endDate: r.classEndDate };
  return null;
}

/** 培训: the class's dates. */
function trainingStep(f: VoucherFacts, admission: ClassDates | null): Step {
  if (!admission) return AFTER_TRAINING.has(f.status) || f.result ? step('training', 'done', null) : step('training', 'expected', null);
  const { startDate, endDate } = admission;
  // past the class: its end date passed, or the voucher already moved on (assessed, completed …)
  if (f.today > endDate || f.result || f.claim || AFTER_TRAINING.has(f.status)) return step('training', 'done', endDate, { note: 'class_dates' });
  if (f.today >= startDate) return expectedStep('training', 'current', endDate, 'class_dates');
  return expectedStep('training', 'expected', startDate, 'class_dates');
}

/** 考核 → 审核 → 公示 → 到账 once the class is known. */
function afterClass(f: VoucherFacts, training: Step, cls: ClassDates | null): Step[] {
  const c = f.claim;
  const endDate = cls?.endDate ?? null;
  // 考核
  let assessed: Step;
  if (f.result)
    assessed = f.result.passed ? step('assessed', 'done', f.result.assessedOn) : step('assessed', 'failed', f.result.assessedOn, { note: 'assessment_failed' });
  else if (endDate)
    assessed = expectedStep('assessed', training.state === 'done' ? 'current' : 'expected', endDate < f.today ? f.today : endDate, 'after_class_end');
  else assessed = step('assessed', 'expected', null);
  if (assessed.state === 'failed') return [assessed, step('reviewed', 'skipped', null), step('notice', 'skipped', null), step('paid', 'skipped', null)];
  // 审核: the claim is made when the pass is recorded, and decided (automatically when every rule holds) the same day at the earliest
  let reviewed: Step;
  let approvedOn: string | null = null; // the day the notice counts from (done or expected)
  if (!c) {
    approvedOn = assessed.date;
    reviewed = expectedStep('reviewed', assessed.state === 'done' ? 'current' : 'expected', assessed.date, 'claim_on_pass');
  } else if (c.status === 'in_review') {
    approvedOn = f.today;
    reviewed = step('reviewed', 'current', null, { note: 'in_review' });
  } else if (c.status === 'rejected') {
    return [
      assessed,
      step('reviewed', 'failed', c.decidedAt ? businessDate(c.decidedAt) : null, { note: 'claim_rejected', reason: c.opinion }),
      step('notice', 'skipped', null),
      step('paid', 'skipped', null),
    ];
  } else {
    reviewed = step('reviewed', 'done', businessDate(c.decidedAt ?? c.noticePublishedAt ?? c.createdAt));
  }
  return [assessed, reviewed, ...noticeAndPayment(f, c, approvedOn)];
}

/** 公示 and 到账: from the claim as it stands, or expected from the day it would be approved. */
function noticeAndPayment(f: VoucherFacts, c: ClaimFacts | null, approvedOn: string | null): Step[] {
  const cal = f.calendar;
  if (!c || c.status === 'in_review' || !c.noticeLastDay) {
    if (!approvedOn) return [step('notice', 'expected', null, { note: 'notice_working_days' }), step('paid', 'expected', null, { note: 'batch_after_notice' })];
    const e = expectedNoticeAndPayment(approvedOn, cal);
    return [
      expectedStep('notice', 'expected', e.noticeLastDay, 'notice_working_days', { provisional: e.provisional }),
      expectedStep('paid', 'expected', e.paidOn, 'batch_after_notice', { provisional: e.provisional }),
    ];
  }
  const lastDay = c.noticeLastDay;
  const noticeDone = f.today > lastDay && c.status !== 'held';
  const notice =
    c.status === 'held'
      ? step('notice', 'current', null, { note: 'objection_held' })
      : noticeDone
        ? step('notice', 'done', lastDay, { note: 'notice_working_days' })
        : expectedStep('notice', 'current', lastDay, c.noticeProvisional ? 'notice_provisional' : 'notice_working_days', { provisional: c.noticeProvisional });
  return [notice, paymentStep(f, c, lastDay, noticeDone)];
}

function paymentStep(f: VoucherFacts, c: ClaimFacts, noticeLastDay: string, noticeDone: boolean): Step {
  const cal = f.calendar;
  if (c.status === 'paid') return step('paid', 'done', c.paidAt ? businessDate(c.paidAt) : null);
  if (c.status === 'failed') return step('paid', 'failed', null, { note: 'payment_failed', reason: c.failReason });
  if (c.status === 'held') return step('paid', 'expected', null, { note: 'objection_held' });
  if (c.status === 'in_batch' && c.batch) {
    if (c.batch.requestedDate) {
      const on = c.batch.requestedDate < f.today ? firstWorkingDayFrom(f.today, cal.days) : c.batch.requestedDate;
      return expectedStep('paid', 'current', on, 'batch_requested_date');
    }
    // made but not approved yet: approved (and executed) on a working day, today at the earliest
    return expectedStep('paid', 'current', firstWorkingDayFrom(f.today, cal.days), 'batch_awaiting_approval');
  }
  // approved: the first batch after the notice, on a working day, today at the earliest
  const from = addDays(noticeLastDay, 1) > f.today ? addDays(noticeLastDay, 1) : f.today;
  return expectedStep('paid', noticeDone ? 'current' : 'expected', firstWorkingDayFrom(from, cal.days), 'batch_after_notice', {
    provisional: c.noticeProvisional,
  });
}

/** A voucher's (and its claim's) steps: 申领 → 报名 → 录取 → 培训 → 考核 → 审核 → 公示 → 到账 (a check-in-only voucher: up to 培训). */
export function voucherTimeline(f: VoucherFacts): Step[] {
  const first = beforeClass(f);
  const ended = first.some((s) => s.state === 'failed');
  const cls = classOf(f, f.admission?.status === 'admitted' ? f.admission : null);
  const training = ended ? step('training', 'skipped', null) : trainingStep(f, cls);
  if (f.kind === 'checkin_only') return [...first, training];
  if (ended) return [...first, training, ...(['assessed', 'reviewed', 'notice', 'paid'] as const).map((k) => step(k, 'skipped', null))];
  const rest = afterClass(f, training, cls);
  return settleStates([...first, training, ...rest]);
}

/** Only one step is current: the first not done; those after it that claim 'current' are expected. */
function settleStates(steps: Step[]): Step[] {
  let seenCurrent = false;
  return steps.map((s) => {
    if (s.state !== 'current') return s;
    if (seenCurrent) return { ...s, state: 'expected' };
    seenCurrent = true;
    return s;
  });
}

// -------------------------------------------------------------------------------------------------- rehab

export interface RehabFacts {
  status: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
  appliedAt: Date;
  submittedAt: Date | null;
  /** The decision in force that placed or refused (not a superseded one), with its reason. */
  decision: { outcome: 'place' | 'refuse'; at: Date; reason: string } | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  admittedAt: Date | null;
  plannedLastDay: string | null;
  dischargedAt: Date | null;
}

/** A rehabilitation case's steps: 申请 → 资格审核 → 委员会安排 → 入院 → 出院/结案. */
export function rehabTimeline(f: RehabFacts): Step[] {
  const out: Step[] = [step('applied', 'done', businessDate(f.appliedAt))];
  const withdrawn = (key: StepKey): Step =>
    step(key, 'failed', f.withdrawnAt ? businessDate(f.withdrawnAt) : null, { note: 'rehab_withdrawn', reason: f.withdrawReason });
  const rest = (keys: readonly StepKey[]): Step[] => keys.map((k) => step(k, 'skipped', null));
  // 资格审核: the eligibility checked when the application is submitted (an employer's, once the worker confirms)
  if (f.submittedAt) out.push(step('eligibility', 'done', businessDate(f.submittedAt)));
  else if (f.status === 'withdrawn') return [...out, withdrawn('eligibility'), ...rest(['placement', 'admission', 'discharge'])];
  else
    return [
      ...out,
      step('eligibility', 'current', null, { note: 'awaiting_worker' }),
      ...(['placement', 'admission', 'discharge'] as const).map((k) => step(k, 'expected', null)),
    ];
  // 委员会安排
  if (f.status === 'withdrawn') return [...out, withdrawn('placement'), ...rest(['admission', 'discharge'])];
  if (f.status === 'refused')
    return [
      ...out,
      step('placement', 'failed', f.decision ? businessDate(f.decision.at) : null, { note: 'rehab_refused', reason: f.decision?.reason ?? null }),
      ...rest(['admission', 'discharge']),
    ];
  if (f.status === 'submitted' || f.status === 'material_requested')
    return [
      ...out,
      step('placement', 'current', null, { note: f.status === 'material_requested' ? 'material_requested' : 'committee_decides' }),
      step('admission', 'expected', null),
      step('discharge', 'expected', null),
    ];
  out.push(step('placement', 'done', f.decision ? businessDate(f.decision.at) : null));
  // 入院
  if (!f.admittedAt) return [...out, step('admission', 'current', null, { note: 'hospital_admits' }), step('discharge', 'expected', null)];
  out.push(step('admission', 'done', businessDate(f.admittedAt)));
  // 出院/结案
  if (f.dischargedAt) out.push(step('discharge', 'done', businessDate(f.dischargedAt), { note: 'discharged' }));
  else out.push(expectedStep('discharge', 'current', f.plannedLastDay, 'planned_days'));
  return out;
}
