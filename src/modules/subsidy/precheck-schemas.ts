/** 我能领吗？补多少？ — the pre-check's query and answer (issue 20 §4); view types are their z.infer. */
import { z } from 'zod';

export const PrecheckQuery = z.strictObject({
  courseId: z.uuid().optional().describe('a course (its programme, occupation, level and fee)'),
  occupationCode: z.string().trim().min(1).max(20).optional().describe('an occupation, with level (instead of a course)'),
  level: z.coerce.number().int().min(0).max(5).optional().describe('职业技能等级 1 (highest) … 5; 0 = a certificate without levels'),
  programmeId: z.uuid().optional().describe('the programme, when several could pay (default: every open programme a worker applies for)'),
});

export const PrecheckReasonSchema = z
  .object({
    /** Stable code: a rule's reason code or one of the pre-check's own (HOLDS_OTHER_VOUCHER, PROGRAMME_CLOSED, NO_STANDARD, NO_RATIO). */
    code: z.string(),
    /** The rule's own words (English, for API clients); screens put the code in words. */
    detail: z.string(),
  })
  .meta({ id: 'PrecheckReason' });

export const PrecheckAnswerSchema = z
  .object({
    programmeId: z.string(),
    programmeName: z.string(),
    eligible: z.boolean(),
    /** Why not: every failed rule the person, programme and course decide (empty when eligible). */
    reasons: z.array(PrecheckReasonSchema),
    /** Notes that do not refuse (e.g. ONCE_ONLY_RATIO_USED). */
    notes: z.array(PrecheckReasonSchema),
    subsidyFen: z.number().int(),
    /** Course fee − subsidy, never below 0; null when no course (fee unknown). */
    selfPaidFen: z.number().int().nullable(),
    feeFen: z.number().int().nullable(),
    standardFen: z.number().int(),
    upliftPct: z.number().int(),
    ratioPct: z.number().int(),
    year: z.number().int(),
    maxThisYear: z.number().int(),
    usedThisYear: z.number().int(),
    remainingThisYear: z.number().int(),
    /** Still to come at the claim: the attendance the programme asks for. */
    attendanceThresholdPct: z.number().int(),
    voucher: z.object({
      /** The worker already holds an open voucher that fits (its number and validity), else the validity of one applied for today. */
      held: z.boolean(),
      number: z.string().nullable(),
      validFrom: z.string(),
      validUntil: z.string(),
      validityMonths: z.number().int(),
    }),
  })
  .meta({ id: 'PrecheckAnswer' });

export const PrecheckSchema = z
  .object({
    courseId: z.string().nullable(),
    courseName: z.string().nullable(),
    occupationCode: z.string(),
    occupationName: z.string(),
    level: z.number().int(),
    /** One answer per programme weighed, the best first (eligible, then the larger subsidy). */
    answers: z.array(PrecheckAnswerSchema),
  })
  .meta({ id: 'Precheck' });

export type PrecheckView = z.infer<typeof PrecheckSchema>;
export type PrecheckAnswer = z.infer<typeof PrecheckAnswerSchema>;
