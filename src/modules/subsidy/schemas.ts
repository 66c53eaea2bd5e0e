import { z } from 'zod';
import { BATCH_STATES, CLAIM_STATES, RULES } from './rules.js';
import { FUNDING_SOURCES } from '../catalog/index.js';

const DistrictCode = z.string().regex(/^\d{6}$/, 'a 6-digit district code');

export const ClaimQuery = z.strictObject({
  status: z.enum(CLAIM_STATES).optional(),
  districtCode: DistrictCode.optional(),
  reason: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'a reason code, e.g. NO_BUDGET')
    .optional()
    .describe('claims with this reason code (a failed rule, e.g. NO_BUDGET, or a note, e.g. ONCE_ONLY_RATIO_USED)'),
  q: z.string().trim().max(64).optional().describe('a claim number or the payee’s name, by its start'),
  programmeId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const RuleResultSchema = z.object({
  rule: z.enum(RULES),
  passed: z.boolean(),
  reason: z.string(),
  code: z.string().optional().describe('stable reason code when the rule has a specific one (NO_BUDGET, LEVEL_DIFFERS_FROM_CLASS, ONCE_ONLY_RATIO_USED …)'),
  values: z.record(z.string(), z.number()).optional().describe('the figures the rule compared, e.g. { attendancePct, thresholdPct }'),
});

/** One claim of a provider's class, as the provider sees it: no payee account, no person; the voucher joins the roster. */
export const ClassClaimSchema = z
  .object({
    number: z.string(),
    voucherId: z.string(),
    amountFen: z.number().int(),
    status: z.enum(CLAIM_STATES),
    payeeKind: z.enum(['person', 'provider', 'enterprise']),
    noticeLastDay: z.string().nullable().describe('the public notice’s (公示) last day, YYYY-MM-DD'),
    paidAt: z.string().nullable().describe('when the bank confirmed the payment'),
    createdAt: z.string(),
  })
  .meta({ id: 'ClassClaim' });

/** 补贴到账: the enterprise's list — its claims (paid to it, or on its customised vouchers), one page. */
export const EnterpriseClaimQuery = z.strictObject({
  status: z.enum(CLAIM_STATES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** One claim as the enterprise sees it: the employee masked, what was trained where, how much and where the money is; no account. */
export const EnterpriseClaimSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    employeeNameMasked: z.string().nullable().describe('the trainee (the employee), masked'),
    programmeName: z.string().nullable(),
    occupationCode: z.string(),
    occupationName: z.string().nullable(),
    level: z.number().int(),
    className: z.string().nullable(),
    providerName: z.string().nullable(),
    amountFen: z.number().int(),
    status: z.enum(CLAIM_STATES),
    payeeKind: z.enum(['person', 'provider', 'enterprise']).describe('who is paid: the enterprise itself, the employee, or the provider'),
    paidToThisEnterprise: z.boolean(),
    payeeKnown: z.boolean().describe('whether the payee is known (an enterprise programme whose employee has no employer on file has none)'),
    customVoucher: z.boolean().describe('made on a customised voucher (企业定制券) the enterprise issued'),
    noticeLastDay: z.string().nullable().describe('the public notice’s (公示) last day, YYYY-MM-DD'),
    paidAt: z.string().nullable().describe('when the bank confirmed the payment'),
    createdAt: z.string(),
  })
  .meta({ id: 'EnterpriseClaim' });

export const EnterpriseClaimPageSchema = z.object({
  total: z.number().int(),
  paidFen: z.number().int().describe('the sum of the listed claims (all pages) that were paid, to anyone'),
  paidToEnterpriseFen: z.number().int().describe('of which paid to the enterprise itself'),
  items: z.array(EnterpriseClaimSchema),
});

export const EnterpriseClaimDetailSchema = EnterpriseClaimSchema.extend({
  events: z.array(z.object({ to: z.enum(CLAIM_STATES), at: z.string() })).describe('the claim’s steps, oldest first'),
}).meta({ id: 'EnterpriseClaimDetail' });

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
    ratioCategory: z.string().nullable().describe('the person category whose ratio the amount uses'),
    status: z.enum(CLAIM_STATES),
    rules: z.array(RuleResultSchema),
    failedRules: z.array(z.string()),
    reasonCodes: z.array(z.string()).describe('stable reason codes: each failed rule’s, then notes (e.g. ONCE_ONLY_RATIO_USED)'),
    payee: z.object({
      kind: z.string(),
      name: z.string().nullable().describe('a person payee’s name masked (学***0); an enterprise’s or provider’s name as registered'),
      accountMasked: z.string().nullable(),
      bankName: z.string().nullable(),
    }),
    notice: z.object({
      publishedAt: z.string().nullable(),
      lastDay: z.string().nullable(),
      lastDayProvisional: z.boolean().describe('the last day was counted past the loaded holiday calendar (Monday–Friday): provisional (暂定)'),
      ended: z.boolean(),
    }),
    decision: z.object({
      by: z.string().nullable(),
      at: z.string().nullable(),
      opinion: z.string().nullable(),
      overrideReason: z.string().nullable().describe('the reason given for approving despite a failed rule'),
    }),
    failReason: z.string().nullable(),
    attempt: z.number().int(),
    createdAt: z.string(),
    waitingWorkingDays: z
      .number()
      .int()
      .nullable()
      .describe('the list of claims in review: working days waited since it came in (Shanghai dates, the holiday calendar); else null'),
  })
  .meta({ id: 'SubsidyClaim' });

export const ClaimTodoSchema = z
  .object({
    kind: z.enum(['NO_BUDGET']).describe('NO_BUDGET: claims wait in review because no budget is set for this year, district and programme'),
    year: z.number().int(),
    districtCode: z.string().nullable(),
    programmeId: z.string(),
    programmeName: z.string().nullable(),
    claims: z.number().int(),
  })
  .meta({ id: 'ClaimTodo' });

export const ClaimDetailSchema = ClaimViewSchema.extend({
  events: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), reason: z.string().nullable() })),
  context: z
    .object({
      person: z.object({ nameMasked: z.string(), idMasked: z.string() }).nullable(),
      occupationName: z.string().nullable(),
      programmeName: z.string().nullable(),
      class: z.object({ name: z.string(), providerName: z.string().nullable(), startDate: z.string(), endDate: z.string() }).nullable(),
      assessment: z
        .object({
          passedOn: z.string().nullable().describe('the day of the pass (YYYY-MM-DD)'),
          certificateNumber: z.string().nullable(),
        })
        .describe('the pass the claim pays for, as the claim keeps it'),
      limits: z
        .object({
          year: z.number().int(),
          counted: z.number().int().describe('the person’s other claims of the year that count for the yearly limit (not rejected; in review only if earlier)'),
          max: z.number().int(),
          student: z.boolean().describe('the students’ yearly limit applies'),
        })
        .describe('the yearly limit as an approval now re-checks it'),
      otherClaims: z
        .array(
          z.object({
            number: z.string(),
            year: z.number().int(),
            occupationCode: z.string(),
            occupationName: z.string().nullable(),
            level: z.number().int(),
            amountFen: z.number().int(),
            status: z.enum(CLAIM_STATES),
          }),
        )
        .describe('the person’s other claims of every year, newest first, rejected ones included (their status says so)'),
    })
    .describe(
      'what the decider needs beside the claim: the person (masked), the class and provider, the result and certificate, the yearly limit, the person’s other claims',
    ),
});

export const Decision = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  opinion: z.string().trim().min(1).max(1000),
  /** Required when approving a claim that fails a rule (VALIDATION_FAILED on `overrideReason` otherwise). */
  overrideReason: z.string().trim().max(1000).optional().describe('why the claim is approved although a rule failed; required then'),
});

export const NoticeQuery = z.strictObject({
  districtCode: DistrictCode.optional(),
  q: z.string().trim().max(40).optional().describe('a claim number, by its start'),
  status: z.enum(['approved', 'held']).optional(),
  occupationCode: z.string().trim().max(20).optional(),
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
  lastDayProvisional: z.boolean(),
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

/** What an objection answers: the claim's state after it (held only by a real-name objection or an officer). */
export const ObjectionResultSchema = z.object({
  claimNumber: z.string(),
  status: z.enum(['approved', 'held']),
  realName: z.boolean(),
  objectionId: z.string(),
});

export const OBJECTION_STATES = ['open', 'upheld', 'dismissed'] as const;

/** An objection in the officers' queue. */
export const ObjectionViewSchema = z.object({
  id: z.string(),
  claimId: z.string(),
  claimNumber: z.string(),
  claimStatus: z.string(),
  districtCode: z.string().nullable(),
  text: z.string(),
  realName: z.boolean(),
  held: z.boolean(),
  hasContact: z.boolean(),
  status: z.enum(OBJECTION_STATES),
  createdAt: z.string(),
  resolution: z.string().nullable(),
});

export const BatchCreate = z.strictObject({
  programmeId: z.uuid().optional(),
  districtCode: DistrictCode.optional(),
  maxPayments: z.number().int().min(1).max(200_000).optional(),
});

/** The 新建批次 dialog's filters, as query parameters (the same as BatchCreate's). */
export const BatchPreviewQuery = z.strictObject({
  programmeId: z.uuid().optional(),
  districtCode: DistrictCode.optional(),
  maxPayments: z.coerce.number().int().min(1).max(200_000).optional(),
});

/** What a batch made now with these filters would take, read-only. */
export const BatchPreviewSchema = z
  .object({
    count: z.number().int().describe('the claims the batch would take (payable, up to the cap)'),
    totalFen: z.number().int().describe('their amounts in fen'),
  })
  .meta({ id: 'BatchPreview' });

export const BatchViewSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(BATCH_STATES),
    programmeId: z.string().nullable(),
    districtCode: z.string().nullable(),
    makerId: z.string(),
    checkerId: z.string().nullable(),
    makerName: z.string().nullable().describe('the maker by display name'),
    checkerName: z.string().nullable().describe('the checker by display name'),
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

export const BatchPaymentSchema = z
  .object({
    claimNumber: z.string(),
    endToEndId: z.string(),
    payeeKind: z.string(),
    payeeNameMasked: z.string(),
    accountMasked: z.string(),
    bankName: z.string().nullable(),
    programmeName: z.string().nullable(),
    amountFen: z.number().int(),
    status: z.string(),
  })
  .meta({ id: 'BatchPayment' });

/** What a new batch would take now, and what waits (for the batch list's empty state and the maker's button). */
export const PayableSummarySchema = z
  .object({
    ready: z
      .object({ count: z.number().int(), amountFen: z.number().int() })
      .describe('approved claims whose public notice ended: a batch made now takes them'),
    inNotice: z
      .object({ count: z.number().int(), nextPayableOn: z.string().nullable().describe('the first day one of them becomes payable (YYYY-MM-DD, Shanghai)') })
      .describe('approved claims still in their public notice'),
    noAccount: z.number().int().describe('approved claims whose payee has no bank account on file (no batch takes them)'),
  })
  .meta({ id: 'PayableSummary' });

export const BatchDetailSchema = BatchViewSchema.extend({
  programmeName: z.string().nullable(),
  payees: z.array(z.object({ payeeKey: z.string(), count: z.number().int(), amountFen: z.number().int() })),
  payeeKinds: z
    .array(z.object({ kind: z.enum(['person', 'provider', 'enterprise']), count: z.number().int(), amountFen: z.number().int() }))
    .describe('the payments by the payee’s kind (a person, a training provider, an enterprise)'),
  debtors: z
    .array(
      z.object({
        fundingSource: z.string().nullable(),
        accountName: z.string().nullable(),
        accountNumber: z.string().nullable(),
        bankName: z.string().nullable(),
        fixed: z.boolean().describe('fixed at approval; false: the fund’s current account, which approval will fix'),
        count: z.number().int(),
        amountFen: z.number().int(),
      }),
    )
    .describe('the accounts the batch pays from, per funding source (null account: none set; approval refuses)'),
  payments: z.object({ total: z.number().int(), items: z.array(BatchPaymentSchema) }).describe('the first 50 payments; more from …/payments'),
});

const Search = z.string().trim().max(64).optional();

export const PaymentQuery = z.strictObject({
  q: Search.describe('a claim number or EndToEndId, by its start'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const BatchQuery = z.strictObject({
  status: z.enum(BATCH_STATES).optional(),
  q: Search.describe('the batch number, by its start'),
  programmeId: z.uuid().optional(),
  districtCode: DistrictCode.optional(),
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
  funds: z.array(
    z.object({
      fundingSource: z.string(),
      accounts: z.number().int(),
      amountFen: z.number().int(),
      availableFen: z.number().int(),
      reservedFen: z.number().int(),
      paidFen: z.number().int(),
      bookedFen: z.number().int(),
      ok: z.boolean(),
    }),
  ),
  problems: z.array(z.object({ kind: z.enum(['account', 'claim', 'fund']), id: z.string(), message: z.string() })),
});

export const FundParams = z.strictObject({ fundingSource: z.enum(FUNDING_SOURCES) });
export const DebtorAccountBody = z.strictObject({
  accountName: z.string().trim().min(1).max(140),
  accountNumber: z.string().trim().min(8).max(60),
  bankName: z.string().trim().min(1).max(140),
});
export const DebtorAccountSchema = z.object({
  fundingSource: z.string(),
  accountName: z.string(),
  accountNumber: z.string(),
  bankName: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const CalendarStatusSchema = z
  .object({
    years: z.array(
      z.object({
        year: z.number().int(),
        days: z.number().int(),
        holidays: z.number().int(),
        workdays: z.number().int(),
        source: z.string(),
        loadedAt: z.string(),
      }),
    ),
    lastDay: z.string().nullable().describe('the last day the calendar knows; past it working days are Monday–Friday and notice ends provisional'),
    todo: z.object({ due: z.boolean(), nextYear: z.number().int(), dueFrom: z.string().nullable() }),
  })
  .meta({ id: 'SubsidyCalendarStatus' });

export const CalendarImportSchema = z.object({
  years: z.array(z.number().int()),
  days: z.number().int(),
  noticesRecomputed: z.number().int(),
});

export const CalendarDaySchema = z.strictObject({
  date: z.iso.date(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().max(50).default(''),
});
