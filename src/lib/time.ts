/**
 * The one business time of the platform: Asia/Shanghai (UTC+8, no daylight saving since 1991). Every
 * business date (a deadline's day, a voucher's validity, a notice's working days, a report's date range)
 * is computed here; the instant "now" comes from src/lib/clock.ts.
 */
import { now as clockNow } from './clock.js';

export const BUSINESS_TZ = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(date: string): { y: number; m: number; d: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw new RangeError(`no such calendar date: ${date}`);
  return { y, m: mo, d };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Calendar arithmetic on a YYYY-MM-DD date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const { y, m, d } = parseIsoDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

const partsFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** China has kept UTC+8 without daylight saving since 1991-09-15 (the last DST period ended then). */
const FIXED_OFFSET_SINCE = Date.UTC(1991, 8, 16);
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function wallClock(instant: Date): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const t = instant.getTime();
  if (t >= FIXED_OFFSET_SINCE && BUSINESS_TZ === 'Asia/Shanghai') {
    // The hot paths (admission, verify, check-in) ask this on every request: plain arithmetic, same answer.
    const w = new Date(t + SHANGHAI_OFFSET_MS);
    return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate(), h: w.getUTCHours(), mi: w.getUTCMinutes(), s: w.getUTCSeconds() };
  }
  const p: Record<string, number> = {};
  for (const part of partsFmt.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** The Asia/Shanghai calendar date of an instant. */
export function businessDate(instant: Date): string {
  const w = wallClock(instant);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
}

/** Offset (ms) of Asia/Shanghai from UTC at an instant. */
function zoneOffsetMs(instant: Date): number {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the Asia/Shanghai wall clock shows `date` `hh:mm:ss.mmm`. */
export function businessInstant(date: string, h: number, mi: number, s: number, ms: number): Date {
  const { y, m, d } = parseIsoDate(date);
  const naive = Date.UTC(y, m - 1, d, h, mi, s, ms);
  // Two passes settle any offset change near the wall time (Shanghai has none since 1991, but stay honest).
  let t = naive - zoneOffsetMs(new Date(naive));
  t = naive - zoneOffsetMs(new Date(t));
  return new Date(t);
}

/** Today's business date, 'YYYY-MM-DD', by the application's clock. */
export const today = (): string => businessDate(clockNow());

/** 'YYYY-MM-DD HH:mm:ss' wall-clock time in Asia/Shanghai. */
export function shanghaiLocal(instant: Date): string {
  const w = wallClock(instant);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}

/** The business year of an instant. */
export const businessYear = (instant: Date = clockNow()): number => Number(businessDate(instant).slice(0, 4));

/** The first instant of a business date (00:00 Shanghai). */
export const startOfBusinessDay = (date: string): Date => businessInstant(date, 0, 0, 0, 0);
