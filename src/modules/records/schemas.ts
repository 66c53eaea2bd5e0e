/** The lifelong record's and the issued documents' shapes (zod → validation, types and the OpenAPI document). */
import { z } from 'zod';

export const ENTRY_KINDS = [
  'voucher',
  'registration',
  'admission',
  'attendance',
  'assessment',
  'certificate',
  'subsidy',
  'subsidy_paid',
  // 工伤康复: the rehab module's cases, through its source in sources.ts (the extension point)
  'rehab',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const RecordEntrySchema = z
  .object({
    at: z.string().describe('ISO 8601 instant (the web shows it in Asia/Shanghai)'),
    kind: z.enum(ENTRY_KINDS),
    /** The thing's own number or name: voucher number, class name, certificate number, claim number. */
    ref: z.string(),
    /** What it is about, in words: programme, class or occupation name. */
    title: z.string(),
    occupationName: z.string().nullable(),
    level: z.number().int().nullable(),
    /** The state code (web: `status.<code>`); null when the entry is an event without a state. */
    status: z.string().nullable(),
    hours: z.number().nullable(),
    sessions: z.object({ attended: z.number().int(), total: z.number().int() }).nullable(),
    amountFen: z.number().int().nullable(),
    passed: z.boolean().nullable(),
  })
  .meta({ id: 'RecordEntry' });
export type RecordEntry = z.infer<typeof RecordEntrySchema>;

export const RecordTotalsSchema = z.object({
  hoursTrained: z.number(),
  sessionsAttended: z.number().int(),
  classesAttended: z.number().int(),
  vouchers: z.number().int(),
  certificates: z.number().int(),
  certificatesByLevel: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
  subsidyReceivedFen: z.number().int(),
  subsidyApprovedFen: z.number().int(),
});
export type RecordTotals = z.infer<typeof RecordTotalsSchema>;

export const LifelongRecordSchema = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    idNumberMasked: z.string(),
    asOf: z.string(),
    entries: z.array(RecordEntrySchema),
    totals: RecordTotalsSchema,
  })
  .meta({ id: 'LifelongRecord' });
export type LifelongRecord = z.infer<typeof LifelongRecordSchema>;

export const DOCUMENT_KINDS = ['record', 'certificate'] as const;

/** What the public verify page shows of an issued document: never more than the masked name. */
export const DocumentCheckSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(DOCUMENT_KINDS),
    holderNameMasked: z.string(),
    issuedAt: z.string(),
    issuedOn: z.string().describe('the Shanghai business date of issue'),
    contentDigest: z.string(),
    digestAlg: z.enum(['sha256', 'sm3']),
    signatureAlg: z.enum(['Ed25519', 'SM2']),
    signatureValid: z.boolean(),
  })
  .meta({ id: 'DocumentCheck' });
export type DocumentCheck = z.infer<typeof DocumentCheckSchema>;

export const UploadCheckSchema = z
  .object({
    /** genuine: byte for byte the file issued; tampered: names an issued document but differs from it; unknown: not issued by the platform. */
    outcome: z.enum(['genuine', 'tampered', 'unknown']),
    document: DocumentCheckSchema.nullable(),
  })
  .meta({ id: 'UploadCheck' });
export type UploadCheck = z.infer<typeof UploadCheckSchema>;

export const PersonIdParams = z.strictObject({ personId: z.uuid() });
export const DocumentIdParams = z.strictObject({ id: z.uuid() });
export const CertificateIdParams = z.strictObject({ id: z.uuid() });
