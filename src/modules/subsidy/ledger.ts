/**
 * Budget ledger (double-entry): each catalog budget (programme × district × year) has an account with
 * buckets available / reserved / paid; every movement is one budget_ledger row naming the debit and credit
 * bucket. A CHECK keeps amount = available + reserved + paid at every commit; a row lock on the account
 * serialises concurrent reservations so the budget is never overdrawn (BUDGET_EXHAUSTED).
 */
import type { Queryable, Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import * as catalog from '../catalog/index.js';
import { FUNDING_SOURCES } from '../catalog/index.js';
import { fundLabel } from './debtor-accounts.js';

export interface BudgetAccount {
  id: string;
  budgetId: string;
  programmeId: string;
  districtCode: string;
  year: number;
  amountFen: number;
  availableFen: number;
  reservedFen: number;
  paidFen: number;
}

interface AccountRow {
  id: string;
  budget_id: string;
  programme_id: string;
  district_code: string;
  year: number;
  amount_fen: number;
  available_fen: number;
  reserved_fen: number;
  paid_fen: number;
}
const toAccount = (r: AccountRow): BudgetAccount => ({
  id: r.id,
  budgetId: r.budget_id,
  programmeId: r.programme_id,
  districtCode: r.district_code,
  year: r.year,
  amountFen: r.amount_fen,
  availableFen: r.available_fen,
  reservedFen: r.reserved_fen,
  paidFen: r.paid_fen,
});

type Kind = 'fund' | 'defund' | 'reserve' | 'release' | 'pay';
const LEGS: Record<Kind, [string, string]> = {
  fund: ['available', 'grant'],
  defund: ['grant', 'available'],
  reserve: ['reserved', 'available'],
  release: ['available', 'reserved'],
  pay: ['paid', 'reserved'],
};

async function entry(tx: Tx, accountId: string, claimId: string | null, kind: Kind, amountFen: number, actorId: string | null): Promise<void> {
  if (amountFen <= 0) return;
  const [debit, credit] = LEGS[kind];
  await tx.query('INSERT INTO budget_ledger (account_id, claim_id, kind, debit, credit, amount_fen, actor_id) VALUES ($1,$2,$3,$4,$5,$6,$7)', [
    accountId,
    claimId,
    kind,
    debit,
    credit,
    amountFen,
    actorId,
  ]);
}

/**
 * The account for a programme × district × year, created from catalog's budget on first use and locked
 * (FOR UPDATE) for the rest of the transaction. A changed catalog amount is booked as fund/defund; a cut
 * below what is already committed only takes what is still available. Null when catalog has no budget.
 */
export async function lockAccount(
  tx: Tx,
  programmeId: string,
  districtCode: string,
  year: number,
  actorId: string | null = null,
): Promise<BudgetAccount | null> {
  const budget = await catalog.getBudget(tx, programmeId, districtCode, year);
  if (!budget) return null;
  await tx.query(
    `INSERT INTO budget_accounts (budget_id, programme_id, district_code, year, amount_fen, available_fen) VALUES ($1,$2,$3,$4,0,0)
     ON CONFLICT (budget_id) DO NOTHING`,
    [budget.id, programmeId, districtCode, year],
  );
  const { rows } = await tx.query<AccountRow>('SELECT * FROM budget_accounts WHERE budget_id = $1 FOR UPDATE', [budget.id]);
  let acc = toAccount(rows[0]!);
  if (budget.amountFen !== acc.amountFen) {
    const delta = budget.amountFen - acc.amountFen;
    const move = delta > 0 ? delta : -Math.min(-delta, acc.availableFen);
    if (move !== 0) {
      const r = await tx.query<AccountRow>(
        'UPDATE budget_accounts SET amount_fen = amount_fen + $2, available_fen = available_fen + $2, updated_at = now() WHERE id = $1 RETURNING *',
        [acc.id, move],
      );
      await entry(tx, acc.id, null, move > 0 ? 'fund' : 'defund', Math.abs(move), actorId);
      acc = toAccount(r.rows[0]!);
    }
  }
  return acc;
}

/** Reserves a claim's amount (on approval). Throws BUDGET_EXHAUSTED when the available bucket is short. */
export async function reserve(tx: Tx, account: BudgetAccount, claimId: string, amountFen: number, actorId: string | null): Promise<BudgetAccount> {
  const r = await tx.query<AccountRow>(
    `UPDATE budget_accounts SET available_fen = available_fen - $2, reserved_fen = reserved_fen + $2, updated_at = now()
      WHERE id = $1 AND available_fen >= $2 RETURNING *`,
    [account.id, amountFen],
  );
  if (!r.rows[0])
    throw new AppError('BUDGET_EXHAUSTED', 'the budget for this programme, district and year does not cover the amount', undefined, {
      availableFen: account.availableFen,
      amountFen,
    });
  await entry(tx, account.id, claimId, 'reserve', amountFen, actorId);
  return toAccount(r.rows[0]);
}

/** What is still reserved for a claim (reserve − release − pay). */
export async function reservedFor(q: Queryable, claimId: string): Promise<{ accountId: string; fen: number } | null> {
  const { rows } = await q.query<{ account_id: string; fen: number }>(
    `SELECT account_id, sum(CASE kind WHEN 'reserve' THEN amount_fen ELSE -amount_fen END)::bigint AS fen
       FROM budget_ledger WHERE claim_id = $1 AND kind IN ('reserve','release','pay') GROUP BY account_id`,
    [claimId],
  );
  const r = rows.find((x) => x.fen !== 0);
  return r ? { accountId: r.account_id, fen: r.fen } : null;
}

/** Releases whatever is still reserved for a claim (on rejection). Idempotent. */
export async function release(tx: Tx, claimId: string, actorId: string | null): Promise<number> {
  const held = await reservedFor(tx, claimId);
  if (!held || held.fen <= 0) return 0;
  await tx.query('SELECT id FROM budget_accounts WHERE id = $1 FOR UPDATE', [held.accountId]);
  await tx.query('UPDATE budget_accounts SET available_fen = available_fen + $2, reserved_fen = reserved_fen - $2, updated_at = now() WHERE id = $1', [
    held.accountId,
    held.fen,
  ]);
  await entry(tx, held.accountId, claimId, 'release', held.fen, actorId);
  return held.fen;
}

/**
 * Set-based settlement, bucket side: moves reserved → paid by a sum per account (bank result import). The
 * caller writes the matching 'pay' entries (one per claim) set-based in the same transaction, so the
 * buckets and the ledger agree at commit. Accounts are locked in id order (no lock-order deadlock between
 * two imports, or two chunks of one import, touching the same accounts).
 */
export async function movePaid(tx: Tx, sums: ReadonlyArray<{ accountId: string; amountFen: number }>): Promise<void> {
  const moves = sums.filter((s) => s.amountFen > 0);
  if (moves.length === 0) return;
  const accs = moves.map((m) => m.accountId);
  // NO KEY UPDATE (what the UPDATE itself takes): it does not conflict with the KEY SHARE locks that the
  // ledger rows' foreign key checks already hold in this and concurrent transactions
  await tx.query('SELECT id FROM budget_accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [[...new Set(accs)]]);
  await tx.query(
    `UPDATE budget_accounts a SET reserved_fen = a.reserved_fen - s.fen, paid_fen = a.paid_fen + s.fen, updated_at = now()
       FROM (SELECT acc, sum(fen)::bigint AS fen FROM unnest($1::uuid[], $2::bigint[]) AS t(acc, fen) GROUP BY acc) s
      WHERE a.id = s.acc`,
    [accs, moves.map((m) => m.amountFen)],
  );
}

export async function getAccount(q: Queryable, id: string): Promise<BudgetAccount | null> {
  const { rows } = await q.query<AccountRow>('SELECT * FROM budget_accounts WHERE id = $1', [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function listAccounts(q: Queryable, filter: { districtCode?: string | null; year?: number | null } = {}): Promise<BudgetAccount[]> {
  const { rows } = await q.query<AccountRow>(
    `SELECT * FROM budget_accounts WHERE ($1::text IS NULL OR district_code = $1) AND ($2::int IS NULL OR year = $2) ORDER BY year DESC, district_code, programme_id`,
    [filter.districtCode ?? null, filter.year ?? null],
  );
  return rows.map(toAccount);
}

export interface FundsProblem {
  kind: 'account' | 'claim' | 'fund';
  id: string;
  message: string;
}

/** One funding source's balance in `funds check`: its programmes' budget accounts summed, and what the bank booked from it. */
export interface FundBalance {
  fundingSource: string;
  accounts: number;
  amountFen: number;
  availableFen: number;
  reservedFen: number;
  paidFen: number;
  /** Booked payments of the fund's batches (paid from the fund's debtor account). */
  bookedFen: number;
  ok: boolean;
}

/**
 * `skillvoucher funds check`: (1) every account balances and its buckets equal the sums of its ledger
 * entries; (2) every claim's trail fits its state: approved/held/in_batch/failed → exactly its amount
 * reserved; paid → its amount paid once, nothing left reserved; rejected/in_review → nothing reserved or
 * paid; (3) no claim has more than one booked payment, and a paid claim has exactly one; (4) per funding
 * source (资金来源: the programmes' budget accounts of one fund): amount = available + reserved + paid, and
 * what was paid from the fund's budgets equals what the bank booked from the fund's debtor account(s) —
 * a fund that is off is named.
 */
export async function checkFunds(q: Queryable): Promise<{ ok: boolean; accounts: number; claims: number; funds: FundBalance[]; problems: FundsProblem[] }> {
  const problems: FundsProblem[] = [];
  const { rows: accs } = await q.query<AccountRow & { l_avail: number; l_res: number; l_paid: number; l_grant: number }>(
    `SELECT a.*,
            COALESCE(sum(CASE WHEN l.debit = 'available' THEN l.amount_fen WHEN l.credit = 'available' THEN -l.amount_fen END), 0)::bigint AS l_avail,
            COALESCE(sum(CASE WHEN l.debit = 'reserved' THEN l.amount_fen WHEN l.credit = 'reserved' THEN -l.amount_fen END), 0)::bigint AS l_res,
            COALESCE(sum(CASE WHEN l.debit = 'paid' THEN l.amount_fen WHEN l.credit = 'paid' THEN -l.amount_fen END), 0)::bigint AS l_paid,
            COALESCE(sum(CASE WHEN l.credit = 'grant' THEN l.amount_fen WHEN l.debit = 'grant' THEN -l.amount_fen END), 0)::bigint AS l_grant
       FROM budget_accounts a LEFT JOIN budget_ledger l ON l.account_id = a.id GROUP BY a.id`,
  );
  for (const a of accs) {
    if (a.amount_fen !== a.available_fen + a.reserved_fen + a.paid_fen)
      problems.push({ kind: 'account', id: a.id, message: 'amount ≠ available + reserved + paid' });
    if (a.l_avail !== a.available_fen || a.l_res !== a.reserved_fen || a.l_paid !== a.paid_fen || a.l_grant !== a.amount_fen)
      problems.push({
        kind: 'account',
        id: a.id,
        message: `ledger sums (grant ${a.l_grant}, available ${a.l_avail}, reserved ${a.l_res}, paid ${a.l_paid}) ≠ balances (${a.amount_fen}, ${a.available_fen}, ${a.reserved_fen}, ${a.paid_fen})`,
      });
  }
  const { rows: bad } = await q.query<{
    id: string;
    number: string;
    status: string;
    amount_fen: number;
    reserved: number;
    paid: number;
    pays: number;
    booked: number;
  }>(
    `SELECT c.id, c.number, c.status, c.amount_fen, COALESCE(l.reserved, 0)::bigint AS reserved, COALESCE(l.paid, 0)::bigint AS paid,
            COALESCE(l.pays, 0)::int AS pays, COALESCE(p.booked, 0)::int AS booked
       FROM subsidy_claims c
       LEFT JOIN (SELECT claim_id,
                         sum(CASE kind WHEN 'reserve' THEN amount_fen WHEN 'release' THEN -amount_fen WHEN 'pay' THEN -amount_fen ELSE 0 END) AS reserved,
                         sum(CASE kind WHEN 'pay' THEN amount_fen ELSE 0 END) AS paid,
                         count(*) FILTER (WHERE kind = 'pay') AS pays
                    FROM budget_ledger WHERE claim_id IS NOT NULL GROUP BY claim_id) l ON l.claim_id = c.id
       LEFT JOIN (SELECT claim_id, count(*) FILTER (WHERE status = 'booked') AS booked FROM disbursement_payments GROUP BY claim_id) p ON p.claim_id = c.id
      WHERE NOT (
        (c.status IN ('approved','held','in_batch','failed') AND COALESCE(l.reserved,0) = c.amount_fen AND COALESCE(l.paid,0) = 0 AND COALESCE(p.booked,0) = 0)
        OR (c.status = 'paid' AND COALESCE(l.reserved,0) = 0 AND COALESCE(l.paid,0) = c.amount_fen AND COALESCE(l.pays,0) = 1 AND COALESCE(p.booked,0) = 1)
        OR (c.status IN ('in_review','rejected') AND COALESCE(l.reserved,0) = 0 AND COALESCE(l.paid,0) = 0 AND COALESCE(p.booked,0) = 0)
      )
      LIMIT 1000`,
  );
  for (const b of bad)
    problems.push({
      kind: 'claim',
      id: b.id,
      message: `claim ${b.number} (${b.status}, ${b.amount_fen} fen): reserved ${b.reserved}, paid ${b.paid} in ${b.pays} entries, ${b.booked} booked payments`,
    });
  const funds = await fundBalances(q, accs);
  for (const f of funds) {
    if (f.ok) continue;
    const parts: string[] = [];
    if (f.amountFen !== f.availableFen + f.reservedFen + f.paidFen)
      parts.push(`amount ${f.amountFen} ≠ available ${f.availableFen} + reserved ${f.reservedFen} + paid ${f.paidFen}`);
    if (f.paidFen !== f.bookedFen)
      parts.push(`paid from its budgets ${f.paidFen} ≠ booked from its debtor account ${f.bookedFen} (off by ${f.paidFen - f.bookedFen} fen)`);
    problems.push({ kind: 'fund', id: f.fundingSource, message: `fund ${fundLabel(f.fundingSource)}: ${parts.join('; ')}` });
  }
  const claims = (await q.query<{ n: number }>('SELECT count(*) AS n FROM subsidy_claims')).rows[0]!.n;
  return { ok: problems.length === 0, accounts: accs.length, claims, funds, problems };
}

/** Sums the budget accounts per funding source (catalog: programme → fund) beside the booked payments per fund. */
async function fundBalances(q: Queryable, accs: ReadonlyArray<AccountRow>): Promise<FundBalance[]> {
  const fundOf = new Map((await catalog.listProgrammes(q)).map((p) => [p.id, p.fundingSource as string]));
  const { rows: booked } = await q.query<{ funding_source: string | null; fen: number }>(
    "SELECT funding_source, sum(amount_fen)::bigint AS fen FROM disbursement_payments WHERE status = 'booked' GROUP BY funding_source",
  );
  const out = new Map<string, FundBalance>();
  const get = (f: string): FundBalance => {
    let b = out.get(f);
    if (!b) out.set(f, (b = { fundingSource: f, accounts: 0, amountFen: 0, availableFen: 0, reservedFen: 0, paidFen: 0, bookedFen: 0, ok: true }));
    return b;
  };
  for (const a of accs) {
    const b = get(fundOf.get(a.programme_id) ?? 'unknown');
    b.accounts++;
    b.amountFen += Number(a.amount_fen);
    b.availableFen += Number(a.available_fen);
    b.reservedFen += Number(a.reserved_fen);
    b.paidFen += Number(a.paid_fen);
  }
  for (const r of booked) get(r.funding_source ?? 'unknown').bookedFen += Number(r.fen);
  const order = (f: string) => {
    const i = (FUNDING_SOURCES as readonly string[]).indexOf(f);
    return i < 0 ? 99 : i;
  };
  return [...out.values()]
    .map((b) => ({ ...b, ok: b.amountFen === b.availableFen + b.reservedFen + b.paidFen && b.paidFen === b.bookedFen }))
    .sort((x, y) => order(x.fundingSource) - order(y.fundingSource) || (x.fundingSource < y.fundingSource ? -1 : 1));
}
