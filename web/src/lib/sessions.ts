/** How a trainee's session reads on the phone (issue 15, item 13): pure, so it is tested in tests/web. */

export type SessionMark = 'attended' | 'flagged' | 'rejected' | 'absent';
export type SessionState = 'attended' | 'flagged' | 'rejected' | 'absent' | 'upcoming' | 'due';

/** A session as the attendance sheet serves it: its start and its check-in window (the server's own, both edges inclusive). */
export interface SessionTimes {
  startsAt: string;
  checkInOpensAt: string;
  checkInClosesAt: string;
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const shanghaiTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export interface SessionView {
  state: SessionState;
  /** The session is on today's Shanghai date. */
  today: boolean;
  /** The server would accept a check-in now: inside the window, not checked in yet. */
  canCheckIn: boolean;
  /** When check-in opens, while that is still ahead and the session not checked in (ISO); else null. */
  opensAt: string | null;
}

/**
 * A session as the trainee sees it: checked in (出勤/待复核/无效) as marked; not started yet → 未开始, with the
 * check-in button from the instant the window opens (before that: when it opens); started, window still open and
 * not checked in → 待签到 (button); once the window has closed without a check-in → 缺勤. The window is the
 * server's (the programme's minutes before and after the start), so the button is offered exactly when a
 * check-in would be accepted.
 */
export function sessionView(s: SessionTimes, mark: SessionMark, now: number): SessionView {
  const start = new Date(s.startsAt).getTime();
  const opens = new Date(s.checkInOpensAt).getTime();
  const closes = new Date(s.checkInClosesAt).getTime();
  const today = shanghaiDay.format(new Date(start)) === shanghaiDay.format(new Date(now));
  if (mark !== 'absent') return { state: mark, today, canCheckIn: false, opensAt: null };
  // the window opens at or before the start and closes at or after it
  if (now < opens) return { state: 'upcoming', today, canCheckIn: false, opensAt: s.checkInOpensAt };
  if (now <= closes) return { state: start > now ? 'upcoming' : 'due', today, canCheckIn: true, opensAt: null };
  return { state: 'absent', today, canCheckIn: false, opensAt: null };
}

/**
 * The next instant after `now` at which some session's view changes (a window opens or closes, a session
 * starts, a Shanghai day begins), so the screen redraws then — the button appears when the window opens, not
 * at the next reload. Null: nothing ahead.
 */
export function nextChangeAt(sessions: readonly SessionTimes[], now: number): number | null {
  let next: number | null = null;
  const consider = (t: number) => {
    if (t > now && (next === null || t < next)) next = t;
  };
  for (const s of sessions) {
    consider(new Date(s.checkInOpensAt).getTime());
    // the window is inclusive of its closing instant: the view changes just after it
    consider(new Date(s.checkInClosesAt).getTime() + 1);
    consider(new Date(s.startsAt).getTime());
  }
  // today's highlight moves at Shanghai midnight (UTC+8, no daylight saving)
  const day = 86_400_000;
  const offset = 8 * 3_600_000;
  consider(Math.floor((now + offset) / day) * day + day - offset);
  return next;
}

/** When a window opens, as the screen says it (Shanghai): HH:mm on the same day as `now`, else YYYY-MM-DD HH:mm. */
export function opensLabel(opensAt: string, now: number): string {
  const d = new Date(opensAt);
  const time = shanghaiTime.format(d);
  return shanghaiDay.format(d) === shanghaiDay.format(new Date(now)) ? time : `${shanghaiDay.format(d)} ${time}`;
}
