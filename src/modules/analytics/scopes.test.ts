/**
 * 出勤率 by scope: the attendance rate every reader of the statistics sees (city, district, provider, enterprise)
 * is the accepted check-ins of the trainees admitted in their scope over the sessions those trainees had to
 * attend (held sessions × admitted trainees) — counted directly on the base tables. An enterprise's scope is its
 * customised vouchers (定制发放): its employees' check-ins count for it as their admissions do. A scope where no
 * session was held has no rate (null, shown '—'), never 0. Runs on both engines.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, adminActor, type Trainee, type World } from '../../test/factories/index.js';
import * as attendance from '../attendance/index.js';
import * as catalog from '../catalog/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { actorOf } from '../vouchers/test-support.js';
import { rebuildCube } from './facts.js';
import type { SummaryView } from './schemas.js';

let t: TestApp;
let w: World; // a provider in 徐汇 (310104) approved for enterprise training
let issuanceId: string;
let employees: Trainee[];
let others: Trainee[];
const DAY = '2026-11-16';
const at = (hm: string) => new Date(`${DAY}T${hm}:00+08:00`);
const OCC = '4-10-01-05';

beforeAll(async () => {
  setClock({ at: at('14:00') });
  t = await createTestApp();
  const base = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇定制培训学校');
  const programme = (await catalog.getProgrammeByCode(t.db, 'SH-ENTERPRISE-TRAINING'))!;
  const staff = base.provider.staff.actor;
  await t.db.tx((tx) =>
    training.grantApproval(adminActor(t.fx.accounts.city_admin!.id), tx, base.provider.org.id, { programmeId: programme.id, occupationCode: null }),
  );
  const course = await t.db.tx((tx) =>
    training.createCourse(staff, tx, {
      programmeId: programme.id,
      occupationCode: OCC,
      level: 4,
      name: '养老护理员(四级) 企业定制',
      hours: 24,
      feeFen: 120_000,
    }),
  );
  w = { ...base, programme, courseId: course.id };
  const issuance = await t.db.tx((tx) =>
    vouchers.createIssuance(actorOf(t, 'enterprise'), tx, { mode: 'custom', name: '护理员定制班', programmeId: programme.id, occupationCode: OCC, level: 4 }),
  );
  issuanceId = issuance.id;
  employees = await makeTrainees(t.db, w, 3, 'subsidy', '2026-10-01', { issuanceId });
  others = await makeTrainees(t.db, w, 2, 'subsidy', '2026-10-01');
  // two sessions held by 14:00, the third in the afternoon
  const c = await openClass(
    t.db,
    w,
    [
      { startsAt: at('09:00'), endsAt: at('10:00') },
      { startsAt: at('10:30'), endsAt: at('11:30') },
      { startsAt: at('16:00'), endsAt: at('17:00') },
    ],
    [...employees, ...others],
  );
  const spot = (i: number) => ({ ...northOf(VENUE_GCJ, 20 + i * 7), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: `dev-${i}` });
  const came: Array<[session: number, who: Trainee[]]> = [
    [0, [employees[0]!, employees[1]!, employees[2]!, others[0]!]],
    [1, [employees[0]!, others[0]!, others[1]!]],
  ];
  for (const [si, who] of came)
    for (const [i, x] of who.entries())
      await t.db.tx((tx) => attendance.checkIn(x.me.actor, tx, c.sessions[si]!.id, spot(i + si * 10), at(si ? '10:30' : '09:00')));
});
afterAll(async () => {
  resetClock();
  await t.close();
});

const summary = async (as: { as: string } | { token: string }): Promise<SummaryView> => {
  const r = await t.call('GET', '/api/v1/analytics/summary', 'as' in as ? { as: as.as } : { headers: { authorization: `Bearer ${as.token}` } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as SummaryView;
};
const n = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.db.query<{ n: number }>(sql, params)).rows[0]!.n);

/** The scope as a condition on the admission `a`, its class `c` and its voucher `v` (with the issuance `i`). */
type Scope = { name: string; reader: () => { as: string } | { token: string }; where: () => [string, unknown[]] };
const SCOPES: Scope[] = [
  { name: 'city', reader: () => ({ as: 'city_admin' }), where: () => ['true', []] },
  { name: 'district (徐汇, where the class is held)', reader: () => ({ as: 'district_admin_b' }), where: () => [`c.district_code = '310104'`, []] },
  { name: 'provider (its class)', reader: () => ({ token: w.provider.staff.token }), where: () => ['c.provider_id = $1', [w.provider.org.id]] },
  {
    name: 'enterprise (its customised vouchers)',
    reader: () => ({ as: 'enterprise' }),
    where: () => [`i.mode = 'custom' AND i.org_id = $1`, [t.fx.orgs.enterprise!.id]],
  },
];

/** Accepted check-ins of the trainees admitted in scope, and the sessions they had to attend by now (held × admitted). */
async function direct(s: Scope): Promise<{ attended: number; required: number }> {
  const [cond, params] = s.where();
  const admitted = `FROM admissions a JOIN training_classes c ON c.id = a.class_id JOIN voucher_records v ON v.id = a.voucher_id
                    LEFT JOIN issuances i ON i.id = v.issuance_id WHERE a.status = 'admitted' AND ${cond}`;
  const attended = await n(
    `SELECT count(*) AS n FROM check_ins k WHERE k.status = 'accepted'
        AND EXISTS (SELECT 1 ${admitted} AND a.person_id = k.person_id AND a.class_id = k.class_id)`,
    params,
  );
  const required = await n(
    `SELECT coalesce(sum((SELECT count(*) FROM class_sessions s WHERE s.class_id = a.class_id AND s.ends_at <= $${params.length + 1})), 0) AS n ${admitted}`,
    [...params, at('14:00')],
  );
  return { attended, required };
}

describe('出勤率: the same definition in every scope', () => {
  it('the story: the enterprise’s 3 employees came 4 times out of 6, the class 7 out of 10', async () => {
    expect(await direct(SCOPES[3]!)).toEqual({ attended: 4, required: 6 });
    expect(await direct(SCOPES[2]!)).toEqual({ attended: 7, required: 10 });
  });

  it.each(SCOPES.map((s) => [s.name, s] as const))('live (before any rebuild), %s: its check-ins counted are its trainees’', async (_, s) => {
    expect((await summary(s.reader())).metrics.checkInsCounted).toBe((await direct(s)).attended);
  });

  it.each(SCOPES.map((s) => [s.name, s] as const))('after the rebuild, %s: attended / required', async (_, s) => {
    await rebuildCube(t.db);
    const { attended, required } = await direct(s);
    const m = (await summary(s.reader())).metrics;
    expect(m.checkInsCounted).toBe(attended);
    expect(m.expectedCheckIns).toBe(required);
    expect(m.attendanceRate).toBeCloseTo(attended / required, 4);
  });

  it('the enterprise reads 66.7 % with its funnel’s figures, not 0', async () => {
    await rebuildCube(t.db);
    const m = (await summary({ as: 'enterprise' })).metrics;
    expect(m).toMatchObject({ admitted: 3, checkInsCounted: 4, expectedCheckIns: 6 });
    expect(m.attendanceRate).toBeCloseTo(4 / 6, 4);
  });

  it('a scope where no session was held has no rate (null), not 0', async () => {
    const m = (await summary({ as: 'provider' })).metrics; // the fixture provider: no class of its own
    expect(m.expectedCheckIns).toBe(0);
    expect(m.attendanceRate).toBeNull();
  });

  it('the backfill: check-ins kept before without a voucher take their admission’s, and the enterprise’s rate follows', async () => {
    const kept = (await t.db.query<{ id: string; voucher_id: string }>('SELECT id, voucher_id FROM check_ins ORDER BY id')).rows;
    expect(kept.every((k) => k.voucher_id !== null)).toBe(true);
    await t.db.exec('UPDATE check_ins SET voucher_id = NULL');
    await t.db.exec(readFileSync(new URL('../attendance/migrations/20261211600001_check_in_voucher_backfill.sql', import.meta.url), 'utf8'));
    expect((await t.db.query<{ id: string; voucher_id: string }>('SELECT id, voucher_id FROM check_ins ORDER BY id')).rows).toEqual(kept);
    await rebuildCube(t.db);
    expect((await summary({ as: 'enterprise' })).metrics.attendanceRate).toBeCloseTo(4 / 6, 4);
  });
});
