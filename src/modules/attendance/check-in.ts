/**
 * Check-in (打卡签到): a trainee checks in for their own admitted class's session.
 *
 *   context (session → class → programme → venue, through training and catalog; cached a few seconds) →
 *   enrolment (training.enrolledVoucher: the admission's voucher, which the check-in keeps) → decideCheckIn (pure: class, fix, window, geofence, accuracy) →
 *   write (check-in-batch.ts: per-session advisory lock → one look-up of the session's other check-ins that
 *   share the device or the coordinates and of the trainee's nearest check-ins before and after → flags (pure
 *   rules) → INSERT … ON CONFLICT (session_id, person_id) DO NOTHING → on conflict the first record is read and
 *   answered (a repeat, even concurrent, answers the same record) → one audit entry, sent with the COMMIT).
 * The lock serialises only the flag evaluation of one session, so two simultaneous check-ins from one device
 * cannot both miss each other.
 */
import type { Db, Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import * as training from '../training/index.js';
import type { Actor } from '../identity/index.js';
import { checkInBegin, coalescedCheckIn, writeChecked, type PendingCheckIn } from './check-in-batch.js';
import { requireSessionContext, type SessionContext } from './context.js';
import { traineeOf } from './policy.js';
import { findCheckIn, presentCheckIn } from './rows.js';
import { decideCheckIn, type CheckInDecision } from './rules.js';
import type { CheckInView } from './schemas.js';

export interface CheckInInput {
  lat?: number | undefined;
  lng?: number | undefined;
  accuracyM?: number | undefined;
  coordSystem?: 'wgs84' | 'gcj02' | undefined;
  deviceId?: string | undefined;
}

interface Decided {
  personId: string;
  /** The voucher of the trainee's admission to the class (null: not admitted). */
  voucherId: string | null;
  ctx: SessionContext;
  decision: CheckInDecision;
}

/** Reads what the decision needs (the context, the enrolment) and decides — the one decision of both paths. */
async function decide(actor: Actor, q: Queryable, sessionId: string, input: CheckInInput, now: Date): Promise<Decided> {
  const personId = traineeOf(actor);
  const ctx = await requireSessionContext(q, sessionId, now.getTime());
  const voucherId = await training.enrolledVoucher(q, personId, ctx.cls.id);
  const decision = decideCheckIn({ now, enrolled: voucherId !== null, cls: ctx.cls, session: ctx.session, venue: ctx.venue, programme: ctx.programme, input });
  return { personId, voucherId, ctx, decision };
}

/** A refusal, unless it gives way to the trainee's first check-in of this session: then that record is the answer. */
async function refuse(q: Queryable, d: Decided & { decision: { write: false } }): Promise<CheckInView> {
  const first = d.decision.orRepeat ? await findCheckIn(q, d.ctx.session.id, d.personId) : null;
  if (first) return presentCheckIn(first);
  throw d.decision.refusal;
}

const pending = (actor: Actor, now: Date, d: Decided & { decision: { write: true } }): PendingCheckIn => {
  const { fix, here, key, distanceM, deviceId } = d.decision;
  return { actor, personId: d.personId, voucherId: d.voucherId, now, ctx: d.ctx, deviceId, fix, here, key, distanceM };
};

/** One check-in in the caller's transaction (decided and written there). */
export async function checkIn(actor: Actor, tx: Tx, sessionId: string, input: CheckInInput, now: Date = clockNow()): Promise<CheckInView> {
  const d = await decide(actor, tx, sessionId, input, now);
  if (!d.decision.write) return refuse(tx, { ...d, decision: d.decision });
  await tx.exec(checkInBegin([d.ctx.session.id]));
  const [r] = await writeChecked(tx, [pending(actor, now, { ...d, decision: d.decision })]);
  if (r instanceof Error) throw r;
  return r!;
}

/**
 * The check-in route's entry: decided outside a transaction (the context cached, the enrolment asked by one
 * coalesced query for the burst), then a check-in to write joins the node's next batch (check-in-batch.ts).
 */
export async function checkInNow(actor: Actor, db: Db, sessionId: string, input: CheckInInput, now: Date = clockNow()): Promise<CheckInView> {
  const d = await decide(actor, db, sessionId, input, now);
  if (!d.decision.write) return refuse(db, { ...d, decision: d.decision });
  return coalescedCheckIn(db, pending(actor, now, { ...d, decision: d.decision }));
}
