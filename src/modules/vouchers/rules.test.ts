import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  OPEN_STATES,
  TERMINAL_STATES,
  TRANSITIONS,
  VOUCHER_EVENTS,
  VOUCHER_STATES,
  addMonths,
  allowedFrom,
  expiryCutoff,
  formatVoucherNumber,
  isAllowed,
  isWithinValidity,
  makeVoucherNumber,
  mod112CheckChar,
  nextState,
  parseVoucherNumber,
  validityEnd,
  validityFor,
  validThrough,
  type VoucherEvent,
  type VoucherKind,
  type VoucherStatus,
} from './rules.js';
import { idCheckChar } from '../../lib/identifiers.js';

describe('state machine', () => {
  it.each<[VoucherStatus, VoucherEvent, VoucherKind, VoucherStatus | null]>([
    ['issued', 'admit', 'subsidy', 'admitted'],
    ['admitted', 'withdraw', 'subsidy', 'issued'],
    ['admitted', 'open_class', 'subsidy', 'in_training'],
    ['in_training', 'pass', 'subsidy', 'assessed'],
    ['in_training', 'fail', 'subsidy', 'closed'],
    ['assessed', 'approve', 'subsidy', 'approved'],
    ['approved', 'pay', 'subsidy', 'settled'],
    ['issued', 'expire', 'subsidy', 'expired'],
    ['issued', 'revoke', 'subsidy', 'revoked'],
    ['issued', 'admit', 'checkin_only', 'admitted'],
    ['admitted', 'open_class', 'checkin_only', 'in_training'],
    ['in_training', 'complete', 'checkin_only', 'completed'],
    // refused
    ['in_training', 'complete', 'subsidy', null],
    ['in_training', 'pass', 'checkin_only', null],
    ['issued', 'pay', 'subsidy', null],
    ['admitted', 'expire', 'subsidy', null],
    ['admitted', 'revoke', 'subsidy', null],
    ['assessed', 'withdraw', 'subsidy', null],
    ['settled', 'revoke', 'subsidy', null],
    ['expired', 'admit', 'subsidy', null],
    ['revoked', 'admit', 'checkin_only', null],
    ['closed', 'approve', 'subsidy', null],
    ['completed', 'admit', 'checkin_only', null],
  ])('%s --%s (%s)--> %s', (from, ev, kind, to) => {
    expect(nextState(from, ev, kind)).toBe(to);
  });

  it('terminal states never move', () => {
    for (const s of TERMINAL_STATES)
      for (const e of VOUCHER_EVENTS) for (const k of ['subsidy', 'checkin_only'] as const) expect(nextState(s, e, k)).toBeNull();
  });

  it('every target state has exactly one source state per kind, but closed (fail, or a rejected claim) — whose callers name the source', () => {
    for (const to of VOUCHER_STATES)
      for (const k of ['subsidy', 'checkin_only'] as const) {
        const from = allowedFrom(to, k);
        if (to === 'closed' && k === 'subsidy') expect(from.sort()).toEqual(['approved', 'assessed', 'in_training']);
        else expect(from.length).toBeLessThanOrEqual(1);
      }
  });

  it('open and terminal partition the states', () => {
    expect([...OPEN_STATES, ...TERMINAL_STATES].sort()).toEqual([...VOUCHER_STATES].sort());
  });

  it('property: random sequences of transition attempts never leave the table', () => {
    fc.assert(
      fc.property(fc.constantFrom<VoucherKind>('subsidy', 'checkin_only'), fc.array(fc.constantFrom(...VOUCHER_EVENTS), { maxLength: 40 }), (kind, events) => {
        let s: VoucherStatus = 'issued';
        for (const e of events) {
          const n = nextState(s, e, kind);
          if (n === null) continue;
          // the step taken is a row of the table, never out of a terminal state
          expect(isAllowed(s, n, kind)).toBe(true);
          expect(TERMINAL_STATES).not.toContain(s);
          expect(TRANSITIONS.some((t) => t.from === s && t.event === e && t.to === n && t.kinds.includes(kind))).toBe(true);
          s = n;
        }
        expect(VOUCHER_STATES).toContain(s);
        if (kind === 'checkin_only') expect(['assessed', 'approved', 'settled', 'closed']).not.toContain(s);
        else expect(s).not.toBe('completed');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('voucher number (ISO 7064 MOD 11-2)', () => {
  it('uses the same check as the resident ID number', () => {
    expect(mod112CheckChar('11010519491231002')).toBe(idCheckChar('11010519491231002'));
    expect(mod112CheckChar('11010519491231002')).toBe('X');
  });
  it('builds and validates a number', () => {
    const n = makeVoucherNumber('2611', '310115', 42);
    expect(n).toMatch(/^SV261131011500000042[\dX]$/);
    expect(parseVoucherNumber(n)).toBe(n);
    expect(parseVoucherNumber(formatVoucherNumber(n).toLowerCase())).toBe(n);
  });
  it.each(['', 'SV', 'XX26113101150000004 21', 'SV2611310115000000421X', 'SV26113101150000004'])('refuses malformed %j', (s) => {
    expect(parseVoucherNumber(s)).toBeNull();
  });
  it('property: any single wrong digit is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 2, max: 19 }), fc.integer({ min: 1, max: 9 }), (serial, pos, delta) => {
        const n = makeVoucherNumber('2611', '310115', serial);
        const d = Number(n[pos]);
        const wrong = n.slice(0, pos) + String((d + delta) % 10) + n.slice(pos + 1);
        expect(parseVoucherNumber(wrong)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
  it('property: swapping two different adjacent digits is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 2, max: 18 }), (serial, pos) => {
        const n = makeVoucherNumber('2612', '310104', serial);
        if (n[pos] === n[pos + 1]) return;
        const swapped = n.slice(0, pos) + n[pos + 1] + n[pos] + n.slice(pos + 2);
        expect(parseVoucherNumber(swapped)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validity in Asia/Shanghai', () => {
  it.each([
    ['2026-11-26', 3, '2027-02-26'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-31', 24, '2028-12-31'],
  ])('%s + %i months = %s', (d, m, want) => {
    expect(addMonths(d, m)).toBe(want);
  });
  // Validity is exactly the configured months, the issue day included: through the day before the same
  // day-of-month; when the month has no such day, through that month's last day (民法典 第二百零二条).
  it.each([
    ['2026-01-10', 3, '2026-04-09'],
    ['2026-01-01', 12, '2026-12-31'],
    ['2026-03-01', 1, '2026-03-31'],
    ['2026-11-26', 3, '2027-02-25'],
    ['2026-11-28', 3, '2027-02-27'],
    ['2026-11-29', 3, '2027-02-28'], // 2027-02-29 does not exist
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'], // leap year
    ['2027-11-29', 3, '2028-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-31', 24, '2028-12-30'],
    ['2026-12-01', 3, '2027-02-28'],
  ])('issued %s with %i months → valid through %s', (d, m, want) => {
    expect(validThrough(d, m)).toBe(want);
  });
  it('a validity period is never longer than its months, and a later start never ends earlier', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (at, m) => {
          const from = at.toISOString().slice(0, 10);
          const next = new Date(at.getTime() + 86_400_000).toISOString().slice(0, 10);
          const last = validThrough(from, m);
          expect(last <= addMonths(from, m)).toBe(true); // never past the same day (clamped) m months on
          expect(last.slice(0, 7) >= addMonths(from, m - 1).slice(0, 7)).toBe(true);
          expect(last >= from).toBe(true);
          expect(validThrough(next, m) >= last).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('the issue date is the Shanghai date (23:30 UTC is the next day in Shanghai)', () => {
    expect(validityFor(new Date('2026-11-26T23:30:00Z'), 3)).toEqual({ validFrom: '2026-11-27', validUntil: '2027-02-26' });
    expect(validityFor(new Date('2026-11-26T15:59:59Z'), 3)).toEqual({ validFrom: '2026-11-26', validUntil: '2027-02-25' });
    expect(validityFor(new Date('2026-01-09T16:00:00Z'), 3)).toEqual({ validFrom: '2026-01-10', validUntil: '2026-04-09' });
  });
  it('usable to the end of valid_until in Shanghai', () => {
    expect(validityEnd('2026-11-30').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(isWithinValidity('2026-11-30', new Date('2026-11-30T15:59:59Z'))).toBe(true);
    expect(isWithinValidity('2026-11-30', new Date('2026-11-30T16:00:00Z'))).toBe(false);
  });
  it('the expiry cut-off is the Shanghai date of the run', () => {
    expect(expiryCutoff(new Date('2026-11-30T16:05:00Z'))).toBe('2026-12-01');
    expect(expiryCutoff(new Date('2026-11-30T15:55:00Z'))).toBe('2026-11-30');
  });
});
