/**
 * Admission under concurrency, at the service with a connection pool (PostgreSQL: 200 transactions really
 * in flight at once; PGlite: the same calls, serialised by its single session — the outcome must agree).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { configureProcess } from '../../platform.js';
import { createTestDb, testConfig } from '../../test/harness.js';
import { seedFixtures } from '../../test/factories/index.js';
import type { Actor } from '../identity/actor.js';
import * as vouchers from '../vouchers/service.js';
import * as training from './service.js';
import { inDays, makeProvider, makeVoucher, makeWorker, morning, OCC, skillUpgrade } from '../../test/factories/index.js';

let db: Db;
let classes: Array<{ id: string; staff: Actor }>;
let programmeId: string;

beforeAll(async () => {
  await configureProcess(testConfig());
  db = await createTestDb(60);
  const fx = await seedFixtures(db);
  const admin: Actor = {
    accountId: fx.accounts.city_admin!.id,
    username: 'fx.city_admin',
    role: 'city_admin',
    districtCode: null,
    orgId: null,
    personId: null,
    sessionId: '',
    mfaPassed: true,
    totpEnabled: true,
  };
  programmeId = (await skillUpgrade(db)).id;
  classes = [];
  for (const [district, name] of [
    ['310115', '甲培训学校'],
    ['310104', '乙培训中心'],
  ] as const) {
    const p = await makeProvider(db, district, name);
    const staff = p.staff.actor;
    const id = await db.tx(async (tx) => {
      await training.grantApproval(admin, tx, p.org.id, { programmeId, occupationCode: OCC });
      const venue = await training.createVenue(staff, tx, {
        name,
        address: `${name}地址`,
        districtCode: district,
        coordSystem: 'gcj02',
        lat: 31.2,
        lng: 121.5,
      });
      const course = await training.createCourse(staff, tx, { programmeId, occupationCode: OCC, level: 4, name: '养老护理员', hours: 90, feeFen: 200_000 });
      const c = await training.createClass(staff, tx, {
        courseId: course.id,
        venueId: venue.id,
        online: false,
        capacity: 500,
        startDate: inDays(20),
        endDate: inDays(20),
        sessions: [morning(inDays(20))],
      });
      return c.id;
    });
    classes.push({ id, staff });
  }
});
afterAll(async () => db?.close());
// A batch that fails for anything but a refusal or a concurrent conflict is a defect: it says so as a warning.
const batchWarnings: string[] = [];
process.on('warning', (w) => {
  if ((w as Error & { code?: string }).code === 'SV_BATCH') batchWarnings.push(w.message);
});
afterAll(() => expect(batchWarnings).toEqual([]));

describe('admission races', () => {
  it('200 concurrent admissions of one voucher to two providers’ classes → exactly one succeeds', async () => {
    const w = await makeWorker(db, 7000);
    const v = await makeVoucher(db, w.person.id, programmeId);
    const cred = { voucherNumber: v.number, idNumber: w.idNumber };
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => {
        const c = classes[i % 2]!;
        return db.tx((tx) => training.admit(c.staff, tx, c.id, cred));
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(199);
    expect(failed.every((r) => r.reason instanceof AppError && r.reason.code === 'VOUCHER_NOT_USABLE')).toBe(true);
    const n = async (sql: string) => (await db.query<{ n: number }>(sql, [v.id])).rows[0]!.n;
    expect(await n(`SELECT count(*) AS n FROM admissions WHERE voucher_id = $1`)).toBe(1);
    expect(await n(`SELECT count(*) AS n FROM voucher_events WHERE voucher_id = $1 AND to_status = 'admitted'`)).toBe(1);
    const seats = await Promise.all(classes.map(async (c) => (await training.getClass(db, c.id))!.seatsTaken));
    expect(seats.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await vouchers.getVoucher(db, v.id))!.status).toBe('admitted');
  });

  it('100 concurrent admissions of one QR token → one admission, the rest refused (replay or not usable)', async () => {
    const w = await makeWorker(db, 7001);
    const v = await makeVoucher(db, w.person.id, programmeId);
    const { token } = await vouchers.issueQrToken(w.me.actor, db, v.id);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => {
        const c = classes[i % 2]!;
        return db.tx((tx) => training.admit(c.staff, tx, c.id, { token }));
      }),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = new Set(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as AppError).code));
    expect([...codes].every((c) => c === 'QR_TOKEN_REPLAYED' || c === 'VOUCHER_NOT_USABLE')).toBe(true);
    expect((await db.query<{ n: number }>('SELECT count(*) AS n FROM admissions WHERE voucher_id = $1', [v.id])).rows[0]!.n).toBe(1);
  });

  it('capacity race: 40 concurrent admissions of different vouchers into 5 seats → exactly 5', async () => {
    const staff = classes[0]!.staff;
    const small = await db.tx(async (tx) => {
      const base = (await training.getClass(tx, classes[0]!.id))!;
      return training.createClass(staff, tx, {
        courseId: base.courseId,
        venueId: base.venueId,
        online: false,
        capacity: 5,
        startDate: inDays(25),
        endDate: inDays(25),
        sessions: [morning(inDays(25))],
      });
    });
    const people = await Promise.all(Array.from({ length: 40 }, (_, i) => makeWorker(db, 7100 + i)));
    const vs = await Promise.all(people.map((p) => makeVoucher(db, p.person.id, programmeId)));
    const results = await Promise.allSettled(
      people.map((p, i) => db.tx((tx) => training.admit(staff, tx, small.id, { voucherNumber: vs[i]!.number, idNumber: p.idNumber }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => (r.reason as AppError).code === 'CLASS_FULL')).toBe(true);
    expect((await training.getClass(db, small.id))!.seatsTaken).toBe(5);
    expect((await training.listAdmittedVouchers(db, small.id)).length).toBe(5);
    // the losers' vouchers were rolled back to issued
    const statuses = await Promise.all(vs.map(async (v) => (await vouchers.getVoucher(db, v.id))!.status));
    expect(statuses.filter((s) => s === 'admitted')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'issued')).toHaveLength(35);
  });
});

describe("admissions written together (admitNow, the route's path)", () => {
  it('30 concurrent admissions of different vouchers into two classes: all admitted, fewer transactions than admissions, every trail complete', async () => {
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => makeWorker(db, 7200 + i)));
    const vs = await Promise.all(people.map((p) => makeVoucher(db, p.person.id, programmeId)));
    const audits = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('voucher.admitted', 'admission.create')`)).rows[0]!
      .n;
    const results = await Promise.allSettled(
      people.map((p, i) => {
        const c = classes[i % 2]!;
        return training.admitNow(c.staff, db, c.id, { voucherNumber: vs[i]!.number, idNumber: p.idNumber });
      }),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
    // each answer is its own admission, as written
    const answers = results.map((r) => (r as PromiseFulfilledResult<training.Admission>).value);
    expect(answers.map((a) => a.voucherId)).toEqual(vs.map((v) => v.id));
    const written = await db.query<{ id: string; admitted_at: Date; class_id: string }>(
      'SELECT id, admitted_at, class_id FROM admissions WHERE id = ANY($1::uuid[]) ORDER BY id',
      [answers.map((a) => a.id)],
    );
    expect(written.rows).toHaveLength(30);
    const byId = new Map(answers.map((a) => [a.id, a]));
    for (const row of written.rows) {
      expect(byId.get(row.id)!.admittedAt.getTime()).toBe(row.admitted_at.getTime());
      expect(byId.get(row.id)!.classId).toBe(row.class_id);
      expect(byId.get(row.id)!.status).toBe('admitted');
    }
    const ids = vs.map((v) => v.id);
    const one = async (sql: string) => (await db.query<{ n: number }>(sql, [ids])).rows[0]!.n;
    expect(await one(`SELECT count(*)::int AS n FROM admissions WHERE voucher_id = ANY($1::uuid[]) AND status = 'admitted'`)).toBe(30);
    expect(await one(`SELECT count(*)::int AS n FROM voucher_events WHERE voucher_id = ANY($1::uuid[]) AND to_status = 'admitted'`)).toBe(30);
    // each voucher's 已录取 step is dated at its own admission's instant, also when written in a batch with others
    const mismatched = await db.query(
      `SELECT e.voucher_id FROM voucher_events e JOIN admissions a ON a.voucher_id = e.voucher_id AND a.status = 'admitted'
         JOIN voucher_states s ON s.voucher_id = e.voucher_id
        WHERE e.voucher_id = ANY($1::uuid[]) AND e.to_status = 'admitted' AND (e.at <> a.admitted_at OR s.status_changed_at <> a.admitted_at)`,
      [ids],
    );
    expect(mismatched.rows).toEqual([]);
    expect(await one(`SELECT count(DISTINCT (class_id, seat_no))::int AS n FROM class_seats WHERE voucher_id = ANY($1::uuid[])`)).toBe(30);
    expect(await one(`SELECT count(*)::int AS n FROM vouchers WHERE id = ANY($1::uuid[]) AND status = 'admitted'`)).toBe(30);
    expect(
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('voucher.admitted', 'admission.create')`)).rows[0]!.n,
    ).toBe(audits + 60);
    // written together: fewer transactions than admissions
    expect(await one(`SELECT count(DISTINCT xmin::text)::int AS n FROM admissions WHERE voucher_id = ANY($1::uuid[])`)).toBeLessThan(30);
  });

  it('a batch with a refusal in it: the others go through, the refused one gets its own answer', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => makeWorker(db, 7300 + i)));
    const vs = await Promise.all(people.map((p) => makeVoucher(db, p.person.id, programmeId)));
    const c = classes[0]!;
    // the first voucher is already admitted elsewhere
    await db.tx((tx) => training.admit(classes[1]!.staff, tx, classes[1]!.id, { voucherNumber: vs[0]!.number, idNumber: people[0]!.idNumber }));
    const results = await Promise.allSettled(
      people.map((p, i) => training.admitNow(c.staff, db, c.id, { voucherNumber: vs[i]!.number, idNumber: p.idNumber })),
    );
    expect(results[0]!.status).toBe('rejected');
    expect(((results[0] as PromiseRejectedResult).reason as AppError).code).toBe('VOUCHER_NOT_USABLE');
    expect(results.slice(1).every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('the same races through admitNow: one voucher 100 times → one; 40 vouchers into 5 seats → 5', async () => {
    const w = await makeWorker(db, 7400);
    const v = await makeVoucher(db, w.person.id, programmeId);
    const same = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        training.admitNow(classes[i % 2]!.staff, db, classes[i % 2]!.id, { voucherNumber: v.number, idNumber: w.idNumber }),
      ),
    );
    expect(same.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(same.filter((r): r is PromiseRejectedResult => r.status === 'rejected').every((r) => (r.reason as AppError).code === 'VOUCHER_NOT_USABLE')).toBe(
      true,
    );
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM admissions WHERE voucher_id = $1', [v.id])).rows[0]!.n).toBe(1);

    const staff = classes[0]!.staff;
    const small = await db.tx(async (tx) => {
      const base = (await training.getClass(tx, classes[0]!.id))!;
      return training.createClass(staff, tx, {
        courseId: base.courseId,
        venueId: base.venueId,
        online: false,
        capacity: 5,
        startDate: inDays(26),
        endDate: inDays(26),
        sessions: [morning(inDays(26))],
      });
    });
    const people = await Promise.all(Array.from({ length: 40 }, (_, i) => makeWorker(db, 7500 + i)));
    const vs = await Promise.all(people.map((p) => makeVoucher(db, p.person.id, programmeId)));
    const full = await Promise.allSettled(people.map((p, i) => training.admitNow(staff, db, small.id, { voucherNumber: vs[i]!.number, idNumber: p.idNumber })));
    expect(full.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(full.filter((r): r is PromiseRejectedResult => r.status === 'rejected').every((r) => (r.reason as AppError).code === 'CLASS_FULL')).toBe(true);
    expect((await training.getClass(db, small.id))!.seatsTaken).toBe(5);
    const statuses = await Promise.all(vs.map(async (x) => (await vouchers.getVoucher(db, x.id))!.status));
    expect(statuses.filter((s) => s === 'admitted')).toHaveLength(5);
  });
});
