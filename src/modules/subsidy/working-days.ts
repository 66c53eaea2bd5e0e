/** A claim's wait in working days (the queue's 已等待 N 个工作日): pure, on the notice's calendar rules. */
import { addDays } from '../../lib/time.js';
import { isWorkingDay, shanghaiDate, type CalendarDay } from './rules.js';

/**
 * How many working days a claim has waited (已等待 N 个工作日): the working days after the day it came in
 * (`submittedAt`'s Shanghai date) up to and including `now`'s — 0 on the day itself and until the next working
 * day begins (a claim of Friday evening has waited 1 working day on Monday). Holidays and make-up days as the
 * calendar marks them; a year not loaded counts Monday–Friday.
 */
export function workingDaysWaited(submittedAt: Date, now: Date, calendar: readonly CalendarDay[]): number {
  const overrides = new Map(calendar.map((c) => [c.date, c.kind] as const));
  const until = shanghaiDate(now);
  let n = 0;
  for (let d = addDays(shanghaiDate(submittedAt), 1); d <= until; d = addDays(d, 1)) if (isWorkingDay(d, overrides)) n++;
  return n;
}
