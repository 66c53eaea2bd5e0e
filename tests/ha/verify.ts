/**
 * What the database says about the load's answers: every 2xx answered is there (else: lost), and no effect is
 * there twice (an admission per voucher, a check-in per session and person, a claim's approval entry).
 */
import type { Db } from '../../src/db/index.js';
import type { Outcome } from './load.js';
import type { HaWorld } from './world.js';

export interface Verdict {
  acked: number;
  lost: number;
  duplicated: number;
  lostKeys: string[];
}

export async function verify(db: Db, world: HaWorld, outcomes: readonly Outcome[]): Promise<Verdict> {
  const admitted = new Map(
    (
      await db.query<{ voucher_id: string; n: number }>(
        `SELECT voucher_id::text, count(*)::int AS n FROM admissions WHERE class_id = $1 AND status = 'admitted' GROUP BY voucher_id`,
        [world.admissionClassId],
      )
    ).rows.map((r) => [r.voucher_id, r.n]),
  );
  const checkedIn = new Map(
    (
      await db.query<{ k: string; n: number }>(
        `SELECT session_id::text || ':' || person_id::text AS k, count(*)::int AS n FROM check_ins WHERE session_id = ANY($1::uuid[]) GROUP BY 1`,
        [world.checkInSessionIds],
      )
    ).rows.map((r) => [r.k, r.n]),
  );
  const approved = new Map(
    (
      await db.query<{ id: string; status: string; n: number }>(
        `SELECT c.id::text, c.status, (SELECT count(*)::int FROM audit_log a WHERE a.action = 'claim.approve' AND a.entity_id = c.id::text) AS n
           FROM subsidy_claims c WHERE c.id = ANY($1::uuid[])`,
        [world.claimIds],
      )
    ).rows.map((r) => [r.id, r.status === 'in_review' ? 0 : r.n]),
  );
  const counts = { admission: admitted, 'check-in': checkedIn, 'claim-approval': approved } as const;
  let acked = 0;
  const lostKeys: string[] = [];
  for (const o of outcomes) {
    if (o.ackAt === null) continue;
    acked++;
    if (!(counts[o.op.kind].get(o.op.key) ?? 0)) lostKeys.push(`${o.op.kind} ${o.op.key}`);
  }
  let duplicated = 0;
  for (const m of Object.values(counts)) for (const n of m.values()) if (n > 1) duplicated += n - 1;
  return { acked, lost: lostKeys.length, duplicated, lostKeys: lostKeys.slice(0, 10) };
}
