/**
 * The statistics' facts of claims and objections (issue 17). A claim counts once, in the metric of its state
 * (`CLAIM_METRIC`) with its amount in fen, in the month it was made — a paid claim in the month of its payment,
 * with the whole days from its pass to the payment. Each move appends the deltas in the move's own transaction
 * (`recordClaimMove`: −1 the old state's metric, +1 the new one's); an objection adds one (`recordObjection`).
 * `analyticsFacts` is the same rule for the rebuild (analytics/sources.ts), over this module's tables only.
 */
import type { Tx } from '../../db/index.js';
import { businessDate } from '../../lib/time.js';
import * as analytics from '../analytics/index.js';
import type { FactsKit, FactsSource, VoucherEvent } from '../analytics/index.js';
import type { ClaimState } from './rules.js';

type ClaimMetric = 'claimsInReview' | 'claimsApproved' | 'claimsHeld' | 'claimsRejected' | 'claimsPaid' | 'claimsFailed';

/** The metric a claim counts in, by its state (a claim in a payment batch is still an approved one). */
export const CLAIM_METRIC: Readonly<Record<ClaimState, ClaimMetric>> = {
  in_review: 'claimsInReview',
  approved: 'claimsApproved',
  in_batch: 'claimsApproved',
  held: 'claimsHeld',
  rejected: 'claimsRejected',
  paid: 'claimsPaid',
  failed: 'claimsFailed',
};

/** What a claim's facts need of its row. */
export interface ClaimFactRow {
  voucher_id: string;
  class_id: string | null;
  amount_fen: number;
  created_at: Date;
  /** The day of the pass (YYYY-MM-DD), null when unknown. */
  passed_on: string | null;
}

const DAY_MS = 86_400_000;
/** Whole Shanghai calendar days from the pass to the payment's instant (0 when the pass day is unknown). */
export const passToPaymentDays = (passedOn: string | null, paidAt: Date): number =>
  passedOn ? Math.round((Date.parse(businessDate(paidAt)) - Date.parse(passedOn)) / DAY_MS) : 0;

/** The deltas of a claim's move `from` → `to` (from null: the claim is made), `at` = the payment's instant. */
export function claimMoveFacts(c: ClaimFactRow, from: ClaimState | null, to: ClaimState, at: Date): VoucherEvent[] {
  if (from !== null && CLAIM_METRIC[from] === CLAIM_METRIC[to]) return [];
  const fact = (metric: ClaimMetric, n: number, when: Date, days = 0): VoucherEvent => ({
    metric,
    voucherId: c.voucher_id,
    classId: c.class_id,
    at: when,
    n,
    amountFen: n * Number(c.amount_fen),
    days,
  });
  const out: VoucherEvent[] = [];
  // a paid claim never moves again, so what is left is always counted in the claim's own month
  if (from !== null) out.push(fact(CLAIM_METRIC[from], -1, c.created_at));
  out.push(to === 'paid' ? fact('claimsPaid', 1, at, passToPaymentDays(c.passed_on, at)) : fact(CLAIM_METRIC[to], 1, c.created_at));
  return out;
}

/** Appends the deltas of claims' moves in the move's transaction (one statement for them all). */
export async function recordClaimMoves(
  tx: Tx,
  moves: ReadonlyArray<{ claim: ClaimFactRow; from: ClaimState | null; to: ClaimState; at: Date }>,
): Promise<void> {
  await analytics.recordVoucherFacts(
    tx,
    moves.flatMap((m) => claimMoveFacts(m.claim, m.from, m.to, m.at)),
  );
}

/** Appends an objection's fact (公示异议) in its transaction: its claim's dimensions, the month it was made. */
export async function recordObjection(tx: Tx, c: ClaimFactRow, at: Date): Promise<void> {
  await analytics.recordVoucherFacts(tx, [{ metric: 'objections', voucherId: c.voucher_id, classId: c.class_id, at }]);
}

const METRIC_CASE = `CASE cl.status ${Object.entries(CLAIM_METRIC)
  .map(([s, m]) => `WHEN '${s}' THEN '${m}'`)
  .join(' ')} END`;

/** The same facts from the claims' and objections' tables, for the rebuild (analytics/sources.ts). */
export const analyticsFacts = (k: FactsKit): FactsSource => ({
  relations: [['claim_paid', `SELECT e.claim_id, max(e.at) AS at FROM claim_events e WHERE e.to_status = 'paid' GROUP BY e.claim_id`]],
  facts: [
    `SELECT ${METRIC_CASE}, ${k.dims}, ${k.month('coalesce(pa.at, cl.created_at)')}, 1, cl.amount_fen,
            CASE WHEN cl.status = 'paid' AND cl.passed_on IS NOT NULL THEN (pa.at AT TIME ZONE 'Asia/Shanghai')::date - cl.passed_on ELSE 0 END
       FROM subsidy_claims cl JOIN vd v ON v.id = cl.voucher_id LEFT JOIN cd c ON c.class_id = cl.class_id
       LEFT JOIN claim_paid pa ON pa.claim_id = cl.id AND cl.status = 'paid'`,
    `SELECT 'objections', ${k.dims}, ${k.month('o.created_at')}, 1, 0, 0
       FROM claim_objections o JOIN subsidy_claims cl ON cl.id = o.claim_id JOIN vd v ON v.id = cl.voucher_id LEFT JOIN cd c ON c.class_id = cl.class_id`,
  ],
});
