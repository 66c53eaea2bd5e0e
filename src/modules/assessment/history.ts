/** A person's assessment results for their lifelong training record (records module), oldest first. */
import type { Queryable } from '../../db/index.js';

export interface ResultHistoryItem {
  id: string;
  voucherId: string;
  classId: string | null;
  passed: boolean;
  score: number | null;
  level: number;
  occupationCode: string;
  certificateNumber: string | null;
  assessedOn: string;
  createdAt: Date;
}

export async function resultsOfPerson(q: Queryable, personId: string): Promise<ResultHistoryItem[]> {
  const { rows } = await q.query<{
    id: string;
    voucher_id: string;
    class_id: string | null;
    passed: boolean;
    score: string | null;
    level: number;
    occupation_code: string;
    certificate_number: string | null;
    assessed_on: string;
    created_at: Date;
  }>(
    `SELECT id, voucher_id, class_id, passed, score, level, occupation_code, certificate_number, assessed_on::text AS assessed_on, created_at
       FROM assessment_results WHERE person_id = $1 ORDER BY assessed_on, created_at, id`,
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    voucherId: r.voucher_id,
    classId: r.class_id,
    passed: r.passed,
    score: r.score === null ? null : Number(r.score),
    level: Number(r.level),
    occupationCode: r.occupation_code,
    certificateNumber: r.certificate_number,
    assessedOn: r.assessed_on,
    createdAt: new Date(r.created_at),
  }));
}
