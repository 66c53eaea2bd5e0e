/**
 * The public employment service's postings (公共就业服务岗位): an adapter interface for its JSON feed and the
 * built-in simulator (公共就业服务岗位模拟器) the demo world and the tests use. A sync creates what is new (by the feed's
 * own reference) and leaves what it already holds.
 */
import type { Db } from '../../db/index.js';
import { addDays, businessDate } from '../../lib/time.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../identity/index.js';
import { officerScope } from './policy.js';
import { insertPosting } from './postings.js';

/** One posting as the feed gives it (GCJ-02 coordinates, monthly pay in fen). */
export interface FeedPosting {
  ref: string;
  employerName: string;
  title: string;
  occupationCode: string;
  level: number | null;
  districtCode: string;
  address: string;
  lat: number;
  lng: number;
  payMinFen: number;
  payMaxFen: number;
  headcount: number;
  validUntil: string;
}

export interface EmploymentFeed {
  /** Shown to officers: what the postings came from. */
  readonly name: string;
  fetchPostings(): Promise<FeedPosting[]>;
}

/** 公共就业服务岗位模拟器: a fixed set of postings valid for 60 days from today, as the real feed would send. */
export class SimulatedEmploymentFeed implements EmploymentFeed {
  readonly name = '公共就业服务岗位模拟器';
  async fetchPostings(): Promise<FeedPosting[]> {
    const until = addDays(businessDate(clockNow()), 60);
    const p = (
      ref: string,
      employerName: string,
      title: string,
      occupationCode: string,
      level: number | null,
      districtCode: string,
      address: string,
      lat: number,
      lng: number,
      min: number,
      max: number,
      headcount: number,
    ): FeedPosting => ({
      ref: `PES-SIM-${ref}`,
      employerName,
      title,
      occupationCode,
      level,
      districtCode,
      address,
      lat,
      lng,
      payMinFen: min * 100,
      payMaxFen: max * 100,
      headcount,
      validUntil: until,
    });
    return [
      p('0001', '浦东新区颐养院（模拟）', '养老护理员', '4-10-01-05', 4, '310115', '浦东新区东方路 1200 号', 31.2231, 121.5289, 6500, 8500, 5),
      p('0002', '徐汇区长者照护之家（模拟）', '养老护理员（夜班）', '4-10-01-05', 5, '310104', '徐汇区漕溪北路 300 号', 31.1902, 121.4372, 6000, 7500, 3),
      p('0003', '长宁区托育中心（模拟）', '保育师', '4-10-01-03', 4, '310105', '长宁区长宁路 800 号', 31.2189, 121.4236, 6200, 8000, 2),
      p('0004', '闵行区社区服务中心（模拟）', '养老护理员（高级）', '4-10-01-05', 3, '310112', '闵行区沪闵路 6000 号', 31.1137, 121.3823, 8000, 10000, 2),
      p('0005', '浦东新区物业服务公司（模拟）', '保安员', '4-07-05-01', null, '310115', '浦东新区张杨路 500 号', 31.2303, 121.5153, 5500, 6500, 10),
    ];
  }
}

let feed: EmploymentFeed = new SimulatedEmploymentFeed();
/** Start-up (or a test) points the adapter at the real feed. */
export function configureEmploymentFeed(f: EmploymentFeed): void {
  feed = f;
}

/** Pulls the feed (city admin): new postings created (each audited), those already held left alone. */
export async function syncFeed(actor: Actor, db: Db): Promise<{ source: string; received: number; created: number; unchanged: number }> {
  const scope = officerScope(actor);
  if (scope.kind !== 'all') throw new AppError('FORBIDDEN', 'the city admin pulls the public employment service’s feed');
  const items = await feed.fetchPostings();
  let created = 0;
  await db.tx(async (tx) => {
    const held = new Set(
      (
        await tx.query<{ external_ref: string }>('SELECT external_ref FROM job_postings WHERE external_ref = ANY($1::text[])', [items.map((i) => i.ref)])
      ).rows.map((r) => r.external_ref),
    );
    for (const i of items) {
      if (held.has(i.ref)) continue;
      await insertPosting(tx, actor, { ...i, source: 'feed', enterpriseId: null, externalRef: i.ref, coordSystem: 'gcj02' });
      created++;
    }
  });
  return { source: feed.name, received: items.length, created, unchanged: items.length - created };
}
