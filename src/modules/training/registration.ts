/** Registration (报名): a worker holds a seat in a class with one of their vouchers until admitted, cancelled or released. */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as analytics from '../analytics/index.js';
import * as audit from '../audit/index.js';
import * as messages from '../messages/index.js';
import type { Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import * as vouchers from '../vouchers/index.js';
import { getClass, readClass } from './classes.js';
import { admissionFacts, readAdmissionFacts, reasonError } from './facts.js';
import { requireWorker } from './policy.js';
import { isUniqueViolation, toRegistration, type Registration, type RegistrationRow } from './rows.js';
import { decideAdmission, VOUCHER_REASONS } from './rules.js';
import type { ClassRegistrationView } from './schemas.js';
import { releaseSeat, takeSeat } from './seats.js';
import { maskedHolder, presentRegistration } from './views.js';

/** A worker registers for a class with one of their own vouchers; a seat is held (CLASS_FULL when none). */
export async function register(actor: Actor, tx: Tx, input: { classId: string; voucherId: string }, now: Date = clockNow()): Promise<Registration> {
  const personId = requireWorker(actor, 'only a worker registers for a class');
  const v = await vouchers.getVoucher(tx, input.voucherId);
  if (!v || v.personId !== personId) throw notFound('voucher', 'voucherId');
  const c = await getClass(tx, input.classId);
  if (!c) throw notFound('class', 'classId');
  // the seat is taken by the write below (CLASS_FULL there)
  const { refusal } = decideAdmission(await readAdmissionFacts(tx, c, v, now, false, false), ['CLASS_FULL']);
  if (refusal) throw reasonError(refusal, c);
  let row: RegistrationRow;
  try {
    row = (
      await tx.query<RegistrationRow>('INSERT INTO registrations (class_id, voucher_id, person_id) VALUES ($1, $2, $3) RETURNING *', [c.id, v.id, personId])
    ).rows[0]!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('DUPLICATE', 'already registered for this class with this voucher', 'voucherId');
    throw e;
  }
  await takeSeat(tx, c.id, v.id);
  await analytics.recordVoucherFacts(tx, [{ metric: 'registered', voucherId: v.id, classId: c.id, at: row.created_at }]);
  await audit.record(tx, actor, {
    action: 'registration.create',
    entityType: 'registration',
    entityId: row.id,
    districtCode: c.districtCode,
    detail: { classId: c.id, voucher: v.number },
  });
  await messages.notify(tx, { event: 'registration.confirmed', key: row.id, personId, vars: { className: c.name }, link: '/training' });
  return toRegistration(row);
}

export async function cancelRegistration(actor: Actor, tx: Tx, id: string): Promise<Registration> {
  const personId = requireWorker(actor, 'only the worker cancels their registration');
  if (!isUuid(id)) throw notFound('registration', 'id');
  const { rows } = await tx.query<RegistrationRow>(
    `UPDATE registrations SET status = 'cancelled' WHERE id = $1 AND person_id = $2 AND status = 'pending' RETURNING *`,
    [id, personId],
  );
  const row = rows[0];
  if (!row) {
    const cur = (await tx.query<RegistrationRow>('SELECT * FROM registrations WHERE id = $1 AND person_id = $2', [id, personId])).rows[0];
    if (!cur) throw notFound('registration', 'id');
    throw new AppError('CONFLICT', `the registration is ${cur.status}`, 'id');
  }
  await releaseSeat(tx, row.class_id, row.voucher_id);
  await audit.record(tx, actor, { action: 'registration.cancel', entityType: 'registration', entityId: row.id, detail: { classId: row.class_id } });
  const cls = await getClass(tx, row.class_id);
  await messages.notify(tx, { event: 'registration.cancelled', key: row.id, personId, vars: { className: cls?.name ?? '—' }, link: '/training' });
  return toRegistration(row);
}

export async function listMyRegistrations(actor: Actor, q: Queryable): Promise<Registration[]> {
  const personId = requireWorker(actor, 'only a worker has registrations');
  const { rows } = await q.query<RegistrationRow>('SELECT * FROM registrations WHERE person_id = $1 ORDER BY created_at DESC LIMIT 200', [personId]);
  return rows.map(toRegistration);
}

/**
 * The worker's vouchers that fit a class (报名 offers only these): issued, valid today, of the class's
 * programme (a check-in-only voucher fits any), occupation and level. Seats, the provider and the deadline
 * are the class's business, not the voucher's: registering says so. A class that does not exist → 404.
 */
export async function fittingVouchers(actor: Actor, q: Queryable, classId: string, now: Date = clockNow()): Promise<vouchers.VoucherView[]> {
  requireWorker(actor, 'only a worker registers with a voucher');
  const c = isUuid(classId) ? await getClass(q, classId) : null;
  if (!c) throw notFound('class', 'id');
  const mine = await vouchers.listMyVouchers(actor, q);
  const fits = [];
  for (const view of mine) {
    if (view.status !== 'issued') continue;
    const v = await vouchers.getVoucher(q, view.id);
    if (!v) continue;
    const { reasons } = decideAdmission(admissionFacts(c, v, now, { holdsSeat: true, nonceUsed: false, providerActive: true, approved: true }));
    if (!reasons.some((r) => VOUCHER_REASONS.includes(r))) fits.push(view);
  }
  return fits;
}

export async function listClassRegistrations(actor: Actor, q: Queryable, classId: string): Promise<ClassRegistrationView[]> {
  const c = await readClass(actor, q, classId);
  const { rows } = await q.query<RegistrationRow>(`SELECT * FROM registrations WHERE class_id = $1 AND status = 'pending' ORDER BY created_at, id`, [c.id]);
  const out = [];
  for (const r of rows) {
    const v = await vouchers.getVoucher(q, r.voucher_id);
    const p = await persons.getPerson(q, r.person_id);
    out.push({
      ...presentRegistration(toRegistration(r)),
      voucherNumber: v?.number ?? '',
      holder: maskedHolder(p),
    });
  }
  return out;
}
