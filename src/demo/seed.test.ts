import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBankCard, checkIdNumber, checkMobile, checkUscc } from '../lib/identifiers.js';
import { decrypt } from '../lib/crypto.js';
import { configureProcess } from '../platform.js';
import type { Db } from '../db/index.js';
import { ROLES, type Actor } from '../modules/identity/actor.js';
import { actorOfAccount, type AccountRow } from '../modules/identity/service.js';
import * as assessment from '../modules/assessment/service.js';
import * as attendance from '../modules/attendance/service.js';
import { checkinWindow } from '../modules/attendance/rules.js';
import * as catalog from '../modules/catalog/service.js';
import * as persons from '../modules/persons/service.js';
import * as orgs from '../modules/orgs/service.js';
import * as training from '../modules/training/service.js';
import { addDays, businessDate } from '../modules/training/rules.js';
import * as vouchers from '../modules/vouchers/service.js';
import { DEMO_VENUE, demoClassLines, ENDED_CLASS_WORKERS, FREE_WORKERS, OPEN_CLASS_WORKERS } from './classes.js';
import { ENTERPRISE_CLASS_NAME, ENTERPRISE_WORKERS, MAKE_UP_WORKER } from './enterprise.js';
import { buildApp } from '../http/app.js';
import { createTestDb, testConfig } from '../test/harness.js';
import { sessionFor } from '../test/factories/index.js';
import { maskName } from '../lib/identifiers.js';
import { DEMO_PERSONS, seedDemoWorldIfEmpty, type DemoSignIn } from './seed.js';
import { syntheticPersons } from './synthetic.js';

let db: Db;
let first: DemoSignIn[] | null;
const logs: string[] = [];

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb();
  first = await seedDemoWorldIfEmpty(db, (m) => logs.push(m));
  process.stdout.write(`${logs.join('\n')}\n`);
}, 120_000);
afterAll(async () => {
  await db.close();
});

const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
/** A demo account as its signed-in session's actor. */
const actor = async (username: string): Promise<Actor> =>
  actorOfAccount((await db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username])).rows[0]!);
const classesOf = async () => {
  const { items } = await training.listClasses(await actor('demo.provider'), db, { limit: 50, offset: 0 });
  return {
    open: items.filter((c) => c.state === 'open'),
    ended: items.filter((c) => c.state === 'ended'),
    draft: items.filter((c) => c.state === 'draft'),
    all: items,
  };
};
/** The worker usernames of a class's admitted trainees, in admission order. */
const traineesOf = async (classId: string) => {
  const out: string[] = [];
  for (const a of await training.listAdmittedVouchers(db, classId)) {
    const r = (await db.query<{ username: string }>('SELECT username FROM accounts WHERE person_id = $1', [a.personId])).rows[0];
    out.push(r?.username ?? '?');
  }
  return out.sort();
};
const today = businessDate(new Date());

describe('synthetic persons', () => {
  it('are valid, distinct and reproducible', () => {
    const a = syntheticPersons(2000, 7);
    expect(new Set(a.map((p) => p.idNumber)).size).toBe(2000);
    for (const p of a) {
      expect(checkIdNumber(p.idNumber)).toBeNull();
      expect(checkMobile(p.phone)).toBeNull();
      if (p.bankAccount) expect(checkBankCard(p.bankAccount)).toBeNull();
      if (p.hukou === 'local') expect(p.idNumber.slice(0, 4)).toBe('3101');
    }
    expect(syntheticPersons(50, 7)).toEqual(a.slice(0, 50));
    expect(new Set(a.map((p) => p.districtCode)).size).toBe(16);
    expect(new Set(a.flatMap((p) => p.categories)).size).toBeGreaterThanOrEqual(6);
  });
});

describe('demo world', () => {
  it(`seeds ≥ ${DEMO_PERSONS} demo persons, every ID valid (decrypted), with a spread of districts, categories and hukou`, async () => {
    const rows = (await db.query<{ id: string }>('SELECT id FROM persons WHERE is_demo')).rows;
    expect(rows.length).toBeGreaterThanOrEqual(DEMO_PERSONS);
    const raw = (await db.query<{ id_number_enc: string }>('SELECT id_number_enc FROM persons')).rows;
    for (const r of raw) expect(checkIdNumber(decrypt(r.id_number_enc))).toBeNull();
    const ps = await Promise.all(rows.slice(0, 200).map((r) => persons.getPerson(db, r.id)));
    for (const p of ps) {
      expect(p).not.toBeNull();
      expect(checkIdNumber(p!.idNumber)).toBeNull();
      if (p!.bankAccount) expect(checkBankCard(p!.bankAccount)).toBeNull();
    }
    expect(await count('SELECT count(DISTINCT district_code) AS n FROM persons WHERE is_demo')).toBe(16);
    expect(await count(`SELECT count(DISTINCT hukou) AS n FROM persons WHERE is_demo`)).toBe(2);
    expect(await count('SELECT count(DISTINCT c) AS n FROM persons, unnest(categories) c WHERE is_demo')).toBeGreaterThanOrEqual(6);
    expect(await count(`SELECT count(*) AS n FROM persons WHERE is_demo AND employer_uscc IS NOT NULL`)).toBeGreaterThan(0);
    // 推荐岗位 has postings to recommend: the employment feed's simulator, pulled by demo.city
    expect(await count(`SELECT count(*) AS n FROM job_postings WHERE source = 'feed' AND status = 'open'`)).toBe(5);
  });

  it('has one sign-in per role at least, all demo accounts, printed with notes', async () => {
    expect(first).not.toBeNull();
    const roles = new Set(first!.map((s) => s.role));
    for (const r of ROLES) expect(roles.has(r)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM accounts WHERE NOT is_demo')).toBe(0);
    expect(await count(`SELECT count(DISTINCT district_code) AS n FROM accounts WHERE role = 'district_admin'`)).toBe(2);
    const workers = first!.filter((s) => s.role === 'worker');
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const w of workers) {
      const id = /e-SSC simulator: ID (\S+)/.exec(w.note ?? '')?.[1];
      expect(id && checkIdNumber(id)).toBeNull();
      expect(w.password).toBeUndefined();
    }
    for (const s of first!.filter((x) => x.role === 'city_admin' || x.role === 'finance')) expect(s.totpSecret).toBeTruthy();
  });

  it('registers providers of the three kinds, two enterprises and an assessor, with valid USCCs and bank accounts', async () => {
    // The designated rehabilitation hospitals are reference data (a migration), not demo organisations.
    const all = (await orgs.listOrgs({ accountId: null, role: 'system' }, db, { limit: 100, offset: 0 })).items.filter((o) => o.kind !== 'hospital');
    expect(all.every((o) => o.isDemo)).toBe(true);
    expect(new Set(all.filter((o) => o.kind === 'provider').map((o) => o.providerKind))).toEqual(
      new Set(['social_training_body', 'vocational_college', 'high_skill_base']),
    );
    expect(new Set(all.filter((o) => o.kind === 'provider').map((o) => o.districtCode)).size).toBeGreaterThan(1);
    expect(all.filter((o) => o.kind === 'enterprise')).toHaveLength(2);
    expect(all.filter((o) => o.kind === 'assessor')).toHaveLength(1);
    for (const o of all) {
      expect(checkUscc(o.uscc)).toBeNull();
      if (o.kind !== 'assessor') expect(checkBankCard(o.bankAccount!)).toBeNull();
    }
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE role IN ('provider','enterprise','assessor')`)).toBe(all.length);
  });

  it('is idempotent: a second start on the seeded database creates nothing and lists the same sign-ins', async () => {
    const tables = [
      'accounts',
      'persons',
      'organisations',
      'provider_approvals',
      'venues',
      'courses',
      'training_classes',
      'class_sessions',
      'class_seats',
      'vouchers',
      'voucher_events',
      'admissions',
      'check_ins',
      'assessment_assignments',
      'audit_log',
    ];
    const before = await Promise.all(tables.map((t) => count(`SELECT count(*) AS n FROM ${t}`)));
    const again = await seedDemoWorldIfEmpty(db, (m) => logs.push(m));
    expect(await Promise.all(tables.map((t) => count(`SELECT count(*) AS n FROM ${t}`)))).toEqual(before);
    expect(again).toEqual(first);
  });
});

describe('demo training', () => {
  it('gives demo.provider a course and three offline classes at a venue with coordinates and a geofence: open, ended, open for registration', async () => {
    const { open, ended, draft, all } = await classesOf();
    expect(open).toHaveLength(1);
    expect(ended).toHaveLength(1);
    expect(draft).toHaveLength(1);
    expect(all).toHaveLength(3);
    expect(draft[0]!.startDate).toBe(addDays(today, 14));
    const provider = await actor('demo.provider');
    expect((await training.listCourses(provider, db, { limit: 10, offset: 0 })).items).toHaveLength(1);
    for (const c of all) {
      expect(c.online).toBe(false);
      expect(c.districtCode).toBe('310115');
      const venue = await training.getVenue(db, c.venueId!);
      expect(venue).toMatchObject({ providerId: provider.orgId, geofenceRadiusM: DEMO_VENUE.radiusM });
      expect(venue!.lat).toBeCloseTo(DEMO_VENUE.lat, 5);
      expect(venue!.lng).toBeCloseTo(DEMO_VENUE.lng, 5);
      // reported and opened, except the class still open for registration
      expect(c.reportedAt === null).toBe(c.state === 'draft');
      expect(c.openedAt === null).toBe(c.state === 'draft');
    }
    // the open class runs around the seed's date, with sessions (课次) today and after
    const o = open[0]!;
    expect(o.startDate < today && today < o.endDate).toBe(true);
    const sessions = await training.listSessions(db, o.id);
    expect(sessions.filter((s) => businessDate(s.startsAt) === today)).toHaveLength(2);
    expect(sessions.filter((s) => businessDate(s.startsAt) > today).length).toBeGreaterThan(10);
    // the ended class is over, before the seed's date
    expect(ended[0]!.endDate < today).toBe(true);
    expect(ended[0]!.endedAt).not.toBeNull();
  });

  it('admits demo.worker4–6 to the open class and demo.worker7–9 to the ended one with subsidy vouchers in training; demo.worker1–3 hold none', async () => {
    const { open, ended } = await classesOf();
    expect(await traineesOf(open[0]!.id)).toEqual([...OPEN_CLASS_WORKERS]);
    expect(await traineesOf(ended[0]!.id)).toEqual([...ENDED_CLASS_WORKERS]);
    for (const u of FREE_WORKERS) expect(await vouchers.listMyVouchers(await actor(u), db)).toEqual([]);
    const programme = await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE');
    for (const c of [open[0]!, ended[0]!]) {
      const { roster } = await training.getRoster(await actor('demo.provider'), db, c.id);
      expect(roster).toHaveLength(3);
      for (const a of await training.listAdmittedVouchers(db, c.id)) {
        // admitted on the day the class was set up, before it started (the service's `now`, not the seed's clock)
        expect(businessDate(a.admittedAt) < c.startDate).toBe(true);
        const v = (await vouchers.getVoucher(db, a.voucherId))!;
        expect(v).toMatchObject({ kind: 'subsidy', status: 'in_training', programmeId: programme!.id, occupationCode: '4-10-01-05', level: 4 });
        expect(Number.isInteger(v.standardFen)).toBe(true);
        expect(v.ratioPct).toBeGreaterThan(0);
      }
    }
  });

  it('records the ended class’s attendance (100 %, 90 %, 70 %) and the open class’s past sessions', async () => {
    const { open, ended } = await classesOf();
    const rates: number[] = [];
    for (const a of await training.listAdmittedVouchers(db, ended[0]!.id))
      rates.push(Number((await attendance.attendanceOf(db, { voucherId: a.voucherId })).rate));
    expect(rates.sort((x, y) => y - x)).toEqual([100, 90, 70]);
    const past = (await training.listSessions(db, open[0]!.id)).filter((s) => businessDate(s.startsAt) < today).length;
    expect(past).toBe(6);
    expect(await count(`SELECT count(*) AS n FROM check_ins WHERE class_id = '${open[0]!.id}'`)).toBe(3 * past - 1);
    expect(await count(`SELECT count(*) AS n FROM check_ins WHERE status <> 'accepted'`)).toBe(0);
  });

  it('assigns the ended class to the demo assessment body: demo.assessor sees it on its page (listAssignments)', async () => {
    const { open, ended } = await classesOf();
    const assessor = await actor('demo.assessor');
    const { items } = await assessment.listAssignments(assessor, db, { status: 'active', limit: 500, offset: 0 });
    // and demo.provider2's class of demo.enterprise's employees (./enterprise.ts)
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.classId === ended[0]!.id)).toMatchObject({ classState: 'ended', assessorOrgId: assessor.orgId, active: true });
    expect((await assessment.listAssignments(assessor, db, { classId: open[0]!.id, status: 'all', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('prints the classes in the start banner', async () => {
    const lines = await demoClassLines(db);
    expect(lines.map((l) => l.state).sort()).toEqual(['draft', 'ended', 'open']);
    expect(lines.find((l) => l.state === 'draft')!.note).toMatch(/^open for registration until \d{4}-\d{2}-\d{2}: demo.worker1–3/);
    const o = lines.find((l) => l.state === 'open')!;
    expect(o.trainees).toEqual([...OPEN_CLASS_WORKERS]);
    expect(o.note).toMatch(/next check-in \d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} within 300 m/);
    expect(lines.find((l) => l.state === 'ended')!.note).toContain('demo.assessor');
  });
});

describe('enterprise training in the demo world (企业定制券, 补贴到账)', () => {
  it('demo.enterprise issued customised vouchers to demo.worker10–12, admitted after their issue to demo.provider2’s class, which has ended', async () => {
    const enterprise = await actor('demo.enterprise');
    const provider2 = await actor('demo.provider2');
    const { rows } = await db.query<{
      username: string;
      mode: string;
      issuer: string;
      employer: string | null;
      issued: string;
      admitted: string;
      class_name: string;
      state: string;
      provider_id: string;
      end_date: string;
    }>(
      `SELECT a.username, v.mode, i.org_id AS issuer, p.employer_uscc AS employer,
              to_char(v.issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS issued,
              to_char(ad.admitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS admitted,
              c.name AS class_name, c.state, c.provider_id, c.end_date::text AS end_date
         FROM accounts a JOIN persons p ON p.id = a.person_id JOIN vouchers v ON v.person_id = a.person_id
         JOIN issuances i ON i.id = v.issuance_id JOIN admissions ad ON ad.voucher_id = v.id JOIN training_classes c ON c.id = ad.class_id
        WHERE a.username = ANY($1) ORDER BY a.username`,
      [ENTERPRISE_WORKERS],
    );
    expect(rows.map((r) => r.username)).toEqual([...ENTERPRISE_WORKERS]);
    const uscc = (await orgs.getOrg(db, enterprise.orgId!))!.uscc;
    for (const r of rows) {
      expect(r).toMatchObject({ mode: 'custom', issuer: enterprise.orgId, employer: uscc, class_name: ENTERPRISE_CLASS_NAME, state: 'ended' });
      expect(r.provider_id).toBe(provider2.orgId);
      // the HR clerk's upload 40 days before the seed, the admission on the day the class was reported (two days later)
      expect(r.issued).toBe(`${addDays(today, -40)} 14:10`);
      expect(r.admitted).toBe(`${addDays(today, -38)} 10:00`);
      expect(r.end_date < today).toBe(true);
    }
  });

  it('its 补贴到账 (GET /api/v1/subsidy/enterprise-claims) lists their three claims: two paid to it at the seed, one in its notice; the sums paid', async () => {
    const app = await buildApp(db, testConfig());
    await app.ready();
    type Page = { total: number; paidFen: number; paidToEnterpriseFen: number; items: Array<Record<string, unknown> & { status: string; number: string }> };
    const list = async (username: string): Promise<Page> => {
      const account = (await db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username])).rows[0]!;
      const { token } = await sessionFor(db, account);
      const r = await app.inject({ method: 'GET', url: '/api/v1/subsidy/enterprise-claims', headers: { authorization: `Bearer ${token}` } });
      expect(r.statusCode).toBe(200);
      return r.json<Page>();
    };
    try {
      const page = await list('demo.enterprise');
      const claims = (
        await db.query<{ username: string; number: string; status: string }>(
          `SELECT a.username, c.number, c.status FROM subsidy_claims c JOIN accounts a ON a.person_id = c.person_id WHERE a.username = ANY($1) ORDER BY a.username`,
          [ENTERPRISE_WORKERS],
        )
      ).rows;
      expect(claims.map((c) => [c.username, c.status])).toEqual([
        ['demo.worker10', 'paid'],
        [MAKE_UP_WORKER, 'approved'],
        ['demo.worker12', 'paid'],
      ]);
      expect(page.total).toBe(3);
      expect(page.items.map((i) => i.number).sort()).toEqual(claims.map((c) => c.number).sort());
      const provider2 = (await orgs.getOrg(db, (await actor('demo.provider2')).orgId!))!;
      // 企业职工职业培训, 四级: the standard ¥1,400 at the employed's 80 % = ¥1,120.00, paid to the employer
      for (const i of page.items)
        expect(i).toMatchObject({
          programmeName: '企业职工职业培训',
          occupationName: '车工',
          level: 4,
          className: ENTERPRISE_CLASS_NAME,
          providerName: provider2.name,
          amountFen: 112_000,
          payeeKind: 'enterprise',
          paidToThisEnterprise: true,
          payeeKnown: true,
          customVoucher: true,
        });
      const paid = page.items.filter((i) => i.status === 'paid');
      expect(paid).toHaveLength(2);
      for (const p of paid) expect(businessDate(new Date(p.paidAt as string))).toBe(today);
      const inNotice = page.items.find((i) => i.status === 'approved')!;
      expect(inNotice.number).toBe(claims.find((c) => c.username === MAKE_UP_WORKER)!.number);
      expect(inNotice.paidAt).toBeNull();
      expect((inNotice.noticeLastDay as string) >= today).toBe(true);
      const makeUp = (await persons.getPerson(db, (await actor(MAKE_UP_WORKER)).personId!))!;
      expect(inNotice.employeeNameMasked).toBe(maskName(makeUp.name));
      expect(JSON.stringify(page)).not.toContain(makeUp.name);
      expect(page.paidFen).toBe(224_000);
      expect(page.paidToEnterpriseFen).toBe(224_000);
      // the other demo enterprise has none; the batch was reconciled from the bank simulator's answer
      expect((await list('demo.enterprise2')).total).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM disbursement_batches WHERE status = 'reconciled'`)).toBe(1);
    } finally {
      await app.close();
    }
  });
});

// After the idempotency test: these write.
describe('demo roles at work', () => {
  it('demo.worker4 checks in to the open class’s next session at the venue', async () => {
    const { open } = await classesOf();
    const me = await actor(OPEN_CLASS_WORKERS[0]);
    const next = (await training.listSessions(db, open[0]!.id)).find((s) => businessDate(s.startsAt) >= addDays(today, 1))!;
    const at = new Date(checkinWindow(next.startsAt).opensAt.getTime() + 30 * 60_000);
    const r = await db.tx((tx) =>
      attendance.checkIn(
        me,
        tx,
        next.id,
        { lat: DEMO_VENUE.lat, lng: DEMO_VENUE.lng + 0.001, accuracyM: 10, coordSystem: 'gcj02', deviceId: 'test-phone' },
        at,
      ),
    );
    expect(r.status).toBe('accepted');
  });

  it('the public course search finds the class open for registration; demo.worker1 applies for a voucher and registers', async () => {
    const { draft } = await classesOf();
    const found = await training.searchClasses(null, db, { occupationCode: '4-10-01-05', sort: 'start', coordSystem: 'gcj02', limit: 20, offset: 0 });
    expect(found.items.map((c) => c.classId)).toEqual([draft[0]!.id]);
    const me = await actor(FREE_WORKERS[0]);
    const programme = (await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE'))!;
    const reg = await db.tx(async (tx) => {
      const { voucher } = await vouchers.applyForVoucher(me, tx, { occupationCode: '4-10-01-05', level: 4, programmeId: programme.id });
      return training.register(me, tx, { classId: draft[0]!.id, voucherId: voucher.id });
    });
    expect(reg).toMatchObject({ classId: draft[0]!.id, status: 'pending' });
  });

  it('demo.assessor records a pass for the full-attendance trainee of the ended class: the claim is approved', async () => {
    const { ended } = await classesOf();
    let a: training.Admission | undefined;
    for (const x of await training.listAdmittedVouchers(db, ended[0]!.id))
      if (Number((await attendance.attendanceOf(db, { voucherId: x.voucherId })).rate) === 100) a = x;
    const v = (await vouchers.getVoucher(db, a!.voucherId))!;
    const assessor = await actor('demo.assessor');
    const r = await db.tx((tx) =>
      assessment.recordResult(assessor, tx, {
        voucherNumber: v.number,
        passed: true,
        score: 88,
        level: 4,
        certificateNumber: 'DEMO-TEST-0001',
        certificateType: 'skill_level',
        assessedOn: today,
      }),
    );
    expect(r.passed).toBe(true);
    expect(r.claimId).toBeTruthy();
    expect((await vouchers.getVoucher(db, v.id))!.status).toBe('approved');
  });

  it('tells one story in time: no voucher is issued after its registration, admission, claim or any of its events', async () => {
    // every voucher of the demo world (the classes' trainees, the one applied for above) against its later facts
    const late = await db.query<{ number: string; fact: string; issued_at: Date; at: Date }>(
      `SELECT v.number, f.fact, v.issued_at, f.at FROM vouchers v
         JOIN (SELECT voucher_id, 'registration' AS fact, created_at AS at FROM registrations
               UNION ALL SELECT voucher_id, 'admission', admitted_at FROM admissions
               UNION ALL SELECT voucher_id, 'claim', created_at FROM subsidy_claims
               UNION ALL SELECT voucher_id, 'event ' || to_status, at FROM voucher_events) f ON f.voucher_id = v.id
        WHERE f.at < v.issued_at`,
    );
    expect(late.rows).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM admissions')).toBe(9);
    // the classes' vouchers were applied for on the day each class was reported (ten days before its start), at 09:30
    // Shanghai, before the admission at 10:00 — not when the seed ran — and their events follow the story's days
    const { ended, open } = await classesOf();
    for (const c of [...ended, ...open]) {
      const rows = (
        await db.query<{ issued: string; admitted: string; events: string[] }>(
          `SELECT to_char(v.issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS issued,
                  to_char(a.admitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS admitted,
                  (SELECT array_agg(e.to_status || ' ' || to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') ORDER BY e.id)
                     FROM voucher_events e WHERE e.voucher_id = v.id AND e.to_status IN ('admitted', 'in_training')) AS events
             FROM admissions a JOIN vouchers v ON v.id = a.voucher_id WHERE a.class_id = $1`,
          [c.id],
        )
      ).rows;
      expect(rows).toHaveLength(3);
      const reported = addDays(c.startDate, -10);
      for (const r of rows) {
        expect(r.issued).toBe(`${reported} 09:30`);
        expect(r.admitted).toBe(`${reported} 10:00`);
        expect(r.events).toEqual([`admitted ${reported}`, `in_training ${c.startDate}`]);
      }
    }
  });
});

describe('the social-insurance simulator in the demo world (技能提升补贴 conditions)', () => {
  it('holds a record of every demo person: some fail each condition, the demo workers none', async () => {
    const { socialInsuranceRecord, sscCard } = await import('../modules/subsidy/social-insurance.js');
    expect(await count('SELECT count(*)::int AS n FROM social_insurance_simulator')).toBe(DEMO_PERSONS);
    expect(await count('SELECT count(*)::int AS n FROM social_insurance_simulator WHERE ui_months < 12')).toBeGreaterThan(50);
    expect(await count('SELECT count(*)::int AS n FROM social_insurance_simulator WHERE NOT ssc_financial_active')).toBeGreaterThan(50);
    // demo.injured1–3 (rehabilitation) are not training trainees; demo.worker10–12 train on enterprise vouchers (no such conditions).
    const { rows } = await db.query<{ person_id: string }>(
      "SELECT person_id FROM accounts WHERE role = 'worker' AND is_demo AND username NOT LIKE 'demo.injured%' AND username <> ALL($1)",
      [ENTERPRISE_WORKERS],
    );
    expect(rows.length).toBe(FREE_WORKERS.length + OPEN_CLASS_WORKERS.length + ENDED_CLASS_WORKERS.length);
    for (const r of rows) {
      const p = (await persons.getPerson(db, r.person_id))!;
      expect((await socialInsuranceRecord().unemploymentInsurance(db, p.idNumber, today)).months).toBeGreaterThanOrEqual(12);
      expect((await sscCard().financialStatus(db, p.idNumber)).active).toBe(true);
    }
  });
});

describe('work-injury rehabilitation in the demo world (issue 18)', () => {
  it('gives each of the seven designated hospitals a staff account and three injured workers their recognitions', async () => {
    const hospitals = first!.filter((x) => x.role === 'hospital');
    expect(hospitals.map((x) => x.username)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `demo.hospital${n}`));
    expect(first!.some((x) => x.role === 'committee' && x.username === 'demo.committee')).toBe(true);
    const { rows } = await db.query<{ username: string; status: string; condition_code: string | null; leave_end: string; source: string }>(
      `SELECT a.username, r.status, r.condition_code, r.leave_end::text AS leave_end, r.source
         FROM rehab_recognitions r JOIN accounts a ON a.person_id = r.person_id ORDER BY a.username`,
    );
    expect(rows.map((r) => [r.username, r.condition_code, r.source])).toEqual([
      ['demo.injured1', 'fracture', 'district_system'],
      ['demo.injured2', 'hand_injury', 'district_system'],
      ['demo.injured3', null, 'district_system'],
    ]);
    const today = businessDate(new Date());
    expect(rows[0]!.leave_end > today).toBe(true);
    expect(rows[1]!.leave_end < today).toBe(true);
  });
});
