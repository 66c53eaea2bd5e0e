/** Request and response shapes of jobs and recommendations (就业岗位查询及推介); view types are their z.infer. */
import { z } from 'zod';

const IsoDate = z.iso.date();
const District = z.string().regex(/^\d{6}$/);
const Occupation = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/);
const Fen = z.number().int().min(0).max(100_000_000);

export const PostingBody = z.strictObject({
  title: z.string().trim().min(1).max(100),
  employerName: z.string().trim().min(1).max(100).optional().describe('officers: the employer; an enterprise posts under its own name'),
  occupationCode: Occupation,
  level: z.number().int().min(1).max(5).nullable().optional().describe('the skill level wanted (1 高级技师 … 5 初级工); none: any'),
  districtCode: District.optional().describe('an enterprise: default its own district'),
  address: z.string().trim().min(1).max(200),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  coordSystem: z.enum(['wgs84', 'gcj02']).default('gcj02'),
  payMinFen: Fen.describe('monthly pay, lowest, fen'),
  payMaxFen: Fen.describe('monthly pay, highest, fen'),
  headcount: z.number().int().min(1).max(10_000),
  validFrom: IsoDate.optional().describe('default: today (Shanghai)'),
  validUntil: IsoDate,
  description: z.string().trim().max(2000).optional(),
});

export const PostingSchema = z
  .object({
    id: z.string(),
    source: z.enum(['enterprise', 'officer', 'feed']),
    employerName: z.string(),
    title: z.string(),
    occupationCode: z.string(),
    occupationName: z.string().nullable(),
    level: z.number().nullable(),
    districtCode: z.string(),
    address: z.string(),
    lat: z.number(),
    lng: z.number(),
    payMinFen: z.number(),
    payMaxFen: z.number(),
    headcount: z.number(),
    validFrom: z.string(),
    validUntil: z.string(),
    description: z.string().nullable(),
    status: z.enum(['open', 'taken_down', 'closed']),
    statusReason: z.string().nullable(),
    distanceM: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'JobPosting' });

export const ManagedPostingSchema = PostingSchema.extend({ interested: z.number().int(), consented: z.number().int(), contacted: z.number().int() });

export const ManageQuery = z.strictObject({
  status: z.enum(['open', 'taken_down', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const SearchJobsQuery = z.strictObject({
  occupationCode: Occupation.optional(),
  districtCode: District.optional(),
  level: z.coerce.number().int().min(1).max(5).optional().describe('postings a holder of this level qualifies for'),
  payMinFen: z.coerce.number().int().min(0).optional().describe('the posting pays at least this (its highest)'),
  q: z.string().trim().min(1).max(50).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  coordSystem: z.enum(['wgs84', 'gcj02']).default('gcj02'),
  maxDistanceKm: z.coerce.number().min(0.1).max(200).optional(),
  sort: z.enum(['newest', 'pay', 'distance']).default('newest'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ReasonSchema = z.object({
  code: z.enum(['CERTIFICATE', 'CERTIFICATE_BELOW_LEVEL', 'TRAINING_IN_PROGRESS', 'TRAINED', 'SAME_DISTRICT', 'DISTANCE']),
  occupationCode: z.string().optional(),
  occupationName: z.string().nullable().optional(),
  level: z.number().optional(),
  districtCode: z.string().optional(),
  distanceM: z.number().optional(),
});

export const RecommendQuery = z.strictObject({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  coordSystem: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const RecommendationSchema = z
  .object({
    posting: PostingSchema,
    score: z.number(),
    reasons: z.array(ReasonSchema),
    interest: z.object({ id: z.string(), status: z.enum(['interested', 'withdrawn']), consented: z.boolean(), contacted: z.boolean() }).nullable(),
  })
  .meta({ id: 'JobRecommendation' });

export const InterestBody = z.strictObject({
  consent: z.boolean().describe('let the employer see my name and phone'),
});

export const InterestSchema = z.object({
  id: z.string(),
  postingId: z.string(),
  status: z.enum(['interested', 'withdrawn']),
  consented: z.boolean(),
  contacted: z.boolean(),
  createdAt: z.string(),
});

export const CandidateSchema = z.object({
  interestId: z.string(),
  name: z.string().describe('masked until the worker consents'),
  phone: z.string().nullable().describe('only once the worker consents'),
  consented: z.boolean(),
  contacted: z.boolean(),
  certificates: z.array(z.object({ occupationCode: z.string(), occupationName: z.string().nullable(), level: z.number() })),
  interestedAt: z.string(),
});

export const TakeDownBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const ImportReportSchema = z.object({
  total: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const FeedSyncSchema = z.object({ source: z.string(), received: z.number().int(), created: z.number().int(), unchanged: z.number().int() });

export const JobStatsQuery = z.strictObject({ districtCode: District.optional() });
export const JobStatsSchema = z.object({
  items: z.array(
    z.object({
      districtCode: z.string(),
      openPostings: z.number().int(),
      recommended: z.number().int(),
      interested: z.number().int(),
      consented: z.number().int(),
      contacted: z.number().int(),
    }),
  ),
  total: z.number().int(),
});

export type PostingInput = z.infer<typeof PostingBody>;
export type PostingView = z.infer<typeof PostingSchema>;
export type ManagedPostingView = z.infer<typeof ManagedPostingSchema>;
export type RecommendationView = z.infer<typeof RecommendationSchema>;
export type CandidateView = z.infer<typeof CandidateSchema>;
export type InterestView = z.infer<typeof InterestSchema>;
