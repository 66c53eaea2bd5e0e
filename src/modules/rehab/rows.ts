/** The rehab tables' row types and the one mapping of each to its view (masked). */
import type { z } from 'zod';
import type { Queryable } from '../../db/index.js';
import { decrypt } from '../../lib/crypto.js';
import { maskId } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import { displayNames } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import {
  checkEligibility,
  leaveEnd,
  workingDaysToDecision,
  plannedLastDay,
  stayDays,
  type LeaveExtension,
  type RecognitionKind,
  type RecognitionStatus,
} from './rules.js';
import type { AttachmentSchema, CaseListItemSchema, CaseSchema, DecisionSchema, RecognitionSchema, TimelineEntrySchema } from './schemas.js';

export type RecognitionView = z.infer<typeof RecognitionSchema>;
export type CaseView = z.infer<typeof CaseSchema>;
export type CaseListItem = z.infer<typeof CaseListItemSchema>;
export type DecisionView = z.infer<typeof DecisionSchema>;
export type AttachmentView = z.infer<typeof AttachmentSchema>;
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export interface RecognitionRow {
  id: string;
  decision_number: string;
  person_id: string;
  employer_org_id: string | null;
  employer_name: string;
  district_code: string;
  injury_date: string;
  decision_date: string;
  kind: RecognitionKind;
  status: RecognitionStatus;
  diagnosis: string;
  icd10: string | null;
  condition_code: string | null;
  leave_start: string;
  leave_end: string;
  leave_extensions: LeaveExtension[];
  source: 'entered' | 'imported' | 'district_system';
  created_at: Date;
  updated_at: Date;
}

export interface CaseRow {
  id: string;
  recognition_id: string;
  person_id: string;
  employer_org_id: string | null;
  district_code: string;
  condition_code: CaseView['conditionCode'];
  treatment_summary: string;
  home_address_enc: string;
  home_lat: number;
  home_lng: number;
  preferences: Array<{ hospitalId: string; reason: string }>;
  applied_by: 'worker' | 'employer';
  status: CaseView['status'];
  applied_at: Date;
  submitted_at: Date | null;
  paused_at: Date | null;
  paused_ms: number | string;
  decided_at: Date | null;
  hospital_id: string | null;
  planned_days: number | null;
  admitted_at: Date | null;
  admitted_on: string | null;
  discharged_at: Date | null;
  discharge_outcome: CaseView['dischargeOutcome'];
  discharge_summary: string | null;
  recommended_occupation_code: string | null;
  extension_days: number | null;
  extension_reason: string | null;
  extension_at: Date | null;
  voucher_id: string | null;
  voucher_number: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DecisionRow {
  id: string;
  case_id: string;
  number: string;
  outcome: DecisionView['outcome'];
  hospital_id: string | null;
  planned_days: number | null;
  extra_days: number | null;
  refusal_reason: DecisionView['refusalReason'];
  reason: string;
  supersedes_id: string | null;
  decided_by: string | null;
  decided_at: Date;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Names of persons and organisations a page of rows needs, read once. */
export async function nameBook(q: Queryable, personIds: string[], orgIds: Array<string | null>) {
  const people = new Map<string, persons.Person>();
  for (const id of new Set(personIds)) {
    const p = await persons.getPerson(q, id);
    if (p) people.set(id, p);
  }
  const names = new Map<string, string>();
  for (const id of new Set(orgIds.filter((x): x is string => !!x))) {
    const o = await orgs.getOrg(q, id);
    if (o) names.set(id, o.name);
  }
  return { person: (id: string) => people.get(id), org: (id: string | null) => (id ? (names.get(id) ?? null) : null) };
}
export type NameBook = Awaited<ReturnType<typeof nameBook>>;

export function toRecognitionView(r: RecognitionRow, book: NameBook, openCase: boolean, today: string): RecognitionView {
  const p = book.person(r.person_id);
  const reasons = checkEligibility({
    recognition: { status: r.status, leaveStart: r.leave_start, leaveEnd: r.leave_end, extensions: r.leave_extensions, conditionCode: r.condition_code },
    openCase,
    today,
  });
  return {
    id: r.id,
    decisionNumber: r.decision_number,
    personId: r.person_id,
    personName: p?.name ?? '',
    idNumber: p ? maskId(p.idNumber) : '***',
    employerOrgId: r.employer_org_id,
    employerName: r.employer_name,
    districtCode: r.district_code,
    injuryDate: r.injury_date,
    decisionDate: r.decision_date,
    kind: r.kind,
    status: r.status,
    diagnosis: r.diagnosis,
    icd10: r.icd10,
    conditionCode: r.condition_code,
    leaveStart: r.leave_start,
    leaveEnd: r.leave_end,
    leaveExtensions: r.leave_extensions,
    effectiveLeaveEnd: leaveEnd({ end: r.leave_end, extensions: r.leave_extensions }),
    source: r.source,
    eligibility: { eligible: reasons.length === 0, asOf: today, reasons },
    createdAt: r.created_at.toISOString(),
  };
}

/** One case as its readers see it; `today` (Asia/Shanghai) counts the days of a stay not yet ended. */
export function toCaseListItem(c: CaseRow, book: NameBook, recognitionNumber: string, today: string): CaseListItem {
  const p = book.person(c.person_id);
  const firstDecision = c.decided_at && c.submitted_at ? workingDaysToDecision(c.submitted_at, c.decided_at, Number(c.paused_ms)) : null;
  return {
    id: c.id,
    status: c.status,
    personId: c.person_id,
    personName: p?.name ?? '',
    idNumber: p ? maskId(p.idNumber) : '***',
    recognitionId: c.recognition_id,
    recognitionNumber,
    employerOrgId: c.employer_org_id,
    employerName: book.org(c.employer_org_id) ?? p?.employerName ?? '',
    districtCode: c.district_code,
    conditionCode: c.condition_code,
    treatmentSummary: c.treatment_summary,
    homeAddress: decrypt(c.home_address_enc),
    homeLocation: { lat: Number(c.home_lat), lng: Number(c.home_lng) },
    preferences: c.preferences.map((x, i) => ({ rank: i + 1, hospitalId: x.hospitalId, hospitalName: book.org(x.hospitalId) ?? '', reason: x.reason })),
    appliedBy: c.applied_by,
    appliedAt: c.applied_at.toISOString(),
    submittedAt: iso(c.submitted_at),
    decidedAt: iso(c.decided_at),
    daysToDecision: firstDecision,
    hospitalId: c.hospital_id,
    hospitalName: book.org(c.hospital_id),
    plannedDays: c.planned_days,
    admittedAt: iso(c.admitted_at),
    admittedOn: c.admitted_on,
    stayDays: stayDays(c.admitted_on, c.discharged_at ? businessDate(c.discharged_at) : null, today),
    plannedLastDay: c.admitted_on && c.planned_days ? plannedLastDay(c.admitted_on, c.planned_days) : null,
    dischargedAt: iso(c.discharged_at),
    dischargeOutcome: c.discharge_outcome,
    dischargeSummary: c.discharge_summary,
    recommendedOccupationCode: c.recommended_occupation_code,
    extensionRequest:
      c.extension_days && c.extension_at ? { days: c.extension_days, reason: c.extension_reason ?? '', at: c.extension_at.toISOString() } : null,
    voucher: c.voucher_id ? { id: c.voucher_id, number: c.voucher_number } : null,
    createdAt: c.created_at.toISOString(),
  };
}

/** The decisions of a case, oldest first, each with the decision that superseded it (if any). */
export async function decisionsOf(q: Queryable, caseId: string): Promise<DecisionView[]> {
  const { rows } = await q.query<DecisionRow>('SELECT * FROM rehab_decisions WHERE case_id = $1 ORDER BY decided_at, number', [caseId]);
  const by = await displayNames(
    q,
    rows.map((r) => r.decided_by).filter((x): x is string => !!x),
  );
  const hospitals = await nameBook(
    q,
    [],
    rows.map((r) => r.hospital_id),
  );
  const supersededBy = new Map(rows.filter((r) => r.supersedes_id).map((r) => [r.supersedes_id!, r.id]));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    outcome: r.outcome,
    hospitalId: r.hospital_id,
    hospitalName: hospitals.org(r.hospital_id),
    plannedDays: r.planned_days,
    extraDays: r.extra_days,
    refusalReason: r.refusal_reason,
    reason: r.reason,
    supersedesId: r.supersedes_id,
    supersededById: supersededBy.get(r.id) ?? null,
    decidedBy: (r.decided_by && by.get(r.decided_by)) || '',
    decidedAt: r.decided_at.toISOString(),
  }));
}
