/**
 * The committee (市劳鉴委): the case view with eligibility, preferences and every hospital's free beds,
 * whether it takes the condition and its distance from the worker's home, the proposed placement; and the
 * decision — place (planned days), ask for material (the clock stops), refuse with a reason, extend a stay or
 * refuse the extension. Decision numbers are sequential per year (a counter row taken in the deciding
 * transaction: no gaps, no duplicates); decisions are never edited, a later one supersedes.
 */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { businessDate, businessYear } from '../../lib/time.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import * as messages from '../messages/index.js';
import * as orgs from '../orgs/index.js';
import { haversineM } from '../training/index.js';
import { caseView, loadCase, addEvent } from './cases.js';
import { COMMITTEE, REVIEWERS, scopeFor } from './policy.js';
import type { CaseRow, CaseView, DecisionRow } from './rows.js';
import {
  caseEligibility,
  decisionNumber,
  leaveEnd,
  placementBlockers,
  proposePlacement,
  statusAfterDecision,
  type DecisionOutcome,
  type RefusalReason,
} from './rules.js';
import type { ReviewSchema } from './schemas.js';
import type { z } from 'zod';
import type { RecognitionRow } from './rows.js';

export interface HospitalState extends orgs.Hospital {
  occupied: number;
  reserved: number;
  freeBeds: number;
}

/** Every designated hospital with its beds in use (admitted) and reserved (placed, not yet admitted). */
export async function hospitalStates(q: Queryable): Promise<HospitalState[]> {
  const list = await orgs.listHospitals(q);
  const occupied = new Map(
    (await q.query<{ hospital_id: string; occupied: number }>('SELECT hospital_id, occupied FROM rehab_bed_use')).rows.map((r) => [
      r.hospital_id,
      Number(r.occupied),
    ]),
  );
  const reserved = new Map(
    (
      await q.query<{ hospital_id: string; n: number }>(`SELECT hospital_id, count(*)::int AS n FROM rehab_cases WHERE status = 'placed' GROUP BY hospital_id`)
    ).rows.map((r) => [r.hospital_id, Number(r.n)]),
  );
  return list.map((h) => {
    const o = occupied.get(h.id) ?? 0;
    const r = reserved.get(h.id) ?? 0;
    return { ...h, occupied: o, reserved: r, freeBeds: Math.max(0, h.beds - o - r) };
  });
}

export type Review = z.infer<typeof ReviewSchema>;

const recognitionFacts = (r: RecognitionRow) => ({
  status: r.status,
  leaveStart: r.leave_start,
  leaveEnd: r.leave_end,
  extensions: r.leave_extensions,
  conditionCode: r.condition_code,
});

/** A placement needs the application eligible on its submission day (rules.ts placementBlockers): REHAB_NOT_ELIGIBLE with every reason. */
async function checkEligibleToPlace(tx: Tx, c: CaseRow, outcome: DecisionOutcome): Promise<void> {
  if (outcome !== 'place') return;
  const r = (await tx.query<RecognitionRow>('SELECT * FROM rehab_recognitions WHERE id = $1', [c.recognition_id])).rows[0]!;
  const reasons = placementBlockers(outcome, recognitionFacts(r), c.condition_code, businessDate(c.submitted_at ?? clockNow()));
  if (reasons.length) throw new AppError('REHAB_NOT_ELIGIBLE', reasons.map((x) => x.en).join(' '), 'outcome', { reasons });
}

/** The committee's view of one case. */
export async function review(actor: Actor, q: Queryable, id: string): Promise<Review> {
  const c = await loadCase(q, scopeFor(actor, REVIEWERS, 'for the committee'), id);
  const r = (await q.query<RecognitionRow>('SELECT * FROM rehab_recognitions WHERE id = $1', [c.recognition_id])).rows[0]!;
  // judged on the day the application was submitted (rules.ts caseEligibility): what the committee's placement checks
  const asOf = c.submitted_at ? businessDate(c.submitted_at) : businessDate(clockNow());
  const reasons = caseEligibility(recognitionFacts(r), c.condition_code, asOf);
  const home = { lat: Number(c.home_lat), lng: Number(c.home_lng) };
  const states = await hospitalStates(q);
  const prefIds = c.preferences.map((p) => p.hospitalId);
  const options = states.map((h) => ({
    hospitalId: h.id,
    takesCondition: h.status === 'active' && h.conditions.includes(c.condition_code),
    freeBeds: h.freeBeds,
    distanceM: haversineM(home, { lat: h.lat, lng: h.lng }),
  }));
  const proposal = proposePlacement(prefIds, options);
  const hospitals = states
    .map((h, i) => {
      const rank = prefIds.indexOf(h.id);
      return {
        hospitalId: h.id,
        name: h.name,
        districtCode: h.districtCode,
        beds: h.beds,
        freeBeds: h.freeBeds,
        takesCondition: options[i]!.takesCondition,
        conditions: h.conditions,
        distanceKm: Math.round(options[i]!.distanceM / 100) / 10,
        preferenceRank: rank >= 0 ? rank + 1 : null,
        preferenceReason: rank >= 0 ? c.preferences[rank]!.reason : null,
      };
    })
    .sort((a, b) => a.distanceKm - b.distanceKm || a.name.localeCompare(b.name));
  return {
    case: await caseView(q, c),
    eligibility: { eligible: reasons.length === 0, asOf, reasons },
    recognition: {
      decisionNumber: r.decision_number,
      kind: r.kind,
      status: r.status,
      injuryDate: r.injury_date,
      decisionDate: r.decision_date,
      diagnosis: r.diagnosis,
      leaveStart: r.leave_start,
      leaveEnd: leaveEnd({ end: r.leave_end, extensions: r.leave_extensions }),
    },
    hospitals,
    proposal: proposal ? { ...proposal, hospitalName: states.find((h) => h.id === proposal.hospitalId)!.name } : null,
  };
}

export interface DecisionInput {
  outcome: DecisionOutcome;
  hospitalId?: string | undefined;
  plannedDays?: number | undefined;
  extraDays?: number | undefined;
  refusalReason?: RefusalReason | undefined;
  reason: string;
  supersedesDecisionId?: string | undefined;
}

/** The next number of the year: the counter row is locked by this transaction until it commits (no gaps). */
async function nextNumber(tx: Tx, year: number): Promise<{ seq: number; number: string }> {
  const seq = Number(
    (
      await tx.query<{ last: number }>(
        'INSERT INTO rehab_decision_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = rehab_decision_counters.last + 1 RETURNING last',
        [year],
      )
    ).rows[0]!.last,
  );
  return { seq, number: decisionNumber(year, seq) };
}

/** The decision in force on the case (the latest place/refuse not superseded), if any. */
async function inForce(tx: Tx, caseId: string): Promise<DecisionRow | null> {
  const { rows } = await tx.query<DecisionRow>(
    `SELECT d.* FROM rehab_decisions d WHERE d.case_id = $1 AND d.outcome IN ('place','refuse')
       AND NOT EXISTS (SELECT 1 FROM rehab_decisions s WHERE s.supersedes_id = d.id) ORDER BY d.decided_at DESC LIMIT 1`,
    [caseId],
  );
  return rows[0] ?? null;
}

/** Checks the decision's own fields against the case (throws naming the field). */
async function checkDecision(tx: Tx, c: CaseRow, d: DecisionInput): Promise<DecisionRow | null> {
  const next = statusAfterDecision(c.status, d.outcome);
  if (!next) throw new AppError('CONFLICT', `a ${d.outcome} decision does not apply to a ${c.status} case`, 'outcome', { status: c.status });
  if (d.outcome === 'extend' || d.outcome === 'refuse_extension') {
    if (!c.extension_days) throw new AppError('CONFLICT', 'the hospital has not asked for an extension', 'outcome');
    if (d.outcome === 'extend' && !d.extraDays) throw new AppError('VALIDATION_FAILED', 'an extension names the days added', 'extraDays');
  }
  if (d.outcome === 'refuse' && !d.refusalReason) throw new AppError('VALIDATION_FAILED', 'a refusal names its reason', 'refusalReason');
  const superseding = c.status === 'placed' || c.status === 'refused';
  const current = superseding ? await inForce(tx, c.id) : null;
  if (superseding && (!d.supersedesDecisionId || d.supersedesDecisionId !== current?.id))
    throw new AppError('CONFLICT', `a decided case is re-decided by superseding its decision in force (${current?.number ?? '—'})`, 'supersedesDecisionId');
  if (d.outcome === 'place') await checkPlacement(tx, c, d, current);
  await checkEligibleToPlace(tx, c, d.outcome);
  return current;
}

async function checkPlacement(tx: Tx, c: CaseRow, d: DecisionInput, current: DecisionRow | null): Promise<void> {
  if (!d.hospitalId) throw new AppError('VALIDATION_FAILED', 'a placement names the hospital', 'hospitalId');
  if (!d.plannedDays) throw new AppError('VALIDATION_FAILED', 'a placement names the planned length of stay', 'plannedDays');
  const h = (await hospitalStates(tx)).find((x) => x.id === d.hospitalId!.toLowerCase());
  if (!h || h.status !== 'active') throw new AppError('VALIDATION_FAILED', 'not an active designated hospital', 'hospitalId');
  if (!h.conditions.includes(c.condition_code)) throw new AppError('VALIDATION_FAILED', `${h.name} does not take this condition`, 'hospitalId');
  // Re-placing at the same hospital keeps the case's own reservation.
  const own = current?.outcome === 'place' && current.hospital_id === h.id ? 1 : 0;
  if (h.freeBeds + own <= 0) throw new AppError('REHAB_NO_BED', `${h.name} has no free rehabilitation bed`, 'hospitalId');
}

/** The committee decides (one transaction: the case locked, the number taken, decision + case + timeline + audit). */
export async function decide(actor: Actor, tx: Tx, id: string, d: DecisionInput): Promise<CaseView> {
  const c = await loadCase(tx, scopeFor(actor, COMMITTEE, 'the committee decides'), id, true);
  const superseded = await checkDecision(tx, c, d);
  const now = clockNow();
  const { seq, number } = await nextNumber(tx, businessYear(now));
  const decision = (
    await tx.query<DecisionRow>(
      `INSERT INTO rehab_decisions (case_id, year, seq, number, outcome, hospital_id, planned_days, extra_days, refusal_reason, reason, supersedes_id, decided_by, decided_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING *`,
      [
        c.id,
        businessYear(now),
        seq,
        number,
        d.outcome,
        d.outcome === 'place' ? d.hospitalId!.toLowerCase() : null,
        d.outcome === 'place' ? d.plannedDays : null,
        d.outcome === 'extend' ? d.extraDays : null,
        d.outcome === 'refuse' ? d.refusalReason : null,
        d.reason.trim(),
        superseded?.id ?? null,
        actor.accountId,
        now,
      ],
    )
  ).rows[0]!;
  await applyToCase(tx, c, d, now);
  await addEvent(tx, c.id, EVENT_OF[d.outcome], actor, `${number} ${d.reason.trim()}`, now);
  await audit.record(tx, actor, {
    action: `rehab.decide.${d.outcome}`,
    entityType: 'rehab_case',
    entityId: c.id,
    districtCode: c.district_code,
    detail: {
      decision: number,
      decisionId: decision.id,
      hospitalId: decision.hospital_id,
      plannedDays: decision.planned_days,
      refusalReason: decision.refusal_reason,
      supersedes: superseded?.number ?? null,
    },
  });
  await messages.notify(tx, {
    event: 'rehab.decided',
    key: decision.id,
    personId: c.person_id,
    vars: { decision: await decisionInWords(tx, decision) },
    link: '/rehab',
  });
  return caseView(tx, (await tx.query<CaseRow>('SELECT * FROM rehab_cases WHERE id = $1', [c.id])).rows[0]!);
}

const EVENT_OF = {
  place: 'placed',
  request_material: 'material_requested',
  refuse: 'refused',
  extend: 'extended',
  refuse_extension: 'extension_refused',
} as const;

/** The case after the decision. */
async function applyToCase(tx: Tx, c: CaseRow, d: DecisionInput, now: Date): Promise<void> {
  const firstDecision = 'decided_at = coalesce(decided_at, $2)';
  switch (d.outcome) {
    case 'place':
      await tx.query(`UPDATE rehab_cases SET status = 'placed', hospital_id = $3, planned_days = $4, ${firstDecision}, updated_at = $2 WHERE id = $1`, [
        c.id,
        now,
        d.hospitalId!.toLowerCase(),
        d.plannedDays,
      ]);
      return;
    case 'request_material':
      await tx.query(`UPDATE rehab_cases SET status = 'material_requested', paused_at = $2, ${firstDecision}, updated_at = $2 WHERE id = $1`, [c.id, now]);
      return;
    case 'refuse':
      await tx.query(`UPDATE rehab_cases SET status = 'refused', hospital_id = NULL, planned_days = NULL, ${firstDecision}, updated_at = $2 WHERE id = $1`, [
        c.id,
        now,
      ]);
      return;
    case 'extend':
      await tx.query(
        'UPDATE rehab_cases SET planned_days = planned_days + $3, extension_days = NULL, extension_reason = NULL, extension_at = NULL, updated_at = $2 WHERE id = $1',
        [c.id, now, d.extraDays],
      );
      return;
    case 'refuse_extension':
      await tx.query('UPDATE rehab_cases SET extension_days = NULL, extension_reason = NULL, extension_at = NULL, updated_at = $2 WHERE id = $1', [c.id, now]);
      return;
  }
}

/** A decision as the worker reads it (站内信 / SMS): what was decided, in Chinese, with its number. */
async function decisionInWords(q: Queryable, d: DecisionRow): Promise<string> {
  switch (d.outcome) {
    case 'place': {
      const h = d.hospital_id ? await orgs.getHospital(q, d.hospital_id) : null;
      return `同意住院康复，安排在${h?.name ?? '指定医院'}，计划 ${d.planned_days ?? '—'} 天（决定书 ${d.number}）`;
    }
    case 'extend':
      return `同意延长康复 ${d.extra_days ?? '—'} 天（决定书 ${d.number}）`;
    case 'request_material':
      return `请补充材料（决定书 ${d.number}）`;
    case 'refuse':
      return `不予安排住院康复（决定书 ${d.number}），可提出申诉`;
    case 'refuse_extension':
      return `不予延长康复（决定书 ${d.number}）`;
  }
}
