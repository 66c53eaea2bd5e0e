/**
 * The daily reminders (非必要提醒: the person may stop them), each once by its key: a voucher expiring in 30 and in
 * 7 days (voucher id + '30d' / '7d'); a class starting tomorrow, with the check-in window of its first session and
 * the place (class id + 'tomorrow', to each admitted trainee); an opening report due in 3 days (class id +
 * 'report3d', to the provider's staff accounts). Read through the owners' faces, written in one transaction.
 */
import type { Db, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { addDays, businessDate, shanghaiLocal } from '../../lib/time.js';
import * as attendance from '../attendance/index.js';
import * as catalog from '../catalog/index.js';
import * as identity from '../identity/index.js';
import * as subsidy from '../subsidy/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { notifyMany, type NotifyInput } from './outbox.js';
import { WORKER_EVENT_FOR_PAYEE } from './rules.js';

export const EXPIRY_REMINDER_DAYS = [30, 7] as const;
export const REPORT_REMINDER_DAYS = 3;

const hhmm = (d: Date): string => shanghaiLocal(d).slice(11, 16);

async function expiring(tx: Tx, today: string): Promise<NotifyInput[]> {
  const byDay = new Map<string, number>(EXPIRY_REMINDER_DAYS.map((n) => [addDays(today, n), n]));
  const list = await vouchers.vouchersExpiringOn(tx, [...byDay.keys()]);
  return list.map((v) => {
    const days = byDay.get(v.validUntil)!;
    return {
      event: 'voucher.expiring',
      key: `${v.id}:${days}d`,
      personId: v.personId,
      vars: { voucherNo: v.number, days: String(days), validThrough: v.validUntil },
      link: `/vouchers/${v.id}`,
    };
  });
}

async function startingTomorrow(tx: Tx, today: string): Promise<NotifyInput[]> {
  const day = addDays(today, 1);
  const out: NotifyInput[] = [];
  for (const c of await training.classesStartingOn(tx, day)) {
    const p = await catalog.getProgramme(tx, c.programmeId);
    const w = attendance.checkinWindow(c.firstSessionAt, p?.checkinBeforeMin, p?.checkinAfterMin);
    const vars = { className: c.name, date: day, window: `${hhmm(w.opensAt)}–${hhmm(w.closesAt)}`, place: c.place ?? '线上' };
    for (const personId of c.personIds) out.push({ event: 'class.starts_tomorrow', key: `${c.classId}:tomorrow`, personId, vars, link: '/training' });
  }
  return out;
}

async function reportsDue(tx: Tx, today: string): Promise<NotifyInput[]> {
  const out: NotifyInput[] = [];
  for (const r of await training.openingReportsDueOn(tx, addDays(today, REPORT_REMINDER_DAYS))) {
    const staff = await identity.listAccountsOfOrg(tx, r.providerId, { limit: 200, offset: 0 });
    for (const a of staff.items)
      out.push({
        event: 'class.report_due',
        key: `${r.classId}:report3d`,
        accountId: a.id,
        vars: { className: r.name, dueDate: r.dueDate },
        link: `/classes/${r.classId}`,
      });
  }
  return out;
}

/**
 * Claims whose notice ended yesterday without a hold (once per claim: claim id + 'notice-ended'); when the employer or
 * the provider is paid, the message names it (not '…至您的账户').
 */
async function noticesEnded(tx: Tx, today: string): Promise<NotifyInput[]> {
  const list = await subsidy.claimsNoticeEndedOn(tx, addDays(today, -1));
  return list.map((c) => ({
    event: WORKER_EVENT_FOR_PAYEE[c.payeeKind].noticeEnded,
    key: `${c.id}:notice-ended`,
    personId: c.personId,
    vars: { noticeEnded: c.noticeLastDay, payeeName: c.payeeName ?? '—' },
    link: '/results',
  }));
}

/** One day's reminders (the job's run; again on the same day writes nothing new). */
export async function runReminders(
  db: Db,
  today: string = businessDate(clockNow()),
): Promise<{ expiring: number; tomorrow: number; reportsDue: number; noticesEnded: number }> {
  return db.tx(async (tx) => {
    const e = await expiring(tx, today);
    const s = await startingTomorrow(tx, today);
    const r = await reportsDue(tx, today);
    const n = await noticesEnded(tx, today);
    await notifyMany(tx, [...e, ...s, ...r, ...n]);
    return { expiring: e.length, tomorrow: s.length, reportsDue: r.length, noticesEnded: n.length };
  });
}
