/** Request and response shapes of training evaluation (培训评价); view types are their z.infer. */
import { z } from 'zod';

const Stars = z.number().int().min(1).max(5);
const Text500 = z.string().trim().min(1).max(500);

export const RatingBody = z.strictObject({
  teaching: Stars.describe('教学质量 1–5'),
  practical: Stars.describe('实用性 1–5'),
  venue: Stars.describe('场地设施 1–5'),
  organisation: Stars.describe('组织管理 1–5'),
  comment: Text500.nullable().optional().describe('optional comment; public only after an officer’s moderation'),
});

export const ClassIdParams = z.strictObject({ classId: z.uuid() });
export const CourseIdParams = z.strictObject({ courseId: z.uuid() });

export const ScoreSchema = z
  .object({
    overall: z.number().nullable(),
    dimensions: z.object({
      teaching: z.number().nullable(),
      practical: z.number().nullable(),
      venue: z.number().nullable(),
      organisation: z.number().nullable(),
    }),
    ratings: z.number().int(),
  })
  .meta({ id: 'RatingScore' });

export const CommentStatus = z.enum(['none', 'pending', 'published', 'rejected']);

export const RatingSchema = z
  .object({
    id: z.string(),
    classId: z.string(),
    className: z.string(),
    providerName: z.string(),
    teaching: z.number().int(),
    practical: z.number().int(),
    venue: z.number().int(),
    organisation: z.number().int(),
    comment: z.string().nullable(),
    commentStatus: CommentStatus,
    moderationReason: z.string().nullable(),
    reply: z.string().nullable(),
    ratedAt: z.string(),
    changedAt: z.string(),
    editableUntil: z.string(),
    editable: z.boolean(),
  })
  .meta({ id: 'ClassRating' });

/** A rating as its class's provider reads it: who rated (masked) and the overall score besides; a comment only once published. */
export const ProviderRatingSchema = RatingSchema.extend({
  rater: z.string().describe('the trainee who rated, masked (张*, 欧**明)'),
  overall: z.number().describe('the overall score 1–5: the mean of the four dimensions, one decimal'),
}).meta({ id: 'ProviderClassRating' });

/** One ended (or running) class of the worker: whether they may rate it and why not, and their rating. */
export const RatableSchema = z
  .object({
    classId: z.string(),
    className: z.string(),
    providerName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    /** null when the worker may rate (or change their rating); else the refusal's stable code */
    refusal: z.string().nullable(),
    attendanceRate: z.number(),
    rating: RatingSchema.nullable(),
  })
  .meta({ id: 'RatableClass' });

export const PublicCommentSchema = z.object({
  rater: z.string(),
  overall: z.number(),
  comment: z.string(),
  reply: z.string().nullable(),
  changedAt: z.string(),
});

export const CourseRatingsSchema = z.object({
  courseId: z.string(),
  score: ScoreSchema,
  provider: z.object({ id: z.string(), name: z.string(), score: ScoreSchema }),
  comments: z.array(PublicCommentSchema),
});

export const ModerationQuery = z.strictObject({
  status: z.enum(['pending', 'published', 'rejected']).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ModerationItemSchema = z.object({
  id: z.string(),
  classId: z.string(),
  className: z.string(),
  providerName: z.string(),
  districtCode: z.string(),
  rater: z.string(),
  overall: z.number(),
  comment: z.string(),
  commentStatus: CommentStatus,
  moderationReason: z.string().nullable(),
  reply: z.string().nullable(),
  changedAt: z.string(),
});

export const ModerateBody = z
  .strictObject({
    decision: z.enum(['publish', 'reject']),
    reason: Text500.optional().describe('why a comment is not published (required to reject)'),
  })
  .refine((b) => b.decision === 'publish' || b.reason !== undefined, { message: 'a rejection names its reason', path: ['reason'] });

export const ReplyBody = z.strictObject({ text: Text500 });

export const ProviderRatingsQuery = z.strictObject({
  classId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const CoverageQuery = z.strictObject({
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  from: z.iso.date().optional().describe('classes that ended on or after this date (Shanghai)'),
  to: z.iso.date().optional().describe('classes that ended on or before this date (Shanghai)'),
});

export const CoverageClassSchema = z.object({
  classId: z.string(),
  className: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  districtCode: z.string(),
  endDate: z.string(),
  completers: z.number().int(),
  rated: z.number().int(),
  ratePct: z.number().nullable(),
  meetsTarget: z.boolean(),
  score: ScoreSchema,
  lowScore: z.boolean(),
});

export const CoverageSchema = z
  .object({
    targetPct: z.number(),
    districts: z.array(
      z.object({ districtCode: z.string(), completers: z.number().int(), rated: z.number().int(), ratePct: z.number().nullable(), meetsTarget: z.boolean() }),
    ),
    classes: z.array(CoverageClassSchema),
  })
  .meta({ id: 'RatingCoverage' });

export type RatingView = z.infer<typeof RatingSchema>;
export type ProviderRatingView = z.infer<typeof ProviderRatingSchema>;
export type RatableView = z.infer<typeof RatableSchema>;
export type ScoreView = z.infer<typeof ScoreSchema>;
export type CourseRatingsView = z.infer<typeof CourseRatingsSchema>;
export type ModerationItemView = z.infer<typeof ModerationItemSchema>;
export type CoverageView = z.infer<typeof CoverageSchema>;
export type CoverageClassView = z.infer<typeof CoverageClassSchema>;
