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
import { createClaimForPass, type PassFacts } from './claims.js';
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
  opts: { programmeId: string; occupationCode: string; level?: number; categories?: string[]; bankAccount?: string | null; districtCode?: string },
): Promise<WorldPerson> {
  const bankAccount = opts.bankAccount === undefined ? fakeCard(n) : opts.bankAccount;
  const { person } = await persons.ensurePerson(tx, SYSTEM, {
    idNumber: fakeIdNumber(n),
    name: `学员${n}`,
    bankAccount,
    bankName: '中国工商银行',
    districtCode: opts.districtCode ?? DISTRICT,
    categories: opts.categories ?? ['registered_unemployed'],
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
    mode: 'on_demand',
    issuanceId: null,
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
