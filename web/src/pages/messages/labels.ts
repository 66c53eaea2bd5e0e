/** How a message reads on screen: its kind by name (never the API's event code) and its time in Shanghai. */
import type { TFunction, i18n as I18n } from 'i18next';

/** The label of an event code ('voucher.issued' → 培训券发放); a code without a label reads as 通知 / Notice. */
export function eventLabel(t: TFunction, i18n: I18n, event: string): string {
  const key = `messages.event.${event}`;
  return i18n.exists(key) ? t(key) : t('messages.event.other');
}

const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** 今天 09:30 / 昨天 18:02 / 2026-12-01 08:00 — in Shanghai time, whatever the device's zone. */
export function messageTime(t: TFunction, iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const time = hm.format(d);
  const that = day.format(d);
  if (that === day.format(now)) return t('messages.today', { t: time });
  if (that === day.format(new Date(now.getTime() - 86_400_000))) return t('messages.yesterday', { t: time });
  return `${that} ${time}`;
}

/** A message's link is followed only when it is an in-app path this shell has a page for. */
export interface LinkableRoute {
  path: string;
  ops: string[];
  roles?: string[];
  match?: (path: string) => boolean;
}

export function canOpen(link: string | null, routes: LinkableRoute[], ops: Set<string>, role: string): boolean {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return false;
  const path = link.split(/[?#]/)[0]!;
  return routes.some((r) => (r.match ? r.match(path) : r.path === path) && r.ops.every((o) => ops.has(o)) && (!r.roles || r.roles.includes(role)));
}
