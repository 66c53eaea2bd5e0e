import { z } from 'zod';
import { BATCH_STATES, CLAIM_STATES, RULES } from './rules.js';

const DistrictCode = z.string().regex(/^\d{6}$/, 'a 6-digit district code');

export const ClaimQuery = z.strictObject({
  status: z.enum(CLAIM_STATES).optional(),
  districtCode: DistrictCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const RuleResultSchema = z.object({ rule: z.enum(RULES), passed: z.boolean(), reason: z.string() });

export const ClaimViewSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    voucherId: z.string(),
    personId: z.string(),
    programmeId: z.string(),
    districtCode: z.string().nullable(),
    year: z.number().int(),
    occupationCode: z.string(),
    level: z.number().int(),
    standardFen: z.number().int(),
    upliftPct: z.number().int(),
    ratioPct: z.number().int(),
    feeFen: z.number().int(),
    amountFen: z.number().int(),
    apprenticeshipMonths: z.number().int().nullable().describe('apprenticeship: months of the training period subsidised (standard per year)'),
    status: z.enum(CLAIM_STATES),
    rules: z.array(RuleResultSchema),
    failedRules: z.array(z.string()),
    payee: z.object({ kind: z.string(), name: z.string().nullable(), accountMasked: z.string().nullable(), bankName: z.string().nullable() }),
    notice: z.object({ publishedAt: z.string().nullable(), lastDay: z.string().nullable(), ended: z.boolean() }),
    decision: z.object({ by: z.string().nullable(), at: z.string().nullable(), opinion: z.string().nullable() }),
    failReason: z.string().nullable(),
    attempt: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'SubsidyClaim' });

export const ClaimDetailSchema = ClaimViewSchema.extend({
  events: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), reason: z.string().nullable() })),
});

export const Decision = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  opinion: z.string().trim().min(1).max(1000),
});

export const NoticeQuery = z.strictObject({
  districtCode: DistrictCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const NoticeItemSchema = z.object({
  claimNumber: z.string(),
  nameMasked: z.string(),
  districtCode: z.string().nullable(),
  occupationCode: z.string(),
  level: z.number().int(),
  amountFen: z.number().int(),
  lastDay: z.string(),
  status: z.enum(['approved', 'held']),
});

export const Objection = z.strictObject({
  claimNumber: z
    .string()
    .trim()
    .regex(/^SC\d{16}$/, 'a claim number SC + 16 digits'),
  text: z.string().trim().min(5).max(2000),
  contact: z.string().trim().max(100).optional(),
});

export const BatchCreate = z.strictObject({
  programmeId: z.uuid().optional(),
  districtCode: DistrictCode.optional(),
  maxPayments: z.number().int().min(1).max(200_000).optional(),
});

export const BatchViewSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(BATCH_STATES),
    programmeId: z.string().nullable(),
    districtCode: z.string().nullable(),
    makerId: z.string(),
    checkerId: z.string().nullable(),
    paymentCount: z.number().int(),
    totalFen: z.number().int(),
    bookedCount: z.number().int(),
    rejectedCount: z.number().int(),
    fileSha256: z.string().nullable(),
    csvSha256: z.string().nullable(),
    requestedDate: z.string().nullable(),
    createdAt: z.string(),
    approvedAt: z.string().nullable(),
  })
  .meta({ id: 'DisbursementBatch' });

export const BatchDetailSchema = BatchViewSchema.extend({
  payees: z.array(z.object({ payeeKey: z.string(), count: z.number().int(), amountFen: z.number().int() })),
});

export const BatchQuery = z.strictObject({
  status: z.enum(BATCH_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const ResultQuery = z.strictObject({ format: z.enum(['camt054', 'csv']).optional() });

export const ImportReportSchema = z.object({
  importId: z.string(),
  fileSha256: z.string(),
  format: z.enum(['camt054', 'csv']),
  msgId: z.string().nullable(),
  alreadyImported: z.boolean(),
  entries: z.number().int(),
  applied: z.number().int(),
  booked: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
  unknown: z.number().int(),
  mismatched: z.number().int(),
  issues: z.array(z.object({ position: z.number().int(), message: z.string() })),
  samples: z.array(z.object({ endToEndId: z.string(), outcome: z.string(), position: z.number().int() })),
});

export const BudgetAccountSchema = z.object({
  id: z.string(),
  budgetId: z.string(),
  programmeId: z.string(),
  districtCode: z.string(),
  year: z.number().int(),
  amountFen: z.number().int(),
  availableFen: z.number().int(),
  reservedFen: z.number().int(),
  paidFen: z.number().int(),
});
export const BudgetAccountQuery = z.strictObject({
  districtCode: DistrictCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const FundsCheckSchema = z.object({
  ok: z.boolean(),
  accounts: z.number().int(),
  claims: z.number().int(),
  problems: z.array(z.object({ kind: z.enum(['account', 'claim']), id: z.string(), message: z.string() })),
});

export const CalendarDaySchema = z.strictObject({
  date: z.iso.date(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().max(50).default(''),
});
