/**
 * Issue 17 consistency replay: a generated story — thousands of vouchers issued set-based (targeted issuance)
 * and one by one, registered, admitted, withdrawn, in classes with sessions held and check-ins (accepted,
 * flagged, overturned on review), revoked, expired; subsidy claims in every state (approved at once, in review,
 * approved and rejected by a reviewer, held by a real-name objection, objected to anonymously, paid and failed
 * through a bank file) — through the owning modules' services, then every figure the API answers against a
 * direct count on the base tables:
 *  1. before any rebuild: the figures kept current by the events' own deltas (cube + unfolded deltas), the claims'
 *     amounts in fen and the average days from pass to payment among them;
 *  2. after the fold: unchanged;
 *  3. after the rebuild from the base tables: every figure, by the person's and the training's district.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { resetClock, setClock } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee } from '../../test/factories/index.js';
import { SYSTEM } from '../audit/index.js';
import * as attendance from '../attendance/service.js';
import * as catalog from '../catalog/index.js';
import { createIssuance, runIssuance } from '../vouchers/issuance.js';
import { expireVouchers } from '../vouchers/expiry.js';
import { transitionVoucher } from '../vouchers/service.js';
import { actorOf, makePersons } from '../vouchers/test-support.js';
import * as persons from '../persons/service.js';
import { simulateBank } from '../subsidy/bank-simulator.js';
import { createClaimForPass, decideClaim, objectToClaim, type ClaimRow } from '../subsidy/claims.js';
import { approveBatch, buildBatch, createBatch, generateFiles, importResults, streamBatchFile } from '../subsidy/disbursement.js';
import { anyOccupation, assessedVoucher, endNotice, passFacts, setBudget } from '../subsidy/test-world.js';
import { foldFacts, rebuildCube } from './facts.js';
import * as stats from './service.js';
import { COUNT_METRICS, type CountMetric } from './rules.js';
import type { SummaryView, TableView } from './schemas.js';
import { collect } from '../../test/collect.js';

const PERSONS = 2000;
let t: TestApp;
const DAY = '2026-09-14';
const at = (hm: string, day = DAY) => new Date(`${day}T${hm}:00+08:00`);

/** Every figure as a direct count on the base tables (independent of sources.ts), `now` = the clock. */
function direct(now: Date): Record<CountMetric, string> {
  const n = `'${now.toISOString()}'::timestamptz`;
  return {
    issued: 'SELECT count(*) FROM vouchers',
    applied: `SELECT count(*) FROM vouchers WHERE mode = 'on_demand'`,
    registered: 'SELECT count(*) FROM registrations',
    admitted: `SELECT count(*) FROM admissions WHERE status = 'admitted'`,
    classesOpened: 'SELECT count(*) FROM training_classes WHERE opened_at IS NOT NULL',
    classesReportedOnTime: 'SELECT count(*) FROM training_classes WHERE reported_at <= report_deadline',
    classesCancelled: `SELECT count(*) FROM training_classes WHERE state = 'cancelled'`,
    sessionsHeld: `SELECT count(*) FROM class_sessions WHERE ends_at <= ${n}`,
    checkInsCounted: `SELECT count(*) FROM check_ins WHERE status = 'accepted'`,
    checkInsFlagged: `SELECT count(*) FROM check_ins WHERE status = 'flagged'`,
    checkInsOverturned: `SELECT count(*) FROM check_ins WHERE status = 'rejected_after_review'`,
    expectedCheckIns: `SELECT coalesce(sum((SELECT count(*) FROM class_sessions s WHERE s.class_id = a.class_id AND s.ends_at <= ${n})), 0)
                         FROM admissions a WHERE a.status = 'admitted'`,
    attendedEnough: `SELECT count(*) FROM admissions a
                      WHERE a.status = 'admitted' AND (SELECT count(*) FROM class_sessions s WHERE s.class_id = a.class_id) > 0
                        AND (SELECT count(*) FROM check_ins k WHERE k.class_id = a.class_id AND k.person_id = a.person_id AND k.status = 'accepted') * 5
                            >= (SELECT count(*) FROM class_sessions s WHERE s.class_id = a.class_id) * 4`,
    assessed: 'SELECT count(*) FROM assessment_results',
    passed: 'SELECT count(*) FROM assessment_results WHERE passed',
    certificates: 'SELECT count(*) FROM assessment_results WHERE certificate_number IS NOT NULL',
    claimsInReview: `SELECT count(*) FROM subsidy_claims WHERE status = 'in_review'`,
    claimsApproved: `SELECT count(*) FROM subsidy_claims WHERE status IN ('approved', 'in_batch')`,
    claimsHeld: `SELECT count(*) FROM subsidy_claims WHERE status = 'held'`,
    claimsRejected: `SELECT count(*) FROM subsidy_claims WHERE status = 'rejected'`,
    claimsPaid: `SELECT count(*) FROM subsidy_claims WHERE status = 'paid'`,
    claimsFailed: `SELECT count(*) FROM subsidy_claims WHERE status = 'failed'`,
    settled: `SELECT count(*) FROM vouchers WHERE status = 'settled'`,
    expired: `SELECT count(*) FROM vouchers WHERE status = 'expired'`,
    revoked: `SELECT count(*) FROM vouchers WHERE status = 'revoked'`,
    objections: 'SELECT count(*) FROM claim_objections',
  };
}
/** Figures kept current by the events' own deltas (the others are refreshed by the fold of the rebuild job). */
const LIVE: readonly CountMetric[] = [
  'issued',
  'applied',
  'registered',
  'admitted',
  'checkInsCounted',
  'checkInsFlagged',
  'checkInsOverturned',
  'assessed',
  'passed',
  'certificates',
  'settled',
  'revoked',
  'claimsInReview',
  'claimsApproved',
  'claimsHeld',
  'claimsRejected',
  'claimsPaid',
  'claimsFailed',
  'objections',
];
const CLAIM_STATES: Record<string, string> = {
  claimsInReview: `'in_review'`,
  claimsApproved: `'approved', 'in_batch'`,
  claimsHeld: `'held'`,
  claimsRejected: `'rejected'`,
  claimsPaid: `'paid'`,
  claimsFailed: `'failed'`,
};

/** The claims' amounts in fen by state and the average whole Shanghai days from pass to payment, counted directly. */
async function claimFigures(): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const [m, states] of Object.entries(CLAIM_STATES))
    out[`${m}Fen`] = Number(
      (await t.db.query<{ s: number }>(`SELECT coalesce(sum(amount_fen), 0) AS s FROM subsidy_claims WHERE status IN (${states})`)).rows[0]!.s,
    );
  const { rows } = await t.db.query<{ d: number | null }>(
    `SELECT round(avg(((SELECT max(e.at) FROM claim_events e WHERE e.claim_id = c.id AND e.to_status = 'paid') AT TIME ZONE 'Asia/Shanghai')::date
                      - c.passed_on), 1)::float8 AS d
       FROM subsidy_claims c WHERE c.status = 'paid'`,
  );
  out.avgDaysPassToPayment = rows[0]!.d === null ? null : Number(rows[0]!.d);
  return out;
}
const CLAIM_FIGURES = [...Object.keys(CLAIM_STATES).map((m) => `${m}Fen`), 'avgDaysPassToPayment'];

/**
 * The claims' part of the story, in district 310115 (a budget set): 12 passes whose rules all hold (approved at
 * once, six of them in class `classId`), 4 in review; a reviewer approves one and rejects one; a real-name
 * objection holds one approved claim, another is held and then rejected, an anonymous one only queues; the
 * notices end, finance pays the approved ones in a batch, the bank fails one account; two more are approved after.
 */
async function claimsStory(db: Db, classId: string, providerId: string): Promise<void> {
  const programme = (await catalog.getProgrammeByCode(db, 'SH-SKILL-UPGRADE'))!;
  const occupationCode = await anyOccupation(db);
  await setBudget(db, programme.id, 50_000_000, 2026, '310115');
  const claim = (n: number, patch: Parameters<typeof passFacts>[1] = {}) =>
    db.tx(async (tx) => {
      const w = await assessedVoucher(tx, n, { programmeId: programme.id, occupationCode, districtCode: '310115' });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { assessedOn: '2026-09-02', ...patch }));
    });
  const approved: ClaimRow[] = [];
  for (let i = 0; i < 12; i++) approved.push(await claim(700 + i, i < 6 ? { classId, providerId } : {}));
  expect(approved.map((c) => c.status)).toEqual(Array(12).fill('approved'));
  const review: ClaimRow[] = [];
  for (let i = 0; i < 4; i++) review.push(await claim(720 + i, { attendancePct: 50, admissionOnTime: null }));
  expect(review.map((c) => c.status)).toEqual(Array(4).fill('in_review'));
  const reviewer = actorOf(t, 'district_admin');
  await db.tx((tx) => decideClaim(reviewer, tx, review[0]!.id, { decision: 'approve', opinion: '经核实', overrideReason: '考勤经现场核实' }));
  await db.tx((tx) => decideClaim(reviewer, tx, review[1]!.id, { decision: 'reject', opinion: '出勤不足' }));
  await db.tx((tx) => objectToClaim(reviewer, tx, { claimNumber: approved[0]!.number, text: '该学员未实际参加培训' }));
  await db.tx((tx) => objectToClaim(reviewer, tx, { claimNumber: approved[1]!.number, text: '培训期间另有工作' }));
  await db.tx((tx) => decideClaim(reviewer, tx, approved[1]!.id, { decision: 'reject', opinion: '异议属实' }));
  await db.tx((tx) => objectToClaim(SYSTEM, tx, { claimNumber: approved[2]!.number, text: '匿名反映' }));

  await endNotice(db);
  const maker = actorOf(t, 'finance');
  const checker = actorOf(t, 'finance2');
  const b = await buildBatch(maker, db, (await db.tx((tx) => createBatch(maker, tx, {}))).id);
  expect(b.paymentCount).toBe(11); // 10 approved at once (one held, one rejected) + the one a reviewer approved
  await db.tx((tx) => approveBatch(checker, tx, b.id));
  await generateFiles(maker, db, b.id);
  const pain = await collect((out) => streamBatchFile(maker, db, b.id, 'pain001', out));
  const bad = (await persons.getPerson(db, approved[5]!.person_id))!.bankAccount!;
  const camt = await collect((out) => simulateBank(Readable.from([pain]), out, { failingAccounts: [bad] }));
  const r = await importResults(maker, db, () => Readable.from([Buffer.from(camt)]), 'camt054');
  expect([r.booked, r.rejected]).toEqual([10, 1]);
  for (let i = 0; i < 2; i++) await claim(730 + i);
}

async function counts(metrics: readonly CountMetric[], now: Date, where = ''): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const sql = direct(now);
  for (const m of metrics) out[m] = Number((await t.db.query<{ count: number }>(`SELECT (${sql[m]}) AS count ${where}`)).rows[0]!.count);
  return out;
}
const pick = (m: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, m[k]]));
const summary = async (): Promise<SummaryView['metrics']> => {
  const r = await t.call('GET', '/api/v1/analytics/summary', { as: 'city_admin' });
  expect(r.statusCode).toBe(200);
  return (r.json() as SummaryView).metrics;
};

beforeAll(async () => {
  setClock({ at: at('14:00') });
  t = await createTestApp();
  const programme = (await catalog.getProgrammeByCode(t.db, 'SH-SKILL-UPGRADE'))!;
  // persons of three districts, two categories; a targeted issuance over the city (set-based)
  await makePersons(t.db, Math.round(PERSONS * 0.5), { districtCode: '310115', categories: ['registered_unemployed'] });
  await makePersons(t.db, Math.round(PERSONS * 0.3), { districtCode: '310104', categories: ['employed'] });
  await makePersons(t.db, Math.round(PERSONS * 0.2), { districtCode: '310101', categories: ['registered_unemployed'] });
  const iss = await t.db.tx((tx) =>
    createIssuance(actorOf(t, 'city_admin'), tx, { mode: 'targeted', name: '全市精准发放', programmeId: programme.id, occupationCode: '4-10-01-05', level: 4 }),
  );
  await runIssuance(SYSTEM, t.db, iss.id, { chunkSize: 500 });
  const { rows: issued } = await t.db.query<{ id: string }>('SELECT id::text FROM vouchers WHERE issuance_id = $1 ORDER BY id LIMIT 40', [iss.id]);
  for (const v of issued.slice(0, 25)) await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'revoked', { reason: 'story' }));

  // trainees (one by one, on demand) in two classes of two districts; sessions held, check-ins, flags, reviews
  const a = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310115', '浦东故事学校');
  const b = await makeWorld(t.db, t.fx.accounts.city_admin!.id, '310104', '徐汇故事学校');
  const ta: Trainee[] = await makeTrainees(t.db, a, 30, 'subsidy', '2026-09-01');
  const tb: Trainee[] = await makeTrainees(t.db, b, 20, 'checkin_only', '2026-09-01');
  const sessions = [
    { startsAt: at('09:00'), endsAt: at('10:00') },
    { startsAt: at('10:30'), endsAt: at('11:30') },
    { startsAt: at('13:00'), endsAt: at('13:50') },
    { startsAt: at('15:00'), endsAt: at('16:00') },
  ];
  const ca = await openClass(t.db, a, sessions, ta);
  await openClass(t.db, b, sessions.slice(0, 2), tb);
  const spot = (i: number, dev = `dev-${i}`) => ({ ...northOf(VENUE_GCJ, 20 + i * 7), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: dev });
  for (let si = 0; si < 3; si++)
    for (let i = 0; i < ta.length - si * 8; i++)
      await t.db.tx((tx) =>
        attendance.checkIn(ta[i]!.me.actor, tx, ca.sessions[si]!.id, spot(i, i >= 26 && si === 0 ? 'shared' : `dev-${i}`), sessions[si]!.startsAt),
      );
  const flagged = await t.db.query<{ id: string }>(`SELECT id::text FROM check_ins WHERE status = 'flagged' ORDER BY id`);
  expect(flagged.rows.length).toBeGreaterThanOrEqual(2);
  const reviewer = actorOf(t, 'district_admin');
  await t.db.tx((tx) => attendance.decideFlag(reviewer, tx, flagged.rows[0]!.id, { decision: 'accept', note: '现场核实' }));
  await t.db.tx((tx) => attendance.decideFlag(reviewer, tx, flagged.rows[1]!.id, { decision: 'reject', note: '代签' }));
  await claimsStory(t.db, ca.cls.id, ca.cls.providerId);
}, 600_000);
afterAll(async () => {
  resetClock();
  await t.close();
});

describe('consistency replay: every figure equals a direct count on the base tables', () => {
  it('kept current by the events’ deltas, before any rebuild', async () => {
    const m = await summary();
    expect(m.issued).toBeGreaterThan(PERSONS * 0.9);
    expect(pick(m, LIVE)).toEqual(await counts(LIVE, at('14:00')));
    // every claim state of the story is there, with its amounts and the days from pass to payment
    expect(pick(m, ['claimsInReview', 'claimsApproved', 'claimsHeld', 'claimsRejected', 'claimsPaid', 'claimsFailed', 'objections'])).toEqual({
      claimsInReview: 2,
      claimsApproved: 2,
      claimsHeld: 1,
      claimsRejected: 2,
      claimsPaid: 10,
      claimsFailed: 1,
      objections: 3,
    });
    expect(m.claimsPaidFen).toBeGreaterThan(0);
    expect(m.avgDaysPassToPayment).toBeGreaterThan(0);
    expect(pick(m, CLAIM_FIGURES)).toEqual(await claimFigures());
  });

  it('the claims’ and objections’ facts carry their class and the person’s district', async () => {
    const city = { role: 'city_admin', districtCode: null, orgId: null };
    const byClass: TableView = await stats.table(city, t.db, { groupBy: 'class' });
    const { rows } = await t.db.query<{ class_id: string | null; n: number; fen: number }>(
      `SELECT class_id::text, count(*)::int AS n, sum(amount_fen)::bigint AS fen FROM subsidy_claims WHERE status = 'paid' GROUP BY 1`,
    );
    for (const r of rows) {
      const row = byClass.rows.find((x) => x.key === (r.class_id ?? '-'))!;
      expect([row.metrics.claimsPaid, row.metrics.claimsPaidFen]).toEqual([r.n, Number(r.fen)]);
    }
    const byDistrict: TableView = await stats.table(city, t.db, { groupBy: 'district' });
    const pudong = byDistrict.rows.find((x) => x.key === '310115')!;
    expect(pudong.metrics.objections).toBe(3);
    expect(byDistrict.rows.filter((x) => x.key !== '310115').every((x) => x.metrics.objections === 0 && x.metrics.claimsPaid === 0)).toBe(true);
  });

  it('the fold changes no figure', async () => {
    const before = await summary();
    await foldFacts(t.db);
    expect(await t.count('analytics_facts')).toBe(0);
    const after = await summary();
    expect(after).toEqual(before);
    expect(pick(after, CLAIM_FIGURES)).toEqual(await claimFigures());
  });

  it('after the rebuild from the base tables: every figure, also by district; the live ones unchanged', async () => {
    const before = await summary();
    // the story goes on: the vouchers not used expire (the nightly pass), then the nightly rebuild
    setClock({ at: at('14:00', '2026-12-20') });
    await expireVouchers(t.db);
    await rebuildCube(t.db);
    const now = at('14:00', '2026-12-20');
    // the sessions signed in at the story's start have expired by now: read through the service as the city
    const city = { role: 'city_admin', districtCode: null, orgId: null };
    const m = (await stats.summary(city, t.db, {})).metrics;
    expect(
      pick(
        m,
        LIVE.filter((k) => k !== 'revoked'),
      ),
    ).toEqual(
      pick(
        before,
        LIVE.filter((k) => k !== 'revoked'),
      ),
    );
    expect(m.expired).toBeGreaterThan(PERSONS * 0.8);
    expect(pick(m, COUNT_METRICS)).toEqual(await counts(COUNT_METRICS, now));
    expect(pick(m, CLAIM_FIGURES)).toEqual(await claimFigures());
    expect(pick(m, CLAIM_FIGURES)).toEqual(pick(before, CLAIM_FIGURES));
    const byDistrict: TableView = await stats.table(city, t.db, { groupBy: 'district' });
    for (const d of ['310115', '310104', '310101']) {
      const row = byDistrict.rows.find((r) => r.key === d)!;
      const persons = `FROM vouchers v JOIN persons p ON p.id = v.person_id WHERE p.district_code = '${d}'`;
      expect([row.metrics.issued, row.metrics.expired]).toEqual([
        Number((await t.db.query<{ n: number }>(`SELECT count(*) AS n ${persons}`)).rows[0]!.n),
        Number((await t.db.query<{ n: number }>(`SELECT count(*) AS n ${persons} AND v.status = 'expired'`)).rows[0]!.n),
      ]);
    }
    const byTraining: TableView = await stats.table(city, t.db, { groupBy: 'trainingDistrict' });
    for (const d of ['310115', '310104']) {
      const row = byTraining.rows.find((r) => r.key === d)!;
      const cls = `FROM check_ins k JOIN training_classes c ON c.id = k.class_id WHERE c.district_code = '${d}'`;
      expect(row.metrics.checkInsCounted).toBe(Number((await t.db.query<{ n: number }>(`SELECT count(*) AS n ${cls} AND k.status = 'accepted'`)).rows[0]!.n));
      const adm = `FROM admissions a JOIN training_classes c ON c.id = a.class_id WHERE c.district_code = '${d}' AND a.status = 'admitted'`;
      expect(row.metrics.admitted).toBe(Number((await t.db.query<{ n: number }>(`SELECT count(*) AS n ${adm}`)).rows[0]!.n));
    }
  });
});
