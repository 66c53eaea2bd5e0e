/**
 * The staff workbench (issue 17): each role's to-dos, counted in its scope, equal direct counts on the base
 * tables; another district's (or another organisation's) work never shows; workers have no workbench (403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeTrainees, makeWorld, openClass, type World } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import * as training from '../training/index.js';
import { createClaimForPass } from '../subsidy/claims.js';
import { anyOccupation, assessedVoucher, passFacts } from '../subsidy/test-world.js';
import { todoLink, TODOS_BY_ROLE, type TodoKind } from './rules.js';
import type { Workbench } from './schemas.js';

const A = '310115';
const B = '310104';
let t: TestApp;
let wa: World;
let wb: World;
let serial = 9100;
let noBudgetProgramme: string;

const get = async (opts: { as?: string; token?: string }): Promise<Workbench> => {
  const r = await t.call('GET', '/api/v1/workbench', opts.token ? { headers: { authorization: `Bearer ${opts.token}` } } : { as: opts.as! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Workbench;
};
const countOf = (w: Workbench, kind: TodoKind): number => w.todos.find((x) => x.kind === kind)!.count;
const n = async (db: Db, sql: string, params: unknown[] = []): Promise<number> => Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n);

/** A class still in draft starting `days` from today (its opening report due 3 days before the start). */
async function draftClass(w: World, days: number): Promise<string> {
  const start = addDays(businessDate(clockNow()), days);
  const c = await t.db.tx((tx) =>
    training.createClass(w.provider.staff.actor, tx, {
      courseId: w.courseId,
      online: false,
      venueId: w.venue.id,
      capacity: 10,
      startDate: start,
      endDate: start,
      sessions: [{ startsAt: `${start}T09:00:00+08:00`, endsAt: `${start}T12:00:00+08:00` }],
    }),
  );
  return c.id;
}

/** An open class with one trainee and one flagged check-in. */
async function openWithFlag(w: World): Promise<string> {
  const today = businessDate(clockNow());
  const [tr] = await makeTrainees(t.db, w, 1, 'subsidy', addDays(today, -40));
  const startsAt = new Date(clockNow().getTime() + 3_600_000);
  const { cls, sessions } = await openClass(t.db, w, [{ startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) }], [tr!]);
  await t.db.query(
    `INSERT INTO check_ins (session_id, class_id, person_id, voucher_id, provider_id, district_code, source, at, lat, lng, accuracy_m, status, flags)
     VALUES ($1, $2, $3, $4, $5, $6, 'geofence', $7, 31.23, 121.47, 10, 'flagged', '{SHARED_DEVICE}')`,
    [sessions[0]!.id, cls.id, tr!.personId, tr!.voucherId, w.provider.org.id, cls.districtCode, startsAt],
  );
  return cls.id;
}

/** A claim waiting in review (no budget for its year, district and programme), with an open objection when asked. */
async function claimInReview(district: string, objection: boolean): Promise<void> {
  const occupation = await anyOccupation(t.db);
  await t.db.tx(async (tx) => {
    const v = await assessedVoucher(tx, ++serial, { programmeId: noBudgetProgramme, occupationCode: occupation, districtCode: district });
    const c = await createClaimForPass(tx, SYSTEM, passFacts(v.voucherId));
    expect(c.status).toBe('in_review');
    if (objection) await tx.query("INSERT INTO claim_objections (claim_id, text) VALUES ($1, '公示异议 (test)')", [c.id]);
  });
}

async function batch(status: string, makerKey: string): Promise<void> {
  await t.db.query('INSERT INTO disbursement_batches (number, status, max_payments, maker_id) VALUES ($1, $2, 100, $3)', [
    `WB-${++serial}`,
    status,
    t.fx.accounts[makerKey]!.id,
  ]);
}

async function issuance(status: string, district: string | null, orgId: string | null): Promise<void> {
  await t.db.query(
    `INSERT INTO issuances (mode, name, programme_id, district_code, org_id, definition, status) VALUES ($1, '待执行发放 (test)', $2, $3, $4, '{}', $5)`,
    [orgId ? 'custom' : 'targeted', wa.programme.id, district, orgId, status],
  );
}

/** Direct counts on the base tables for a district (null: the whole city). */
async function direct(district: string | null): Promise<Record<string, number>> {
  const d = (col: string) => (district ? `AND ${col} = '${district}'` : '');
  const now = clockNow();
  const until = new Date(now.getTime() + 3 * 86_400_000);
  return {
    CLAIMS_TO_REVIEW: await n(t.db, `SELECT count(*) AS n FROM subsidy_claims WHERE status = 'in_review' ${d('district_code')}`),
    FLAGS_TO_REVIEW: await n(t.db, `SELECT count(*) AS n FROM check_ins WHERE status = 'flagged' ${d('district_code')}`),
    OBJECTIONS_TO_HANDLE: await n(
      t.db,
      `SELECT count(*) AS n FROM claim_objections o, subsidy_claims c WHERE c.id = o.claim_id AND o.status = 'open' ${d('c.district_code')}`,
    ),
    OPENING_REPORTS_DUE: await n(
      t.db,
      `SELECT count(*) AS n FROM training_classes WHERE state = 'draft' AND report_deadline BETWEEN $1 AND $2 ${d('district_code')}`,
      [now, until],
    ),
    CLASSES_TO_ASSIGN: await n(
      t.db,
      `SELECT count(*) AS n FROM training_classes c WHERE state IN ('reported', 'open', 'ended') ${d('district_code')}
         AND c.id NOT IN (SELECT class_id FROM assessment_assignments WHERE withdrawn_at IS NULL)`,
    ),
    BUDGETS_MISSING: await n(
      t.db,
      `SELECT count(*) AS n FROM subsidy_claims WHERE status = 'in_review' AND rules::text LIKE '%NO_BUDGET%' ${d('district_code')}`,
    ),
    ISSUANCES_TO_RUN: await n(t.db, `SELECT count(*) AS n FROM issuances WHERE status IN ('draft', 'failed') ${d('district_code')}`),
    FAILED_PAYMENTS: await n(t.db, `SELECT count(*) AS n FROM subsidy_claims WHERE status = 'failed' ${d('district_code')}`),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  wa = await makeWorld(t.db, t.fx.accounts.city_admin!.id, A, '浦东工作台培训学校');
  wb = await makeWorld(t.db, t.fx.accounts.city_admin!.id, B, '徐汇工作台培训学校');
  noBudgetProgramme = await t.db.tx(async (tx) => {
    const p = await catalog.createProgramme(SYSTEM, tx, {
      code: 'TEST-WORKBENCH',
      name: '工作台无预算项目 (test)',
      type: 'skill_upgrade',
      fundingSource: 'unemployment_insurance_fund',
      payee: 'person',
      eligibleCategories: ['registered_unemployed'],
    });
    await catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level: 4, amountFen: 200_000 });
    return p.id;
  });
  for (const w of [wa, wb]) {
    await draftClass(w, 4); // due within 3 days
    await draftClass(w, 30); // not yet due
  }
  await draftClass(wa, 5);
  await openWithFlag(wa);
  const classB = await openWithFlag(wb);
  // class B is assigned to the fixture assessment body, which has recorded nothing yet
  await t.db.query('INSERT INTO assessment_assignments (class_id, assessor_org_id, district_code, provider_id) VALUES ($1, $2, $3, $4)', [
    classB,
    t.fx.orgs.assessor!.id,
    B,
    wb.provider.org.id,
  ]);
  await claimInReview(A, true);
  await claimInReview(A, false);
  await claimInReview(B, true);
  await batch('draft', 'finance');
  await batch('draft', 'finance2');
  await batch('file_ready', 'finance');
  await batch('reconciled', 'finance');
  await issuance('draft', A, null);
  await issuance('failed', B, null);
  await issuance('draft', A, wa.provider.org.id);
  await issuance('done', A, null);
}, 180_000);
afterAll(async () => t?.close());

describe('the workbench', () => {
  it('city admin: every to-do of its role, counted city-wide, equal to direct counts, each with its page', async () => {
    const w = await get({ as: 'city_admin' });
    expect(w.scope.kind).toBe('all');
    expect(w.todos.map((x) => x.kind)).toEqual(TODOS_BY_ROLE.city_admin);
    const d = await direct(null);
    for (const [kind, value] of Object.entries(d)) expect(countOf(w, kind as TodoKind), kind).toBe(value);
    // the set-up made at least one of each of these, so equality is not 0 = 0
    for (const kind of ['CLAIMS_TO_REVIEW', 'FLAGS_TO_REVIEW', 'OBJECTIONS_TO_HANDLE', 'OPENING_REPORTS_DUE', 'BUDGETS_MISSING', 'ISSUANCES_TO_RUN'] as const)
      expect(countOf(w, kind), kind).toBeGreaterThan(0);
    expect(countOf(w, 'OPENING_REPORTS_DUE')).toBe(3);
    expect(countOf(w, 'CLASSES_TO_ASSIGN')).toBe(1);
    expect(w.todos.find((x) => x.kind === 'BUDGETS_MISSING')!.groups).toBe(2);
    expect(w.total).toBe(w.todos.reduce((s, x) => s + x.count, 0));
    for (const x of w.todos) expect(x.link).toBe(todoLink(x.kind, 'city_admin'));
    // maker ≠ checker: the city admin made no batch, so both drafts wait for it
    expect(countOf(w, 'BATCHES_TO_APPROVE')).toBe(2);
    expect(countOf(w, 'BANK_RESULTS_TO_IMPORT')).toBe(1);
  });

  it('district admins: their district only, equal to direct counts; another district sees none of ours', async () => {
    for (const [key, district] of [
      ['district_admin', A],
      ['district_admin_b', B],
    ] as const) {
      const w = await get({ as: key });
      expect(w.scope).toEqual({ kind: 'district', districtCode: district, orgId: null });
      expect(w.todos.map((x) => x.kind)).toEqual(TODOS_BY_ROLE.district_admin);
      const d = await direct(district);
      for (const [kind, value] of Object.entries(d))
        if (w.todos.some((x) => x.kind === kind)) expect(countOf(w, kind as TodoKind), `${key} ${kind}`).toBe(value);
    }
    const before = await get({ as: 'district_admin_b' });
    const oursBefore = await get({ as: 'district_admin' });
    await claimInReview(A, true);
    await draftClass(wa, 4);
    const after = await get({ as: 'district_admin_b' });
    const oursAfter = await get({ as: 'district_admin' });
    expect(after.todos).toEqual(before.todos);
    expect(countOf(oursAfter, 'CLAIMS_TO_REVIEW')).toBe(countOf(oursBefore, 'CLAIMS_TO_REVIEW') + 1);
    expect(countOf(oursAfter, 'OBJECTIONS_TO_HANDLE')).toBe(countOf(oursBefore, 'OBJECTIONS_TO_HANDLE') + 1);
    expect(countOf(oursAfter, 'OPENING_REPORTS_DUE')).toBe(countOf(oursBefore, 'OPENING_REPORTS_DUE') + 1);
  });

  it('finance: batches another account made (maker ≠ checker), bank results to import, failed payments', async () => {
    const f1 = await get({ as: 'finance' });
    const f2 = await get({ as: 'finance2' });
    expect(f1.todos.map((x) => x.kind)).toEqual(TODOS_BY_ROLE.finance);
    expect(countOf(f1, 'BATCHES_TO_APPROVE')).toBe(
      await n(t.db, "SELECT count(*) AS n FROM disbursement_batches WHERE status = 'draft' AND maker_id <> $1", [t.fx.accounts.finance!.id]),
    );
    expect(countOf(f1, 'BATCHES_TO_APPROVE')).toBe(1);
    expect(countOf(f2, 'BATCHES_TO_APPROVE')).toBe(1);
    expect(countOf(f1, 'BANK_RESULTS_TO_IMPORT')).toBe(1);
    expect(f1.todos.find((x) => x.kind === 'BATCHES_TO_APPROVE')!.link).toBe('/batches?status=draft');
  });

  it('providers: their own classes and custom issuances only', async () => {
    const pa = await get({ token: wa.provider.staff.token });
    const pb = await get({ token: wb.provider.staff.token });
    expect(pa.scope).toEqual({ kind: 'org', districtCode: null, orgId: wa.provider.org.id });
    const due = (org: string) =>
      n(t.db, "SELECT count(*) AS n FROM training_classes WHERE state = 'draft' AND provider_id = $1 AND report_deadline BETWEEN $2 AND $3", [
        org,
        clockNow(),
        new Date(clockNow().getTime() + 3 * 86_400_000),
      ]);
    expect(countOf(pa, 'OPENING_REPORTS_DUE')).toBe(await due(wa.provider.org.id));
    expect(countOf(pb, 'OPENING_REPORTS_DUE')).toBe(await due(wb.provider.org.id));
    expect(countOf(pa, 'OPENING_REPORTS_DUE')).toBeGreaterThan(countOf(pb, 'OPENING_REPORTS_DUE'));
    expect(countOf(pa, 'ISSUANCES_TO_RUN')).toBe(1);
    expect(countOf(pb, 'ISSUANCES_TO_RUN')).toBe(0);
    expect(pa.todos.find((x) => x.kind === 'ISSUANCES_TO_RUN')!.link).toBe('/custom-issuance');
  });

  it('assessor: the classes assigned to its body without a result; auditor: the city’s open queues; committee and hospital: the rehabilitation queues', async () => {
    const a = await get({ as: 'assessor' });
    expect(a.todos).toEqual([{ kind: 'RESULTS_TO_RECORD', count: 1, link: '/results' }]);
    const au = await get({ as: 'auditor' });
    const d = await direct(null);
    expect(countOf(au, 'CLAIMS_TO_REVIEW')).toBe(d.CLAIMS_TO_REVIEW);
    expect(countOf(au, 'OBJECTIONS_TO_HANDLE')).toBe(d.OBJECTIONS_TO_HANDLE);
    // counted in rehab.test.ts along the rehabilitation story; here: the kinds, the links, nothing open
    const c = await get({ as: 'committee' });
    expect(c.todos).toEqual([
      { kind: 'REHAB_TO_DECIDE', count: 0, link: '/rehab/cases?status=submitted' },
      { kind: 'REHAB_EXTENSIONS', count: 0, link: '/rehab/cases?pending=extension' },
    ]);
    expect(c.total).toBe(0);
    const h = await get({ as: 'hospital' });
    expect(h.todos).toEqual([{ kind: 'REHAB_TO_ADMIT', count: 0, link: '/rehab/cases?status=placed' }]);
    const e = await get({ as: 'enterprise' });
    expect(e.todos).toEqual([{ kind: 'ISSUANCES_TO_RUN', count: 0, link: '/custom-issuance' }]);
  });

  it('a worker has no workbench (403); anonymous 401', async () => {
    expect((await t.call('GET', '/api/v1/workbench', { as: 'worker' })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/workbench')).statusCode).toBe(401);
  });
});
