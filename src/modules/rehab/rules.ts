/**
 * Work-injury inpatient rehabilitation (住院工伤康复, DESIGN.md §9) — the pure rules: the nine conditions of the
 * national 工伤康复服务规范, eligibility with named reasons, the case's state machine, the committee's proposed
 * placement, the decision number and the working clock. Services load, call these, write.
 */
import { addDays } from '../../lib/time.js';

// ——— the nine conditions (reference data; the migration 20261207200200 holds the same rows) ———

export const CONDITION_CODES = [
  'brain_injury',
  'fracture',
  'spinal_cord_injury',
  'hand_injury',
  'amputation',
  'joint_soft_tissue',
  'burn',
  'peripheral_nerve',
  'vegetative_state',
] as const;
export type ConditionCode = (typeof CONDITION_CODES)[number];

export interface Condition {
  code: ConditionCode;
  zh: string;
  en: string;
  /** ICD-10 code prefixes that suggest the condition (a diagnosis may carry one; the condition is chosen). */
  icd10: readonly string[];
}

export const CONDITIONS: readonly Condition[] = [
  { code: 'brain_injury', zh: '颅脑损伤', en: 'Traumatic brain injury', icd10: ['S06', 'S07', 'T90.5'] },
  { code: 'fracture', zh: '骨折', en: 'Fracture', icd10: ['S02', 'S12', 'S22', 'S32', 'S42', 'S52', 'S62', 'S72', 'S82', 'S92', 'T02', 'T08', 'T10', 'T12'] },
  {
    code: 'spinal_cord_injury',
    zh: '脊柱脊髓损伤',
    en: 'Spine and spinal cord injury',
    icd10: ['S14.0', 'S14.1', 'S24.0', 'S24.1', 'S34.0', 'S34.1', 'T09.3', 'T91.3'],
  },
  { code: 'hand_injury', zh: '手外伤', en: 'Hand injury', icd10: ['S60', 'S61', 'S62', 'S63', 'S64', 'S65', 'S66', 'S67', 'S68', 'S69'] },
  { code: 'amputation', zh: '截肢', en: 'Amputation', icd10: ['S48', 'S58', 'S78', 'S88', 'S98', 'T05', 'Z89'] },
  {
    code: 'joint_soft_tissue',
    zh: '关节和软组织损伤',
    en: 'Joint and soft-tissue injury',
    icd10: ['S03', 'S13', 'S23', 'S33', 'S43', 'S53', 'S73', 'S83', 'S93', 'M24'],
  },
  { code: 'burn', zh: '烧伤', en: 'Burn', icd10: ['T20', 'T21', 'T22', 'T23', 'T24', 'T25', 'T29', 'T30', 'T31', 'T32'] },
  { code: 'peripheral_nerve', zh: '周围神经损伤', en: 'Peripheral nerve injury', icd10: ['S44', 'S54', 'S74', 'S84', 'S94', 'S14.2', 'S14.3', 'S14.4'] },
  { code: 'vegetative_state', zh: '持续植物状态', en: 'Persistent vegetative state', icd10: ['R40.2'] },
];

export const isCondition = (code: string | null | undefined): code is ConditionCode => !!code && (CONDITION_CODES as readonly string[]).includes(code);

/** The condition an ICD-10 code suggests (the longest matching prefix), or null. */
export function conditionForIcd10(icd: string | null | undefined): ConditionCode | null {
  if (!icd) return null;
  const code = icd.trim().toUpperCase();
  let best: { c: ConditionCode; len: number } | null = null;
  for (const c of CONDITIONS) for (const p of c.icd10) if (code.startsWith(p) && (!best || p.length > best.len)) best = { c: c.code, len: p.length };
  return best?.c ?? null;
}

// ——— recognitions ———

export const RECOGNITION_KINDS = ['recognised', 'deemed'] as const; // 认定工伤 / 视同工伤
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number];
export const RECOGNITION_STATUSES = ['final', 'under_review'] as const; // 已生效 / 复议或诉讼中
export type RecognitionStatus = (typeof RECOGNITION_STATUSES)[number];

export interface LeaveExtension {
  /** The new last day of the paid injury-leave period (停工留薪期), 'YYYY-MM-DD'. */
  until: string;
  reason: string;
}

/** The last day of the leave period: the original end, or the latest extension's (never earlier). */
export function leaveEnd(leave: { end: string; extensions: readonly LeaveExtension[] }): string {
  return leave.extensions.reduce((end, x) => (x.until > end ? x.until : end), leave.end);
}

// ——— eligibility ———

export const REASON_CODES = ['NO_RECOGNITION', 'RECOGNITION_NOT_FINAL', 'OUTSIDE_LEAVE_PERIOD', 'CONDITION_NOT_LISTED', 'OPEN_CASE_EXISTS'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_TEXT: Record<ReasonCode, { zh: string; en: string }> = {
  NO_RECOGNITION: { zh: '没有工伤认定记录。', en: 'No work-injury recognition is on file.' },
  RECOGNITION_NOT_FINAL: { zh: '工伤认定尚未生效（复议或诉讼中）。', en: 'The work-injury recognition is not final (under review or appeal).' },
  OUTSIDE_LEAVE_PERIOD: { zh: '申请日不在停工留薪期内。', en: 'The application date is outside the paid injury-leave period.' },
  CONDITION_NOT_LISTED: { zh: '伤病不属于工伤康复服务规范规定的9个病种。', en: 'The condition is not one of the nine of the rehabilitation service norm.' },
  OPEN_CASE_EXISTS: { zh: '已有未办结的康复申请或住院康复。', en: 'An open rehabilitation application or stay already exists.' },
};

export interface Reason {
  code: ReasonCode;
  zh: string;
  en: string;
  /** Dates or codes the reason names (e.g. the leave period's start and end). */
  params: Record<string, string>;
}

const reason = (code: ReasonCode, params: Record<string, string> = {}): Reason => ({ code, ...REASON_TEXT[code], params });

export interface EligibilityFacts {
  recognition: {
    status: RecognitionStatus;
    leaveStart: string;
    leaveEnd: string;
    extensions: readonly LeaveExtension[];
    conditionCode: string | null;
  } | null;
  /** The condition applied for (defaults to the recognition's). */
  conditionCode?: string | null | undefined;
  /** An application or stay of the person not yet closed (withdrawn, refused, discharged). */
  openCase: boolean;
  /** The business date (Asia/Shanghai) of the check. */
  today: string;
}

/** Every reason the person may not apply now (empty: eligible). Pure; the order is stable. */
export function checkEligibility(f: EligibilityFacts): Reason[] {
  const out: Reason[] = [];
  const r = f.recognition;
  if (!r) out.push(reason('NO_RECOGNITION'));
  else {
    if (r.status !== 'final') out.push(reason('RECOGNITION_NOT_FINAL'));
    const end = leaveEnd({ end: r.leaveEnd, extensions: r.extensions });
    if (f.today < r.leaveStart || f.today > end) out.push(reason('OUTSIDE_LEAVE_PERIOD', { start: r.leaveStart, end, today: f.today }));
    const condition = f.conditionCode !== undefined && f.conditionCode !== null ? f.conditionCode : r.conditionCode;
    if (!isCondition(condition)) out.push(reason('CONDITION_NOT_LISTED', condition ? { condition } : {}));
  }
  if (f.openCase) out.push(reason('OPEN_CASE_EXISTS'));
  return out;
}

// ——— the case ———

export const CASE_STATUSES = ['awaiting_worker', 'submitted', 'material_requested', 'placed', 'refused', 'withdrawn', 'admitted', 'discharged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses of a case still open (one per person: a partial unique index in the migration). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['awaiting_worker', 'submitted', 'material_requested', 'placed', 'admitted'];
/** Withdrawable until decided. */
export const WITHDRAWABLE: readonly CaseStatus[] = ['awaiting_worker', 'submitted', 'material_requested'];
/** The committee decides a case in these. */
export const DECIDABLE: readonly CaseStatus[] = ['submitted'];

export const DECISION_OUTCOMES = ['place', 'request_material', 'refuse', 'extend', 'refuse_extension'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const REFUSAL_REASONS = ['not_eligible', 'not_needed', 'medically_unstable', 'material_insufficient', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const DISCHARGE_OUTCOMES = ['returned_to_work', 'retraining_recommended', 'further_treatment', 'other'] as const;
export type DischargeOutcome = (typeof DISCHARGE_OUTCOMES)[number];

export const MAX_PREFERENCES = 3;
export const MAX_PLANNED_DAYS = 180;

/** The case's status after a decision (null: the decision does not apply to that status). */
export function statusAfterDecision(current: CaseStatus, outcome: DecisionOutcome): CaseStatus | null {
  switch (outcome) {
    case 'place':
      return current === 'submitted' || current === 'placed' || current === 'refused' ? 'placed' : null;
    case 'request_material':
      return current === 'submitted' ? 'material_requested' : null;
    case 'refuse':
      return current === 'submitted' || current === 'placed' || current === 'refused' ? 'refused' : null;
    case 'extend':
    case 'refuse_extension':
      return current === 'admitted' ? 'admitted' : null;
  }
}

/**
 * The application as the committee judges it (便民问答: 认定为工伤或视同工伤，且在停工留薪期内，病种属9个病种之一): on
 * the day it was submitted — the worker's own application, or the worker's confirmation of the employer's — so a
 * leave period that ends while the committee reviews does not count against the worker, but a submission after it
 * does; the recognition's status and the condition as they stand now (a recognition reopened in 复议或诉讼 after
 * the application holds it). The case itself is the person's one open case: it is not counted against itself.
 */
export function caseEligibility(recognition: EligibilityFacts['recognition'], conditionCode: string, submittedOn: string): Reason[] {
  return checkEligibility({ recognition, conditionCode, openCase: false, today: submittedOn });
}

/**
 * What stops a decision: only a placement needs an eligible application (asking for material, refusing and the
 * stay's extensions do not). The committee's placement is refused with these reasons (REHAB_NOT_ELIGIBLE).
 */
export function placementBlockers(
  outcome: DecisionOutcome,
  recognition: EligibilityFacts['recognition'],
  conditionCode: string,
  submittedOn: string,
): Reason[] {
  return outcome === 'place' ? caseEligibility(recognition, conditionCode, submittedOn) : [];
}

/** Days in hospital so far (the admission day counts): to the discharge day, else to today; null before admission. */
export function stayDays(admittedOn: string | null, dischargedOn: string | null, today: string): number | null {
  if (!admittedOn) return null;
  const end = dischargedOn ?? today;
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${admittedOn}T00:00:00Z`);
  return Math.max(1, Math.round(ms / 86_400_000) + 1);
}

// ——— the committee's proposal ———

export interface HospitalOption {
  hospitalId: string;
  takesCondition: boolean;
  freeBeds: number;
  /** Distance from the worker's home, metres (null when the home is not known). */
  distanceM: number | null;
}

export interface Proposal {
  hospitalId: string;
  basis: 'preference' | 'nearest';
  /** 1-based rank of the preference chosen (basis = preference). */
  preferenceRank: number | null;
}

/**
 * The placement the system proposes: the first preference that takes the condition and has a free bed,
 * else the nearest hospital that does (unknown distances last, then by id for a stable answer); null when
 * no hospital qualifies.
 */
export function proposePlacement(preferences: readonly string[], options: readonly HospitalOption[]): Proposal | null {
  const fits = (o: HospitalOption | undefined): o is HospitalOption => !!o && o.takesCondition && o.freeBeds > 0;
  for (const [i, id] of preferences.entries()) {
    const o = options.find((x) => x.hospitalId === id);
    if (fits(o)) return { hospitalId: o.hospitalId, basis: 'preference', preferenceRank: i + 1 };
  }
  const nearest = options
    .filter(fits)
    .sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) || (a.hospitalId < b.hospitalId ? -1 : a.hospitalId > b.hospitalId ? 1 : 0))[0];
  return nearest ? { hospitalId: nearest.hospitalId, basis: 'nearest', preferenceRank: null } : null;
}

// ——— decision numbers and the clock ———

/** 沪劳鉴康〔2026〕0007号: sequential per year. */
export const decisionNumber = (year: number, seq: number): string => `沪劳鉴康〔${year}〕${String(seq).padStart(4, '0')}号`;

/** Whole days from submission to decision with the paused time (material requested) taken out; never negative. */
export function workingDaysToDecision(submittedAt: Date, decidedAt: Date, pausedMs: number): number {
  const ms = decidedAt.getTime() - submittedAt.getTime() - pausedMs;
  return Math.max(0, Math.round((ms / 86_400_000) * 10) / 10);
}

/** The planned last day of a stay admitted on `admittedOn` for `days` days (the admission day counts). */
export const plannedLastDay = (admittedOn: string, days: number): string => addDays(admittedOn, days - 1);

// ——— attachments ———

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The type of a file by its first bytes (PDF, JPEG, PNG), or null for anything else. */
export function sniffType(b: Uint8Array): AttachmentType | null {
  const starts = (sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}
