/** The assessment API's shapes (zod): request bodies and queries, and the views the server types are derived from. */
import { z } from 'zod';
import { CERTIFICATE_TYPES } from './rules.js';

export const ResultBody = z
  .strictObject({
    voucherId: z.uuid().optional(),
    voucherNumber: z.string().trim().min(5).max(40).optional(),
    passed: z.boolean(),
    score: z.number().min(0).max(100).nullable().optional(),
    level: z.number().int().min(0).max(5).nullable().optional().describe('level reached; absent/null = the class’s level'),
    levelChangeReason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .nullable()
      .optional()
      .describe('required when the level differs from the class’s: the claim then goes to review (LEVEL_DIFFERS_FROM_CLASS)'),
    certificateNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{6,40}$/, '6..40 letters, digits or -')
      .nullable()
      .optional(),
    certificateType: z.enum(CERTIFICATE_TYPES).nullable().optional(),
    assessedOn: z.iso.date(),
  })
  .refine((b) => !!b.voucherId || !!b.voucherNumber, { message: 'voucherId or voucherNumber is required', path: ['voucherNumber'] });

export const ResultViewSchema = z
  .object({
    id: z.string(),
    voucherId: z.string(),
    voucherNumber: z.string().nullable(),
    candidateNameMasked: z.string().nullable().describe('the candidate (考生), masked by the persons service; null when the person is unknown'),
    classId: z.string().nullable(),
    passed: z.boolean(),
    score: z.number().nullable(),
    level: z.number().int(),
    levelChangeReason: z.string().nullable(),
    occupationCode: z.string(),
    certificateNumber: z.string().nullable(),
    certificateType: z.enum(CERTIFICATE_TYPES).nullable(),
    assessedOn: z.string(),
    claimId: z.string().nullable(),
    claimNumber: z.string().nullable().describe('the claim’s number (申请编号), null without a claim'),
    claimStatus: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AssessmentResult' });

export const CertificateSchema = z.object({
  id: z.uuid(),
  /** recorded: a result recorded here; imported: from an assessment body's sheet. */
  source: z.enum(['recorded', 'imported']),
  certificateNumber: z.string(),
  certificateType: z.enum(CERTIFICATE_TYPES),
  holderNameMasked: z.string(),
  occupationCode: z.string(),
  level: z.number().int(),
  issuerName: z.string(),
  assessedOn: z.string(),
});

export const RegistryEntrySchema = CertificateSchema.extend({ personId: z.uuid(), createdAt: z.string() });
export const RegistryQuery = z.strictObject({
  certificateNumber: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const CertificateImportReportSchema = z.object({
  total: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const ImportReportSchema = z.object({
  total: z.number().int(),
  recorded: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const AssignmentBody = z.strictObject({
  classId: z.uuid(),
  assessorOrgId: z.uuid(),
  note: z.string().trim().max(500).optional(),
});

export const WithdrawBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const AssignmentQuery = z.strictObject({
  classId: z.uuid().optional(),
  assessorOrgId: z.uuid().optional(),
  status: z.enum(['active', 'withdrawn', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const AssignmentSchema = z
  .object({
    id: z.string(),
    classId: z.string(),
    className: z.string().nullable(),
    classState: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    occupationCode: z.string().nullable(),
    level: z.number().int().nullable(),
    districtCode: z.string(),
    providerId: z.string(),
    assessorOrgId: z.string(),
    assessorOrgName: z.string().nullable(),
    note: z.string().nullable(),
    assignedBy: z.string().nullable(),
    assignedAt: z.string(),
    active: z.boolean(),
    withdrawnAt: z.string().nullable(),
    withdrawReason: z.string().nullable(),
  })
  .meta({ id: 'AssessmentAssignment' });

export const ResultQuery = z.strictObject({
  classId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const CertificateLookupQuery = z.strictObject({ certificateNumber: z.string().trim().min(6).max(40), name: z.string().trim().min(1).max(64) });

// ───────────────────────────── the server's view types, derived from the schemas ─────────────────────────────

export type ResultView = z.infer<typeof ResultViewSchema>;
export type AssignmentView = z.infer<typeof AssignmentSchema>;
export type CertificateView = z.infer<typeof CertificateSchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;
export type CertificateImportReport = z.infer<typeof CertificateImportReportSchema>;
