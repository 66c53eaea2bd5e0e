/** The public course search (课程查询): classes open for registration, filtered, by start date or distance. */
import type { z } from 'zod';
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { SYSTEM } from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as persons from '../persons/index.js';
import { workerOf } from './policy.js';
import { CLASS_COLS, type ClassRow } from './rows.js';
import { fromStored, toStored } from './rules.js';
import type { SearchItemView, SearchQuery } from './schemas.js';
import { Conditions, likeEscaped } from './sql.js';

/** The search's filters, as the query schema gives them (defaults applied). */
export type SearchFilter = z.infer<typeof SearchQuery>;

/** A class card of the search (the subsidy estimate only for a signed-in worker). */
export type SearchItem = SearchItemView;

interface SearchRow extends ClassRow {
  venue_name: string | null;
  venue_address: string | null;
  lat_gcj02: number | null;
  lng_gcj02: number | null;
  distance_m: number | null;
  score_overall: number | null;
  score_ratings: number | null;
}

/**
 * The course scores another module keeps (培训评价, src/modules/evaluation), wired once at start-up by
 * src/modules/registry.ts: a LATERAL sub-select over the class row `c` giving `score_overall` and `score_ratings`.
 * Without it the cards carry no rating and sorting by rating sorts by start date.
 */
let courseScoreSql: string | null = null;
export function useCourseScores(sql: string | null): void {
  courseScoreSql = sql;
}

/** round_half_up(standard × (1 + uplift) × ratio), capped at the course fee: the catalogue's formula, the claim's (DESIGN.md §4). */
export function estimateFen(quote: catalog.SubsidyQuote, feeFen: number): number {
  return catalog.applySubsidyFormula({ standardFen: quote.standardFen, upliftPct: quote.upliftPct, ratioPct: quote.ratioPct, feeFen });
}

/** Providers suspended now: their classes are not offered. */
async function suspendedProviders(q: Queryable): Promise<string[]> {
  return (await orgs.listOrgs(SYSTEM, q, { kind: 'provider', status: 'suspended', limit: 10_000, offset: 0 })).items.map((o) => o.id);
}

/** Open for registration (draft, before the deadline, a free seat, an active provider) and the filters. */
function searchConditions(f: SearchFilter, now: Date, suspended: string[]): Conditions {
  const where = new Conditions(
    [now, suspended],
    [
      `c.state = 'draft'`,
      `c.report_deadline >= $1`,
      `EXISTS (SELECT 1 FROM class_seats fs WHERE fs.class_id = c.id AND fs.voucher_id IS NULL)`,
      `NOT (c.provider_id = ANY($2::uuid[]))`,
    ],
  )
    .when('c.occupation_code = ?', f.occupationCode)
    .when('c.level = ?', f.level)
    .when('c.district_code = ?', f.districtCode)
    .when('c.programme_id = ?', f.programmeId)
    .when('c.provider_id = ?', f.providerId)
    .when('c.start_date >= ?::date', f.from)
    .when('c.start_date <= ?::date', f.to);
  for (const word of (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) where.add(`c.search_text LIKE '%' || ? || '%'`, likeEscaped(word));
  return where;
}

/** The distance column (haversine in SQL, from the given point in GCJ-02) when sorting by distance; its parameters are appended. */
function distanceSql(f: SearchFilter, params: unknown[]): string {
  if (f.sort !== 'distance') return 'NULL::double precision';
  if (f.lat === undefined || f.lng === undefined)
    throw new AppError('VALIDATION_FAILED', 'sorting by distance needs lat and lng', f.lat === undefined ? 'lat' : 'lng');
  const p = toStored({ lat: f.lat, lng: f.lng }, f.coordSystem);
  params.push(p.lat, p.lng);
  const la = `$${params.length - 1}`;
  const ln = `$${params.length}`;
  return `CASE WHEN v.id IS NULL THEN NULL ELSE 2 * 6371008.8 * asin(least(1, sqrt(
        power(sin(radians(v.lat_gcj02 - ${la}::float8) / 2), 2)
      + cos(radians(${la}::float8)) * cos(radians(v.lat_gcj02)) * power(sin(radians(v.lng_gcj02 - ${ln}::float8) / 2), 2)))) END`;
}

/** Names and subsidy quotes, each looked up once per search. */
class CardNames {
  private readonly providers = new Map<string, string>();
  private readonly occupations = new Map<string, string | null>();
  private readonly programmes = new Map<string, string | null>();
  private readonly quotes = new Map<string, catalog.SubsidyQuote | null>();
  constructor(
    private readonly q: Queryable,
    private readonly person: persons.Person | null,
  ) {}

  async load(r: SearchRow): Promise<void> {
    const q = this.q;
    if (!this.providers.has(r.provider_id)) this.providers.set(r.provider_id, (await orgs.getOrg(q, r.provider_id))?.name ?? '');
    if (!this.occupations.has(r.occupation_code)) this.occupations.set(r.occupation_code, (await catalog.getOccupation(q, r.occupation_code))?.name ?? null);
    if (!this.programmes.has(r.programme_id)) this.programmes.set(r.programme_id, (await catalog.getProgramme(q, r.programme_id))?.name ?? null);
  }

  /** For a signed-in worker: what the subsidy would be (fen), capped at the fee; null when no standard (or no worker). */
  async estimate(r: SearchRow): Promise<number | null> {
    if (!this.person) return null;
    const key = `${r.programme_id}|${r.occupation_code}|${r.level}`;
    if (!this.quotes.has(key)) this.quotes.set(key, await this.quote(r, this.person));
    const quote = this.quotes.get(key);
    return quote ? estimateFen(quote, r.fee_fen) : null;
  }

  private async quote(r: SearchRow, person: persons.Person): Promise<catalog.SubsidyQuote | null> {
    try {
      return await catalog.quoteSubsidy(this.q, {
        programmeId: r.programme_id,
        occupationCode: r.occupation_code,
        level: r.level,
        categories: person.categories,
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return null;
    }
  }

  card(r: SearchRow, f: SearchFilter, estimate: number | null): SearchItem {
    const venuePoint = r.lat_gcj02 !== null && r.lng_gcj02 !== null ? fromStored({ lat: r.lat_gcj02, lng: r.lng_gcj02 }, f.coordSystem) : null;
    return {
      classId: r.id,
      courseId: r.course_id,
      name: r.name,
      providerId: r.provider_id,
      providerName: this.providers.get(r.provider_id) ?? '',
      programmeId: r.programme_id,
      programmeName: this.programmes.get(r.programme_id) ?? null,
      occupationCode: r.occupation_code,
      occupationName: this.occupations.get(r.occupation_code) ?? null,
      level: r.level,
      feeFen: r.fee_fen,
      online: r.online,
      districtCode: r.district_code,
      venue: venuePoint
        ? { name: r.venue_name ?? '', address: r.venue_address ?? '', lat: venuePoint.lat, lng: venuePoint.lng, coordSystem: f.coordSystem }
        : null,
      startDate: r.start_date,
      endDate: r.end_date,
      registrationClosesAt: r.report_deadline.toISOString(),
      seatsLeft: r.capacity - r.seats_taken,
      distanceM: r.distance_m === null ? null : Math.round(r.distance_m),
      subsidyEstimateFen: estimate,
      rating: r.score_overall === null ? null : { overall: Number(r.score_overall), ratings: Number(r.score_ratings) },
    };
  }
}

/**
 * Classes open for registration: draft (not yet reported), before the roster deadline, with a free seat,
 * of an active provider. Filters combine; sort by start date or by distance from the given point.
 */
export async function searchClasses(
  maybeActor: Actor | null,
  q: Queryable,
  f: SearchFilter,
  now: Date = clockNow(),
): Promise<{ total: number; items: SearchItem[] }> {
  const where = searchConditions(f, now, await suspendedProviders(q));
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM training_classes c WHERE ${where.sql}`, where.params)).rows[0]!.n;
  const distance = distanceSql(f, where.params);
  const order =
    f.sort === 'distance'
      ? 'distance_m ASC NULLS LAST, c.start_date, c.id'
      : f.sort === 'rating' && courseScoreSql
        ? 'score_overall DESC NULLS LAST, score_ratings DESC NULLS LAST, c.start_date, c.id'
        : 'c.start_date, c.id';
  const scores = courseScoreSql
    ? { cols: 'rs.score_overall, rs.score_ratings', join: `LEFT JOIN LATERAL (${courseScoreSql}) rs ON true` }
    : { cols: 'NULL::float8 AS score_overall, NULL::int AS score_ratings', join: '' };
  const page = where.page(f.limit, f.offset);
  const { rows } = await q.query<SearchRow>(
    `SELECT ${CLASS_COLS}, v.name AS venue_name, v.address AS venue_address, v.lat_gcj02, v.lng_gcj02, ${distance} AS distance_m, ${scores.cols}
       FROM training_classes c LEFT JOIN venues v ON v.id = c.venue_id ${scores.join}
      WHERE ${where.sql} ORDER BY ${order} ${page.sql}`,
    page.params,
  );
  const personId = workerOf(maybeActor);
  const names = new CardNames(q, personId ? await persons.getPerson(q, personId) : null);
  const items: SearchItem[] = [];
  for (const r of rows) {
    await names.load(r);
    items.push(names.card(r, f, await names.estimate(r)));
  }
  return { total, items };
}
