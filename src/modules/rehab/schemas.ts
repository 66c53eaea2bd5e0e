/** The rehabilitation API's shapes (zod): requests strict (unknown fields refused), views named for the OpenAPI document. */
import { z } from 'zod';
import { Paging } from '../../http/route.js';
import {
  CASE_STATUSES,
  CONDITION_CODES,
  DECISION_OUTCOMES,
  DISCHARGE_OUTCOMES,
  MAX_PLANNED_DAYS,
  MAX_PREFERENCES,
  REASON_CODES,
  RECOGNITION_KINDS,
  RECOGNITION_STATUSES,
  REFUSAL_REASONS,
} from './rules.js';

const Day = z.iso.date();
const District = z.string().regex(/^\d{6}$/, '6-digit district code');
const Text = (max: number) => z.string().trim().min(1).max(max);
const LatLng = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).describe('GCJ-02');

// ——— reference data ———

export const ConditionSchema = z
  .object({ code: z.enum(CONDITION_CODES), zh: z.string(), en: z.string(), icd10: z.array(z.string()) })
  .meta({ id: 'RehabCondition' });

export const HospitalSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    districtCode: z.string(),
    address: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }).describe('GCJ-02'),
    conditions: z.array(z.enum(CONDITION_CODES)),
    beds: z.number().int().describe('rehabilitation beds'),
    occupied: z.number().int().describe('patients admitted and not discharged'),
    reserved: z.number().int().describe('placements awaiting admission'),
    freeBeds: z.number().int().describe('beds − occupied − reserved (never below 0)'),
  })
  .meta({ id: 'RehabHospital' });

// ——— eligibility ———

export const ReasonSchema = z
  .object({ code: z.enum(REASON_CODES), zh: z.string(), en: z.string(), params: z.record(z.string(), z.string()) })
  .meta({ id: 'RehabReason' });
export const EligibilitySchema = z.object({ eligible: z.boolean(), asOf: z.string(), reasons: z.array(ReasonSchema) }).meta({ id: 'RehabEligibility' });

// ——— recognitions (工伤认定) ———

const Extension = z.strictObject({ until: Day, reason: Text(300) });

export const RecognitionSchema = z
  .object({
    id: z.string(),
    decisionNumber: z.string(),
    personId: z.string(),
    personName: z.string(),
    idNumber: z.string().describe('masked'),
    employerOrgId: z.string().nullable(),
    employerName: z.string(),
    districtCode: z.string(),
    injuryDate: z.string(),
    decisionDate: z.string(),
    kind: z.enum(RECOGNITION_KINDS),
    status: z.enum(RECOGNITION_STATUSES),
    diagnosis: z.string(),
    icd10: z.string().nullable(),
    conditionCode: z.string().nullable().describe('one of the nine, or null/another code when outside them'),
    leaveStart: z.string(),
    leaveEnd: z.string(),
    leaveExtensions: z.array(z.object({ until: z.string(), reason: z.string() })),
    effectiveLeaveEnd: z.string(),
    source: z.enum(['entered', 'imported', 'district_system']),
    eligibility: EligibilitySchema,
    createdAt: z.string(),
  })
  .meta({ id: 'InjuryRecognition' });

export const RecognitionBody = z.strictObject({
  decisionNumber: Text(60),
  idNumber: z.string().min(1).max(30),
  name: Text(50),
  employerUscc: z.string().min(1).max(40).nullish(),
  employerName: Text(200),
  districtCode: District,
  injuryDate: Day,
  decisionDate: Day,
  kind: z.enum(RECOGNITION_KINDS),
  status: z.enum(RECOGNITION_STATUSES).default('final'),
  diagnosis: Text(500),
  icd10: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'an ICD-10 code such as S82.1')
    .nullish(),
  conditionCode: z.string().trim().min(1).max(40).nullish().describe('one of the nine; absent → from the ICD-10 code'),
  leaveStart: Day,
  leaveEnd: Day,
  leaveExtensions: z.array(Extension).max(10).default([]),
});

export const LeaveExtensionBody = Extension;

export const RecognitionQuery = z.strictObject({
  districtCode: District.optional(),
  q: z.string().trim().min(1).max(60).optional().describe('part of the decision number'),
  ...Paging,
});

export const ImportReportSchema = z
  .object({
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), field: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'RecognitionImportReport' });

export const SyncBody = z.strictObject({ districtCode: District.optional() });

// ——— cases ———

export const PreferenceSchema = z.object({ rank: z.number().int(), hospitalId: z.string(), hospitalName: z.string(), reason: z.string() });
export const DecisionSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    outcome: z.enum(DECISION_OUTCOMES),
    hospitalId: z.string().nullable(),
    hospitalName: z.string().nullable(),
    plannedDays: z.number().int().nullable(),
    extraDays: z.number().int().nullable(),
    refusalReason: z.enum(REFUSAL_REASONS).nullable(),
    reason: z.string(),
    supersedesId: z.string().nullable(),
    supersededById: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: z.string(),
  })
  .meta({ id: 'RehabDecision' });
export const AttachmentSchema = z
  .object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string() })
  .meta({ id: 'RehabAttachment' });
export const TIMELINE_KINDS = [
  'applied',
  'confirmed',
  'attachment_added',
  'material_requested',
  'resubmitted',
  'placed',
  'refused',
  'withdrawn',
  'admitted',
  'progress',
  'extension_requested',
  'extended',
  'extension_refused',
  'discharged',
  'voucher_issued',
  'reopened',
] as const;
export const TimelineEntrySchema = z
  .object({ at: z.string(), kind: z.enum(TIMELINE_KINDS), note: z.string().nullable(), byRole: z.string() })
  .meta({ id: 'RehabTimelineEntry' });

export const CaseSchema = z
  .object({
    id: z.string(),
    status: z.enum(CASE_STATUSES),
    personId: z.string(),
    personName: z.string(),
    idNumber: z.string().describe('masked'),
    recognitionId: z.string(),
    recognitionNumber: z.string(),
    employerOrgId: z.string().nullable(),
    employerName: z.string(),
    districtCode: z.string(),
    conditionCode: z.enum(CONDITION_CODES),
    treatmentSummary: z.string(),
    homeAddress: z.string(),
    homeLocation: z.object({ lat: z.number(), lng: z.number() }),
    preferences: z.array(PreferenceSchema),
    appliedBy: z.enum(['worker', 'employer']),
    appliedAt: z.string(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    daysToDecision: z.number().nullable().describe('days from submission to the first decision, time waiting for material taken out'),
    hospitalId: z.string().nullable(),
    hospitalName: z.string().nullable(),
    plannedDays: z.number().int().nullable(),
    admittedAt: z.string().nullable(),
    admittedOn: z.string().nullable().describe('the admission day (Asia/Shanghai)'),
    stayDays: z.number().int().nullable().describe('days in hospital so far, the admission day counted (to the discharge day once discharged)'),
    plannedLastDay: z.string().nullable(),
    dischargedAt: z.string().nullable(),
    dischargeOutcome: z.enum(DISCHARGE_OUTCOMES).nullable(),
    dischargeSummary: z.string().nullable(),
    recommendedOccupationCode: z.string().nullable(),
    extensionRequest: z.object({ days: z.number().int(), reason: z.string(), at: z.string() }).nullable(),
    voucher: z.object({ id: z.string(), number: z.string().nullable() }).nullable(),
    decisions: z.array(DecisionSchema),
    attachments: z.array(AttachmentSchema),
    timeline: z.array(TimelineEntrySchema),
    createdAt: z.string(),
  })
  .meta({ id: 'RehabCase' });

export const CaseListItemSchema = CaseSchema.omit({ decisions: true, attachments: true, timeline: true }).meta({ id: 'RehabCaseListItem' });

export const ApplyBody = z.strictObject({
  recognitionId: z.uuid(),
  conditionCode: z.string().trim().min(1).max(40),
  treatmentSummary: Text(4000).describe('the treating hospital’s summary'),
  homeAddress: Text(300),
  homeLocation: LatLng,
  preferences: z
    .array(z.strictObject({ hospitalId: z.uuid(), reason: Text(500) }))
    .min(1)
    .max(MAX_PREFERENCES),
});

export const CaseQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  districtCode: District.optional(),
  hospitalId: z.uuid().optional(),
  pending: z
    .enum(['extension', 'voucher'])
    .optional()
    .describe(
      "what the case waits for: 'extension' the committee's answer to a hospital's extension request, 'voucher' the district officer's retraining voucher after a discharge recommending retraining",
    ),
  ...Paging,
});

export const ReasonBody = z.strictObject({ reason: Text(500) });
export const NoteBody = z.strictObject({ note: Text(2000) });
export const EmptyBody = z.strictObject({});

export const DecisionBody = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES),
  hospitalId: z.uuid().optional().describe('place: the hospital'),
  plannedDays: z.number().int().min(1).max(MAX_PLANNED_DAYS).optional().describe('place: planned length of stay'),
  extraDays: z.number().int().min(1).max(MAX_PLANNED_DAYS).optional().describe('extend: days added'),
  refusalReason: z.enum(REFUSAL_REASONS).optional().describe('refuse: the reason’s code'),
  reason: Text(1000),
  supersedesDecisionId: z.uuid().optional().describe('a new place/refuse on a decided case names the decision it supersedes'),
});

export const ExtensionRequestBody = z.strictObject({ days: z.number().int().min(1).max(MAX_PLANNED_DAYS), reason: Text(1000) });

export const DischargeBody = z.strictObject({
  outcome: z.enum(DISCHARGE_OUTCOMES),
  summary: Text(4000),
  recommendedOccupationCode: z.string().trim().min(1).max(20).optional().describe('retraining_recommended: an occupation fitting the remaining capacity'),
});

export const RetrainingVoucherBody = z.strictObject({
  programmeId: z.uuid(),
  occupationCode: z.string().trim().min(1).max(20),
  level: z.number().int().min(0).max(5),
});

export const ReviewSchema = z
  .object({
    case: CaseSchema,
    eligibility: EligibilitySchema.describe('judged on the day the application was submitted (asOf)'),
    recognition: z.object({
      decisionNumber: z.string(),
      kind: z.enum(RECOGNITION_KINDS),
      status: z.enum(RECOGNITION_STATUSES),
      injuryDate: z.string(),
      decisionDate: z.string().describe('the day the injury was recognised'),
      diagnosis: z.string(),
      leaveStart: z.string(),
      leaveEnd: z.string().describe('the paid injury-leave period’s last day, extensions included'),
    }),
    hospitals: z.array(
      z.object({
        hospitalId: z.string(),
        name: z.string(),
        districtCode: z.string(),
        beds: z.number().int(),
        freeBeds: z.number().int(),
        takesCondition: z.boolean(),
        conditions: z.array(z.string()).describe('the conditions the hospital takes (its rehabilitation specialities)'),
        distanceKm: z.number(),
        preferenceRank: z.number().int().nullable(),
        preferenceReason: z.string().nullable(),
      }),
    ),
    proposal: z
      .object({ hospitalId: z.string(), hospitalName: z.string(), basis: z.enum(['preference', 'nearest']), preferenceRank: z.number().int().nullable() })
      .nullable(),
  })
  .meta({ id: 'RehabCaseReview' });

export const AttachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });
export const AttachmentQuery = z.strictObject({ name: z.string().trim().min(1).max(200).default('attachment') });

// ——— statistics ———

export const StatsQuery = z.strictObject({ from: Day.optional(), to: Day.optional(), districtCode: District.optional() });
export const StatsSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    districtCode: z.string().nullable(),
    applications: z.number().int(),
    byStatus: z.array(z.object({ status: z.enum(CASE_STATUSES), n: z.number().int() })),
    decisions: z.array(z.object({ outcome: z.enum(DECISION_OUTCOMES), n: z.number().int() })),
    refusalsByReason: z.array(z.object({ refusalReason: z.enum(REFUSAL_REASONS), n: z.number().int() })),
    timeToDecision: z.object({ decided: z.number().int(), avgDays: z.number().nullable(), maxDays: z.number().nullable() }),
    bedUse: z.array(
      z.object({
        hospitalId: z.string(),
        name: z.string(),
        beds: z.number().int(),
        occupied: z.number().int(),
        admitted: z.number().int(),
        discharged: z.number().int(),
      }),
    ),
    byDistrictMonth: z.array(
      z.object({
        districtCode: z.string(),
        month: z.string(),
        applications: z.number().int(),
        placed: z.number().int(),
        refused: z.number().int(),
        admitted: z.number().int(),
        discharged: z.number().int(),
      }),
    ),
    retraining: z.object({ recommended: z.number().int(), vouchersIssued: z.number().int() }),
  })
  .meta({ id: 'RehabStats' });
