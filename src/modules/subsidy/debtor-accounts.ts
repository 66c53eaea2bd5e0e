/**
 * Debtor account per funding source (资金来源 → 付款账户). Each programme's funding source (catalog:
 * 就业补助资金 / 失业保险基金 / 地方教育附加专项资金) pays from its own account in the agency bank; the city
 * admin sets them (audited). A batch fixes the accounts it pays from when it is approved
 * (disbursement_batch_debtors), so its pain.001 — one PmtInf per debtor account — is the same bytes whenever
 * it is generated or downloaded again. Accounts are Chinese bank account numbers (no IBAN): Othr/Id.
 */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import { FUNDING_SOURCES } from '../catalog/index.js';
import type { FundingSource } from '../catalog/index.js';
import { requireRole, type Actor } from '../identity/index.js';
import { CITY_ADMIN, FUNDS_READERS } from './policy.js';
import type { DebtorAccountSchema } from './schemas.js';

/** The funds' names as the policy texts spell them (CLI output, audit detail). */
export const FUND_NAMES: Record<FundingSource, string> = {
  employment_subsidy_fund: '就业补助资金',
  unemployment_insurance_fund: '失业保险基金',
  local_education_surcharge: '地方教育附加专项资金',
};
export const fundLabel = (f: string): string => `${FUND_NAMES[f as FundingSource] ?? f} (${f})`;

export interface DebtorAccount {
  fundingSource: string;
  accountName: string;
  accountNumber: string;
  bankName: string;
}

/** A fund's debtor account as the city admin and finance see it. */
export type DebtorAccountView = z.infer<typeof DebtorAccountSchema>;

export interface DebtorAccountInput {
  accountName: string;
  accountNumber: string;
  bankName: string;
}

interface Row {
  funding_source: string;
  account_name: string;
  account_number: string;
  bank_name: string;
  updated_by: string | null;
  updated_at: Date;
}

const present = (r: Row): DebtorAccountView => ({
  fundingSource: r.funding_source,
  accountName: r.account_name,
  accountNumber: r.account_number,
  bankName: r.bank_name,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

/** Normalises and checks an account: digits only (spaces and dashes dropped), 8–34 digits; names 1–140. */
export function checkDebtorAccount(input: DebtorAccountInput): DebtorAccountInput {
  const accountNumber = input.accountNumber.replace(/[\s-]/g, '');
  if (!/^[0-9]{8,34}$/.test(accountNumber)) throw new AppError('VALIDATION_FAILED', 'the account number must be 8 to 34 digits', 'accountNumber');
  const accountName = input.accountName.trim();
  if (!accountName || Array.from(accountName).length > 140)
    throw new AppError('VALIDATION_FAILED', 'the account name must be 1 to 140 characters', 'accountName');
  const bankName = input.bankName.trim();
  if (!bankName || Array.from(bankName).length > 140) throw new AppError('VALIDATION_FAILED', 'the bank name must be 1 to 140 characters', 'bankName');
  return { accountName, accountNumber, bankName };
}

export async function listDebtorAccounts(actor: Actor, q: Queryable): Promise<{ items: DebtorAccountView[]; total: number }> {
  requireRole(actor, FUNDS_READERS, 'not for this role');
  const { rows } = await q.query<Row>('SELECT * FROM fund_debtor_accounts ORDER BY funding_source');
  const order = (f: string) => (FUNDING_SOURCES as readonly string[]).indexOf(f);
  const items = rows.map(present).sort((a, b) => order(a.fundingSource) - order(b.fundingSource));
  return { items, total: items.length };
}

/** The city admin sets a fund's debtor account (batches approved before keep theirs). Audited. */
export async function setDebtorAccount(actor: Actor, tx: Tx, fundingSource: string, input: DebtorAccountInput): Promise<DebtorAccountView> {
  requireRole(actor, CITY_ADMIN, 'only the city admin sets debtor accounts');
  if (!(FUNDING_SOURCES as readonly string[]).includes(fundingSource)) throw new AppError('NOT_FOUND', 'unknown funding source', 'fundingSource');
  const v = checkDebtorAccount(input);
  const before = (await tx.query<Row>('SELECT * FROM fund_debtor_accounts WHERE funding_source = $1 FOR UPDATE', [fundingSource])).rows[0];
  const { rows } = await tx.query<Row>(
    `INSERT INTO fund_debtor_accounts (funding_source, account_name, account_number, bank_name, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (funding_source) DO UPDATE SET account_name = EXCLUDED.account_name, account_number = EXCLUDED.account_number,
       bank_name = EXCLUDED.bank_name, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING *`,
    [fundingSource, v.accountName, v.accountNumber, v.bankName, actor.accountId],
  );
  const after = present(rows[0]!);
  await audit.record(tx, actor, {
    action: 'debtor_account.set',
    entityType: 'fund_debtor_account',
    entityId: fundingSource,
    detail: {
      fundingSource,
      fund: FUND_NAMES[fundingSource as FundingSource],
      before: before ? { accountName: before.account_name, accountNumber: before.account_number, bankName: before.bank_name } : null,
      after: { accountName: after.accountName, accountNumber: after.accountNumber, bankName: after.bankName },
    },
  });
  return after;
}

/** The debtor accounts a batch pays from (fixed at approval), by funding source. */
export async function debtorAccountsOf(q: Queryable, batchId: string): Promise<DebtorAccount[]> {
  const { rows } = await q.query<Omit<Row, 'updated_by' | 'updated_at'>>(
    'SELECT funding_source, account_name, account_number, bank_name FROM disbursement_batch_debtors WHERE batch_id = $1 ORDER BY funding_source',
    [batchId],
  );
  return rows.map((r) => ({ fundingSource: r.funding_source, accountName: r.account_name, accountNumber: r.account_number, bankName: r.bank_name }));
}

/**
 * What a batch pays from, as its checker sees it before approving: per funding source of its payments, the
 * account fixed at approval, or (not approved yet) the fund's current account — null when none is set (the
 * approval then refuses with DEBTOR_ACCOUNT_MISSING) — with the count and the amount paid from it.
 */
export async function batchDebtorsView(
  q: Queryable,
  batchId: string,
): Promise<
  Array<{
    fundingSource: string | null;
    accountName: string | null;
    accountNumber: string | null;
    bankName: string | null;
    fixed: boolean;
    count: number;
    amountFen: number;
  }>
> {
  const { rows } = await q.query<{
    funding_source: string | null;
    account_name: string | null;
    account_number: string | null;
    bank_name: string | null;
    fixed: boolean;
    n: number;
    fen: string | number;
  }>(
    `SELECT p.funding_source, coalesce(d.account_name, a.account_name) AS account_name, coalesce(d.account_number, a.account_number) AS account_number,
            coalesce(d.bank_name, a.bank_name) AS bank_name, (d.batch_id IS NOT NULL) AS fixed, count(*)::int AS n, sum(p.amount_fen)::bigint AS fen
       FROM disbursement_payments p
       LEFT JOIN disbursement_batch_debtors d ON d.batch_id = p.batch_id AND d.funding_source = p.funding_source
       LEFT JOIN fund_debtor_accounts a ON a.funding_source = p.funding_source
      WHERE p.batch_id = $1 AND p.status <> 'cancelled'
      GROUP BY p.funding_source, d.batch_id, d.account_name, d.account_number, d.bank_name, a.account_name, a.account_number, a.bank_name
      ORDER BY p.funding_source`,
    [batchId],
  );
  return rows.map((r) => ({
    fundingSource: r.funding_source,
    accountName: r.account_name,
    accountNumber: r.account_number,
    bankName: r.bank_name,
    fixed: r.fixed,
    count: r.n,
    amountFen: Number(r.fen),
  }));
}

/**
 * Fixes the batch's debtor accounts: one row per funding source among its payments, copied from the current
 * accounts (idempotent: a fund already fixed keeps its row). DEBTOR_ACCOUNT_MISSING when a fund has none.
 */
export async function snapshotBatchDebtors(tx: Tx, batchId: string): Promise<DebtorAccount[]> {
  const { rows: missing } = await tx.query<{ funding_source: string | null }>(
    `WITH f AS (SELECT DISTINCT funding_source FROM disbursement_payments WHERE batch_id = $1 AND status <> 'cancelled'),
     ins AS (
       INSERT INTO disbursement_batch_debtors (batch_id, funding_source, account_name, account_number, bank_name)
       SELECT $1, a.funding_source, a.account_name, a.account_number, a.bank_name FROM f JOIN fund_debtor_accounts a ON a.funding_source = f.funding_source
       ON CONFLICT DO NOTHING)
     SELECT f.funding_source FROM f
      WHERE NOT EXISTS (SELECT 1 FROM fund_debtor_accounts a WHERE a.funding_source = f.funding_source)
        AND NOT EXISTS (SELECT 1 FROM disbursement_batch_debtors d WHERE d.batch_id = $1 AND d.funding_source = f.funding_source)`,
    [batchId],
  );
  if (missing[0])
    throw new AppError('DEBTOR_ACCOUNT_MISSING', `no debtor account is set for the funding source ${missing[0].funding_source ?? '(none)'}`, 'fundingSource', {
      fundingSource: missing[0].funding_source,
    });
  return debtorAccountsOf(tx, batchId);
}
