/** Scores (a class, a course, a provider) from the running sums; the public view of a course; the share of completers who rated. */
import type { z } from 'zod';
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { maskName } from '../../lib/identifiers.js';
import { addDays, businessDate } from '../../lib/time.js';
import * as attendance from '../attendance/index.js';
import { districtScope, type Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import * as training from '../training/index.js';
import { coverageScope } from './policy.js';
import { overallOf, scoreView, totalsOf, type RatingRow, type TotalsRow } from './rows.js';
import { COVERAGE_TARGET_PCT, coverageOf, isLowScore, RATING_DIMENSIONS } from './rules.js';
import type { CourseRatingsView, CoverageClassView, CoverageQuery, CoverageView, ScoreView } from './schemas.js';

/** The most classes one coverage report walks (newest first). */
export const COVERAGE_MAX_CLASSES = 500;

export async function scoreOfSubject(q: Queryable, subject: 'class' | 'course' | 'provider', id: string): Promise<ScoreView> {
  const r = (await q.query<TotalsRow>('SELECT * FROM rating_totals WHERE subject = $1 AND subject_id = $2', [subject, id])).rows[0];
  return scoreView(totalsOf(r));
}

/**
 * For the course search (training embeds it, wired in src/modules/registry.ts): a LATERAL sub-select giving, for the
 * class row `c`, its course's overall score (`score_overall`, one decimal, as rules.ts `scoreOf`) and number of ratings
 * (`score_ratings`).
 */
export const COURSE_SCORE_SQL = `SELECT round((t.sum_${RATING_DIMENSIONS.join(' + t.sum_')})::numeric / (${RATING_DIMENSIONS.length} * t.ratings), 1)::float8 AS score_overall,
        t.ratings AS score_ratings
   FROM rating_totals t WHERE t.subject = 'course' AND t.subject_id = c.course_id AND t.ratings > 0`;

/** A course's score, its provider's, and the published comments with the provider's replies (public; names masked). */
export async function courseRatings(q: Queryable, courseId: string): Promise<CourseRatingsView> {
  const { rows } = await q.query<RatingRow>(
    `SELECT * FROM class_ratings WHERE course_id = $1 AND comment_status = 'published' ORDER BY changed_at DESC, id LIMIT 50`,
    [courseId],
  );
  const providerId =
    rows[0]?.provider_id ??
    (await q.query<{ provider_id: string }>('SELECT provider_id FROM class_ratings WHERE course_id = $1 LIMIT 1', [courseId])).rows[0]?.provider_id;
  if (!providerId) throw notFound('ratings of the course', 'courseId');
  const comments = [];
  for (const r of rows) {
    const p = await persons.getPerson(q, r.person_id);
    comments.push({ rater: maskName(p?.name ?? ''), overall: overallOf(r), comment: r.comment ?? '', reply: r.reply, changedAt: r.changed_at.toISOString() });
  }
  return {
    courseId,
    score: await scoreOfSubject(q, 'course', courseId),
    provider: { id: providerId, name: (await orgs.getOrg(q, providerId))?.name ?? '', score: await scoreOfSubject(q, 'provider', providerId) },
    comments,
  };
}

async function coverageOfClass(q: Queryable, cls: training.TrainingClass): Promise<CoverageClassView> {
  const att = await attendance.classAttendance(q, cls.id);
  const completers = [...att.entries()].filter(([, a]) => a.meetsThreshold).map(([p]) => p);
  const rated =
    completers.length === 0
      ? 0
      : Number(
          (await q.query<{ n: number }>('SELECT count(*) AS n FROM class_ratings WHERE class_id = $1 AND person_id = ANY($2::uuid[])', [cls.id, completers]))
            .rows[0]!.n,
        );
  const score = await scoreOfSubject(q, 'class', cls.id);
  return {
    classId: cls.id,
    className: cls.name,
    providerId: cls.providerId,
    providerName: (await orgs.getOrg(q, cls.providerId))?.name ?? '',
    districtCode: cls.districtCode,
    endDate: cls.endDate,
    ...coverageOf(completers.length, rated),
    score,
    lowScore: isLowScore(score),
  };
}

/**
 * The share of completers who rated (target 80 %), per ended class and per district, for classes that ended in the
 * range (default: since 365 days ago, Shanghai dates), with each class's score and whether it is low. A district admin
 * reads their district (asking for another → 404).
 */
export async function ratingCoverage(actor: Actor, q: Queryable, f: z.infer<typeof CoverageQuery>, now: Date = clockNow()): Promise<CoverageView> {
  coverageScope(actor);
  const districtCode = districtScope(actor, f.districtCode);
  const from = f.from ?? addDays(businessDate(now), -365);
  const to = f.to ?? null;
  const classes = await training.listEndedClasses(q, { districtCode, from, to, limit: COVERAGE_MAX_CLASSES });
  const rows: CoverageClassView[] = [];
  for (const c of classes) rows.push(await coverageOfClass(q, c));
  const byDistrict = new Map<string, { completers: number; rated: number }>();
  for (const r of rows) {
    const d = byDistrict.get(r.districtCode) ?? { completers: 0, rated: 0 };
    d.completers += r.completers;
    d.rated += r.rated;
    byDistrict.set(r.districtCode, d);
  }
  const districts = [...byDistrict.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, d]) => ({ districtCode: code, ...coverageOf(d.completers, d.rated) }));
  return { targetPct: COVERAGE_TARGET_PCT, districts, classes: rows };
}

/** The ended classes in the actor's district (or the city) whose score is low (the district's workbench). */
export async function lowScoreClasses(actor: Actor, q: Queryable, now: Date = clockNow()): Promise<CoverageClassView[]> {
  return (await ratingCoverage(actor, q, {}, now)).classes.filter((c) => c.lowScore);
}
