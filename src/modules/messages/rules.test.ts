/** The messages' pure rules, table-driven: quiet hours, back-off, the templates' variables, rendering. */
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  assertTemplates,
  backoffMs,
  EVENTS,
  MAX_ATTEMPTS,
  nextSmsSlot,
  render,
  smsText,
  templateProblems,
  TEMPLATES,
  WORKER_EVENT_FOR_PAYEE,
  yuan,
} from './rules.js';

const at = (s: string) => new Date(s);

describe('nextSmsSlot (quiet hours 22:00–08:00 Shanghai: delayed to 08:00, never dropped)', () => {
  it.each([
    ['mid-morning: now', '2026-12-08T10:15:00+08:00', '2026-12-08T10:15:00+08:00'],
    ['08:00 exactly: now', '2026-12-08T08:00:00+08:00', '2026-12-08T08:00:00+08:00'],
    ['21:59:59: now', '2026-12-08T21:59:59+08:00', '2026-12-08T21:59:59+08:00'],
    ['22:00 exactly: next morning 08:00', '2026-12-08T22:00:00+08:00', '2026-12-09T08:00:00+08:00'],
    ['23:30: next morning', '2026-12-08T23:30:00+08:00', '2026-12-09T08:00:00+08:00'],
    ['00:00: this morning', '2026-12-09T00:00:00+08:00', '2026-12-09T08:00:00+08:00'],
    ['07:59:59: this morning', '2026-12-09T07:59:59+08:00', '2026-12-09T08:00:00+08:00'],
    ['23:00 on the last day of the year: 1 January 08:00', '2026-12-31T23:00:00+08:00', '2027-01-01T08:00:00+08:00'],
    ['23:00 on 28 February: 1 March', '2027-02-28T23:00:00+08:00', '2027-03-01T08:00:00+08:00'],
    ['15:00 UTC is 23:00 in Shanghai', '2026-12-08T15:00:00Z', '2026-12-09T08:00:00+08:00'],
  ])('%s', (_, now, want) => {
    expect(nextSmsSlot(at(now)).toISOString()).toBe(at(want).toISOString());
  });
});

describe('afterFailure (back-off, dead letter)', () => {
  const noon = at('2026-12-08T12:00:00+08:00');
  it.each([
    [1, false, 'inbox', '2026-12-08T12:00:30+08:00'],
    [2, false, 'inbox', '2026-12-08T12:02:00+08:00'],
    [3, false, 'sms', '2026-12-08T12:08:00+08:00'],
    [4, false, 'sms', '2026-12-08T12:32:00+08:00'],
  ] as const)('after %i failed attempt(s) the next is later', (n, permanent, channel, want) => {
    expect(afterFailure(n, permanent, noon, channel)).toEqual({ dead: false, nextAt: at(want) });
  });
  it('the last attempt and a refusal go to the dead-letter list', () => {
    expect(afterFailure(MAX_ATTEMPTS, false, noon, 'sms')).toEqual({ dead: true });
    expect(afterFailure(1, true, noon, 'sms')).toEqual({ dead: true });
  });
  it('an SMS retry that falls in the quiet hours waits for 08:00', () => {
    expect(afterFailure(4, false, at('2026-12-08T21:40:00+08:00'), 'sms')).toEqual({ dead: false, nextAt: at('2026-12-09T08:00:00+08:00') });
    expect(afterFailure(4, false, at('2026-12-08T21:40:00+08:00'), 'inbox')).toEqual({ dead: false, nextAt: at('2026-12-08T22:12:00+08:00') });
  });
  it('back-off grows ×4', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 120_000, 480_000, 1_920_000]);
  });
});

describe('templates', () => {
  it('every event has zh-CN and English templates using exactly its variables', () => {
    expect(templateProblems(EVENTS, TEMPLATES)).toEqual([]);
    expect(() => assertTemplates(EVENTS, TEMPLATES)).not.toThrow();
  });
  it.each([
    [
      'a declared variable unused',
      { e: { vars: ['a', 'b'], essential: true } },
      { e: { 'zh-CN': { title: 't', body: '{a}' }, en: { title: 't', body: '{a} {b}' } } },
      ['e (zh-CN): {b} declared but not used'],
    ],
    [
      'an undeclared variable used',
      { e: { vars: ['a'], essential: true } },
      { e: { 'zh-CN': { title: '{x}', body: '{a}' }, en: { title: 't', body: '{a}' } } },
      ['e (zh-CN): {x} used but not declared'],
    ],
    ['no English template', { e: { vars: [], essential: true } }, { e: { 'zh-CN': { title: 't', body: 'b' } } }, ['e (en): no template']],
    ['an event without templates', { e: { vars: [], essential: true } }, {}, ['e: no template']],
    ['a template of no event', {}, { x: { 'zh-CN': { title: 't', body: 'b' }, en: { title: 't', body: 'b' } } }, ['x: template of no event']],
  ])('a mismatch fails the start-up: %s', (_, events, templates, problems) => {
    expect(templateProblems(events, templates as never)).toEqual(problems);
    expect(() => assertTemplates(events, templates as never)).toThrow(/message templates do not match/);
  });
  it('renders in the reader’s language', () => {
    const vars = { amountYuan: yuan(123456), accountTail: '1234' };
    expect(render('payment.paid', vars, 'zh-CN')).toEqual({ title: '补贴已到账', body: '培训补贴 1,234.56 元已发放至尾号 1234 的账户。' });
    expect(render('payment.paid', vars, 'en').body).toBe('A subsidy of 1,234.56 yuan has been paid to the account ending 1234.');
    expect(smsText('claim.rejected', { reason: '证书未核验' })).toBe(
      '【上海职业培训券】补贴申请未通过：您的培训补贴申请未通过，原因：证书未核验。如有异议，可提出申诉。',
    );
  });
  const payee = { amountYuan: '1,500.00', accountTail: '6789', payeeName: '上海甲精密制造有限公司', noticeEnded: '2026-12-07', reason: '账户已销户' };
  it.each([
    // [payee kind, step, event, zh-CN body]
    ['person', 'paid', 'payment.paid', '培训补贴 1,500.00 元已发放至尾号 6789 的账户。'],
    ['enterprise', 'paid', 'payment.paid_to_employer', '培训补贴 1,500.00 元已按规定发放至用人单位（上海甲精密制造有限公司）尾号 6789 的账户。'],
    ['provider', 'paid', 'payment.paid_to_provider', '培训补贴 1,500.00 元已按规定发放至培训机构（上海甲精密制造有限公司）尾号 6789 的账户。'],
    ['person', 'noticeEnded', 'claim.notice_ended', '您的培训补贴公示期已于 2026-12-07 结束，将在下一个拨付批次中转账至您的账户。'],
    [
      'enterprise',
      'noticeEnded',
      'claim.notice_ended_employer',
      '您的培训补贴公示期已于 2026-12-07 结束，将在下一个拨付批次中按规定拨付至用人单位（上海甲精密制造有限公司）。',
    ],
    [
      'provider',
      'noticeEnded',
      'claim.notice_ended_provider',
      '您的培训补贴公示期已于 2026-12-07 结束，将在下一个拨付批次中按规定拨付至培训机构（上海甲精密制造有限公司）。',
    ],
    [
      'enterprise',
      'failed',
      'payment.failed_to_employer',
      '您的培训补贴拨付至用人单位（上海甲精密制造有限公司）的账户未成功（账户已销户），单位更正银行账户后将重新发放，您无需办理；如有疑问请拨打 12333。',
    ],
  ] as const)('the worker’s message when %s is paid (%s): %s names who receives the money', (kind, step, event, body) => {
    expect(WORKER_EVENT_FOR_PAYEE[kind][step]).toBe(event);
    expect(render(event, payee, 'zh-CN').body).toBe(body);
    if (kind !== 'person') {
      expect(render(event, payee, 'zh-CN').body).not.toContain('您的账户');
      expect(render(event, payee, 'en').body).toContain('上海甲精密制造有限公司');
      expect(render(event, payee, 'en').body).not.toContain('your account');
    }
  });
  it('the organisation paid is told the claim, the trainee masked, the amount and the account, or the reason and what to do', () => {
    const vars = { claimNo: 'SC2026000123', trainee: '张*三', amountYuan: '1,500.00', accountTail: '6789', reason: '账户已销户' };
    expect(render('payment.paid_to_org', vars, 'zh-CN')).toEqual({
      title: '补贴到账',
      body: '补贴到账：申请编号 SC2026000123，学员 张*三，金额 1,500.00 元，已发放至尾号 6789 的账户。',
    });
    expect(render('payment.failed_to_org', vars, 'zh-CN').body).toMatch(
      /^申请编号 SC2026000123（学员 张\*三，金额 1,500\.00 元）的补贴未能发放至本单位账户（账户已销户）。请尽快.*正确的开户银行和账号/,
    );
    expect(render('payment.failed_to_org', vars, 'en').body).toContain('correct bank and account number');
  });
  it('yuan from fen', () => {
    expect([0, 5, 100, 150_000, 100_000_000, -250].map(yuan)).toEqual(['0.00', '0.05', '1.00', '1,500.00', '1,000,000.00', '-2.50']);
  });
});
