/**
 * The working-day calendar the public notice (公示) counts on: China's statutory holidays and make-up
 * working days, loaded a whole year at a time. 2025–2026 come with the install (a data migration from
 * data/holidays-cn.csv); a later year is imported from the same CSV format by the city admin (calendar page)
 * or on the command line (`skillvoucher calendar import FILE`). Past the last loaded year working days fall
 * back to Monday–Friday and a notice end so computed is provisional (暂定) until its year is loaded, when
 * the running notices are recomputed in the import's transaction.
 */
import type { z } from 'zod';
import { subsidyConfig } from '../../config.js';
import { lockKey, type Queryable, type Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import type { AuditActor } from '../audit/index.js';
import { requireRole, type Actor } from '../identity/index.js';
import { CITY_ADMIN, subjectOf } from './policy.js';
import type { CalendarImportSchema, CalendarStatusSchema } from './schemas.js';
import { calendarTodo, noticePeriod, parseCalendarCsv, shanghaiDate, type CalendarDay } from './rules.js';
import { now as clockNow } from '../../lib/clock.js';

/** The notice's length in working days (DESIGN §5: 5). */
export const NOTICE_WORKING_DAYS = subsidyConfig.noticeWorkingDays;

export interface LoadedCalendar {
  days: CalendarDay[];
  years: Set<number>;
}

/** The calendar as the notice rule takes it: the marked days and the years loaded as a whole. */
export async function loadCalendar(q: Queryable): Promise<LoadedCalendar> {
  const days = (await q.query<CalendarDay>("SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM subsidy_calendar")).rows;
  const years = (await q.query<{ year: number }>('SELECT year FROM subsidy_calendar_years')).rows.map((r) => Number(r.year));
  return { days, years: new Set(years) };
}

/** Which years the calendar holds, the last day it knows, the city admin's to-do (load `nextYear`, due from one month before the calendar runs out). */
export type CalendarStatus = z.infer<typeof CalendarStatusSchema>;
export type CalendarYear = CalendarStatus['years'][number];

/** Which years are loaded, and whether next year's calendar is due. */
export async function calendarStatus(q: Queryable, now = clockNow()): Promise<CalendarStatus> {
  const { rows } = await q.query<{ year: number; source: string; loaded_at: Date; holidays: number; workdays: number }>(
    `SELECT y.year, y.source, y.loaded_at,
            count(c.date) FILTER (WHERE c.kind = 'holiday')::int AS holidays,
            count(c.date) FILTER (WHERE c.kind = 'workday')::int AS workdays
       FROM subsidy_calendar_years y
       LEFT JOIN subsidy_calendar c ON c.date >= make_date(y.year, 1, 1) AND c.date < make_date(y.year + 1, 1, 1)
      GROUP BY y.year, y.source, y.loaded_at ORDER BY y.year`,
  );
  const years = rows.map((r) => ({
    year: Number(r.year),
    days: r.holidays + r.workdays,
    holidays: r.holidays,
    workdays: r.workdays,
    source: r.source,
    loadedAt: r.loaded_at.toISOString(),
  }));
  const t = calendarTodo(
    years.map((y) => y.year),
    shanghaiDate(now),
  );
  return { years, lastDay: t.lastDay, todo: { due: t.due, nextYear: t.nextYear, dueFrom: t.dueFrom } };
}

/** What an import loaded; noticesRecomputed: running notices whose provisional last day was counted again with the loaded year(s). */
export type CalendarImport = z.infer<typeof CalendarImportSchema>;

/**
 * Loads whole years from a CSV (`date,kind,name`, the format of data/holidays-cn.csv): the days of every
 * year in the file replace that year's days, and the year is marked loaded. A malformed file is refused
 * (IMPORT_FILE_INVALID naming `line.N.field`) with nothing changed. Running notices (approved or held
 * claims) whose last day was provisional are counted again; each change is audited. City admin, or the
 * command line (system).
 */
export async function importCalendar(by: AuditActor, tx: Tx, file: string | Uint8Array, opts: { source?: string } = {}): Promise<CalendarImport> {
  requireRole(subjectOf(by), CITY_ADMIN, 'only a city admin loads the calendar');
  let csv: string;
  try {
    csv = typeof file === 'string' ? file : new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', 'the file is not UTF-8 text', 'body');
  }
  const parsed = parseCalendarCsv(csv);
  if (!parsed.ok)
    throw new AppError(
      'IMPORT_FILE_INVALID',
      `line ${parsed.line}: ${parsed.message}`,
      parsed.field === 'header' || parsed.field === 'body' ? parsed.field : `line.${parsed.line}.${parsed.field}`,
      {
        line: parsed.line,
        column: parsed.field,
      },
    );
  const source = (opts.source ?? 'import').slice(0, 200);
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('subsidy-calendar')]);
  await tx.query('DELETE FROM subsidy_calendar WHERE extract(year FROM date)::int = ANY($1::int[])', [parsed.years]);
  await tx.query('INSERT INTO subsidy_calendar (date, kind, name) SELECT * FROM unnest($1::date[], $2::text[], $3::text[])', [
    parsed.days.map((d) => d.date),
    parsed.days.map((d) => d.kind),
    parsed.days.map((d) => d.name),
  ]);
  await tx.query(
    `INSERT INTO subsidy_calendar_years (year, days, source, loaded_by, loaded_at)
     SELECT y, (SELECT count(*) FROM unnest($2::date[]) d WHERE extract(year FROM d)::int = y), $3, $4, now() FROM unnest($1::int[]) y
     ON CONFLICT (year) DO UPDATE SET days = EXCLUDED.days, source = EXCLUDED.source, loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
    [parsed.years, parsed.days.map((d) => d.date), source, by.accountId],
  );
  const entries: audit.AuditInput[] = [
    {
      action: 'subsidy.calendar.import',
      entityType: 'subsidy_calendar',
      entityId: parsed.years.join(','),
      detail: {
        years: parsed.years,
        holidays: parsed.days.filter((d) => d.kind === 'holiday').length,
        workdays: parsed.days.filter((d) => d.kind === 'workday').length,
        source,
      },
    },
  ];

  // Running notices counted on a year that was not loaded: count them again with what is loaded now.
  const cal = await loadCalendar(tx);
  const { rows } = await tx.query<{ id: string; number: string; district_code: string | null; notice_published_at: Date; notice_last_day: string }>(
    `SELECT id, number, district_code, notice_published_at, to_char(notice_last_day, 'YYYY-MM-DD') AS notice_last_day
       FROM subsidy_claims WHERE notice_provisional AND status IN ('approved', 'held') AND notice_published_at IS NOT NULL
      ORDER BY id FOR UPDATE`,
  );
  let recomputed = 0;
  for (const c of rows) {
    const p = noticePeriod(c.notice_published_at, NOTICE_WORKING_DAYS, cal.days, cal.years);
    if (p.lastDay === c.notice_last_day && p.provisional) continue;
    await tx.query('UPDATE subsidy_claims SET notice_last_day = $2::date, notice_provisional = $3, updated_at = now() WHERE id = $1', [
      c.id,
      p.lastDay,
      p.provisional,
    ]);
    recomputed++;
    entries.push({
      action: 'claim.notice.recount',
      entityType: 'subsidy_claim',
      entityId: c.id,
      districtCode: c.district_code,
      detail: { number: c.number, from: c.notice_last_day, to: p.lastDay, provisional: p.provisional, years: parsed.years },
    });
  }
  await audit.recordMany(tx, by, entries);
  return { years: parsed.years, days: parsed.days.length, noticesRecomputed: recomputed };
}

/** One day of the working-day calendar by hand: a holiday on a weekday or a make-up working day (city admin). */
export async function setCalendarDay(
  actor: Actor,
  tx: Tx,
  input: { date: string; kind: 'holiday' | 'workday'; name: string },
): Promise<CalendarDay & { name: string }> {
  requireRole(actor, CITY_ADMIN, 'only a city admin edits the calendar');
  await tx.query(
    'INSERT INTO subsidy_calendar (date, kind, name) VALUES ($1, $2, $3) ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name',
    [input.date, input.kind, input.name],
  );
  await audit.record(tx, actor, {
    action: 'subsidy.calendar.set',
    entityType: 'subsidy_calendar',
    entityId: input.date,
    detail: { kind: input.kind, name: input.name },
  });
  return { date: input.date, kind: input.kind, name: input.name };
}

/** The marked days of the calendar, in date order. */
export async function listCalendar(q: Queryable): Promise<Array<CalendarDay & { name: string }>> {
  const { rows } = await q.query<CalendarDay & { name: string }>("SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM subsidy_calendar ORDER BY date");
  return rows;
}
