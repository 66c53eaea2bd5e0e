/**
 * The daily reminders, each once by its key: vouchers expiring in 30 and 7 days (not 8, not a used voucher), a
 * class starting tomorrow (to each admitted trainee, with the check-in window and the place), an opening report
 * due in 3 days (to the provider's staff). A second run the same day writes nothing; the person who stopped
 * reminders gets none (the essential messages still go).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { now as clockNow } from '../../lib/clock.js';
import { addDays, businessDate, businessInstant } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { makeTrainees, makeVoucher, makeWorld, openClass, type World } from '../../test/factories/index.js';
import * as training from '../training/index.js';
import { deliverDue } from './service.js';
import { runReminders } from './reminders.js';

let t: TestApp;
let world: World;
let today: string;

const rows = async (event: string) =>
  (
    await t.db.query<{ key: string; person_id: string | null; account_id: string | null; vars: Record<string, string> }>(
      `SELECT key, person_id, account_id, vars FROM message_outbox WHERE event = $1 AND channel = 'inbox' ORDER BY key`,
      [event],
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  today = businessDate(clockNow());
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
});
afterAll(async () => t?.close());

describe('daily reminders', () => {
  it('vouchers expiring in 30 and 7 days, once each', async () => {
    const person = t.fx.persons.worker_b!.id;
    const v30 = await makeVoucher(t.db, person, world.programme.id, { validUntil: addDays(today, 30) });
    const [trainee] = await makeTrainees(t.db, world, 1, 'subsidy', today);
    const v7 = await makeVoucher(t.db, trainee!.personId, world.programme.id, { kind: 'checkin_only', validUntil: addDays(today, 7) });
    const v8 = await makeVoucher(t.db, t.fx.persons.worker!.id, world.programme.id, { kind: 'checkin_only', validUntil: addDays(today, 8) });
    const first = await runReminders(t.db, today);
    expect(first.expiring).toBe(2);
    expect(await rows('voucher.expiring')).toEqual(
      [
        { key: `${v30.id}:30d`, person_id: person, account_id: null, vars: { voucherNo: v30.number, days: '30', validThrough: addDays(today, 30) } },
        { key: `${v7.id}:7d`, person_id: trainee!.personId, account_id: null, vars: { voucherNo: v7.number, days: '7', validThrough: addDays(today, 7) } },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect((await rows('voucher.expiring')).some((r) => r.key.startsWith(v8.id))).toBe(false);
    const n = await t.count('message_outbox');
    await runReminders(t.db, today);
    expect(await t.count('message_outbox')).toBe(n);
    // the next day's run does not remind of the 30-day voucher again (it is 29 days then)
    await runReminders(t.db, addDays(today, 1));
    expect((await rows('voucher.expiring')).filter((r) => r.key.startsWith(v30.id))).toHaveLength(1);
  });

  it('a class starting tomorrow: each admitted trainee, with the check-in window and the place', async () => {
    const tomorrow = addDays(today, 1);
    const trainees = await makeTrainees(t.db, world, 2, 'subsidy', addDays(today, -30));
    const { cls } = await openClass(
      t.db,
      world,
      [{ startsAt: businessInstant(tomorrow, 9, 0, 0, 0), endsAt: businessInstant(tomorrow, 12, 0, 0, 0) }],
      trainees,
    );
    const r = await runReminders(t.db, today);
    expect(r.tomorrow).toBe(2);
    const mine = (await rows('class.starts_tomorrow')).filter((x) => x.key === `${cls.id}:tomorrow`);
    expect(mine.map((x) => x.person_id).sort()).toEqual(trainees.map((x) => x.personId).sort());
    expect(mine[0]!.vars).toEqual({
      className: cls.name,
      date: tomorrow,
      window: expect.stringMatching(/^0[78]:\d{2}–09:\d{2}$/) as string,
      place: '教学点（人民大道 200 号）',
    });
  });

  it('an opening report due in 3 days: the provider’s staff are told once (not again the next day)', async () => {
    const start = addDays(today, 40);
    const cls = await t.db.tx((tx) =>
      training.createClass(world.provider.staff.actor, tx, {
        courseId: world.courseId,
        online: false,
        venueId: world.venue.id,
        capacity: 10,
        startDate: start,
        endDate: start,
        sessions: [{ startsAt: businessInstant(start, 9, 0, 0, 0).toISOString(), endsAt: businessInstant(start, 12, 0, 0, 0).toISOString() }],
      }),
    );
    const due = businessDate(cls.reportDeadline);
    const r = await runReminders(t.db, addDays(due, -3));
    expect(r.reportsDue).toBeGreaterThanOrEqual(1);
    const mine = (await rows('class.report_due')).filter((x) => x.key === `${cls.id}:report3d`);
    expect(mine).toEqual([
      { key: `${cls.id}:report3d`, person_id: null, account_id: world.provider.staff.actor.accountId, vars: { className: cls.name, dueDate: due } },
    ]);
    expect((await runReminders(t.db, addDays(due, -2))).reportsDue).toBe(0);
  });

  it('reminders stopped: none delivered; the essential ones still are', async () => {
    const off = await t.call('PUT', '/api/v1/messages/preferences', { as: 'worker_b', body: { reminders: false } });
    expect(off.statusCode).toBe(200);
    await deliverDue(t.db);
    const { rows: states } = await t.db.query<{ event: string; state: string }>(
      `SELECT event, state FROM message_outbox WHERE person_id = $1 AND channel = 'inbox' ORDER BY event`,
      [t.fx.persons.worker_b!.id],
    );
    expect(states).toEqual([{ event: 'voucher.expiring', state: 'skipped' }]);
    expect((await t.call('GET', '/api/v1/messages/unread-count', { as: 'worker_b' })).json()).toEqual({ unread: 0 });
  });
});
