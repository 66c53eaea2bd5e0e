/**
 * Test/bench support (not used by production code): builds real persons, budgets and vouchers in the
 * 'assessed' state through the owning modules' services, so subsidy tests exercise the real paths.
 */
import type { Db, Tx } from '../../db/index.js';
import { idCheckChar, luhnCheckDigit } from '../../lib/identifiers.js';
import { SYSTEM } from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import * as persons from '../persons/index.js';
import * as vouchers from '../vouchers/index.js';
import { Readable } from 'node:stream';
import { collect } from '../../test/collect.js';
import type { Actor } from '../identity/index.js';
import { simulateBank } from './bank-simulator.js';
import { createClaimForPass, type PassFacts } from './claims.js';
import { approveBatch, buildBatch, createBatch, generateFiles, importResults, streamBatchFile } from './disbursement.js';
import { now as clockNow } from '../../lib/clock.js';

export const DISTRICT = '310115';

export function fakeIdNumber(n: number): string {
  const first17 = `310115199${String(n % 10)}0101${String(n).padStart(3, '0').slice(-3)}`;
  return first17 + idCheckChar(first17);
}
export const fakeCard = (n: number): string => {
  const payload = `622202${String(n).padStart(12, '0')}`;
  return payload + luhnCheckDigit(payload);
};

export async function skillUpgrade(db: Db | Tx): Promise<catalog.Programme> {
  const p = await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE');
  if (!p) throw new Error('catalog default programme SH-SKILL-UPGRADE missing');
  return p;
}

export async function anyOccupation(db: Db | Tx, offset = 0): Promise<string> {
  const r = await catalog.searchOccupations(db, { level: 4, limit: 1, offset, shortage: 'false' });
  return r.items[0]!.code;
}

export async function setBudget(db: Db, programmeId: string, amountFen: number, year: number, districtCode = DISTRICT): Promise<void> {
  await db.tx((tx) => catalog.setBudget(SYSTEM, tx, { programmeId, districtCode, year, amountFen }));
}

export interface WorldPerson {
  personId: string;
  voucherId: string;
  bankAccount: string;
}

/** A person with a bank account and a subsidy voucher in 'assessed'. */
export async function assessedVoucher(
  tx: Tx,
  n: number,
  opts: {
    programmeId: string;
    occupationCode: string;
    level?: number;
    categories?: string[];
    bankAccount?: string | null;
    districtCode?: string;
    /** the person's employer (an enterprise's USCC): an enterprise programme pays it */
    employer?: { uscc: string; name: string };
    /** a customised issuance (定制发放) the voucher comes from */
    issuanceId?: string;
  },
): Promise<WorldPerson> {
  const bankAccount = opts.bankAccount === undefined ? fakeCard(n) : opts.bankAccount;
  const { person } = await persons.ensurePerson(tx, SYSTEM, {
    idNumber: fakeIdNumber(n),
    name: `学员${n}`,
    bankAccount,
    bankName: '中国工商银行',
    districtCode: opts.districtCode ?? DISTRICT,
    categories: opts.categories ?? ['registered_unemployed'],
    ...(opts.employer ? { employerUscc: opts.employer.uscc, employerName: opts.employer.name } : {}),
  });
  const level = opts.level ?? 4;
  const quote = await catalog.quoteSubsidy(tx, { programmeId: opts.programmeId, occupationCode: opts.occupationCode, level, categories: person.categories });
  const today = clockNow().toISOString().slice(0, 10);
  const v = await vouchers.insertVoucher(tx, {
    personId: person.id,
    kind: 'subsidy',
    programmeId: opts.programmeId,
    occupationCode: opts.occupationCode,
    level,
    mode: opts.issuanceId ? 'custom' : 'on_demand',
    issuanceId: opts.issuanceId ?? null,
    districtCode: opts.districtCode ?? DISTRICT,
    ratioPct: quote.ratioPct,
    standardFen: quote.standardFen,
    upliftPct: quote.upliftPct,
    category: quote.category,
    categoryValidUntil: null,
    validFrom: today,
    validUntil: '2099-12-31',
  });
  if (!v) throw new Error('voucher not issued');
  for (const to of ['admitted', 'in_training', 'assessed'] as const) await vouchers.transitionVoucher(tx, SYSTEM, v.id, to);
  return { personId: person.id, voucherId: v.id, bankAccount: bankAccount ?? '' };
}

export function passFacts(voucherId: string, patch: Partial<PassFacts> = {}): PassFacts {
  return {
    voucherId,
    resultId: null,
    passed: true,
    certificateNumber: `CERT-${voucherId.slice(0, 8)}`,
    level: 4,
    assessedOn: clockNow().toISOString().slice(0, 10),
    providerId: null,
    classId: null,
    feeFen: null,
    admissionOnTime: true,
    attendancePct: 95,
    ...patch,
  };
}

/** n approved claims (each its own person and voucher). */
export async function approvedClaims(db: Db, n: number, programmeId: string, occupationCode: string, start = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await db.tx(async (tx) => {
      const w = await assessedVoucher(tx, start + i, { programmeId, occupationCode });
      const c = await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId));
      return c.id;
    });
    ids.push(id);
  }
  return ids;
}

/** Moves the notice of the given claims into the past (tests only: the notice period is real time). */
export async function endNotice(db: Db, claimIds?: string[]): Promise<void> {
  await db.query(
    "UPDATE subsidy_claims SET notice_last_day = notice_last_day - 30 WHERE status = 'approved' AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))",
    [claimIds ?? null],
  );
}

/**
 * Pays the claims (tests only): notice over, a batch of the district made and approved by two finance officers, the
 * bank file, the bank's answer imported — the bank returning the payments to `failingAccounts` (AC04, account closed).
 */
export async function payClaims(db: Db, claimIds: string[], districtCode: string, maker: Actor, checker: Actor, failingAccounts: string[] = []): Promise<void> {
  await endNotice(db, claimIds);
  const b = await buildBatch(maker, db, (await db.tx((tx) => createBatch(maker, tx, { districtCode }))).id);
  if (b.paymentCount !== claimIds.length) throw new Error(`the batch holds ${b.paymentCount} payments, not ${claimIds.length}`);
  await db.tx((tx) => approveBatch(checker, tx, b.id));
  await generateFiles(maker, db, b.id);
  const pain = await collect((out) => streamBatchFile(maker, db, b.id, 'pain001', out));
  const camt = await collect((out) => simulateBank(Readable.from([pain]), out, { failingAccounts }));
  await importResults(maker, db, () => Readable.from([camt]), 'camt054');
}

export interface EnterpriseSide {
  /** the enterprise's signed-in staff */
  actor: Actor;
  org: { id: string; uscc: string; name: string };
}

/** The claims of `enterpriseClaimsWorld`, by what places them (or not) in enterprise A's scope. */
export interface EnterpriseClaims {
  /** A's customised voucher, the employee still A's: paid to A — and paid (the batch ran) */
  paidToA: string;
  /** A's customised voucher, the employee no longer employed there: no payee account (in review); A's by the voucher */
  customOfA: string;
  /** an enterprise-training voucher not A's, the employee A's: paid to A (approved, in its notice) */
  payeeA: string;
  /** a skill-upgrade voucher of A's employee, not customised, paid to the person: not A's */
  notA: string;
  /** B's customised voucher, B's employee: B's only */
  ofB: string;
}

/**
 * Claims that concern two enterprises (补贴到账), through the real paths: customised issuances by each enterprise,
 * vouchers, passes, claims; the first paid through a batch. `n`: the first person number (distinct per world).
 */
export async function enterpriseClaimsWorld(
  db: Db,
  a: EnterpriseSide,
  b: EnterpriseSide,
  finance: { maker: Actor; checker: Actor },
  opts: { n: number; districtCode?: string; providerId?: string | null; classId?: string | null } = { n: 8000 },
): Promise<EnterpriseClaims> {
  const districtCode = opts.districtCode ?? DISTRICT;
  const year = Number(clockNow().toISOString().slice(0, 4));
  const ent = await catalog.getProgrammeByCode(db, 'SH-ENTERPRISE-TRAINING');
  if (!ent) throw new Error('catalog default programme SH-ENTERPRISE-TRAINING missing');
  const skill = await skillUpgrade(db);
  for (const p of [ent.id, skill.id]) await setBudget(db, p, 50_000_000, year, districtCode);
  const occupationCode = await anyOccupation(db);
  const custom = async (side: EnterpriseSide) =>
    (await db.tx((tx) => vouchers.createIssuance(side.actor, tx, { mode: 'custom', name: `${side.org.name} 定制培训券`, programmeId: ent.id }))).id;
  const [issuedByA, issuedByB] = [await custom(a), await custom(b)];
  let n = opts.n;
  const claim = (programmeId: string, employer: EnterpriseSide | null, issuanceId: string | null) =>
    db.tx(async (tx) => {
      const w = await assessedVoucher(tx, n++, {
        programmeId,
        occupationCode,
        districtCode,
        categories: ['employed'],
        ...(employer ? { employer: employer.org } : {}),
        ...(issuanceId ? { issuanceId } : {}),
      });
      return (await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { providerId: opts.providerId ?? null, classId: opts.classId ?? null }))).id;
    });
  const out: EnterpriseClaims = {
    paidToA: await claim(ent.id, a, issuedByA),
    customOfA: await claim(ent.id, null, issuedByA),
    payeeA: await claim(ent.id, a, null),
    notA: await claim(skill.id, a, null),
    ofB: await claim(ent.id, b, issuedByB),
  };
  await payClaims(db, [out.paidToA], districtCode, finance.maker, finance.checker);
  return out;
}
