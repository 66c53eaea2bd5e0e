/**
 * Issue 20 §1, the web side: how a message reads — its kind by a Chinese name (never the API's code), its time in
 * Shanghai whatever the device's zone, and its link followed only to a page the shell has for the reader.
 */
import { describe, expect, it } from 'vitest';
import i18n from '../../web/src/i18n';
import { canOpen, eventLabel, messageTime, type LinkableRoute } from '../../web/src/pages/messages/labels';
import { messagesStrings } from '../../web/src/i18n/strings-messages';
import { EVENTS } from '../../src/modules/messages/index';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

describe('message labels', () => {
  it('an event code reads as its name; an unknown one as 通知, never as the code', () => {
    expect(eventLabel(zh, i18n, 'voucher.issued')).toBe('培训券发放');
    expect(eventLabel(en, i18n, 'voucher.issued')).toBe('Voucher issued');
    expect(eventLabel(zh, i18n, 'payment.paid')).toBe('补贴已到账');
    expect(eventLabel(zh, i18n, 'something.new')).toBe('通知');
    expect(eventLabel(en, i18n, 'something.new')).toBe('Notice');
  });

  it('every event the messages module sends has a Chinese and an English name, and no name is left for an event that is gone', () => {
    const labelled = Object.keys(messagesStrings)
      .filter((k) => k.startsWith('messages.event.') && k !== 'messages.event.other')
      .map((k) => k.slice('messages.event.'.length))
      .sort();
    expect(labelled).toEqual(Object.keys(EVENTS).sort());
    for (const code of Object.keys(EVENTS)) {
      expect(eventLabel(zh, i18n, code), code).toMatch(/^[\u4e00-\u9fff（）\d ]+$/);
      expect(eventLabel(en, i18n, code), code).not.toBe('Notice');
    }
  });

  it('every zh-CN string of the messages pages is Chinese (no English word, no code) and has an English twin', () => {
    for (const [key, [cn, eng]] of Object.entries(messagesStrings)) {
      expect(cn.replace(/\{\{\w+\}\}/g, ''), key).not.toMatch(/[A-Za-z]{2,}/);
      expect(cn.length, key).toBeGreaterThan(0);
      expect(eng.length, key).toBeGreaterThan(0);
    }
  });

  it.each([
    // [message time, "now", expected zh-CN] — all instants fixed, Shanghai is UTC+8
    ['2026-12-07T01:30:00Z', '2026-12-07T04:00:00Z', '今天 09:30'],
    ['2026-12-06T15:59:00Z', '2026-12-07T04:00:00Z', '昨天 23:59'],
    ['2026-12-06T16:00:00Z', '2026-12-07T04:00:00Z', '今天 00:00'], // midnight in Shanghai is 16:00 UTC the day before
    ['2026-12-05T15:59:00Z', '2026-12-07T04:00:00Z', '2026-12-05 23:59'],
    ['2026-11-30T23:05:00Z', '2026-12-07T04:00:00Z', '2026-12-01 07:05'],
  ])('%s at %s reads %s (Shanghai time)', (at, now, want) => {
    expect(messageTime(zh, at, new Date(now))).toBe(want);
  });

  it('an unreadable time reads as a dash', () => {
    expect(messageTime(zh, 'not a time', new Date('2026-12-07T04:00:00Z'))).toBe('—');
  });

  const routes: LinkableRoute[] = [
    { path: '/vouchers', ops: ['listMyVouchers'] },
    { path: '/vouchers/:id', ops: ['getVoucher'], match: (p) => /^\/vouchers\/[0-9a-f-]{36}$/.test(p) },
    { path: '/claims', ops: ['listClaims'], roles: ['city_admin'] },
  ];
  const ops = new Set(['listMyVouchers', 'getVoucher', 'listClaims']);
  const id = '0b7c1a52-57a4-4f0e-9d1c-5a3f0e2b9c11';

  it.each([
    [`/vouchers/${id}`, 'worker', true],
    ['/vouchers', 'worker', true],
    [`/vouchers/${id}?from=msg`, 'worker', true],
    ['/vouchers/not-an-id', 'worker', false],
    ['/claims', 'worker', false], // a page of another role
    ['/claims', 'city_admin', true],
    ['//evil.example/vouchers', 'worker', false], // not an in-app path
    ['https://evil.example/', 'worker', false],
    [null, 'worker', false],
  ] as const)('link %s for %s → %s', (link, role, want) => {
    expect(canOpen(link, routes, ops, role)).toBe(want);
  });

  it('a page whose API the server does not offer is not followed', () => {
    expect(canOpen(`/vouchers/${id}`, routes, new Set(['listMyVouchers']), 'worker')).toBe(false);
  });
});
