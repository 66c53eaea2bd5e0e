/**
 * 好差评 (issue 20 §3) — pure rules: which services are rated, who may rate one and when, and the counts the
 * statistics show. No I/O.
 */

/** The services rated: a paid subsidy claim, a closed rehabilitation case, a closed appeal. */
export const RATING_KINDS = ['claim', 'rehab_case', 'appeal'] as const;
export type RatingKind = (typeof RATING_KINDS)[number];

export const COMMENT_MAX = 300;

/** What the owning module says about the object rated (null: no such object). */
export interface Served {
  personId: string;
  finished: boolean;
  districtCode: string | null;
  label: string;
}

export type RatingRefusal = 'NOT_FOUND' | 'SERVICE_NOT_FINISHED' | 'SERVICE_ALREADY_RATED';

/**
 * Only the person served rates (another person's object answers as absent: 404), only once the service has
 * finished, only once.
 */
export function decideServiceRating(f: { served: Served | null; personId: string; alreadyRated: boolean }): RatingRefusal | null {
  if (!f.served || f.served.personId !== f.personId) return 'NOT_FOUND';
  if (!f.served.finished) return 'SERVICE_NOT_FINISHED';
  if (f.alreadyRated) return 'SERVICE_ALREADY_RATED';
  return null;
}

export const RATING_REFUSALS: Record<Exclude<RatingRefusal, 'NOT_FOUND'>, string> = {
  SERVICE_NOT_FINISHED: 'the service has not finished yet: it can be rated once it has',
  SERVICE_ALREADY_RATED: 'this service has already been rated: a service is rated once',
};

export interface KindCounts {
  kind: RatingKind;
  ratings: number;
  /** Ratings with 1 … 5 stars (index 0 = one star). */
  stars: [number, number, number, number, number];
  /** Mean stars to one decimal; null with no rating. */
  average: number | null;
  /** 好评 (4–5 stars) and 差评 (1–2 stars) shares in percent, to one decimal; null with no rating. */
  goodPct: number | null;
  badPct: number | null;
}

const pct = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n * 1000) / of) / 10);

/** Counts per kind from (kind, stars, n) rows; every kind present, in RATING_KINDS order. */
export function countsByKind(rows: ReadonlyArray<{ kind: string; stars: number; n: number }>): KindCounts[] {
  return RATING_KINDS.map((kind) => {
    const stars: KindCounts['stars'] = [0, 0, 0, 0, 0];
    for (const r of rows) if (r.kind === kind && r.stars >= 1 && r.stars <= 5) stars[r.stars - 1] = stars[r.stars - 1]! + Number(r.n);
    const ratings = stars.reduce((a, b) => a + b, 0);
    const sum = stars.reduce((a, n, i) => a + n * (i + 1), 0);
    return {
      kind,
      ratings,
      stars,
      average: ratings === 0 ? null : Math.round((sum * 10) / ratings) / 10,
      goodPct: pct(stars[3] + stars[4], ratings),
      badPct: pct(stars[0] + stars[1], ratings),
    };
  });
}
