/** A worker's interest in a posting and their consent; the employer's candidates (masked until consent); the counts. */
import type { Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid, maskName } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import * as assessment from '../assessment/index.js';
import * as audit from '../audit/index.js';
import { districtScope, scopeOf, type Actor } from '../identity/index.js';
import * as persons from '../persons/index.js';
import { EMPLOYERS, STATS_READERS, workerOf } from './policy.js';
import { lockPosting, occupationNames } from './postings.js';
import type { CandidateView, InterestView } from './schemas.js';

interface InterestRow {
  id: string;
  posting_id: string;
  person_id: string;
  status: 'interested' | 'withdrawn';
  consented_at: Date | null;
  contacted_at: Date | null;
  created_at: Date;
}

const toInterest = (r: InterestRow): InterestView => ({
  id: r.id,
  postingId: r.posting_id,
  status: r.status,
  consented: r.consented_at !== null,
  contacted: r.contacted_at !== null,
  createdAt: r.created_at.toISOString(),
});

/** The worker marks interest in an open posting, with or without consent to be seen by the employer (again: changes the consent). */
export async function expressInterest(actor: Actor, tx: Tx, postingId: string, consent: boolean, now: Date = clockNow()): Promise<InterestView> {
  const personId = workerOf(actor);
  const p = await lockPosting(tx, { kind: 'all' }, postingId);
  if (p.status !== 'open' || p.valid_until < businessDate(now)) throw new AppError('CONFLICT', 'the posting is no longer open', 'id');
  const { rows } = await tx.query<InterestRow>(
    `INSERT INTO job_interests (posting_id, person_id, status, consented_at, created_at) VALUES ($1, $2, 'interested', $3, $4)
     ON CONFLICT (posting_id, person_id) DO UPDATE SET status = 'interested',
       consented_at = CASE WHEN $5 THEN coalesce(job_interests.consented_at, $4) ELSE NULL END
     RETURNING *`,
    [p.id, personId, consent ? now : null, now, consent],
  );
  const r = rows[0]!;
  if (!consent && r.contacted_at) throw new AppError('CONFLICT', 'the employer has already contacted you', 'consent');
  await audit.record(tx, actor, {
    action: 'job_interest.set',
    entityType: 'job_interest',
    entityId: r.id,
    districtCode: p.district_code,
    detail: { postingId: p.id, consent },
  });
  return toInterest(r);
}

/** The worker withdraws their interest (and with it the consent). */
export async function withdrawInterest(actor: Actor, tx: Tx, postingId: string): Promise<InterestView> {
  const personId = workerOf(actor);
  const cur = isUuid(postingId)
    ? (await tx.query<InterestRow>('SELECT * FROM job_interests WHERE posting_id = $1 AND person_id = $2 FOR UPDATE', [postingId, personId])).rows[0]
    : undefined;
  if (!cur) throw notFound('interest', 'id');
  const { rows } = await tx.query<InterestRow>(`UPDATE job_interests SET status = 'withdrawn', consented_at = NULL WHERE id = $1 RETURNING *`, [cur.id]);
  await audit.record(tx, actor, { action: 'job_interest.withdraw', entityType: 'job_interest', entityId: cur.id, detail: { postingId } });
  return toInterest(rows[0]!);
}

/** The posting's interested candidates for its enterprise (or an officer in scope): masked, and named with a phone only once consented. */
export async function listCandidates(actor: Actor, q: Tx, postingId: string): Promise<{ total: number; items: CandidateView[] }> {
  const p = await lockPosting(q, scopeOf(actor, EMPLOYERS, 'for the posting’s enterprise and officers'), postingId);
  const { rows } = await q.query<InterestRow>(`SELECT * FROM job_interests WHERE posting_id = $1 AND status = 'interested' ORDER BY created_at, id`, [p.id]);
  const names = occupationNames(q);
  const items: CandidateView[] = [];
  for (const r of rows) {
    const person = await persons.getPerson(q, r.person_id);
    const consented = r.consented_at !== null;
    const certificates = [];
    for (const c of await assessment.certificatesOfPerson(q, r.person_id))
      certificates.push({ occupationCode: c.occupationCode, occupationName: await names.of(c.occupationCode), level: c.level });
    items.push({
      interestId: r.id,
      name: consented ? (person?.name ?? '') : maskName(person?.name ?? ''),
      phone: consented ? (person?.phone ?? null) : null,
      consented,
      contacted: r.contacted_at !== null,
      certificates,
      interestedAt: r.created_at.toISOString(),
    });
  }
  return { total: items.length, items };
}

/** The employer records that it contacted a consenting candidate. */
export async function markContacted(actor: Actor, tx: Tx, interestId: string, now: Date = clockNow()): Promise<InterestView> {
  const cur = isUuid(interestId) ? (await tx.query<InterestRow>('SELECT * FROM job_interests WHERE id = $1 FOR UPDATE', [interestId])).rows[0] : undefined;
  if (!cur) throw notFound('interest', 'id');
  const p = await lockPosting(tx, scopeOf(actor, EMPLOYERS, 'for the posting’s enterprise and officers'), cur.posting_id);
  if (cur.status !== 'interested' || cur.consented_at === null) throw new AppError('CONFLICT', 'only a candidate who consented can be contacted', 'id');
  const { rows } = await tx.query<InterestRow>('UPDATE job_interests SET contacted_at = coalesce(contacted_at, $2) WHERE id = $1 RETURNING *', [cur.id, now]);
  await audit.record(tx, actor, { action: 'job_interest.contacted', entityType: 'job_interest', entityId: cur.id, districtCode: p.district_code });
  return toInterest(rows[0]!);
}

/** Per district of the posting: open postings, and recommended → interested → consented → contacted (distinct worker × posting). */
export async function jobStats(actor: Actor, q: Queryable, requested: string | undefined, now: Date = clockNow()) {
  scopeOf(actor, STATS_READERS, 'not for this role');
  const district = districtScope(actor, requested);
  const params: unknown[] = [businessDate(now)];
  const where = district ? `p.district_code = $${params.push(district)}` : 'TRUE';
  const { rows } = await q.query<{ district_code: string; open: number; recommended: number; interested: number; consented: number; contacted: number }>(
    `SELECT p.district_code,
            count(*) FILTER (WHERE p.status = 'open' AND p.valid_until >= $1::date) AS open,
            coalesce(sum((SELECT count(*) FROM job_recommended r WHERE r.posting_id = p.id)), 0) AS recommended,
            coalesce(sum((SELECT count(*) FROM job_interests i WHERE i.posting_id = p.id AND i.status = 'interested')), 0) AS interested,
            coalesce(sum((SELECT count(*) FROM job_interests i WHERE i.posting_id = p.id AND i.consented_at IS NOT NULL)), 0) AS consented,
            coalesce(sum((SELECT count(*) FROM job_interests i WHERE i.posting_id = p.id AND i.contacted_at IS NOT NULL)), 0) AS contacted
       FROM job_postings p WHERE ${where} GROUP BY p.district_code ORDER BY p.district_code`,
    params,
  );
  const items = rows.map((r) => ({
    districtCode: r.district_code,
    openPostings: Number(r.open),
    recommended: Number(r.recommended),
    interested: Number(r.interested),
    consented: Number(r.consented),
    contacted: Number(r.contacted),
  }));
  return { items, total: items.length };
}
