import { z } from 'zod';

export const CheckInBody = z.strictObject({
  lat: z.number().min(-90).max(90).describe('latitude, degrees'),
  lng: z.number().min(-180).max(180).describe('longitude, degrees'),
  accuracyM: z.number().min(0).max(1_000_000).describe('reported horizontal accuracy (radius), metres'),
  coordSystem: z
    .enum(['wgs84', 'gcj02'])
    .default('wgs84')
    .describe('what the device reports: WGS-84 raw GPS (default, as wx.getLocation) or GCJ-02 (map SDKs in China)'),
  deviceId: z.string().trim().min(1).max(128).optional(),
});

export const CheckInView = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    classId: z.uuid(),
    source: z.enum(['geofence', 'online_import']),
    at: z.string(),
    status: z.enum(['accepted', 'flagged', 'rejected_after_review']),
    flags: z.array(z.string()),
    distanceM: z.number().nullable(),
    accuracyM: z.number().nullable(),
    counts: z.boolean(),
  })
  .meta({ id: 'CheckIn' });

const Rate = {
  attended: z.number().int(),
  total: z.number().int(),
  rate: z.number(),
  meetsThreshold: z.boolean(),
};

export const ClassAttendanceView = z
  .object({
    classId: z.uuid(),
    className: z.string(),
    online: z.boolean(),
    thresholdPct: z.number(),
    sessions: z.array(
      z.object({
        id: z.uuid(),
        seq: z.number().int(),
        startsAt: z.string(),
        checkInOpensAt: z.string().describe('the first instant a geofence check-in of this session is accepted (the programme’s minutes before the start)'),
        checkInClosesAt: z.string().describe('the last instant it is accepted (the programme’s minutes after the start); both edges inclusive'),
        checkedIn: z.number().int(),
      }),
    ),
    trainees: z.array(
      z.object({
        voucherId: z.uuid(),
        voucherNumber: z.string(),
        voucherKind: z.string(),
        name: z.string(),
        ...Rate,
        sessions: z.array(
          z.object({
            sessionId: z.uuid(),
            seq: z.number().int(),
            mark: z.enum(['attended', 'flagged', 'rejected', 'absent']),
            at: z.string().nullable(),
            flags: z.array(z.string()),
            checkInId: z.string().nullable(),
            reviewNote: z.string().nullable().describe('the reviewing officer’s note (复核说明), once a flagged check-in was reviewed'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ClassAttendance' });

export const OnlineImportReport = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const FlagView = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    classId: z.uuid(),
    providerId: z.uuid(),
    districtCode: z.string(),
    trainee: z.string(),
    at: z.string(),
    flags: z.array(z.string()),
    status: z.enum(['accepted', 'flagged', 'rejected_after_review']),
    distanceM: z.number().nullable(),
    accuracyM: z.number().nullable(),
    coordSystem: z.string().nullable(),
    deviceId: z.string().nullable(),
    reviewNote: z.string().nullable(),
    reviewedAt: z.string().nullable(),
  })
  .meta({ id: 'CheckInFlag' });

export const FlagDecisionBody = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  note: z.string().trim().min(1).max(1000),
});

// ───────────────────────────── the server's view types, derived from the schemas ─────────────────────────────

export type CheckInView = z.infer<typeof CheckInView>;
export type ClassAttendance = z.infer<typeof ClassAttendanceView>;
export type TraineeAttendance = ClassAttendance['trainees'][number];
export type SessionMark = TraineeAttendance['sessions'][number]['mark'];
export type OnlineImportReport = z.infer<typeof OnlineImportReport>;
export type FlagView = z.infer<typeof FlagView>;
