/** Training API schemas (zod 4). Request bodies and queries are strict: unknown fields are refused. */
import { z } from 'zod';
import { Paging } from '../../http/route.js';

const IsoDate = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
const District = z.string().regex(/^\d{6}$/);
const OccupationCode = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/);
const Level = z.number().int().min(0).max(5);
const CoordSystem = z.enum(['wgs84', 'gcj02']);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const ProviderParams = z.strictObject({ id: z.uuid() });
export const ApprovalParams = z.strictObject({ id: z.uuid(), approvalId: z.uuid() });

export const GrantApprovalBody = z.strictObject({ programmeId: z.uuid(), occupationCode: OccupationCode.nullable() });
export const ReasonBody = z.strictObject({ reason: Text(500) });
export const OptionalReasonBody = z.strictObject({ reason: z.string().trim().max(500).default('') });

export const ApprovalView = z.object({
  id: z.string(),
  providerId: z.string(),
  programmeId: z.string(),
  occupationCode: z.string().nullable(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

export const CreateVenueBody = z.strictObject({
  name: Text(200),
  address: Text(300),
  districtCode: District,
  coordSystem: CoordSystem,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  geofenceRadiusM: z.number().int().min(10).max(100000).nullable().optional(),
});
export const UpdateVenueBody = CreateVenueBody.partial();

export const VenueView = z.object({
  id: z.string(),
  providerId: z.string(),
  name: z.string(),
  address: z.string(),
  districtCode: z.string(),
  coordSystem: z.literal('gcj02'),
  lat: z.number(),
  lng: z.number(),
  wgs84: z.object({ lat: z.number(), lng: z.number() }),
  geofenceRadiusM: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ListQuery = z.strictObject({ providerId: z.uuid().optional(), ...Paging });

export const CreateCourseBody = z.strictObject({
  programmeId: z.uuid(),
  occupationCode: OccupationCode,
  level: Level,
  name: Text(200),
  description: z.string().max(4000).nullable().optional(),
  hours: z.number().int().min(1).max(10000),
  feeFen: z.number().int().min(0).max(100_000_000),
});
export const UpdateCourseBody = z.strictObject({
  name: Text(200).optional(),
  description: z.string().max(4000).nullable().optional(),
  hours: z.number().int().min(1).max(10000).optional(),
  feeFen: z.number().int().min(0).max(100_000_000).optional(),
});

export const CourseView = z.object({
  id: z.string(),
  providerId: z.string(),
  programmeId: z.string(),
  occupationCode: z.string(),
  level: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  hours: z.number(),
  feeFen: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const SessionBody = z.strictObject({ startsAt: Instant, endsAt: Instant, topic: z.string().max(200).nullable().optional() });
export const SessionsBody = z.strictObject({ sessions: z.array(SessionBody).min(1).max(500) });

export const CreateClassBody = z.strictObject({
  courseId: z.uuid(),
  name: Text(200).optional(),
  venueId: z.uuid().nullable().optional(),
  online: z.boolean().default(false),
  capacity: z.number().int().min(1).max(10000),
  startDate: IsoDate,
  endDate: IsoDate,
  sessions: z.array(SessionBody).max(500).optional(),
});
export const UpdateClassBody = z.strictObject({ name: Text(200).optional(), capacity: z.number().int().min(1).max(10000).optional() });

export const ClassState = z.enum(['draft', 'reported', 'open', 'ended', 'cancelled']);

export const ClassView = z.object({
  id: z.string(),
  courseId: z.string(),
  providerId: z.string(),
  programmeId: z.string(),
  occupationCode: z.string(),
  level: z.number(),
  feeFen: z.number(),
  name: z.string(),
  venueId: z.string().nullable(),
  online: z.boolean(),
  districtCode: z.string(),
  capacity: z.number(),
  seatsTaken: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  reportDeadline: z.string(),
  state: ClassState,
  reportedAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});

export const SessionView = z.object({
  id: z.string(),
  classId: z.string(),
  seq: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  topic: z.string().nullable(),
});

export const ListClassesQuery = z.strictObject({
  state: ClassState.optional(),
  providerId: z.uuid().optional(),
  q: z.string().trim().max(60).optional().describe('part of the class name'),
  programmeId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ...Paging,
});

export const SearchQuery = z.strictObject({
  occupationCode: OccupationCode.optional(),
  level: z.coerce.number().int().min(0).max(5).optional(),
  districtCode: District.optional(),
  programmeId: z.uuid().optional(),
  providerId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['start', 'distance', 'rating']).default('start').describe('by start date, by distance from lat/lng, or by the course’s rating (培训评价)'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  coordSystem: CoordSystem.default('gcj02'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const SearchItemView = z.object({
  classId: z.string(),
  courseId: z.string(),
  name: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  programmeId: z.string(),
  programmeName: z.string().nullable(),
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  level: z.number(),
  feeFen: z.number(),
  online: z.boolean(),
  districtCode: z.string(),
  venue: z.object({ name: z.string(), address: z.string(), lat: z.number(), lng: z.number(), coordSystem: CoordSystem }).nullable(),
  startDate: z.string(),
  endDate: z.string(),
  registrationClosesAt: z.string(),
  seatsLeft: z.number(),
  distanceM: z.number().nullable(),
  subsidyEstimateFen: z.number().nullable(),
  /** the course's score from its trainees' ratings (培训评价) and their number; null before any rating */
  rating: z.object({ overall: z.number(), ratings: z.number() }).nullable(),
});

export const RegisterBody = z.strictObject({ classId: z.uuid(), voucherId: z.uuid() });
export const RegistrationView = z.object({
  id: z.string(),
  classId: z.string(),
  voucherId: z.string(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** One line of 我的培训: an admission (also one made at the provider's desk) or a registration. */
export const MyTrainingView = z.object({
  kind: z.enum(['admission', 'registration']),
  id: z.string(),
  status: z.string(),
  voucherId: z.string(),
  voucherNumber: z.string().nullable(),
  at: z.string(),
  class: z.object({
    id: z.string(),
    name: z.string(),
    state: z.string(),
    providerName: z.string().nullable(),
    programmeName: z.string().nullable(),
    occupationCode: z.string(),
    occupationName: z.string().nullable(),
    level: z.number(),
    online: z.boolean(),
    startDate: z.string(),
    endDate: z.string(),
  }),
});
const Holder = z.object({ name: z.string(), idNumberMasked: z.string() });
export const ClassRegistrationView = RegistrationView.extend({ voucherNumber: z.string(), holder: Holder });

/** A QR token, or a typed voucher number plus the holder's ID number. */
export const CredentialBody = z.union([
  z.strictObject({ token: z.string().min(10).max(2048) }),
  z.strictObject({ voucherNumber: z.string().trim().min(4).max(40), idNumber: z.string().trim().min(15).max(18) }),
]);

export const VerifyView = z.object({
  admissible: z.boolean(),
  reasons: z.array(z.string()),
  holder: Holder,
  voucher: z.object({
    id: z.string(),
    number: z.string(),
    kind: z.string(),
    status: z.string(),
    programmeId: z.string().nullable(),
    occupationCode: z.string().nullable(),
    level: z.number().nullable(),
    validFrom: z.string(),
    validUntil: z.string(),
    ratioPct: z.number(),
    subsidyEstimateFen: z
      .number()
      .nullable()
      .describe(
        'the claim’s amount if the holder passes at this class’s level (the class’s fee the cap); null: the voucher cannot be admitted now (not asked), or it carries no subsidy',
      ),
  }),
  class: z.object({
    id: z.string(),
    name: z.string(),
    state: ClassState.describe('the class’s state now: only a draft class (before its opening report) admits'),
    startDate: z.string(),
    admissionsCloseAt: z.string(),
    seatsLeft: z.number(),
  }),
  registered: z.boolean(),
});

export const AdmissionView = z.object({
  id: z.string(),
  classId: z.string(),
  voucherId: z.string(),
  via: z.enum(['qr', 'number']),
  status: z.enum(['admitted', 'withdrawn', 'cancelled']),
  admittedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
});

export const RosterView = z.object({
  class: ClassView,
  roster: z.array(
    z.object({
      admissionId: z.string(),
      voucherId: z.string(),
      voucherNumber: z.string(),
      voucherKind: z.string(),
      holder: Holder,
      via: z.enum(['qr', 'number']),
      admittedAt: z.string(),
    }),
  ),
});

// the server's view types, derived from the schemas above (one source per shape)
export type ApprovalView = z.infer<typeof ApprovalView>;
export type VenueView = z.infer<typeof VenueView>;
export type CourseView = z.infer<typeof CourseView>;
export type ClassView = z.infer<typeof ClassView>;
export type SessionView = z.infer<typeof SessionView>;
export type SearchItemView = z.infer<typeof SearchItemView>;
export type RegistrationView = z.infer<typeof RegistrationView>;
export type MyTrainingView = z.infer<typeof MyTrainingView>;
export type ClassRegistrationView = z.infer<typeof ClassRegistrationView>;
export type VerifyView = z.infer<typeof VerifyView>;
export type AdmissionView = z.infer<typeof AdmissionView>;
export type RosterView = z.infer<typeof RosterView>;
