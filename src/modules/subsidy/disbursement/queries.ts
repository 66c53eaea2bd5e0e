/** Reading batches: the list, one batch as its checker sees it, and its payments page by page (masked). */
import type { z } from 'zod';
import type { Queryable } from '../../../db/index.js';
import { decrypt } from '../../../lib/crypto.js';
import { maskCard, maskName } from '../../../lib/identifiers.js';
import * as catalog from '../../catalog/index.js';
import * as identity from '../../identity/index.js';
import type { Actor } from '../../identity/index.js';
import { BATCH_READERS } from '../policy.js';
import type { BatchState } from '../rules.js';
import type { BatchDetailSchema, BatchPaymentSchema } from '../schemas.js';
import { batchDebtorsView } from '../debtor-accounts.js';
import { prefixPattern } from '../search.js';
import { batchRow, presentBatch, type BatchRow, type BatchView } from './batches.js';

/** One payment of a batch as the checker sees it: the payee masked, the programme by name, the amount. */
export type BatchPaymentView = z.infer<typeof BatchPaymentSchema>;
export type BatchDetail = z.infer<typeof BatchDetailSchema>;

export interface PaymentFilter {
  q?: string | undefined;
  limit: number;
  offset: number;
}

const requireBatchReader = (actor: Actor): void => identity.requireRole(actor, BATCH_READERS, 'not for this role');

interface PaymentRow {
  number: string;
  end_to_end_id: string;
  payee_kind: string;
  payee_name: string;
  payee_account_enc: string;
  payee_bank: string | null;
  programme_id: string;
  amount_fen: number;
  status: string;
}

/** The one mapper of a payment row (with its claim's number and payee kind): payee and account masked. */
const toBatchPaymentView = (r: PaymentRow, programmes: ReadonlyMap<string, string | null>): BatchPaymentView => ({
  claimNumber: r.number,
  endToEndId: r.end_to_end_id,
  payeeKind: r.payee_kind,
  payeeNameMasked: r.payee_kind === 'person' ? maskName(r.payee_name) : r.payee_name,
  accountMasked: maskCard(decrypt(r.payee_account_enc)),
  bankName: r.payee_bank,
  programmeName: programmes.get(r.programme_id) ?? null,
  amountFen: r.amount_fen,
  status: r.status,
});

/**
 * The payments of a batch, page by page, in EndToEndId order: the payee's name masked (a person's name by
 * whole characters; an organisation's name as registered), the account masked from its encrypted copy, the
 * bank, the programme by name, the amount in fen. `q` finds a claim number or an EndToEndId by its start.
 */
export async function listBatchPayments(actor: Actor, q: Queryable, id: string, f: PaymentFilter): Promise<{ total: number; items: BatchPaymentView[] }> {
  requireBatchReader(actor);
  await batchRow(q, id);
  const term = prefixPattern(f.q, { upper: true });
  const w = `WHERE p.batch_id = $1 AND p.status <> 'cancelled' AND ($2::text IS NULL OR c.number LIKE $2 OR p.end_to_end_id LIKE $2)`;
  const from = 'FROM disbursement_payments p JOIN subsidy_claims c ON c.id = p.claim_id';
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n ${from} ${w}`, [id, term])).rows[0]!.n;
  const { rows } = await q.query<PaymentRow>(
    `SELECT c.number, p.end_to_end_id, c.payee_kind, p.payee_name, p.payee_account_enc, p.payee_bank, c.programme_id, p.amount_fen, p.status
       ${from} ${w} ORDER BY p.end_to_end_id LIMIT $3 OFFSET $4`,
    [id, term, f.limit, f.offset],
  );
  const programmes = new Map<string, string | null>();
  for (const pid of new Set(rows.map((r) => r.programme_id))) programmes.set(pid, (await catalog.getProgramme(q, pid))?.name ?? null);
  return { total, items: rows.map((r) => toBatchPaymentView(r, programmes)) };
}

/** The batch with its maker and checker by name and the first page of its payments (the checker's view). */
export async function getBatch(actor: Actor, q: Queryable, id: string): Promise<BatchDetail> {
  requireBatchReader(actor);
  const b = await batchRow(q, id);
  const { rows } = await q.query<{ payee_key: string; n: number; fen: number }>(
    `SELECT payee_key, count(*) AS n, sum(amount_fen)::bigint AS fen FROM disbursement_payments WHERE batch_id = $1 AND status <> 'cancelled'
      GROUP BY payee_key ORDER BY fen DESC, payee_key LIMIT 100`,
    [id],
  );
  const { rows: kinds } = await q.query<{ payee_kind: 'person' | 'provider' | 'enterprise'; n: number; fen: string | number }>(
    `SELECT c.payee_kind, count(*)::int AS n, sum(p.amount_fen)::bigint AS fen
       FROM disbursement_payments p JOIN subsidy_claims c ON c.id = p.claim_id
      WHERE p.batch_id = $1 AND p.status <> 'cancelled' GROUP BY c.payee_kind ORDER BY c.payee_kind`,
    [id],
  );
  const names = await identity.displayNames(q, [b.maker_id, b.checker_id]);
  return {
    ...presentBatch(b, names),
    programmeName: b.programme_id ? ((await catalog.getProgramme(q, b.programme_id))?.name ?? null) : null,
    payees: rows.map((r) => ({ payeeKey: r.payee_key, count: r.n, amountFen: r.fen })),
    payeeKinds: kinds.map((r) => ({ kind: r.payee_kind, count: r.n, amountFen: Number(r.fen) })),
    debtors: await batchDebtorsView(q, id),
    payments: await listBatchPayments(actor, q, id, { limit: 50, offset: 0 }),
  };
}

export interface BatchFilter {
  status?: BatchState | undefined;
  /** The batch number, by its start (B20261206…). */
  q?: string | undefined;
  programmeId?: string | undefined;
  districtCode?: string | undefined;
  limit: number;
  offset: number;
}

export async function listBatches(actor: Actor, q: Queryable, f: BatchFilter): Promise<{ total: number; items: BatchView[] }> {
  requireBatchReader(actor);
  const term = prefixPattern(f.q, { upper: true });
  const w = `WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR number LIKE $2) AND ($3::uuid IS NULL OR programme_id = $3)
               AND ($4::text IS NULL OR district_code = $4)`;
  const params = [f.status ?? null, term, f.programmeId ?? null, f.districtCode ?? null];
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM disbursement_batches ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<BatchRow>(`SELECT * FROM disbursement_batches ${w} ORDER BY created_at DESC, id LIMIT $5 OFFSET $6`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  const names = await identity.displayNames(
    q,
    rows.flatMap((r) => [r.maker_id, r.checker_id]),
  );
  return { total, items: rows.map((r) => presentBatch(r, names)) };
}
