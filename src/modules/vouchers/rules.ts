/**
 * Pure voucher rules: the lifecycle state machine (DESIGN.md §3) as a table of allowed transitions, the
 * voucher number (券号) with its ISO 7064 MOD 11-2 check character, and validity arithmetic in
 * Asia/Shanghai. No I/O here.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { now as clockNow } from '../../lib/clock.js';
import { BUSINESS_TZ, addDays, businessDate, startOfBusinessDay } from '../../lib/time.js';

dayjs.extend(utc);

/** The business time zone (src/lib/time.ts). */
export const TZ = BUSINESS_TZ;

export const VOUCHER_STATES = ['issued', 'admitted', 'in_training', 'assessed', 'approved', 'settled', 'closed', 'expired', 'revoked', 'completed'] as const;
export type VoucherStatus = (typeof VOUCHER_STATES)[number];
export type VoucherKind = 'subsidy' | 'checkin_only';

/** Open = counts against "one open subsidy voucher per programme per person". */
export const OPEN_STATES: readonly VoucherStatus[] = ['issued', 'admitted', 'in_training', 'assessed', 'approved'];
/** Terminal states never move again. */
export const TERMINAL_STATES: readonly VoucherStatus[] = ['settled', 'closed', 'expired', 'revoked', 'completed'];

export const VOUCHER_EVENTS = ['admit', 'withdraw', 'open_class', 'pass', 'fail', 'approve', 'pay', 'reject', 'expire', 'revoke', 'complete'] as const;
export type VoucherEvent = (typeof VOUCHER_EVENTS)[number];

export interface Transition {
  event: VoucherEvent;
  from: VoucherStatus;
  to: VoucherStatus;
  kinds: readonly VoucherKind[];
}

const BOTH: readonly VoucherKind[] = ['subsidy', 'checkin_only'];
const SUBSIDY: readonly VoucherKind[] = ['subsidy'];
const CHECKIN: readonly VoucherKind[] = ['checkin_only'];

/**
 * The table of allowed transitions (DESIGN.md §3):
 * issued ─admit─▶ admitted ─class opens─▶ in_training ─pass─▶ assessed ─approve─▶ approved ─paid─▶ settled;
 * in_training ─fail─▶ closed; admitted ─withdraw (before the roster deadline)─▶ issued;
 * issued ─validity passed─▶ expired; issued ─revoke─▶ revoked;
 * checkin_only: issued ─admit─▶ admitted ─opens─▶ in_training ─class ends─▶ completed.
 */
export const TRANSITIONS: readonly Transition[] = [
  { event: 'admit', from: 'issued', to: 'admitted', kinds: BOTH },
  { event: 'withdraw', from: 'admitted', to: 'issued', kinds: BOTH },
  { event: 'open_class', from: 'admitted', to: 'in_training', kinds: BOTH },
  { event: 'pass', from: 'in_training', to: 'assessed', kinds: SUBSIDY },
  { event: 'fail', from: 'in_training', to: 'closed', kinds: SUBSIDY },
  { event: 'approve', from: 'assessed', to: 'approved', kinds: SUBSIDY },
  { event: 'pay', from: 'approved', to: 'settled', kinds: SUBSIDY },
  // a reviewer rejects the claim (or a claim approved, held or failed at the bank is finally rejected)
  { event: 'reject', from: 'assessed', to: 'closed', kinds: SUBSIDY },
  { event: 'reject', from: 'approved', to: 'closed', kinds: SUBSIDY },
  { event: 'expire', from: 'issued', to: 'expired', kinds: BOTH },
  { event: 'revoke', from: 'issued', to: 'revoked', kinds: BOTH },
  { event: 'complete', from: 'in_training', to: 'completed', kinds: CHECKIN },
];

/** The next state for an event, or null when the table does not allow it. */
export function nextState(from: VoucherStatus, event: VoucherEvent, kind: VoucherKind = 'subsidy'): VoucherStatus | null {
  const t = TRANSITIONS.find((x) => x.from === from && x.event === event && x.kinds.includes(kind));
  return t ? t.to : null;
}

/** States from which `to` may be reached (used by the conditional UPDATE … WHERE status = ANY(…)). */
export function allowedFrom(to: VoucherStatus, kind?: VoucherKind): VoucherStatus[] {
  return [...new Set(TRANSITIONS.filter((t) => t.to === to && (!kind || t.kinds.includes(kind))).map((t) => t.from))];
}

export function isAllowed(from: VoucherStatus, to: VoucherStatus, kind: VoucherKind): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.kinds.includes(kind));
}

export const isTerminal = (s: VoucherStatus): boolean => TERMINAL_STATES.includes(s);
export const isOpen = (s: VoucherStatus): boolean => OPEN_STATES.includes(s);

// ——— voucher number (券号) ———

/** ISO 7064 MOD 11-2 check character of a digit string (same scheme as the resident ID number). */
export function mod112CheckChar(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error('digits only');
  let s = 0;
  let w = 2; // weight of the right-most payload digit: 2^1 mod 11
  for (let i = digits.length - 1; i >= 0; i--) {
    s = (s + Number(digits[i]) * w) % 11;
    w = (w * 2) % 11;
  }
  return '10X98765432'[s]!;
}

export const VOUCHER_NUMBER_RE = /^SV(\d{4})(\d{6})(\d{8})([\dX])$/;

/** 'SV' + yymm + district (6) + serial (8, modulo 10^8) + check: e.g. SV2611310115000000427. */
export function makeVoucherNumber(yymm: string, districtCode: string, serial: number): string {
  if (!/^\d{4}$/.test(yymm)) throw new Error('yymm must be 4 digits');
  if (!/^\d{6}$/.test(districtCode)) throw new Error('district must be 6 digits');
  const payload = `${yymm}${districtCode}${String(serial % 100_000_000).padStart(8, '0')}`;
  return `SV${payload}${mod112CheckChar(payload)}`;
}

/** Normalises a typed number (spaces, dashes, lower case); null when the format or the check character is wrong. */
export function parseVoucherNumber(raw: string): string | null {
  const v = raw.replace(/[\s-]/g, '').toUpperCase();
  const m = VOUCHER_NUMBER_RE.exec(v);
  if (!m) return null;
  const payload = `${m[1]}${m[2]}${m[3]}`;
  return mod112CheckChar(payload) === m[4] ? v : null;
}

/** Grouped for reading aloud / printing: SV 2611 310115 00000042 7. */
export const formatVoucherNumber = (n: string): string => {
  const m = VOUCHER_NUMBER_RE.exec(n);
  return m ? `SV ${m[1]} ${m[2]} ${m[3]} ${m[4]}` : n;
};

/** District part of a number: the voucher's district, or 000000 for a city-wide voucher without one. */
export const numberDistrict = (d: string | null | undefined): string => (d && /^\d{6}$/.test(d) ? d : '000000');

// ——— validity (Asia/Shanghai) ———

/** The business date in Shanghai, 'YYYY-MM-DD' (src/lib/time.ts `businessDate`). */
export function shanghaiDate(at: Date = clockNow()): string {
  return businessDate(at);
}

/** yymm of the Shanghai date, for the voucher number. */
export function shanghaiYymm(at: Date = clockNow()): string {
  const d = shanghaiDate(at);
  return `${d.slice(2, 4)}${d.slice(5, 7)}`;
}

/** Adds calendar months to a 'YYYY-MM-DD' date; the day is clamped to the month's end (11-30 + 3 → 02-28). */
export function addMonths(date: string, months: number): string {
  return dayjs.utc(`${date}T00:00:00Z`).add(months, 'month').format('YYYY-MM-DD');
}

/**
 * The last day of a period of `months` calendar months that starts on (and counts) `from`: the day before
 * the same day-of-month `months` later (01-10 + 3 → through 04-09). When that month has no such day the
 * period ends with the month (11-30 + 3 → through 02-28, or 02-29 in a leap year; 01-31 + 1 → 02-28) —
 * the Civil Code's rule (民法典 第二百零二条: 没有对应日的，月末日为期间的最后一日). Never longer than
 * `months` months, and a later start never ends earlier.
 */
export function validThrough(from: string, months: number): string {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a positive integer');
  const start = dayjs.utc(`${from}T00:00:00Z`);
  const same = start.add(months, 'month'); // clamped to the month's end when the day does not exist
  return (same.date() === start.date() ? same.subtract(1, 'day') : same).format('YYYY-MM-DD');
}

/**
 * Validity: exactly `months` months from the issue date (Shanghai), the issue day included (issued 01-10
 * with 3 months → valid through 04-09); the voucher is usable to the end of valid_until, Shanghai time.
 */
export function validityFor(issuedAt: Date, months: number): { validFrom: string; validUntil: string } {
  const validFrom = shanghaiDate(issuedAt);
  return { validFrom, validUntil: validThrough(validFrom, months) };
}

/** The instant a voucher stops being usable: 24:00 of valid_until in Shanghai. */
export function validityEnd(validUntil: string): Date {
  return startOfBusinessDay(addDays(validUntil, 1));
}

/** Still within validity at `at`? */
export const isWithinValidity = (validUntil: string, at: Date = clockNow()): boolean => at.getTime() < validityEnd(validUntil).getTime();

/**
 * The expiry cut-off as of Shanghai midnight: vouchers whose valid_until is before this date are void.
 * At 00:05 on 2026-12-01 Shanghai the cut-off is 2026-12-01 (valid_until 2026-11-30 is past).
 */
export const expiryCutoff = (at: Date = clockNow()): string => shanghaiDate(at);

/** The category snapshot (身份状态) stays valid 3 months from the issue date. */
export const CATEGORY_VALID_MONTHS = 3;
