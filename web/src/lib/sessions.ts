/** How a trainee's session reads on the phone (issue 15, item 13): pure, so it is tested in tests/web. */

export type SessionMark = 'attended' | 'flagged' | 'rejected' | 'absent';
export type SessionState = 'attended' | 'flagged' | 'rejected' | 'absent' | 'upcoming' | 'due';

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** How near a session's start the check-in button is offered (the server decides the real window). */
export const CHECKIN_OFFER_MS = 3 * 3_600_000;

/**
 * A session as the trainee sees it: checked in (出勤/待复核/无效) as marked; not started yet → 未开始 (with the
 * check-in button when it starts within 3 hours); started within the last 3 hours and not checked in → 待签到;
 * only a session further in the past without a check-in is 缺勤. `today`: the session is on today's Shanghai date.
 */
export function sessionView(startsAt: string, mark: SessionMark, now: number): { state: SessionState; today: boolean; canCheckIn: boolean } {
  const start = new Date(startsAt).getTime();
  const today = shanghaiDay.format(new Date(start)) === shanghaiDay.format(new Date(now));
  const soon = Math.abs(start - now) < CHECKIN_OFFER_MS;
  if (mark !== 'absent') return { state: mark, today, canCheckIn: false };
  if (start > now) return { state: 'upcoming', today, canCheckIn: soon };
  return soon ? { state: 'due', today, canCheckIn: true } : { state: 'absent', today, canCheckIn: false };
}
