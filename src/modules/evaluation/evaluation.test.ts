/**
 * Issue 19 §2 — training evaluation (培训评价), both engines: only admitted trainees who reached the attendance
 * threshold rate an ended class, once, changeable for 30 days; comments public only after moderation (another
 * district → 404); the provider replies; scores in the course search (and sorting by them); the share of completers
 * who rated per class and district. Refusals change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../lib/identifiers.js';
import { businessInstant } from '../../lib/time.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate, makeTrainees, makeWorld, northOf, openClass, VENUE_GCJ, type Trainee, type World } from '../../test/factories/index.js';
import * as attendance from '../attendance/service.js';
import * as persons from '../persons/service.js';
import * as training from '../training/service.js';
import * as evaluation from './service.js';

let t: TestApp;
let world: World;
let trainees: Trainee[];
let classId: string;
const MIN = 60_000;
const now0 = Date.now();
const today = businessDate(new Date(now0));
const GOOD = { teaching: 5, practical: 4, venue: 4, organisation: 5 };

const headers = (tr: Trainee) => ({ authorization: `Bearer ${tr.me.token}` });
const rate = (tr: Trainee, body: unknown, cls = classId) => t.call('PUT', `/api/v1/evaluation/classes/${cls}/my-rating`, { headers: headers(tr), body });
const rows = () => t.count('class_ratings');
const totals = () => t.count('rating_totals');

/** An ended class of `world` whose trainees attended the sessions listed per trainee (indexes into the two sessions). */
async function endedClass(w: World, people: Trainee[], attended: number[][]): Promise<string> {
  const at = (offMin: number) => ({ startsAt: new Date(now0 + offMin * MIN), endsAt: new Date(now0 + (offMin + 60) * MIN) });
  const { cls, sessions } = await openClass(t.db, w, [at(20), at(100)], people);
  for (const [i, p] of people.entries()) {
    for (const s of attended[i] ?? []) {
      const session = sessions[s]!;
      const spot = { ...northOf(VENUE_GCJ, 20 + i * 7), accuracyM: 12, coordSystem: 'gcj02' as const, deviceId: `e-${i}` };
      await t.db.tx((tx) => attendance.checkIn(p.me.actor, tx, session.id, spot, new Date(session.startsAt.getTime() + 2 * MIN)));
    }
  }
  await training.runClassJob(t.db, businessInstant(addDays(cls.endDate, 1), 0, 0, 1, 0));
  return cls.id;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t.db, t.fx.accounts.city_admin!.id);
  trainees = await makeTrainees(t.db, world, 5, 'subsidy', addDays(today, -40));
  // trainees 0, 2, 3, 4 attend both sessions (completers); 1 attends one of two (50 % < 80 %)
  classId = await endedClass(world, trainees, [[0, 1], [0], [0, 1], [0, 1], [0, 1]]);
});
afterAll(async () => t?.close());

describe('who may rate', () => {
  it('a completer rates the ended class: saved, comment waiting for moderation, sums kept, audited', async () => {
    const r = await rate(trainees[0]!, { ...GOOD, comment: '老师讲得很细，实操多' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      classId,
      ...GOOD,
      comment: '老师讲得很细，实操多',
      commentStatus: 'pending',
      editable: true,
      className: '养老护理员(四级)',
    });
    expect(await t.count('rating_totals', `subject = 'class' AND subject_id = '${classId}' AND ratings = 1 AND sum_teaching = 5`)).toBe(1);
    expect(await t.count('audit_log', `action = 'rating.give' AND entity_type = 'class_rating'`)).toBe(1);
  });

  it('every other kind of person is refused, and nothing is written', async () => {
    const before = { rows: await rows(), totals: await totals(), audit: await t.count('audit_log') };
    // a trainee below the attendance threshold
    const low = await rate(trainees[1]!, GOOD);
    expect(low.statusCode).toBe(409);
    expect(low.json()).toMatchObject({ code: 'RATING_ATTENDANCE_BELOW_THRESHOLD', field: 'classId' });
    // a worker never admitted to the class
    const stranger = await t.call('PUT', `/api/v1/evaluation/classes/${classId}/my-rating`, { as: 'worker', body: GOOD });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('RATING_NOT_A_TRAINEE');
    // staff of every role: 403 by role
    for (const role of ['provider', 'district_admin', 'city_admin', 'assessor', 'enterprise', 'finance', 'auditor']) {
      const r = await t.call('PUT', `/api/v1/evaluation/classes/${classId}/my-rating`, { as: role, body: GOOD });
      expect([r.statusCode, r.json().code], role).toEqual([403, 'FORBIDDEN']);
    }
    // anonymous
    expect((await t.call('PUT', `/api/v1/evaluation/classes/${classId}/my-rating`, { body: GOOD })).statusCode).toBe(401);
    // bad input: a 6, a missing dimension, an unknown field, an unknown class
    expect((await rate(trainees[2]!, { ...GOOD, teaching: 6 })).json()).toMatchObject({ status: 400, field: 'teaching' });
    expect((await rate(trainees[2]!, { teaching: 5, practical: 5, venue: 5 })).json()).toMatchObject({ status: 400, field: 'organisation' });
    expect((await rate(trainees[2]!, { ...GOOD, stars: 5 })).statusCode).toBe(400);
    expect((await rate(trainees[2]!, GOOD, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect({ rows: await rows(), totals: await totals(), audit: await t.count('audit_log') }).toEqual(before);
  });

  it('a trainee of a class still under way is refused (and a withdrawn one never reaches it)', async () => {
    const w2 = await makeTrainees(t.db, world, 1, 'subsidy', addDays(today, -40));
    const at = (offMin: number) => ({ startsAt: new Date(now0 + offMin * MIN), endsAt: new Date(now0 + (offMin + 60) * MIN) });
    const { cls } = await openClass(t.db, world, [at(30)], w2);
    const before = await rows();
    const r = await rate(w2[0]!, GOOD, cls.id);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('RATING_CLASS_NOT_ENDED');
    expect(await rows()).toBe(before);
    const mine = await t.call('GET', '/api/v1/evaluation/my-classes', { headers: headers(w2[0]!) });
    expect(mine.json().items).toEqual([expect.objectContaining({ classId: cls.id, refusal: 'RATING_CLASS_NOT_ENDED', rating: null })]);
  });

  it('once per class: a second PUT changes the rating (sums move by the difference); after 30 days it is closed', async () => {
    const first = await rate(trainees[2]!, { teaching: 2, practical: 2, venue: 2, organisation: 2 });
    expect(first.statusCode).toBe(200);
    const changed = await rate(trainees[2]!, { teaching: 4, practical: 3, venue: 3, organisation: 4 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().id).toBe(first.json().id);
    expect(await t.count('class_ratings', `class_id = '${classId}' AND person_id = '${trainees[2]!.personId}'`)).toBe(1);
    // class sums: trainee 0 (5,4,4,5) + trainee 2 (4,3,3,4)
    const sums = (await t.db.query(`SELECT ratings, sum_teaching, sum_practical FROM rating_totals WHERE subject = 'class' AND subject_id = $1`, [classId]))
      .rows[0];
    expect(sums).toEqual({ ratings: 2, sum_teaching: 9, sum_practical: 7 });
    // 31 days later (the services' clock; a signed-in session would have expired by then)
    const later = new Date(Date.parse(first.json().ratedAt as string) + 31 * 86_400_000);
    const me = trainees[2]!.me.actor;
    await expect(t.db.tx((tx) => evaluation.rateClass(me, tx, classId, GOOD, later))).rejects.toMatchObject({ code: 'RATING_CHANGE_WINDOW_CLOSED' });
    const mine = await evaluation.myRatableClasses(me, t.db, later);
    expect(mine[0]).toMatchObject({ classId, refusal: 'RATING_CHANGE_WINDOW_CLOSED', rating: { teaching: 4, editable: false } });
    expect(await t.count('rating_totals', `subject = 'class' AND subject_id = '${classId}' AND sum_teaching = 9`)).toBe(1);
  });
});

describe('moderation and replies', () => {
  it('a comment is public only once published; another district answers 404; the provider replies', async () => {
    const queue = await t.call('GET', '/api/v1/evaluation/moderation', { as: 'district_admin' });
    expect(queue.statusCode).toBe(200);
    const item = queue.json().items.find((i: { classId: string }) => i.classId === classId);
    expect(item).toMatchObject({ comment: '老师讲得很细，实操多', commentStatus: 'pending', overall: 4.5, districtCode: '310115' });
    expect(item.rater).toMatch(/\*/);
    expect((await t.call('GET', '/api/v1/evaluation/moderation', { as: 'district_admin_b' })).json().total).toBe(0);
    // not public yet
    const pub0 = await t.call('GET', `/api/v1/evaluation/courses/${world.courseId}`);
    expect(pub0.statusCode).toBe(200);
    expect(pub0.json().comments).toEqual([]);
    // another district's officer: 404, nothing changes
    const foreign = await t.call('POST', `/api/v1/evaluation/ratings/${item.id}/moderate`, { as: 'district_admin_b', body: { decision: 'publish' } });
    expect(foreign.statusCode).toBe(404);
    // a rejection needs its reason
    const noReason = await t.call('POST', `/api/v1/evaluation/ratings/${item.id}/moderate`, { as: 'district_admin', body: { decision: 'reject' } });
    expect(noReason.json()).toMatchObject({ status: 400, field: 'reason' });
    // the provider cannot reply before publication
    const early = await t.call('POST', `/api/v1/evaluation/ratings/${item.id}/reply`, {
      headers: { authorization: `Bearer ${world.provider.staff.token}` },
      body: { text: '谢谢' },
    });
    expect(early.statusCode).toBe(409);
    expect(await t.count('class_ratings', `comment_status = 'published'`)).toBe(0);
    const ok = await t.call('POST', `/api/v1/evaluation/ratings/${item.id}/moderate`, { as: 'district_admin', body: { decision: 'publish' } });
    expect(ok.json()).toMatchObject({ commentStatus: 'published' });
    expect((await t.call('POST', `/api/v1/evaluation/ratings/${item.id}/moderate`, { as: 'district_admin', body: { decision: 'publish' } })).statusCode).toBe(
      409,
    );
    // another provider: 404
    const other = await t.call('POST', `/api/v1/evaluation/ratings/${item.id}/reply`, { as: 'provider_b', body: { text: '谢谢' } });
    expect(other.statusCode).toBe(404);
    const reply = await t.call('POST', `/api/v1/evaluation/ratings/${item.id}/reply`, {
      headers: { authorization: `Bearer ${world.provider.staff.token}` },
      body: { text: '感谢您的肯定，我们会继续加强实操教学。' },
    });
    expect(reply.statusCode).toBe(200);
    const pub = (await t.call('GET', `/api/v1/evaluation/courses/${world.courseId}`)).json();
    expect(pub.comments).toEqual([expect.objectContaining({ comment: '老师讲得很细，实操多', reply: '感谢您的肯定，我们会继续加强实操教学。', overall: 4.5 })]);
    expect(pub.comments[0].rater).toMatch(/\*/);
    expect(pub.score.ratings).toBe(2);
    expect(pub.provider).toMatchObject({ id: world.provider.org.id, score: { ratings: 2 } });
    expect(await t.count('audit_log', `action IN ('rating.comment_publish', 'rating.reply')`)).toBe(2);
  });

  it('the provider reads its ratings (comments only once published); a rejected comment stays private', async () => {
    const r = await rate(trainees[3]!, { ...GOOD, comment: '联系电话 13800000000 加微信' });
    const id = r.json().id as string;
    const rej = await t.call('POST', `/api/v1/evaluation/ratings/${id}/moderate`, { as: 'city_admin', body: { decision: 'reject', reason: '含个人联系方式' } });
    expect(rej.json()).toMatchObject({ commentStatus: 'rejected', moderationReason: '含个人联系方式' });
    const mine = await t.call('GET', '/api/v1/evaluation/my-classes', { headers: headers(trainees[3]!) });
    expect(mine.json().items[0].rating).toMatchObject({ commentStatus: 'rejected', moderationReason: '含个人联系方式' });
    const list = await t.call('GET', '/api/v1/evaluation/provider-ratings', { headers: { authorization: `Bearer ${world.provider.staff.token}` } });
    expect(list.statusCode).toBe(200);
    const seen = list.json().items.find((i: { id: string }) => i.id === id);
    expect(seen).toMatchObject({ comment: null, teaching: 5, overall: 4.5, className: '养老护理员(四级)' });
    // who rated: masked through the persons service, never the whole name
    const name = (await persons.getPerson(t.db, trainees[3]!.personId))!.name;
    expect(seen.rater).toBe(maskName(name));
    expect(seen.rater).not.toBe(name);
    expect(list.body).not.toContain(name);
    // a published comment with its rater and overall (trainee 0: 5, 4, 4, 5), newest first
    const published = list.json().items.find((i: { comment: string | null }) => i.comment === '老师讲得很细，实操多');
    expect(published).toMatchObject({
      overall: 4.5,
      commentStatus: 'published',
      rater: maskName((await persons.getPerson(t.db, trainees[0]!.personId))!.name),
    });
    const changed = list.json().items.map((i: { changedAt: string }) => i.changedAt);
    expect(changed).toEqual([...changed].sort().reverse());
    // trainee 2 changed theirs to 4, 3, 3, 4: the overall follows the change
    expect(list.json().items.find((i: { teaching: number; practical: number }) => i.teaching === 4 && i.practical === 3)).toMatchObject({ overall: 3.5 });
    expect(JSON.stringify((await t.call('GET', `/api/v1/evaluation/courses/${world.courseId}`)).json())).not.toContain('13800000000');
    expect((await t.call('GET', '/api/v1/evaluation/provider-ratings', { as: 'provider_b' })).json().total).toBe(0);
  });
});

describe('scores in the course search, and the share who rated', () => {
  it('a class of the rated course carries its score; sorting by rating puts it before an unrated course', async () => {
    const staff = world.provider.staff.actor;
    const unrated = await t.db.tx((tx) =>
      training.createCourse(staff, tx, {
        programmeId: world.programme.id,
        occupationCode: '4-10-01-05',
        level: 4,
        name: '养老护理员(四级)新开',
        hours: 40,
        feeFen: 180_000,
      }),
    );
    // a morning session (Shanghai) `days` ahead: never across midnight, whatever the hour the test runs
    const mk = (courseId: string, days: number) => {
      const day = addDays(today, days);
      return t.db.tx((tx) =>
        training.createClass(staff, tx, {
          courseId,
          online: false,
          venueId: world.venue.id,
          capacity: 10,
          startDate: day,
          endDate: day,
          sessions: [{ startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T11:00:00+08:00` }],
        }),
      );
    };
    const early = await mk(unrated.id, 20);
    const later = await mk(world.courseId, 25);
    const byStart = (await t.call('GET', `/api/v1/course-search?providerId=${world.provider.org.id}`)).json().items.map((i: { classId: string }) => i.classId);
    expect(byStart.indexOf(early.id)).toBeLessThan(byStart.indexOf(later.id));
    const byRating = (await t.call('GET', `/api/v1/course-search?providerId=${world.provider.org.id}&sort=rating`)).json().items;
    const ids = byRating.map((i: { classId: string }) => i.classId);
    expect(ids.indexOf(later.id)).toBeLessThan(ids.indexOf(early.id));
    const card = byRating.find((i: { classId: string }) => i.classId === later.id);
    const course = (await t.call('GET', `/api/v1/evaluation/courses/${world.courseId}`)).json();
    expect(card.rating).toEqual({ overall: course.score.overall, ratings: course.score.ratings });
    expect(byRating.find((i: { classId: string }) => i.classId === early.id).rating).toBeNull();
  });

  it('coverage: completers who rated per class and district, the district admin confined to theirs', async () => {
    const r = await t.call('GET', '/api/v1/evaluation/coverage', { as: 'district_admin' });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json().classes.find((x: { classId: string }) => x.classId === classId);
    // completers: trainees 0, 2, 3, 4 (trainee 1 attended half); rated: 0, 2, 3
    expect(c).toMatchObject({ completers: 4, rated: 3, ratePct: 75, meetsTarget: false, districtCode: '310115' });
    expect(r.json().targetPct).toBe(80);
    expect(r.json().districts).toEqual([{ districtCode: '310115', completers: 4, rated: 3, ratePct: 75, meetsTarget: false }]);
    expect((await rate(trainees[4]!, GOOD)).statusCode).toBe(200);
    const after = (await t.call('GET', '/api/v1/evaluation/coverage', { as: 'city_admin' })).json();
    expect(after.classes.find((x: { classId: string }) => x.classId === classId)).toMatchObject({ rated: 4, ratePct: 100, meetsTarget: true });
    expect((await t.call('GET', '/api/v1/evaluation/coverage?districtCode=310115', { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/evaluation/coverage', { as: 'district_admin_b' })).json().classes).toEqual([]);
    expect((await t.call('GET', '/api/v1/evaluation/coverage', { as: 'provider' })).statusCode).toBe(403);
  });
});
