/** Request and response shapes of service ratings (好差评); view types are their z.infer. */
import { z } from 'zod';
import { COMMENT_MAX, RATING_KINDS } from './rules.js';

export const RatingKindSchema = z
  .enum(RATING_KINDS)
  .describe('claim: a paid subsidy claim · rehab_case: a closed rehabilitation case · appeal: a closed appeal');

export const ServiceRatingBody = z.strictObject({
  kind: RatingKindSchema,
  objectId: z.uuid().describe('the claim, case or appeal rated'),
  stars: z.number().int().min(1).max(5).describe('1 (very dissatisfied) … 5 (very satisfied)'),
  comment: z.string().trim().min(1).max(COMMENT_MAX).nullable().optional().describe(`optional comment, at most ${COMMENT_MAX} characters`),
});

export const ServiceRatingSchema = z
  .object({
    id: z.string(),
    kind: RatingKindSchema,
    objectId: z.string(),
    /** What the person knows the service by: a claim's number, a rehabilitation case's application date. */
    label: z.string(),
    stars: z.number().int(),
    comment: z.string().nullable(),
    ratedAt: z.string(),
  })
  .meta({ id: 'ServiceRating' });

export const RatingCountsSchema = z
  .object({
    kind: RatingKindSchema,
    ratings: z.number().int(),
    stars: z.array(z.number().int()).length(5).describe('ratings with 1 … 5 stars'),
    average: z.number().nullable(),
    goodPct: z.number().nullable().describe('好评: 4–5 stars, percent'),
    badPct: z.number().nullable().describe('差评: 1–2 stars, percent'),
  })
  .meta({ id: 'ServiceRatingCounts' });

export type ServiceRatingView = z.infer<typeof ServiceRatingSchema>;
