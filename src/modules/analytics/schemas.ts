/** Zod schemas of the statistics routes (the contract: /work/wt/contracts/analytics.md). */
import { z } from 'zod';
import { GROUP_BY } from './queries.js';
import { COUNT_METRICS, FEN_METRICS, FUNNEL_STAGES } from './rules.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const District = z.string().regex(/^[0-9]{6}$/, 'a 6-digit district code');

/** The filters every statistics route takes. */
export const AnalyticsFilters = {
  from: Month.optional().describe('first month (Asia/Shanghai), inclusive'),
  to: Month.optional().describe('last month (Asia/Shanghai), inclusive'),
  districtCode: District.optional().describe("the person's district (户籍/参保地)"),
  trainingDistrictCode: District.optional().describe("the training's district (the class's)"),
  programmeId: z.uuid().optional(),
  occupationCode: z
    .string()
    .regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'an occupation code like 4-03-02-01')
    .optional(),
  level: z.coerce.number().int().min(0).max(5).optional(),
  providerId: z.uuid().optional(),
  category: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,63}$/)
    .optional(),
};
export const AnalyticsQuery = z.strictObject(AnalyticsFilters);
export const GroupByEnum = z.enum(GROUP_BY);
export const TableQuery = z.strictObject({ ...AnalyticsFilters, groupBy: GroupByEnum });
export const FunnelQuery = z.strictObject({ ...AnalyticsFilters, groupBy: GroupByEnum.optional() });
export const BudgetQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  districtCode: District.optional(),
  programmeId: z.uuid().optional(),
});

const Rate = z.number().nullable();
const ints = <K extends string>(keys: readonly K[]): Record<K, z.ZodNumber> =>
  Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>;
export const MetricsSchema = z
  .object({
    ...ints(COUNT_METRICS),
    ...ints(FEN_METRICS.map((m) => `${m}Fen` as const)),
    attendanceRate: Rate.describe('checkInsCounted / expectedCheckIns, 0..1'),
    passRate: Rate.describe('passed / assessed'),
    avgDaysIssueToAdmission: Rate,
    avgDaysPassToPayment: Rate,
  })
  .meta({ id: 'AnalyticsMetrics' });

export const ScopeSchema = z
  .object({ kind: z.enum(['all', 'district', 'org', 'none']), districtCode: z.string().optional(), orgId: z.string().optional(), label: z.string() })
  .meta({ id: 'AnalyticsScope' });

const Envelope = {
  scope: ScopeSchema,
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
  asOf: z.string().describe('the instant of the read (ISO); figures are exact then'),
};

export const SummarySchema = z.object({ ...Envelope, metrics: MetricsSchema }).meta({ id: 'AnalyticsSummary' });

export const GroupRowSchema = z.object({ key: z.string(), label: z.string(), metrics: MetricsSchema }).meta({ id: 'AnalyticsRow' });
export const TableSchema = z.object({ ...Envelope, groupBy: GroupByEnum, rows: z.array(GroupRowSchema), total: MetricsSchema }).meta({ id: 'AnalyticsTable' });

export const FunnelStageSchema = z
  .object({ stage: z.enum(FUNNEL_STAGES), count: z.number().int(), rateFromPrevious: Rate, rateFromIssued: Rate })
  .meta({ id: 'FunnelStage' });
export const FunnelSchema = z
  .object({
    ...Envelope,
    groupBy: GroupByEnum.nullable(),
    stages: z.array(FunnelStageSchema),
    groups: z.array(z.object({ key: z.string(), label: z.string(), stages: z.array(FunnelStageSchema) })),
  })
  .meta({ id: 'AnalyticsFunnel' });

export const LeagueRowSchema = z
  .object({
    providerId: z.string(),
    providerName: z.string(),
    programmeId: z.string(),
    programmeName: z.string(),
    admitted: z.number().int(),
    assessed: z.number().int(),
    passed: z.number().int(),
    passRate: Rate,
    attendanceRate: Rate,
    checkInsFlagged: z.number().int(),
    objections: z.number().int(),
    completionRate: Rate.describe('assessed / admitted'),
    claimsPaidFen: z.number().int(),
  })
  .meta({ id: 'LeagueRow' });
export const LeagueSchema = z.object({ ...Envelope, rows: z.array(LeagueRowSchema) }).meta({ id: 'AnalyticsLeague' });

export const DrillSchema = z
  .object({ ...Envelope, level: z.enum(['city', 'district', 'provider']), groupBy: GroupByEnum, rows: z.array(GroupRowSchema), total: MetricsSchema })
  .meta({ id: 'AnalyticsDrill' });

const BudgetFigures = {
  allocatedFen: z.number().int(),
  reservedFen: z.number().int(),
  paidFen: z.number().int(),
  availableFen: z.number().int(),
  executionRate: Rate.describe('paidFen / allocatedFen (执行率)'),
};
export const BudgetRowSchema = z
  .object({ districtCode: z.string(), districtName: z.string(), programmeId: z.string(), programmeName: z.string(), year: z.number().int(), ...BudgetFigures })
  .meta({ id: 'BudgetRow' });
export const BudgetSchema = z
  .object({ scope: ScopeSchema, asOf: z.string(), year: z.number().int(), rows: z.array(BudgetRowSchema), total: z.object(BudgetFigures) })
  .meta({ id: 'AnalyticsBudget' });

export type MetricsView = z.infer<typeof MetricsSchema>;
export type TableView = z.infer<typeof TableSchema>;
export type FunnelView = z.infer<typeof FunnelSchema>;
export type LeagueView = z.infer<typeof LeagueSchema>;
export type DrillView = z.infer<typeof DrillSchema>;
export type BudgetView = z.infer<typeof BudgetSchema>;
export type SummaryView = z.infer<typeof SummarySchema>;
