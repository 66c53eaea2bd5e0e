/** The employment module's rows and their views. */
import { fromStored } from '../training/index.js';
import type { PostingView } from './schemas.js';

export interface PostingRow {
  id: string;
  source: 'enterprise' | 'officer' | 'feed';
  enterprise_id: string | null;
  employer_name: string;
  title: string;
  occupation_code: string;
  level: number | null;
  district_code: string;
  address: string;
  lat_gcj02: number;
  lng_gcj02: number;
  pay_min_fen: number;
  pay_max_fen: number;
  headcount: number;
  valid_from: string;
  valid_until: string;
  description: string | null;
  status: 'open' | 'taken_down' | 'closed';
  status_reason: string | null;
  external_ref: string | null;
  created_at: Date;
  distance_m?: number | null;
}

/** valid_from / valid_until come back as text (plain dates). */
export const POSTING_COLS = `p.id, p.source, p.enterprise_id, p.employer_name, p.title, p.occupation_code, p.level, p.district_code, p.address,
  p.lat_gcj02, p.lng_gcj02, p.pay_min_fen, p.pay_max_fen, p.headcount, p.valid_from::text AS valid_from, p.valid_until::text AS valid_until,
  p.description, p.status, p.status_reason, p.external_ref, p.created_at`;

export function toPosting(r: PostingRow, occupationName: string | null, coordSystem: 'wgs84' | 'gcj02' = 'gcj02'): PostingView {
  const at = fromStored({ lat: r.lat_gcj02, lng: r.lng_gcj02 }, coordSystem);
  return {
    id: r.id,
    source: r.source,
    employerName: r.employer_name,
    title: r.title,
    occupationCode: r.occupation_code,
    occupationName,
    level: r.level === null ? null : Number(r.level),
    districtCode: r.district_code,
    address: r.address,
    lat: at.lat,
    lng: at.lng,
    payMinFen: Number(r.pay_min_fen),
    payMaxFen: Number(r.pay_max_fen),
    headcount: Number(r.headcount),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    description: r.description,
    status: r.status,
    statusReason: r.status_reason,
    distanceM: r.distance_m === undefined || r.distance_m === null ? null : Math.round(Number(r.distance_m)),
    createdAt: r.created_at.toISOString(),
  };
}

/** Occupation names, each looked up once. */
export class OccupationNames {
  private readonly names = new Map<string, string | null>();
  constructor(private readonly lookup: (code: string) => Promise<string | null>) {}
  async of(code: string): Promise<string | null> {
    if (!this.names.has(code)) this.names.set(code, await this.lookup(code));
    return this.names.get(code)!;
  }
}
