/**
 * Timelines: the facts of a voucher, a claim or a rehabilitation case gathered through the owning modules'
 * faces (never their tables), each behind the owner's own scoped read (another scope's → 404, as its detail
 * route), then one pure rule (rules.ts) per kind.
 */
import type { z } from 'zod';
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { businessDate } from '../../lib/time.js';
import * as assessment from '../assessment/index.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as rehab from '../rehab/index.js';
import * as subsidy from '../subsidy/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { rehabTimeline, voucherTimeline, type CalendarFacts, type RehabFacts, type VoucherFacts } from './rules.js';
import type { TimelineSchema } from './schemas.js';

export type Timeline = z.infer<typeof TimelineSchema>;

const DEFAULT_OPENING_DEADLINE_DAYS = 3;

async function calendarFacts(q: Queryable): Promise<CalendarFacts> {
  const cal = await subsidy.loadCalendar(q);
  return { days: cal.days, years: cal.years, noticeDays: subsidy.NOTICE_WORKING_DAYS };
}

/** The facts of one voucher (the caller has checked its scope): its history, class, result, claim, calendar. */
async function voucherFacts(q: Queryable, v: vouchers.Voucher, claim: subsidy.ClaimTimelineFacts | null, now: Date): Promise<VoucherFacts> {
  const [events, train, results, programme, calendar] = await Promise.all([
    vouchers.eventsOfVoucher(q, v),
    training.trainingOfPerson(q, v.personId),
    assessment.resultsOfPerson(q, v.personId),
    v.programmeId ? catalog.getProgramme(q, v.programmeId) : Promise.resolve(null),
    calendarFacts(q),
  ]);
  const mine = train.filter((t) => t.voucherId === v.id);
  const registration = mine.filter((t) => t.kind === 'registration').at(-1) ?? null;
  const admissions = mine.filter((t) => t.kind === 'admission');
  const admission = admissions.filter((a) => a.status === 'admitted').at(-1) ?? admissions.at(-1) ?? null;
  const result = results.filter((r) => r.voucherId === v.id).at(-1) ?? null;
  return {
    kind: v.kind,
    status: v.status,
    issuedAt: v.issuedAt,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    statusChangedAt: v.statusChangedAt,
    events: events.map((e) => ({ from: e.from, to: e.to, at: new Date(e.at), reason: e.reason })),
    registration: registration
      ? { at: registration.at, status: registration.status, classStartDate: registration.startDate, classEndDate: registration.endDate }
      : null,
    admission: admission ? { at: admission.at, status: admission.status, startDate: admission.startDate, endDate: admission.endDate } : null,
    openingDeadlineDays: programme?.openingDeadlineDays ?? DEFAULT_OPENING_DEADLINE_DAYS,
    result: result ? { assessedOn: result.assessedOn, passed: result.passed } : null,
    claim: claim
      ? {
          status: claim.status,
          createdAt: claim.createdAt,
          decidedAt: claim.decidedAt,
          opinion: claim.opinion,
          noticePublishedAt: claim.noticePublishedAt,
          noticeLastDay: claim.noticeLastDay,
          noticeProvisional: claim.noticeProvisional,
          batch: claim.batch,
          paidAt: claim.paidAt,
          failReason: claim.failReason,
        }
      : null,
    calendar,
    today: businessDate(now),
  };
}

/** A voucher's timeline: its holder, or an officer in the voucher's scope (else 404, as GET /vouchers/{id}). */
export async function voucherTimelineFor(actor: Actor, q: Queryable, id: string, now: Date = clockNow()): Promise<Timeline> {
  const detail = await vouchers.getVoucherDetail(actor, q, id); // the scope check
  const v = (await vouchers.getVoucher(q, detail.id))!;
  const claim = v.kind === 'subsidy' ? await subsidy.claimTimelineFactsOfVoucher(q, v.id) : null;
  const f = await voucherFacts(q, v, claim, now);
  return { kind: 'voucher', id: v.id, voucherId: v.id, claimId: claim?.id ?? null, noticeWorkingDays: f.calendar.noticeDays, steps: voucherTimeline(f) };
}

/** A claim's timeline (its voucher's steps): officers in the claim's scope, the worker for their own (else 404, as GET /subsidy/claims/{id}). */
export async function claimTimelineFor(actor: Actor, q: Queryable, id: string, now: Date = clockNow()): Promise<Timeline> {
  const claim = await subsidy.claimTimelineFacts(actor, q, id); // the scope check
  const v = await vouchers.getVoucher(q, claim.voucherId);
  if (!v) throw new Error(`claim ${claim.id} has no voucher`);
  const f = await voucherFacts(q, v, claim, now);
  return { kind: 'claim', id: claim.id, voucherId: v.id, claimId: claim.id, noticeWorkingDays: f.calendar.noticeDays, steps: voucherTimeline(f) };
}

/** The case's facts from its view: the decision in force (placed or refused), the withdrawal's words. */
export function rehabFacts(c: rehab.CaseView): RehabFacts {
  const inForce = c.decisions.filter((d) => !d.supersededById && (d.outcome === 'place' || d.outcome === 'refuse')).at(-1);
  const withdrawn = c.timeline.filter((t) => t.kind === 'withdrawn').at(-1);
  return {
    status: c.status,
    appliedAt: new Date(c.appliedAt),
    submittedAt: c.submittedAt ? new Date(c.submittedAt) : null,
    decision: inForce ? { outcome: inForce.outcome as 'place' | 'refuse', at: new Date(inForce.decidedAt), reason: inForce.reason } : null,
    withdrawnAt: withdrawn ? new Date(withdrawn.at) : null,
    withdrawReason: withdrawn?.note ?? null,
    admittedAt: c.admittedAt ? new Date(c.admittedAt) : null,
    plannedLastDay: c.plannedLastDay,
    dischargedAt: c.dischargedAt ? new Date(c.dischargedAt) : null,
  };
}

/** A rehabilitation case's timeline: whoever reads the case (else 404, as GET /rehab/cases/{id}). */
export async function rehabTimelineFor(actor: Actor, q: Queryable, id: string): Promise<Timeline> {
  const c = await rehab.getCase(actor, q, id); // the scope check
  return { kind: 'rehab', id: c.id, voucherId: c.voucher?.id ?? null, claimId: null, noticeWorkingDays: null, steps: rehabTimeline(rehabFacts(c)) };
}
