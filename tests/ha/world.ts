/**
 * The fault test's world, built through the services (the test factories): a provider with an open class whose
 * sessions' check-in window is open now (trainees admitted: they check in), a class starting in ten days with
 * vouchers waiting to be admitted, and subsidy claims in review for a district admin to approve.
 */
import type { Db } from '../../src/db/index.js';
import * as training from '../../src/modules/training/service.js';
import * as vouchers from '../../src/modules/vouchers/service.js';
import { SYSTEM } from '../../src/modules/audit/index.js';
import { createClaimForPass } from '../../src/modules/subsidy/claims.js';
import { anyOccupation, assessedVoucher, passFacts, setBudget, skillUpgrade as subsidyProgramme } from '../../src/modules/subsidy/test-world.js';
import { addDays, businessDate, makeTrainees, makeWorld, openClass, seedFixtures, VENUE_GCJ } from '../../src/test/factories/index.js';
import { businessInstant } from '../../src/modules/training/rules.js';
import { now as clockNow } from '../../src/lib/clock.js';

export interface Op {
  kind: 'admission' | 'check-in' | 'claim-approval';
  /** What the operation is about: voucher id, `session:person`, claim id. */
  key: string;
  path: string;
  token: string;
  body: unknown;
  headers?: Record<string, string>;
}

export interface HaWorld {
  ops: Op[];
  admissionClassId: string;
  checkInSessionIds: string[];
  claimIds: string[];
}

export interface WorldSize {
  checkInTrainees: number;
  sessions: number;
  admissions: number;
  claims: number;
}

export async function buildWorld(db: Db, size: WorldSize): Promise<HaWorld> {
  const fx = await seedFixtures(db);
  const world = await makeWorld(db, fx.accounts.city_admin!.id);
  const staff = world.provider.staff;
  const today = businessDate(clockNow());
  // check-ins: sessions starting in 40 minutes (window −60/+15 min: open now)
  const t0 = clockNow().getTime() + 40 * 60_000;
  const trainees = await makeTrainees(db, world, size.checkInTrainees, 'subsidy', addDays(today, -20));
  const plan = Array.from({ length: size.sessions }, (_, k) => ({ startsAt: new Date(t0 + k * 1000), endsAt: new Date(t0 + 7_200_000 + k * 1000) }));
  const { sessions } = await openClass(db, world, plan, trainees);
  const ops: Op[] = [];
  for (const s of sessions)
    for (const t of trainees)
      ops.push({
        kind: 'check-in',
        key: `${s.id}:${t.personId}`,
        path: `/api/v1/sessions/${s.id}/check-in`,
        token: t.me.token,
        body: { ...VENUE_GCJ, accuracyM: 10, coordSystem: 'gcj02' },
      });
  // admissions: a class starting in ten days, reported later; the vouchers' holders admitted at the desk
  const start = addDays(today, 10);
  const cls = await db.tx((tx) =>
    training.createClass(staff.actor, tx, {
      courseId: world.courseId,
      online: false,
      venueId: world.venue.id,
      capacity: size.admissions,
      startDate: start,
      endDate: addDays(start, 5),
      sessions: [{ startsAt: businessInstant(start, 9, 0, 0, 0).toISOString(), endsAt: businessInstant(start, 12, 0, 0, 0).toISOString() }],
    }),
  );
  const waiting = await makeTrainees(db, world, size.admissions, 'subsidy', addDays(today, -1));
  for (const t of waiting) {
    const v = await vouchers.getVoucher(db, t.voucherId);
    ops.push({
      kind: 'admission',
      key: t.voucherId,
      path: `/api/v1/classes/${cls.id}/admissions`,
      token: staff.token,
      body: { voucherNumber: v!.number, idNumber: t.idNumber },
    });
  }
  // claim approvals: claims in review (low attendance), approved with an override reason and an Idempotency-Key
  const programme = await subsidyProgramme(db);
  const occupation = await anyOccupation(db);
  await setBudget(db, programme.id, 1_000_000_000_000, Number(today.slice(0, 4)));
  const admin = await fx.tokenFor(db, 'district_admin');
  const claimIds: string[] = [];
  for (let i = 0; i < size.claims; i++) {
    const c = await db.tx(async (tx) => {
      const w = await assessedVoucher(tx, 100 + i, { programmeId: programme.id, occupationCode: occupation });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 10 }));
    });
    if (c.status !== 'in_review') throw new Error(`claim ${c.id} is ${c.status}, not in review`);
    claimIds.push(c.id);
    ops.push({
      kind: 'claim-approval',
      key: c.id,
      path: `/api/v1/subsidy/claims/${c.id}/decision`,
      token: admin,
      body: { decision: 'approve', opinion: '已核实', overrideReason: '考勤经核实' },
      headers: { 'idempotency-key': `ha-approve-${c.id}` },
    });
  }
  return { ops: interleave(ops), admissionClassId: cls.id, checkInSessionIds: sessions.map((s) => s.id), claimIds };
}

/** The three kinds taken by turns, so each phase of the test sees all of them. */
function interleave(ops: Op[]): Op[] {
  const by = (k: Op['kind']) => ops.filter((o) => o.kind === k);
  const lists = [by('check-in'), by('admission'), by('claim-approval')];
  const out: Op[] = [];
  for (let i = 0; out.length < ops.length; i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}
