/** Zod schemas of the voucher routes (request bodies strict: unknown fields refused). */
import { z } from 'zod';
import { Paging } from '../../http/route.js';
import { VOUCHER_STATES } from './rules.js';

const Date10 = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const OccupationCode = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'an occupation code like 4-03-02-01');
const Level = z.number().int().min(0).max(5);

export const EligibilityRuleSchema = z.strictObject({
  districtCodes: z
    .array(z.string().regex(/^\d{6}$/))
    .max(50)
    .optional(),
  categoriesAny: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{1,63}$/))
    .max(20)
    .optional(),
  hukou: z.enum(['local', 'nonlocal']).optional(),
  ageMin: z.number().int().min(0).max(120).optional(),
  ageMax: z.number().int().min(0).max(120).optional(),
  sex: z.enum(['M', 'F']).optional(),
  employerUscc: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
    .optional(),
});

export const IssuanceBody = z.strictObject({
  mode: z.enum(['targeted', 'custom']).default('targeted'),
  name: z.string().trim().min(1).max(200),
  programmeId: z.uuid(),
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  occupationCode: OccupationCode.nullable().optional(),
  level: Level.nullable().optional(),
  rule: EligibilityRuleSchema.optional(),
  quantityCap: z.number().int().min(1).max(10_000_000).nullable().optional(),
  validityMonths: z.number().int().min(1).max(60).nullable().optional(),
  validUntil: Date10.nullable().optional(),
});

export const IssuanceViewSchema = z.object({
  id: z.string(),
  mode: z.enum(['targeted', 'custom']),
  name: z.string(),
  programmeId: z.string(),
  districtCode: z.string().nullable(),
  orgId: z.string().nullable(),
  definition: z.object({
    occupationCode: z.string().nullable(),
    level: z.number().int().nullable(),
    rule: EligibilityRuleSchema,
    quantityCap: z.number().int().nullable(),
    validityMonths: z.number().int().nullable(),
    validUntil: z.string().nullable(),
  }),
  status: z.enum(['draft', 'running', 'done', 'failed']),
  matchedTotal: z.number().int(),
  processed: z.number().int(),
  issued: z.number().int(),
  skipped: z.record(z.string(), z.number()),
  percent: z.number().int(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const PreviewSchema = z.object({ matched: z.number().int(), holdingOpen: z.number().int() });

export const CustomReportSchema = z.object({
  total: z.number().int(),
  issued: z.number().int(),
  personsCreated: z.number().int(),
  skipped: z.record(z.string(), z.number()),
  failed: z.number().int(),
  rows: z.array(z.object({ row: z.number().int(), field: z.string().optional(), code: z.string(), message: z.string() })),
  rowsTruncated: z.boolean(),
});

export const ApplyBody = z.strictObject({
  occupationCode: OccupationCode,
  level: Level,
  programmeId: z.uuid().optional(),
});

export const VoucherViewSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(['subsidy', 'checkin_only']),
  status: z.enum(VOUCHER_STATES),
  mode: z.enum(['targeted', 'custom', 'on_demand']),
  programme: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  level: z.number().int().nullable(),
  districtCode: z.string().nullable(),
  ratioPct: z.number().int(),
  standardFen: z.number().int().nullable(),
  upliftPct: z.number().int(),
  subsidyEstimateFen: z.number().int().nullable(),
  category: z.string().nullable(),
  categoryValidUntil: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string(),
  issuedAt: z.string(),
  holder: z.object({ name: z.string(), idNumberMasked: z.string() }),
});

/** The vouchers of one issuance, a page of them, and how many of the whole batch are in each state. */
export const IssuanceVouchersSchema = z
  .object({
    total: z.number().int(),
    items: z.array(VoucherViewSchema),
    byStatus: z.partialRecord(z.enum(VOUCHER_STATES), z.number().int()),
  })
  .meta({ id: 'IssuanceVouchers' });

export const IssuanceVouchersQuery = z.strictObject({ status: z.enum(VOUCHER_STATES).optional(), ...Paging });

export const VoucherDetailSchema = VoucherViewSchema.extend({
  events: z.array(
    z.object({ from: z.enum(VOUCHER_STATES).nullable(), to: z.enum(VOUCHER_STATES), actorRole: z.string(), reason: z.string().nullable(), at: z.string() }),
  ),
});

export const ApplyExplanationSchema = z.object({
  kind: z.enum(['subsidy', 'checkin_only']),
  programmeName: z.string().nullable(),
  ratioPct: z.number().int(),
  standardFen: z.number().int().nullable(),
  upliftPct: z.number().int(),
  causes: z.array(
    z.object({
      programmeName: z.string().nullable(),
      cause: z.enum(['category_not_eligible', 'no_standard', 'no_ratio', 'holds_open_voucher', 'no_open_programme']),
    }),
  ),
});
export const ApplyResultSchema = z.object({ voucher: VoucherViewSchema, reason: z.string(), explanation: ApplyExplanationSchema });
export const RevokeBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const QrTokenSchema = z.object({ token: z.string(), expiresAt: z.string(), voucherId: z.string() });
export const NumberQuery = z.strictObject({ number: z.string().min(1).max(40) });

/** Voucher statistics (数据回流, the vouchers' part): counts by district × programme × status. */
export const StatsQuery = z.strictObject({
  districtCode: z
    .string()
    .regex(/^[0-9]{6}$/, 'a 6-digit district code')
    .optional(),
  programmeId: z.uuid().optional(),
});
export const VoucherStatsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  rows: z.array(z.object({ districtCode: z.string().nullable(), programmeId: z.string().nullable(), status: z.string(), count: z.number().int() })),
});

/** The officers' voucher list (search, filters, paging; the export takes the same filters). */
export const VoucherListQuery = z.strictObject({
  q: z.string().trim().max(40).optional().describe('the voucher number, by its start'),
  status: z.enum(VOUCHER_STATES).optional(),
  kind: z.enum(['subsidy', 'checkin_only']).optional(),
  mode: z.enum(['targeted', 'custom', 'on_demand']).optional(),
  programmeId: z.uuid().optional(),
  districtCode: z
    .string()
    .regex(/^[0-9]{6}$/, 'a 6-digit district code')
    .optional(),
  from: z.iso.date().optional().describe('issued on or after this date (Asia/Shanghai)'),
  to: z.iso.date().optional().describe('issued on or before this date (Asia/Shanghai)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
