/** The public job search, and a worker's recommendations (ranked, each with why). */
import type { z } from 'zod';
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { businessDate } from '../../lib/time.js';
import * as assessment from '../assessment/index.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import * as training from '../training/index.js';
import { workerOf } from './policy.js';
import { POSTING_COLS, toPosting, type PostingRow } from './rows.js';
import { candidateOccupations, rank, scorePosting, type Reason, type WorkerFacts } from './rules.js';
import type { PostingView, RecommendationView, RecommendQuery, SearchJobsQuery } from './schemas.js';
import { occupationNames } from './postings.js';

const HAVERSINE = (la: string, ln: string) => `2 * 6371008.8 * asin(least(1, sqrt(
      power(sin(radians(p.lat_gcj02 - ${la}::float8) / 2), 2)
    + cos(radians(${la}::float8)) * cos(radians(p.lat_gcj02)) * power(sin(radians(p.lng_gcj02 - ${ln}::float8) / 2), 2))))`;

/** Open and valid today: the condition every search and recommendation starts from ($1 = today). */
const OPEN = `p.status = 'open' AND p.valid_from <= $1::date AND p.valid_until >= $1::date`;

/** Open postings by occupation, district, the level a holder has, pay, words and distance; newest, best paid or nearest first. */
export async function searchPostings(
  q: Queryable,
  f: z.infer<typeof SearchJobsQuery>,
  now: Date = clockNow(),
): Promise<{ total: number; items: PostingView[] }> {
  const params: unknown[] = [businessDate(now)];
  const where = [OPEN];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.occupationCode) add('p.occupation_code = ?', f.occupationCode);
  if (f.districtCode) add('p.district_code = ?', f.districtCode);
  if (f.level !== undefined) add('(p.level IS NULL OR p.level >= ?)', f.level);
  if (f.payMinFen !== undefined) add('p.pay_max_fen >= ?', f.payMinFen);
  if (f.q)
    add(
      `(p.title || ' ' || p.employer_name) ILIKE '%' || ? || '%'`,
      f.q.replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  let distance = 'NULL::float8';
  if (f.lat !== undefined && f.lng !== undefined) {
    const at = training.toStored({ lat: f.lat, lng: f.lng }, f.coordSystem);
    params.push(at.lat, at.lng);
    distance = HAVERSINE(`$${params.length - 1}`, `$${params.length}`);
    if (f.maxDistanceKm !== undefined) add(`${distance} <= ?`, f.maxDistanceKm * 1000);
  } else if (f.sort === 'distance' || f.maxDistanceKm !== undefined) {
    throw new AppError('VALIDATION_FAILED', 'distance needs lat and lng', f.lat === undefined ? 'lat' : 'lng');
  }
  const order = f.sort === 'distance' ? 'distance_m ASC, p.id' : f.sort === 'pay' ? 'p.pay_max_fen DESC, p.id' : 'p.created_at DESC, p.id';
  const w = where.join(' AND ');
  const total = Number((await q.query<{ n: number }>(`SELECT count(*) AS n FROM job_postings p WHERE ${w}`, params)).rows[0]!.n);
  const { rows } = await q.query<PostingRow>(
    `SELECT ${POSTING_COLS}, ${distance} AS distance_m FROM job_postings p WHERE ${w} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  const names = occupationNames(q);
  const items: PostingView[] = [];
  for (const r of rows) items.push(toPosting(r, await names.of(r.occupation_code), f.coordSystem));
  return { total, items };
}

/** What the recommendation knows of a worker: certificates, training (through their modules), district, where they are. */
export async function workerFacts(
  actor: Actor,
  q: Queryable,
  personId: string,
  at: { lat?: number; lng?: number; coordSystem: 'wgs84' | 'gcj02' },
): Promise<WorkerFacts> {
  const person = await persons.getPerson(q, personId);
  const certificates = (await assessment.certificatesOfPerson(q, personId)).map((c) => ({ occupationCode: c.occupationCode, level: c.level }));
  const trainingItems = (await training.listMyTraining(actor, q))
    .filter((t) => t.kind === 'admission' && t.status === 'admitted' && t.cls.state !== 'cancelled')
    .map((t) => ({ occupationCode: t.cls.occupationCode, level: t.cls.level, inProgress: t.cls.state !== 'ended' }));
  const districtCode = person?.districtCode ?? null;
  const home =
    at.lat !== undefined && at.lng !== undefined
      ? training.toStored({ lat: at.lat, lng: at.lng }, at.coordSystem)
      : districtCode
        ? catalog.districtCentre(districtCode)
        : null;
  return { districtCode, home, certificates, training: trainingItems };
}

/** The most candidate postings one recommendation scores (by occupation, then the district's newest). */
export const CANDIDATES_BY_OCCUPATION = 2000;
export const CANDIDATES_BY_DISTRICT = 200;

/** The postings worth scoring for these facts: the worker's occupations (indexed), then the newest of their district. */
export async function candidatePostings(q: Queryable, w: WorkerFacts, today: string): Promise<PostingRow[]> {
  const occs = candidateOccupations(w);
  const byOcc = occs.length
    ? (
        await q.query<PostingRow>(`SELECT ${POSTING_COLS} FROM job_postings p WHERE ${OPEN} AND p.occupation_code = ANY($2::text[]) LIMIT $3`, [
          today,
          occs,
          CANDIDATES_BY_OCCUPATION,
        ])
      ).rows
    : [];
  const byDistrict = w.districtCode
    ? (
        await q.query<PostingRow>(
          `SELECT ${POSTING_COLS} FROM job_postings p WHERE ${OPEN} AND p.district_code = $2 AND NOT (p.occupation_code = ANY($3::text[]))
            ORDER BY p.created_at DESC LIMIT $4`,
          [today, w.districtCode, occs, CANDIDATES_BY_DISTRICT],
        )
      ).rows
    : [];
  return [...byOcc, ...byDistrict];
}

/** Scores and ranks postings for a worker; the best `limit`. */
export function rankPostings(w: WorkerFacts, rows: PostingRow[], limit: number): Array<{ row: PostingRow; score: number; reasons: Reason[] }> {
  const scored: Array<{ id: string; row: PostingRow; score: number; reasons: Reason[] }> = [];
  for (const r of rows) {
    const s = scorePosting(w, {
      occupationCode: r.occupation_code,
      level: r.level === null ? null : Number(r.level),
      districtCode: r.district_code,
      at: { lat: r.lat_gcj02, lng: r.lng_gcj02 },
    });
    if (s) scored.push({ id: r.id, row: r, ...s });
  }
  return rank(scored).slice(0, limit);
}

/**
 * The signed-in worker's recommendations: postings fitting their certificates and training (in progress included), their
 * district and where they are, ranked, each with its reasons and the worker's interest; what was shown is remembered
 * for the counts recommended → interested → contacted.
 */
export async function recommendFor(actor: Actor, q: Queryable, f: z.infer<typeof RecommendQuery>, now: Date = clockNow()): Promise<RecommendationView[]> {
  const personId = workerOf(actor);
  const w = await workerFacts(actor, q, personId, f);
  const top = rankPostings(w, await candidatePostings(q, w, businessDate(now)), f.limit);
  if (top.length === 0) return [];
  await q.query(
    `INSERT INTO job_recommended (posting_id, person_id, district_code, first_at)
     SELECT unnest($1::uuid[]), $2, unnest($3::text[]), $4 ON CONFLICT DO NOTHING`,
    [top.map((t) => t.row.id), personId, top.map((t) => t.row.district_code), now],
  );
  const interests = new Map(
    (
      await q.query<{ id: string; posting_id: string; status: 'interested' | 'withdrawn'; consented_at: Date | null; contacted_at: Date | null }>(
        'SELECT id, posting_id, status, consented_at, contacted_at FROM job_interests WHERE person_id = $1 AND posting_id = ANY($2::uuid[])',
        [personId, top.map((t) => t.row.id)],
      )
    ).rows.map((i) => [i.posting_id, i]),
  );
  const names = occupationNames(q);
  const out: RecommendationView[] = [];
  for (const t of top) {
    const i = interests.get(t.row.id);
    const posting = toPosting(t.row, await names.of(t.row.occupation_code), f.coordSystem);
    const reasons = [];
    for (const r of t.reasons) reasons.push(r.occupationCode ? { ...r, occupationName: await names.of(r.occupationCode) } : r);
    const distance = t.reasons.find((r) => r.code === 'DISTANCE')?.distanceM ?? null;
    out.push({
      posting: { ...posting, distanceM: distance },
      score: t.score,
      reasons,
      interest: i ? { id: i.id, status: i.status, consented: i.consented_at !== null, contacted: i.contacted_at !== null } : null,
    });
  }
  return out;
}

/** Every open posting, unindexed: the jobs benchmark's bare baseline (score them all). */
export async function allOpenPostings(q: Queryable, today: string): Promise<PostingRow[]> {
  return (await q.query<PostingRow>(`SELECT ${POSTING_COLS} FROM job_postings p WHERE ${OPEN}`, [today])).rows;
}
