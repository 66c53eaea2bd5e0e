/** The public notice (公示): approved claims whose notice runs, masked — anyone may read it. */
import type { z } from 'zod';
import type { Queryable } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { maskName } from '../../../lib/identifiers.js';
import { businessDate } from '../../../lib/time.js';
import * as persons from '../../persons/index.js';
import type { NoticeItemSchema } from '../schemas.js';
import { prefixPattern } from '../search.js';
import type { ClaimRow } from './claim-row.js';

export type NoticeItem = z.infer<typeof NoticeItemSchema>;

export interface NoticeFilter {
  districtCode?: string | undefined;
  /** A claim number, by its start. */
  q?: string | undefined;
  /** approved (in notice) or held (objection under review). */
  status?: 'approved' | 'held' | undefined;
  occupationCode?: string | undefined;
  limit: number;
  offset: number;
}

/** The one mapper of a claim row to its notice line: the person's name masked. */
const toNoticeItem = (r: ClaimRow, personName: string | null): NoticeItem => ({
  claimNumber: r.number,
  nameMasked: personName !== null ? maskName(personName) : '*',
  districtCode: r.district_code,
  occupationCode: r.occupation_code,
  level: r.level,
  amountFen: r.amount_fen,
  lastDay: r.notice_last_day!,
  lastDayProvisional: r.notice_provisional,
  status: r.status as 'approved' | 'held',
});

/** The public notice (公示): approved claims whose notice runs, masked. */
export async function listNotices(q: Queryable, f: NoticeFilter, now = clockNow()): Promise<{ total: number; items: NoticeItem[] }> {
  const today = businessDate(now);
  const term = prefixPattern(f.q, { upper: true });
  const w = `WHERE status IN ('approved','held') AND notice_last_day >= $1::date AND ($2::text IS NULL OR district_code = $2)
               AND ($3::text IS NULL OR number LIKE $3) AND ($4::text IS NULL OR status = $4) AND ($5::text IS NULL OR occupation_code = $5)`;
  const params = [today, f.districtCode ?? null, term, f.status ?? null, f.occupationCode ?? null];
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM subsidy_claims ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<ClaimRow>(`SELECT * FROM subsidy_claims ${w} ORDER BY notice_last_day, number LIMIT $6 OFFSET $7`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  const items: NoticeItem[] = [];
  for (const r of rows) items.push(toNoticeItem(r, (await persons.getPerson(q, r.person_id))?.name ?? null));
  return { total, items };
}
