/**
 * The rules of job recommendations (就业岗位推介), pure: which postings fit a worker and why, scored and ranked;
 * a posting's own checks (the districts' centres, used when a worker gives no location, are the catalogue's).
 */
import { haversineM, type LatLng } from '../training/index.js';

/** What the recommendation knows of the worker. */
export interface WorkerFacts {
  districtCode: string | null;
  /** Where to measure from: the phone's position, else the district's centre, else none. */
  home: LatLng | null;
  certificates: ReadonlyArray<{ occupationCode: string; level: number }>;
  /** Occupations trained in (in progress or finished), without a certificate necessarily. */
  training: ReadonlyArray<{ occupationCode: string; level: number; inProgress: boolean }>;
}

export interface PostingFacts {
  occupationCode: string;
  level: number | null;
  districtCode: string;
  at: LatLng;
}

export type ReasonCode = 'CERTIFICATE' | 'CERTIFICATE_BELOW_LEVEL' | 'TRAINING_IN_PROGRESS' | 'TRAINED' | 'SAME_DISTRICT' | 'DISTANCE';
export interface Reason {
  code: ReasonCode;
  occupationCode?: string;
  level?: number;
  districtCode?: string;
  distanceM?: number;
}

export const WEIGHTS = { certificate: 60, certificateBelow: 25, trainingInProgress: 40, trained: 35, sameDistrict: 10, distance: 30 } as const;
/** Beyond this distance a posting gains nothing for nearness. */
export const DISTANCE_HORIZON_M = 30_000;

/** Does a holder of `held` meet a posting wanting `wanted` (1 is the highest level; null wants none)? */
export const levelMeets = (held: number, wanted: number | null): boolean => wanted === null || (held >= 1 && held <= wanted);

/** A posting's fit for a worker: a score (higher first) and the reasons, strongest first; null when nothing ties them. */
export function scorePosting(w: WorkerFacts, p: PostingFacts): { score: number; reasons: Reason[] } | null {
  const reasons: Reason[] = [];
  let score = 0;
  let tied = false;
  const certs = w.certificates.filter((c) => c.occupationCode === p.occupationCode).sort((a, b) => a.level - b.level);
  const meeting = certs.find((c) => levelMeets(c.level, p.level));
  if (meeting) {
    score += WEIGHTS.certificate;
    reasons.push({ code: 'CERTIFICATE', occupationCode: meeting.occupationCode, level: meeting.level });
    tied = true;
  } else if (certs[0]) {
    score += WEIGHTS.certificateBelow;
    reasons.push({ code: 'CERTIFICATE_BELOW_LEVEL', occupationCode: certs[0].occupationCode, level: certs[0].level });
    tied = true;
  }
  const trained = w.training.filter((t) => t.occupationCode === p.occupationCode);
  if (!meeting && trained.length > 0) {
    const now = trained.find((t) => t.inProgress);
    score += now ? WEIGHTS.trainingInProgress : WEIGHTS.trained;
    reasons.push({ code: now ? 'TRAINING_IN_PROGRESS' : 'TRAINED', occupationCode: p.occupationCode, level: (now ?? trained[0]!).level });
    tied = true;
  }
  if (w.districtCode && w.districtCode === p.districtCode) {
    score += WEIGHTS.sameDistrict;
    reasons.push({ code: 'SAME_DISTRICT', districtCode: p.districtCode });
    tied = true;
  }
  if (w.home) {
    const d = haversineM(w.home, p.at);
    score += WEIGHTS.distance * Math.max(0, 1 - d / DISTANCE_HORIZON_M);
    reasons.push({ code: 'DISTANCE', distanceM: Math.round(d) });
  }
  return tied ? { score: Math.round(score * 100) / 100, reasons } : null;
}

/** The occupations that make a posting a candidate for this worker (certificates and training). */
export const candidateOccupations = (w: WorkerFacts): string[] => [...new Set([...w.certificates, ...w.training].map((x) => x.occupationCode))];

/** Ranks scored postings: score, then nearer, then newer id (stable). */
export function rank<T extends { id: string; score: number; reasons: Reason[] }>(items: T[]): T[] {
  const dist = (x: T) => x.reasons.find((r) => r.code === 'DISTANCE')?.distanceM ?? Number.MAX_SAFE_INTEGER;
  return [...items].sort((a, b) => b.score - a.score || dist(a) - dist(b) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** A posting's own consistency beyond its schema: pay range, validity, the level wanted. */
export function postingProblems(p: { payMinFen: number; payMaxFen: number; validFrom: string; validUntil: string }): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (p.payMaxFen < p.payMinFen) out.push({ field: 'payMaxFen', message: 'the highest pay is below the lowest' });
  if (p.validUntil < p.validFrom) out.push({ field: 'validUntil', message: 'the posting ends before it starts' });
  return out;
}
