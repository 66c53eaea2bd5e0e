/**
 * Test world for the training module: two providers in two districts (with staff sessions), a suspended
 * provider, approvals, workers with vouchers. Built through the owning modules' services.
 */
import type { Db } from '../../db/index.js';
import { SYSTEM } from '../../modules/audit/service.js';
import * as catalog from '../../modules/catalog/service.js';
import * as identity from '../../modules/identity/service.js';
import type { Actor } from '../../modules/identity/actor.js';
import { createSession } from '../../modules/identity/sessions.js';
import * as orgs from '../../modules/orgs/service.js';
import { syntheticUscc } from '../../modules/orgs/synthetic.js';
import * as persons from '../../modules/persons/service.js';
import { nthIdNumber } from '../../modules/persons/synthetic.js';
import * as vouchers from '../../modules/vouchers/service.js';
import { addDays, businessDate } from '../../modules/training/rules.js';
import { now as clockNow } from '../../lib/clock.js';

export const OCC = '4-10-01-05'; // 养老护理员 (elderly care)
export const OCC_OTHER = '4-10-01-03'; // 保育师

let serial = 0;

export interface WorldActor {
  actor: Actor;
  token: string;
}

export async function sessionFor(db: Db, account: identity.AccountRow): Promise<WorldActor> {
  const s = await createSession(db, account.id, 'bearer', true);
  const actor = identity.actorOfAccount(account);
  return { actor, token: s.token };
}

export async function makeProvider(db: Db, districtCode: string, name: string): Promise<{ org: orgs.Org; staff: WorldActor }> {
  const n = ++serial + Math.floor(Math.random() * 1_000_000);
  const { org, account } = await db.tx(async (tx) => {
    const o = await orgs.createOrg(SYSTEM, tx, {
      kind: 'provider',
      name,
      uscc: syntheticUscc(districtCode, n),
      districtCode,
      providerKind: 'social_training_body',
    });
    const a = await orgs.createOrgAccount(SYSTEM, tx, o.id, { username: `prov.${n}`, displayName: name });
    return { org: o, account: a };
  });
  return { org, staff: await sessionFor(db, account) };
}

export async function makeWorker(
  db: Db,
  n: number,
  categories: string[] = ['registered_unemployed'],
): Promise<{ person: persons.Person; idNumber: string; me: WorldActor }> {
  const idNumber = nthIdNumber(100_000 + n + Math.floor(Math.random() * 1000) * 1000);
  const { person, account } = await db.tx(async (tx) => {
    const { person: p } = await persons.ensurePerson(tx, SYSTEM, { idNumber, name: `王小${n}`, districtCode: '310115', categories });
    const a = await identity.createAccount(tx, SYSTEM, { username: `w.${p.id.slice(0, 8)}`, displayName: p.name, role: 'worker', personId: p.id });
    return { person: p, account: a };
  });
  return { person, idNumber, me: await sessionFor(db, account) };
}

export async function skillUpgrade(db: Db): Promise<catalog.Programme> {
  const p = await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE');
  if (!p) throw new Error('the catalogue has no SH-SKILL-UPGRADE programme');
  return p;
}

export async function makeVoucher(
  db: Db,
  personId: string,
  programmeId: string,
  opts: { occupationCode?: string | null; level?: number | null; kind?: 'subsidy' | 'checkin_only'; validUntil?: string } = {},
): Promise<vouchers.Voucher> {
  const today = businessDate(clockNow());
  const v = await db.tx((tx) =>
    vouchers.insertVoucher(tx, {
      personId,
      kind: opts.kind ?? 'subsidy',
      programmeId,
      occupationCode: opts.occupationCode === undefined ? OCC : opts.occupationCode,
      level: opts.level === undefined ? 4 : opts.level,
      mode: 'on_demand',
      issuanceId: null,
      districtCode: '310115',
      ratioPct: opts.kind === 'checkin_only' ? 0 : 100,
      standardFen: opts.kind === 'checkin_only' ? null : 200_000,
      upliftPct: 0,
      category: null,
      categoryValidUntil: null,
      validFrom: addDays(today, -1),
      validUntil: opts.validUntil ?? addDays(today, 90),
    }),
  );
  if (!v) throw new Error('voucher not inserted');
  return v;
}

/** A Shanghai date `days` from today. */
export const inDays = (days: number): string => addDays(businessDate(clockNow()), days);

/** Session instants on a date (09:00–12:00 Asia/Shanghai). */
export const morning = (date: string) => ({ startsAt: `${date}T09:00:00+08:00`, endsAt: `${date}T12:00:00+08:00` });
