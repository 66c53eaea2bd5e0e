/** The web app shows every API error code as a sentence in both languages: no server code may be missing. */
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/lib/errors';
import { errorMessages } from '../../web/src/i18n/errors';
import { strings } from '../../web/src/i18n/strings';
import { ADMIT_REASONS, ADMITTING_STATES, CLASS_STATES } from '../../src/modules/training/rules';
import { fen, yuanToFen, date } from '../../web/src/lib/format';

describe('web error catalogue', () => {
  it.each(Object.keys(ErrorCodes))('%s has a zh-CN and an English sentence', (code) => {
    const m = errorMessages[code];
    expect(m?.zh.length).toBeGreaterThan(3);
    expect(m?.en.length).toBeGreaterThan(3);
  });
});

describe('the desk’s reasons a voucher cannot be admitted', () => {
  // the verify answer lists them as codes; the class page shows each as a sentence (never the code)
  it.each(ADMIT_REASONS)('%s has a zh-CN and an English sentence', (reason) => {
    const [zh, en] = strings[`admit.reason.${reason}`] ?? ['', ''];
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toMatch(/[A-Z_]{4,}/);
    expect(en.length).toBeGreaterThan(3);
  });

  // the sentence names the class's real state (verify answers it), never a guess such as 已结班或已取消 for a class in training
  const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => v[k] ?? `{{${k}}}`);
  it.each(CLASS_STATES.filter((s) => !ADMITTING_STATES.includes(s)))('CLASS_NOT_ADMITTING for a %s class names that state and no other', (state) => {
    const [zh, en] = strings['admit.reason.CLASS_NOT_ADMITTING']!;
    const label = strings[`class.state.${state}`]!;
    const text = fill(zh, { state: label[0] });
    expect(text).toContain(`“${label[0]}”`);
    expect(text).not.toMatch(/\{\{/);
    for (const other of CLASS_STATES.filter((s) => s !== state && s !== 'draft')) expect(text).not.toContain(strings[`class.state.${other}`]![0]);
    expect(fill(en, { state: label[1] })).toContain(label[1]);
  });
  it.each(['admitted', 'in_training', 'assessed', 'revoked'])('VOUCHER_NOT_ISSUED for a voucher %s names its state', (status) => {
    const [zh, en] = strings['admit.reason.VOUCHER_NOT_ISSUED']!;
    const label = strings[`status.${status}`]!;
    expect(fill(zh, { status: label[0] })).toContain(`“${label[0]}”`);
    expect(fill(en, { status: label[1] })).toContain(label[1]);
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
