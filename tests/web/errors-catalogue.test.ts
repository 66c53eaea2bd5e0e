/** The web app shows every API error code as a sentence in both languages: no server code may be missing. */
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/lib/errors';
import { errorMessages } from '../../web/src/i18n/errors';
import { fen, yuanToFen, date } from '../../web/src/lib/format';

describe('web error catalogue', () => {
  it.each(Object.keys(ErrorCodes))('%s has a zh-CN and an English sentence', (code) => {
    const m = errorMessages[code];
    expect(m?.zh.length).toBeGreaterThan(3);
    expect(m?.en.length).toBeGreaterThan(3);
  });
});

describe('web display formats', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123450, '¥1,234.50'],
    [-100, '-¥1.00'],
    [100000000, '¥1,000,000.00'],
  ])('fen %d shows as %s', (v, s) => expect(fen(v)).toBe(s));
  it.each([
    ['1,234.5', 123450],
    ['0.07', 7],
    ['12', 1200],
    ['1.234', null],
  ])('typed yuan %s is %s fen', (v, f) => expect(yuanToFen(v)).toBe(f));
  it('dates are Asia/Shanghai calendar days', () => {
    expect(date('2026-11-26T16:30:00Z')).toBe('2026-11-27');
    expect(date('2026-11-26')).toBe('2026-11-26');
  });
});
