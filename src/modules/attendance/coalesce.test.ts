/**
 * Coalesced check-ins (attendance.checkInNow): a burst written in shared transactions must give exactly what
 * writing the same check-ins one by one gives — rows, answers, flags on both sides, audit entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee, type World } from '../../test/factories/index.js';

let t: TestApp;
let world: World;
let trainees: Trainee[];
let stranger: Trainee;
let burst: string;
let oneByOne: string;
const MIN = 60_000;
const now0 = Date.now();
const today = businessDate(new Date(now0));

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  trainees = await makeTrainees(t.db, world, 16, 'subsidy', addDays(today, -40));
  stranger = (await makeTrainees(t.db, world, 1, 'subsidy', addDays(today, -40)))[0]!;
  const at = (offMin: number) => ({ startsAt: new Date(now0 + offMin * MIN), endsAt: new Date(now0 + (offMin + 120) * MIN) });
  const { sessions } = await openClass(t.db, world, [at(20), at(30)], trainees);
  [burst, oneByOne] = sessions.map((s) => s.id) as [string, string];
});
afterAll(async () => t?.close());
// A batch that fails for anything but a refusal or a concurrent conflict is a defect: it says so as a warning.
const batchWarnings: string[] = [];
process.on('warning', (w) => {
  if ((w as Error & { code?: string }).code === 'SV_BATCH') batchWarnings.push(w.message);
});
afterAll(() => expect(batchWarnings).toEqual([]));

/** Trainee i's fix: 0 and 1 share a phone, 2 and 3 stand on the same spot, the rest apart. */
const fix = (i: number) => {
  const p = northOf(VENUE_GCJ, i === 3 ? 20 + 2 * 7 : 20 + i * 7);
  return { lat: p.lat, lng: p.lng, accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: i === 1 ? 'dev-0' : `dev-${i}` };
};
const post = (tr: Trainee, sessionId: string, body: unknown) =>
  t.call('POST', `/api/v1/sessions/${sessionId}/check-in`, { headers: { authorization: `Bearer ${tr.me.token}` }, body });

describe('a burst of check-ins written together', () => {
  it('gives the rows, answers, flags and audit entries of the same check-ins written one by one', async () => {
    const audits = await t.count('audit_log', `action = 'checkin.create'`);
    // the burst: every trainee at once, trainee 4 taps four times, and one stranger
    const requests = [
      ...trainees.map((tr, i) => () => post(tr, burst, fix(i))),
      ...[1, 2, 3].map(() => () => post(trainees[4]!, burst, fix(4))),
      () => post(stranger, burst, fix(40)),
    ];
    const answers = await Promise.all(requests.map((r) => r()));
    // the same, one by one, in another session
    for (const [i, tr] of trainees.entries()) expect((await post(tr, oneByOne, fix(i))).statusCode).toBe(200);

    const byTrainee = answers.slice(0, 16).map((r) => r.json() as { id: string; status: string; flags: string[] });
    expect(answers.slice(0, 19).every((r) => r.statusCode === 200)).toBe(true);
    // the taps answer the same record
    expect(new Set(answers.slice(16, 19).map((r) => r.json().id)).add(byTrainee[4]!.id).size).toBe(1);
    // the stranger is refused, nothing written for them
    expect(answers[19]!.statusCode).toBe(409);
    expect(answers[19]!.json().code).toBe('NOT_ENROLLED');

    const state = async (sessionId: string) =>
      (
        await t.db.query<{ person_id: string; status: string; flags: string[] }>(
          'SELECT person_id, status, flags FROM check_ins WHERE session_id = $1 ORDER BY person_id',
          [sessionId],
        )
      ).rows.map((r) => ({ person: r.person_id, status: r.status, flags: [...r.flags].sort() }));
    const a = await state(burst);
    const b = await state(oneByOne);
    expect(a).toHaveLength(16);
    expect(a).toEqual(b);
    const flagged = (i: number) => a.find((r) => r.person === trainees[i]!.personId)!;
    expect(flagged(0)).toMatchObject({ status: 'flagged', flags: ['shared_device'] });
    expect(flagged(1)).toMatchObject({ status: 'flagged', flags: ['shared_device'] });
    expect(flagged(2)).toMatchObject({ status: 'flagged', flags: ['identical_coordinates'] });
    expect(flagged(3)).toMatchObject({ status: 'flagged', flags: ['identical_coordinates'] });
    expect(a.filter((r) => r.status === 'accepted')).toHaveLength(12);
    // one audit entry per check-in written, by its trainee
    expect(await t.count('audit_log', `action = 'checkin.create'`)).toBe(audits + 32);
    const actors = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT actor_id)::int AS n FROM audit_log WHERE action = 'checkin.create' AND detail->>'sessionId' = $1`,
      [burst],
    );
    expect(actors.rows[0]!.n).toBe(16);
    // and it was written together: fewer transactions than check-ins
    const txs = await t.db.query<{ n: number }>('SELECT count(DISTINCT xmin::text)::int AS n FROM check_ins WHERE session_id = $1', [burst]);
    expect(txs.rows[0]!.n).toBeLessThan(16);
  });
});
