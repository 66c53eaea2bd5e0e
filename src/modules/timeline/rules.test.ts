/** The timeline rules, table-driven, on the real 2025–2026 holiday calendar shipped with the subsidy module. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCalendarCsv } from '../subsidy/rules.js';
import {
  expectedNoticeAndPayment,
  firstWorkingDayFrom,
  rehabTimeline,
  voucherTimeline,
  type CalendarFacts,
  type RehabFacts,
  type Step,
  type VoucherFacts,
} from './rules.js';

const csv = parseCalendarCsv(readFileSync(new URL('../subsidy/data/holidays-cn.csv', import.meta.url), 'utf8'));
if (!csv.ok) throw new Error('the shipped calendar does not parse');
const CAL: CalendarFacts = { days: csv.days, years: new Set(csv.years), noticeDays: 5 };
const at = (d: string, hm = '09:00'): Date => new Date(`${d}T${hm}:00+08:00`);

describe('expected notice and payment (5 working days on the holiday calendar)', () => {
  it.each([
    // approved on → notice's last day, first payment day
    ['an ordinary week: Mon → next Mon, paid Tue', '2026-06-01', '2026-06-08', '2026-06-09'],
    ['approved on a Friday: counts from Monday', '2026-06-05', '2026-06-12', '2026-06-15'],
    ['approved on a Saturday: counts from Monday', '2026-06-06', '2026-06-12', '2026-06-15'],
    // 2026: 09-25 (Fri) 中秋 off, 10-01..07 国庆 off, 10-10 (Sat) a make-up working day
    ['before 国庆: lands after the holiday, the make-up Saturday counts', '2026-09-28', '2026-10-10', '2026-10-12'],
    ['before 中秋 and 国庆: 09-25 and 10-01..07 skipped; paid on the make-up Saturday 10-10', '2026-09-24', '2026-10-09', '2026-10-10'],
    ['approved during 国庆: counts from 10-08, the make-up Saturday included', '2026-10-03', '2026-10-13', '2026-10-14'],
    ['notice ending on a Friday before a weekend: paid the Monday', '2026-06-04', '2026-06-11', '2026-06-12'],
  ] as const)('%s', (_name, approvedOn, lastDay, paidOn) => {
    const e = expectedNoticeAndPayment(approvedOn, CAL);
    expect(e).toEqual({ noticeLastDay: lastDay, paidOn, provisional: false });
  });

  it('past the last loaded year the dates are provisional (暂定)', () => {
    const e = expectedNoticeAndPayment('2027-03-01', CAL);
    expect(e.provisional).toBe(true);
    expect(e.noticeLastDay).toBe('2027-03-08');
  });

  it.each([
    ['a working day is itself', '2026-06-10', '2026-06-10'],
    ['a Sunday → Monday', '2026-06-14', '2026-06-15'],
    ['a make-up Saturday works', '2026-10-10', '2026-10-10'],
    ['国庆 → the first day after', '2026-10-01', '2026-10-08'],
  ] as const)('first working day: %s', (_n, from, expected) => expect(firstWorkingDayFrom(from, CAL.days)).toBe(expected));
});

const base: VoucherFacts = {
  kind: 'subsidy',
  status: 'issued',
  issuedAt: at('2026-06-01'),
  validFrom: '2026-06-01',
  validUntil: '2026-08-31',
  statusChangedAt: at('2026-06-01'),
  events: [],
  registration: null,
  admission: null,
  openingDeadlineDays: 3,
  result: null,
  claim: null,
  calendar: CAL,
  today: '2026-06-03',
};
const admitted = { at: at('2026-06-05'), status: 'admitted', startDate: '2026-06-15', endDate: '2026-06-26' };
const claim = (over: Partial<NonNullable<VoucherFacts['claim']>> = {}): NonNullable<VoucherFacts['claim']> => ({
  status: 'approved',
  createdAt: at('2026-06-29', '10:00'),
  decidedAt: at('2026-06-29', '10:00'),
  opinion: null,
  noticePublishedAt: at('2026-06-29', '10:00'),
  noticeLastDay: '2026-07-06',
  noticeProvisional: false,
  batch: null,
  paidAt: null,
  failReason: null,
  ...over,
});
const byKeyOf = (steps: Step[]): Record<string, Step> => Object.fromEntries(steps.map((s) => [s.key, s]));
const show = (steps: Step[]): string[] => steps.map((s) => `${s.key}:${s.state}:${s.date ?? '-'}${s.expected ? '?' : ''}${s.note ? `:${s.note}` : ''}`);

describe('voucherTimeline', () => {
  it.each<[string, Partial<VoucherFacts>, string[]]>([
    [
      'issued, nothing else: register within the validity; the rest has no date yet',
      {},
      [
        'applied:done:2026-06-01',
        'registered:current:2026-08-31?:register_within_validity',
        'admitted:expected:-',
        'training:expected:-',
        'assessed:expected:-',
        'reviewed:expected:-:claim_on_pass',
        'notice:expected:-:notice_working_days',
        'paid:expected:-:batch_after_notice',
      ],
    ],
    [
      'registered: admission closes with the opening report (3 days before the start)',
      { registration: { at: at('2026-06-02'), status: 'pending', classStartDate: '2026-06-15', classEndDate: '2026-06-26' } },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-02',
        'admitted:current:2026-06-12?:admission_by_opening_deadline',
        // the class registered for gives the later dates already (the same as once admitted)
        'training:expected:2026-06-15?:class_dates',
        'assessed:expected:2026-06-26?:after_class_end',
        'reviewed:expected:2026-06-26?:claim_on_pass',
        'notice:expected:2026-07-03?:notice_working_days',
        'paid:expected:2026-07-06?:batch_after_notice',
      ],
    ],
    [
      'registered, the class started without an admission: no date rests on that class any more',
      { registration: { at: at('2026-06-02'), status: 'pending', classStartDate: '2026-06-15', classEndDate: '2026-06-26' }, today: '2026-06-16' },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-02',
        'admitted:current:2026-06-12?:admission_by_opening_deadline',
        'training:expected:-',
        'assessed:expected:-',
        'reviewed:expected:-:claim_on_pass',
        'notice:expected:-:notice_working_days',
        'paid:expected:-:batch_after_notice',
      ],
    ],
    [
      'admitted at the desk, class ahead: every later date from the class end and the calendar',
      { status: 'admitted', admission: admitted, today: '2026-06-08' },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-05:admitted_at_desk',
        'admitted:done:2026-06-05',
        'training:expected:2026-06-15?:class_dates',
        'assessed:expected:2026-06-26?:after_class_end',
        'reviewed:expected:2026-06-26?:claim_on_pass',
        'notice:expected:2026-07-03?:notice_working_days',
        'paid:expected:2026-07-06?:batch_after_notice',
      ],
    ],
    [
      'in training: the class ends on its end date',
      { status: 'in_training', admission: admitted, today: '2026-06-20' },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-05:admitted_at_desk',
        'admitted:done:2026-06-05',
        'training:current:2026-06-26?:class_dates',
        'assessed:expected:2026-06-26?:after_class_end',
        'reviewed:expected:2026-06-26?:claim_on_pass',
        'notice:expected:2026-07-03?:notice_working_days',
        'paid:expected:2026-07-06?:batch_after_notice',
      ],
    ],
    [
      'class ended, no result yet: the assessment from today on',
      { status: 'in_training', admission: admitted, today: '2026-06-30' },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-05:admitted_at_desk',
        'admitted:done:2026-06-05',
        'training:done:2026-06-26:class_dates',
        'assessed:current:2026-06-30?:after_class_end',
        'reviewed:expected:2026-06-30?:claim_on_pass',
        'notice:expected:2026-07-07?:notice_working_days',
        'paid:expected:2026-07-08?:batch_after_notice',
      ],
    ],
    [
      'approved, notice running: the notice’s last day and the first batch after it',
      { status: 'approved', admission: admitted, result: { assessedOn: '2026-06-29', passed: true }, claim: claim(), today: '2026-07-01' },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-05:admitted_at_desk',
        'admitted:done:2026-06-05',
        'training:done:2026-06-26:class_dates',
        'assessed:done:2026-06-29',
        'reviewed:done:2026-06-29',
        'notice:current:2026-07-06?:notice_working_days',
        'paid:expected:2026-07-07?:batch_after_notice',
      ],
    ],
    [
      'approved, notice ended, no batch yet: paid from the next working day',
      { status: 'approved', admission: admitted, result: { assessedOn: '2026-06-29', passed: true }, claim: claim(), today: '2026-07-11' },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-05:admitted_at_desk',
        'admitted:done:2026-06-05',
        'training:done:2026-06-26:class_dates',
        'assessed:done:2026-06-29',
        'reviewed:done:2026-06-29',
        'notice:done:2026-07-06:notice_working_days',
        'paid:current:2026-07-13?:batch_after_notice',
      ],
    ],
    [
      'in an approved batch: the bank’s requested execution date',
      {
        status: 'approved',
        admission: admitted,
        result: { assessedOn: '2026-06-29', passed: true },
        claim: claim({ status: 'in_batch', batch: { status: 'file_ready', requestedDate: '2026-07-08' } }),
        today: '2026-07-08',
      },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-05:admitted_at_desk',
        'admitted:done:2026-06-05',
        'training:done:2026-06-26:class_dates',
        'assessed:done:2026-06-29',
        'reviewed:done:2026-06-29',
        'notice:done:2026-07-06:notice_working_days',
        'paid:current:2026-07-08?:batch_requested_date',
      ],
    ],
    [
      'paid',
      {
        status: 'settled',
        admission: admitted,
        result: { assessedOn: '2026-06-29', passed: true },
        claim: claim({ status: 'paid', paidAt: at('2026-07-09', '15:00') }),
        today: '2026-07-20',
      },
      [
        'applied:done:2026-06-01',
        'registered:done:2026-06-05:admitted_at_desk',
        'admitted:done:2026-06-05',
        'training:done:2026-06-26:class_dates',
        'assessed:done:2026-06-29',
        'reviewed:done:2026-06-29',
        'notice:done:2026-07-06:notice_working_days',
        'paid:done:2026-07-09',
      ],
    ],
  ])('%s', (_name, over, expected) => {
    expect(show(voucherTimeline({ ...base, ...over }))).toEqual(expected);
  });

  it('an approval before 国庆: the notice lands after the holiday and the payment on the next working day', () => {
    const steps = voucherTimeline({
      ...base,
      status: 'in_training',
      admission: { ...admitted, startDate: '2026-09-01', endDate: '2026-09-28' },
      today: '2026-09-28',
    });
    const by = Object.fromEntries(steps.map((s) => [s.key, s]));
    expect(by.notice).toMatchObject({ date: '2026-10-10', expected: true, note: 'notice_working_days' });
    expect(by.paid).toMatchObject({ date: '2026-10-12', expected: true, note: 'batch_after_notice' });
  });

  it.each<[string, Partial<VoucherFacts>, string[]]>([
    [
      'expired before registering: failed at 报名 with the day, the rest skipped',
      { status: 'expired', statusChangedAt: at('2026-09-01', '00:10'), today: '2026-09-02' },
      [
        'applied:done',
        'registered:failed:voucher_expired',
        'admitted:skipped',
        'training:skipped',
        'assessed:skipped',
        'reviewed:skipped',
        'notice:skipped',
        'paid:skipped',
      ],
    ],
    [
      'revoked after registering: failed at 录取 with the officer’s reason',
      {
        status: 'revoked',
        registration: { at: at('2026-06-02'), status: 'pending', classStartDate: '2026-06-15', classEndDate: '2026-06-26' },
        events: [{ from: 'issued', to: 'revoked', at: at('2026-06-04'), reason: '重复发放' }],
      },
      [
        'applied:done',
        'registered:done',
        'admitted:failed:voucher_revoked',
        'training:skipped',
        'assessed:skipped',
        'reviewed:skipped',
        'notice:skipped',
        'paid:skipped',
      ],
    ],
    [
      'admission withdrawn before the roster deadline: the voucher is issued again, 报名 to be made again',
      {
        registration: { at: at('2026-06-02'), status: 'released', classStartDate: '2026-06-15', classEndDate: '2026-06-26' },
        admission: { ...admitted, status: 'withdrawn' },
      },
      [
        'applied:done',
        'registered:current:register_within_validity',
        'admitted:expected:registration_withdrawn',
        'training:expected',
        'assessed:expected',
        'reviewed:expected',
        'notice:expected',
        'paid:expected',
      ],
    ],
    [
      'assessment failed: the claim steps skipped',
      { status: 'closed', admission: admitted, result: { assessedOn: '2026-06-29', passed: false }, today: '2026-07-01' },
      [
        'applied:done',
        'registered:done',
        'admitted:done',
        'training:done',
        'assessed:failed:assessment_failed',
        'reviewed:skipped',
        'notice:skipped',
        'paid:skipped',
      ],
    ],
    [
      'claim rejected: failed at 审核 with the opinion',
      {
        status: 'closed',
        admission: admitted,
        result: { assessedOn: '2026-06-29', passed: true },
        claim: claim({ status: 'rejected', opinion: '出勤不足', noticePublishedAt: null, noticeLastDay: null }),
        today: '2026-07-01',
      },
      [
        'applied:done',
        'registered:done',
        'admitted:done',
        'training:done',
        'assessed:done',
        'reviewed:failed:claim_rejected',
        'notice:skipped',
        'paid:skipped',
      ],
    ],
    [
      'payment failed: failed at 到账 with the bank’s reason',
      {
        status: 'approved',
        admission: admitted,
        result: { assessedOn: '2026-06-29', passed: true },
        claim: claim({ status: 'failed', failReason: 'AC04 账户已销户' }),
        today: '2026-07-10',
      },
      ['applied:done', 'registered:done', 'admitted:done', 'training:done', 'assessed:done', 'reviewed:done', 'notice:done', 'paid:failed:payment_failed'],
    ],
    [
      'an objection holds the claim: the notice is current without a date',
      { status: 'approved', admission: admitted, result: { assessedOn: '2026-06-29', passed: true }, claim: claim({ status: 'held' }), today: '2026-07-02' },
      [
        'applied:done',
        'registered:done',
        'admitted:done',
        'training:done',
        'assessed:done',
        'reviewed:done',
        'notice:current:objection_held',
        'paid:expected:objection_held',
      ],
    ],
    [
      'in review: current, the notice counted from today',
      {
        status: 'assessed',
        admission: admitted,
        result: { assessedOn: '2026-06-29', passed: true },
        claim: claim({ status: 'in_review', decidedAt: null, noticePublishedAt: null, noticeLastDay: null }),
        today: '2026-07-01',
      },
      ['applied:done', 'registered:done', 'admitted:done', 'training:done', 'assessed:done', 'reviewed:current:in_review', 'notice:expected', 'paid:expected'],
    ],
    [
      'a check-in-only voucher stops at 培训',
      { kind: 'checkin_only', status: 'completed', admission: admitted, today: '2026-07-01' },
      ['applied:done', 'registered:done', 'admitted:done', 'training:done'],
    ],
  ])('%s', (_name, over, expected) => {
    const steps = voucherTimeline({ ...base, ...over });
    expect(
      steps
        .map((s) => [s.key, s.state, s.note].filter(Boolean).join(':'))
        .map((x) => x.replace(/:admitted_at_desk|:class_dates|:notice_working_days|:batch_after_notice|:after_class_end|:claim_on_pass/, '')),
    ).toEqual(expected);
    const ended = steps.find((s) => s.state === 'failed');
    if (over.status === 'revoked') expect(ended?.reason).toBe('重复发放');
    if (over.claim?.status === 'rejected') expect(ended).toMatchObject({ reason: '出勤不足', date: '2026-06-29' });
    if (over.claim?.status === 'failed') expect(ended?.reason).toBe('AC04 账户已销户');
    if (over.status === 'expired') expect(ended?.date).toBe('2026-09-01');
  });

  it('a notice counted on a year whose holidays are not loaded: 暂定, and the payment with it', () => {
    const steps = byKeyOf(
      voucherTimeline({
        ...base,
        status: 'approved',
        admission: admitted,
        result: { assessedOn: '2026-06-29', passed: true },
        claim: claim({ noticeLastDay: '2027-01-05', noticeProvisional: true }),
        today: '2026-12-30',
      }),
    );
    expect(steps.notice).toMatchObject({ state: 'current', date: '2027-01-05', provisional: true, note: 'notice_provisional' });
    expect(steps.paid).toMatchObject({ state: 'expected', date: '2027-01-06', provisional: true });
  });

  it('a batch made but not approved yet: paid on a working day once approved, today at the earliest', () => {
    const steps = byKeyOf(
      voucherTimeline({
        ...base,
        status: 'approved',
        admission: admitted,
        result: { assessedOn: '2026-06-29', passed: true },
        claim: claim({ status: 'in_batch', batch: { status: 'draft', requestedDate: null } }),
        today: '2026-07-11', // a Saturday
      }),
    );
    expect(steps.paid).toMatchObject({ state: 'current', date: '2026-07-13', note: 'batch_awaiting_approval' });
  });

  it('a voucher past its admission without an admission record: those steps done without a day, the rest from the claim', () => {
    const steps = voucherTimeline({ ...base, status: 'approved', result: { assessedOn: '2026-06-29', passed: true }, claim: claim(), today: '2026-07-01' });
    expect(show(steps)).toEqual([
      'applied:done:2026-06-01',
      'registered:done:-',
      'admitted:done:-',
      'training:done:-',
      'assessed:done:2026-06-29',
      'reviewed:done:2026-06-29',
      'notice:current:2026-07-06?:notice_working_days',
      'paid:expected:2026-07-07?:batch_after_notice',
    ]);
  });

  it('one step at most is current', () => {
    for (const today of ['2026-06-03', '2026-06-20', '2026-06-30', '2026-07-02', '2026-07-20'])
      expect(voucherTimeline({ ...base, status: 'in_training', admission: admitted, today }).filter((s) => s.state === 'current').length).toBeLessThanOrEqual(
        1,
      );
  });
});

const rehabBase: RehabFacts = {
  status: 'submitted',
  appliedAt: at('2026-06-01'),
  submittedAt: at('2026-06-01'),
  decision: null,
  withdrawnAt: null,
  withdrawReason: null,
  admittedAt: null,
  plannedLastDay: null,
  dischargedAt: null,
};

describe('rehabTimeline', () => {
  it.each<[string, Partial<RehabFacts>, string[]]>([
    [
      'the employer applied: the worker confirms',
      { status: 'awaiting_worker', submittedAt: null },
      ['applied:done:2026-06-01', 'eligibility:current:-:awaiting_worker', 'placement:expected:-', 'admission:expected:-', 'discharge:expected:-'],
    ],
    [
      'submitted: the committee decides',
      {},
      ['applied:done:2026-06-01', 'eligibility:done:2026-06-01', 'placement:current:-:committee_decides', 'admission:expected:-', 'discharge:expected:-'],
    ],
    [
      'material requested',
      { status: 'material_requested' },
      ['applied:done:2026-06-01', 'eligibility:done:2026-06-01', 'placement:current:-:material_requested', 'admission:expected:-', 'discharge:expected:-'],
    ],
    [
      'refused: failed at 委员会安排, the rest skipped',
      { status: 'refused', decision: { outcome: 'refuse', at: at('2026-06-05'), reason: '病情不稳定' } },
      ['applied:done:2026-06-01', 'eligibility:done:2026-06-01', 'placement:failed:2026-06-05:rehab_refused', 'admission:skipped:-', 'discharge:skipped:-'],
    ],
    [
      'withdrawn before the decision',
      { status: 'withdrawn', withdrawnAt: at('2026-06-03'), withdrawReason: '已返岗' },
      ['applied:done:2026-06-01', 'eligibility:done:2026-06-01', 'placement:failed:2026-06-03:rehab_withdrawn', 'admission:skipped:-', 'discharge:skipped:-'],
    ],
    [
      'withdrawn before confirming',
      { status: 'withdrawn', submittedAt: null, withdrawnAt: at('2026-06-02'), withdrawReason: '不需要' },
      ['applied:done:2026-06-01', 'eligibility:failed:2026-06-02:rehab_withdrawn', 'placement:skipped:-', 'admission:skipped:-', 'discharge:skipped:-'],
    ],
    [
      'placed: the hospital admits',
      { status: 'placed', decision: { outcome: 'place', at: at('2026-06-05'), reason: '按意愿' } },
      ['applied:done:2026-06-01', 'eligibility:done:2026-06-01', 'placement:done:2026-06-05', 'admission:current:-:hospital_admits', 'discharge:expected:-'],
    ],
    [
      'admitted: the planned last day is the expected discharge',
      {
        status: 'admitted',
        decision: { outcome: 'place', at: at('2026-06-05'), reason: '按意愿' },
        admittedAt: at('2026-06-08'),
        plannedLastDay: '2026-07-07',
      },
      [
        'applied:done:2026-06-01',
        'eligibility:done:2026-06-01',
        'placement:done:2026-06-05',
        'admission:done:2026-06-08',
        'discharge:current:2026-07-07?:planned_days',
      ],
    ],
    [
      'discharged',
      {
        status: 'discharged',
        decision: { outcome: 'place', at: at('2026-06-05'), reason: '按意愿' },
        admittedAt: at('2026-06-08'),
        plannedLastDay: '2026-07-07',
        dischargedAt: at('2026-07-03', '16:00'),
      },
      [
        'applied:done:2026-06-01',
        'eligibility:done:2026-06-01',
        'placement:done:2026-06-05',
        'admission:done:2026-06-08',
        'discharge:done:2026-07-03:discharged',
      ],
    ],
  ])('%s', (_name, over, expected) => {
    const steps = rehabTimeline({ ...rehabBase, ...over });
    expect(show(steps)).toEqual(expected);
    if (over.withdrawReason) expect(steps.find((s) => s.state === 'failed')?.reason).toBe(over.withdrawReason);
    if (over.decision?.outcome === 'refuse') expect(steps.find((s) => s.state === 'failed')?.reason).toBe('病情不稳定');
  });

  it('a late-evening instant is dated by the Shanghai day', () => {
    const steps = rehabTimeline({ ...rehabBase, appliedAt: new Date('2026-06-01T16:30:00Z') }); // 00:30 on 06-02 in Shanghai
    expect(steps[0]!.date).toBe('2026-06-02');
  });
});
