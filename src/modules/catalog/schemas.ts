/** Catalogue schemas (zod): request bodies and queries (strict), response views. */
import { z } from 'zod';

export const PROGRAMME_TYPES = ['social_training', 'enterprise_training', 'skill_upgrade', 'apprenticeship'] as const;
/** 就业补助资金 | 失业保险基金 | 地方教育附加专项资金 */
export const FUNDING_SOURCES = ['employment_subsidy_fund', 'unemployment_insurance_fund', 'local_education_surcharge'] as const;
export const PAYEES = ['person', 'provider', 'enterprise'] as const;
export const PROGRAMME_STATUSES = ['open', 'closed'] as const;

export const OccupationCode = z.string().regex(/^\d-\d\d-\d\d-\d\d$/, 'an occupation code like 4-10-01-05');
export const DistrictCode = z.string().regex(/^\d{6}$/, 'a 6-digit district code');
export const Category = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'a category code: lower-case letters, digits, _');
export const Level = z.number().int().min(0).max(5);
export const AmountFen = z.number().int().min(0).max(1_000_000_000_000);
export const Pct = z.number().int().min(0).max(100);

const programmeFields = {
  name: z.string().trim().min(1).max(200),
  type: z.enum(PROGRAMME_TYPES),
  fundingSource: z.enum(FUNDING_SOURCES),
  payee: z.enum(PAYEES),
  validityMonths: z.number().int().min(1).max(60),
  attendanceThresholdPct: Pct,
  passMarkScore: z.number().int().min(0).max(100).describe('合格分数线: a score below it cannot be recorded as passed'),
  openingDeadlineDays: z.number().int().min(0).max(60),
  checkinBeforeMin: z.number().int().min(0).max(1440),
  checkinAfterMin: z.number().int().min(0).max(1440),
  geofenceRadiusM: z.number().int().min(10).max(100_000),
  accuracyMaxM: z.number().int().min(1).max(100_000),
  onlineAttendance: z.boolean(),
  maxSubsidiesPerYear: z.number().int().min(0).max(100),
  maxSubsidiesPerYearStudent: z.number().int().min(0).max(100),
  eligibleCategories: z.array(Category).max(50),
  shortageUplift: z.boolean(),
  apprenticeshipCapYears: z.number().int().min(1).max(10).nullable(),
  status: z.enum(PROGRAMME_STATUSES),
};

export const ProgrammeCreate = z.strictObject({
  code: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'upper-case letters, digits, - and _'),
  name: programmeFields.name,
  type: programmeFields.type,
  fundingSource: programmeFields.fundingSource,
  payee: programmeFields.payee,
  validityMonths: programmeFields.validityMonths.optional(),
  attendanceThresholdPct: programmeFields.attendanceThresholdPct.optional(),
  passMarkScore: programmeFields.passMarkScore.optional(),
  openingDeadlineDays: programmeFields.openingDeadlineDays.optional(),
  checkinBeforeMin: programmeFields.checkinBeforeMin.optional(),
  checkinAfterMin: programmeFields.checkinAfterMin.optional(),
  geofenceRadiusM: programmeFields.geofenceRadiusM.optional(),
  accuracyMaxM: programmeFields.accuracyMaxM.optional(),
  onlineAttendance: programmeFields.onlineAttendance.optional(),
  maxSubsidiesPerYear: programmeFields.maxSubsidiesPerYear.optional(),
  maxSubsidiesPerYearStudent: programmeFields.maxSubsidiesPerYearStudent.optional(),
  eligibleCategories: programmeFields.eligibleCategories.optional(),
  shortageUplift: programmeFields.shortageUplift.optional(),
  apprenticeshipCapYears: programmeFields.apprenticeshipCapYears.optional(),
  status: programmeFields.status.optional(),
});
export type ProgrammeCreateInput = z.infer<typeof ProgrammeCreate>;

export const ProgrammePatch = z.strictObject({
  name: programmeFields.name.optional(),
  fundingSource: programmeFields.fundingSource.optional(),
  payee: programmeFields.payee.optional(),
  validityMonths: programmeFields.validityMonths.optional(),
  attendanceThresholdPct: programmeFields.attendanceThresholdPct.optional(),
  passMarkScore: programmeFields.passMarkScore.optional(),
  openingDeadlineDays: programmeFields.openingDeadlineDays.optional(),
  checkinBeforeMin: programmeFields.checkinBeforeMin.optional(),
  checkinAfterMin: programmeFields.checkinAfterMin.optional(),
  geofenceRadiusM: programmeFields.geofenceRadiusM.optional(),
  accuracyMaxM: programmeFields.accuracyMaxM.optional(),
  onlineAttendance: programmeFields.onlineAttendance.optional(),
  maxSubsidiesPerYear: programmeFields.maxSubsidiesPerYear.optional(),
  maxSubsidiesPerYearStudent: programmeFields.maxSubsidiesPerYearStudent.optional(),
  eligibleCategories: programmeFields.eligibleCategories.optional(),
  shortageUplift: programmeFields.shortageUplift.optional(),
  apprenticeshipCapYears: programmeFields.apprenticeshipCapYears.optional(),
  status: programmeFields.status.optional(),
});
export type ProgrammePatchInput = z.infer<typeof ProgrammePatch>;

export const StandardSet = z.strictObject({
  occupationCode: OccupationCode.nullable().default(null).describe('null = any occupation of the programme'),
  level: Level,
  amountFen: AmountFen,
});
export type StandardSetInput = z.input<typeof StandardSet>;

export const RatioSet = z.strictObject({
  category: Category,
  name: z.string().trim().min(1).max(100).optional().describe('required when the category is new'),
  ratioPct: Pct,
  condition: z
    .string()
    .regex(/^(once|level<=[0-5])$/, "null, 'once' or 'level<=N'")
    .nullable()
    .optional(),
});
export type RatioSetInput = z.infer<typeof RatioSet>;

export const ShortageSet = z.strictObject({
  occupationCode: OccupationCode,
  upliftPct: Pct.nullable().describe('null removes the occupation from the shortage list'),
  field: z.string().trim().min(1).max(64).nullable().optional(),
});
export type ShortageSetInput = z.infer<typeof ShortageSet>;

export const BudgetSet = z.strictObject({
  programmeId: z.uuid(),
  districtCode: DistrictCode,
  year: z.number().int().min(2000).max(2100),
  amountFen: AmountFen,
});
export type BudgetSetInput = z.infer<typeof BudgetSet>;

export const OccupationSearch = z.strictObject({
  q: z.string().trim().min(1).max(50).optional().describe('code prefix (digits and -) or a name substring'),
  level: z.coerce.number().int().min(1).max(4).optional().describe('default 4 (occupations); 1..3 for the groups'),
  shortage: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type OccupationSearchInput = z.infer<typeof OccupationSearch>;

export const BudgetQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  programmeId: z.uuid().optional(),
  districtCode: DistrictCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type BudgetQueryInput = z.infer<typeof BudgetQuery>;

export const ProgrammeQuery = z.strictObject({
  type: z.enum(PROGRAMME_TYPES).optional(),
  status: z.enum(PROGRAMME_STATUSES).optional(),
});

// ------------------------------------------------------------------------------------------------ views
export const DistrictView = z.object({
  code: z.string(),
  name: z.string(),
  /** The district's approximate centre (GCJ-02): where distance is measured from when a person shares no position. */
  centre: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export const OccupationView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  digital: z.boolean(),
  green: z.boolean(),
  shortage: z.boolean(),
  shortageUpliftPct: z.number().int(),
});
export const OccupationDetailView = OccupationView.extend({ definition: z.string().nullable() });
export const ProgrammeView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(PROGRAMME_TYPES),
  fundingSource: z.enum(FUNDING_SOURCES),
  payee: z.enum(PAYEES),
  validityMonths: z.number().int(),
  attendanceThresholdPct: z.number().int(),
  passMarkScore: z.number().int(),
  openingDeadlineDays: z.number().int(),
  checkinBeforeMin: z.number().int(),
  checkinAfterMin: z.number().int(),
  geofenceRadiusM: z.number().int(),
  accuracyMaxM: z.number().int(),
  onlineAttendance: z.boolean(),
  maxSubsidiesPerYear: z.number().int(),
  maxSubsidiesPerYearStudent: z.number().int(),
  eligibleCategories: z.array(z.string()),
  shortageUplift: z.boolean(),
  apprenticeshipCapYears: z.number().int().nullable(),
  status: z.enum(PROGRAMME_STATUSES),
});
export const StandardView = z.object({
  programmeId: z.string(),
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  level: z.number().int(),
  amountFen: z.number().int(),
});
export const RatioView = z.object({ category: z.string(), name: z.string(), ratioPct: z.number().int(), condition: z.string().nullable() });
export const ShortageView = z.object({
  occupationCode: z.string(),
  occupationName: z.string(),
  upliftPct: z.number().int(),
  field: z.string().nullable(),
});
export const ShortageSetResult = z.object({ occupationCode: z.string(), listed: z.boolean(), upliftPct: z.number().int().nullable() });
export const BudgetView = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeCode: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  year: z.number().int(),
  amountFen: z.number().int(),
});
