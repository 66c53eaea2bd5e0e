/**
 * Keeping the facts current. The modules that own the events append deltas in the event's own transaction
 * (`recordFacts`, or `recordFactsAtCommit` on a hot path: the INSERT rides the COMMIT's round trip); the fold
 * job moves them into the cube under an advisory lock; `rebuildCube` recomputes the cube from the base tables
 * (backfill, upgrades, the nightly compaction, `stats rebuild`). Reads sum cube + deltas in one snapshot.
 */
import type { Db, Queryable, Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { businessDate } from '../../lib/time.js';
import type { JobDef } from '../../jobs/scheduler.js';
import type { CountMetric } from './rules.js';
import { eventsInsert } from './lookups.js';
import { CUBE_COLUMNS, factsSql } from './sources.js';

/** One delta: a metric's change for one combination of dimensions, at the instant of the event. */
export interface Fact {
  metric: CountMetric;
  at: Date;
  personDistrict?: string | null | undefined;
  trainingDistrict?: string | null | undefined;
  programmeId?: string | null | undefined;
  occupationCode?: string | null | undefined;
  level?: number | null | undefined;
  providerId?: string | null | undefined;
  classId?: string | null | undefined;
  issuerOrgId?: string | null | undefined;
  category?: string | null | undefined;
  /** Default 1; negative when a state is left. */
  n?: number;
  amountFen?: number;
  days?: number;
}

/** The attendance threshold of the funnel's "≥ 80 % attendance" stage (percent). */
export const ATTENDANCE_THRESHOLD_PCT = 80;
const LOCK = 'analytics.cube';

let recording = true;
/**
 * Benchmarks only (`npm run bench -- stats`: the hot paths with and without their facts, back to back): stops
 * or resumes appending deltas. Never switched off by the platform; figures are wrong while it is off.
 */
export function setFactsRecording(on: boolean): void {
  recording = on;
}

const monthOf = (at: Date): string => `${businessDate(at).slice(0, 7)}-01`;

function rowsOf(facts: readonly Fact[]): string {
  return JSON.stringify(
    facts.map((f) => ({
      metric: f.metric,
      person_district: f.personDistrict ?? null,
      training_district: f.trainingDistrict ?? null,
      programme_id: f.programmeId ?? null,
      occupation_code: f.occupationCode ?? null,
      level: f.level ?? null,
      provider_id: f.providerId ?? null,
      class_id: f.classId ?? null,
      issuer_org_id: f.issuerOrgId ?? null,
      category: f.category ?? null,
      month: monthOf(f.at),
      n: f.n ?? 1,
      amount_fen: f.amountFen ?? 0,
      days: f.days ?? 0,
    })),
  );
}

const INSERT_FROM_JSON = (json: string): string =>
  `INSERT INTO analytics_facts (${CUBE_COLUMNS})
   SELECT ${CUBE_COLUMNS} FROM jsonb_to_recordset(${json}::jsonb) AS x(metric text, person_district text, training_district text,
     programme_id uuid, occupation_code text, level smallint, provider_id uuid, class_id uuid, issuer_org_id uuid, category text,
     month date, n bigint, amount_fen bigint, days bigint)`;

/** Appends deltas in the caller's transaction (one statement). */
export async function recordFacts(tx: Tx, facts: readonly Fact[]): Promise<void> {
  if (facts.length === 0 || !recording) return;
  await tx.query(INSERT_FROM_JSON('$1'), [rowsOf(facts)]);
}

/** Appends deltas with the transaction's COMMIT (same round trip, its plan kept per connection): for the hot paths (admission, check-in). */
export function recordFactsAtCommit(tx: Tx, facts: readonly Fact[]): void {
  if (facts.length === 0 || !recording) return;
  tx.atCommit({ sql: INSERT_FROM_JSON('$1'), types: ['jsonb'], values: [rowsOf(facts)] });
}

/**
 * Appends deltas computed set-based by the owner's own SELECT (e.g. a whole issuance chunk): `select` must
 * yield the cube's columns (metric, person_district, …, month, n, amount_fen, days).
 */
export async function recordFactsSelect(tx: Tx, select: string, params: readonly unknown[]): Promise<void> {
  await tx.query(`INSERT INTO analytics_facts (${CUBE_COLUMNS}) ${select}`, params);
}

/**
 * An event of a voucher (or of a person's check-in) as the owner knows it: the metric, the voucher, the class
 * when there is one, the instant. The dimensions are resolved in the same statement, exactly as the rebuild
 * resolves them (sources.ts), by the owners' look-ups composed in lookups.ts: the person's district, the
 * voucher's category and programme/occupation/level unless the class names them, the class's district and
 * provider, the issuing organisation of a customised voucher.
 */
export interface VoucherEvent {
  metric: CountMetric;
  voucherId: string | null;
  /** The class of the event; with `latestClass`, the voucher's latest admission's class is taken. */
  classId?: string | null | undefined;
  latestClass?: boolean;
  /** For a fact without a voucher (a check-in of a person without one). */
  personId?: string | null | undefined;
  at: Date;
  n?: number;
  amountFen?: number;
  /** Days from the voucher's issue to `at` (Shanghai calendar days): the admission's. */
  sinceIssue?: boolean;
  /** Whole days the owner counted itself (without `sinceIssue`), e.g. a paid claim's from the pass to the payment. */
  days?: number;
}

const eventsJson = (events: readonly VoucherEvent[]): string =>
  JSON.stringify(
    events.map((e) => ({
      metric: e.metric,
      voucher_id: e.voucherId,
      class_id: e.classId ?? null,
      latest_class: e.latestClass ?? false,
      person_id: e.personId ?? null,
      at: e.at.toISOString(),
      n: e.n ?? 1,
      amount_fen: e.amountFen ?? 0,
      since_issue: e.sinceIssue ?? false,
      days: e.days ?? 0,
    })),
  );

/** Appends voucher events' facts in the caller's transaction (dimensions resolved in the same statement). */
export async function recordVoucherFacts(tx: Tx, events: readonly VoucherEvent[]): Promise<void> {
  if (events.length === 0 || !recording) return;
  await tx.query(eventsInsert('$1'), [eventsJson(events)]);
}

/** The same with the transaction's COMMIT (one round trip less): the admission's and the check-in's hot paths. */
export function recordVoucherFactsAtCommit(tx: Tx, events: readonly VoucherEvent[]): void {
  if (events.length === 0 || !recording) return;
  tx.atCommit({ sql: eventsInsert('$1'), types: ['jsonb'], values: [eventsJson(events)] });
}

/** Moves every visible delta into the cube (one statement); returns how many delta rows were folded. */
export async function foldFacts(db: Db): Promise<{ folded: number } | null> {
  return db.withAdvisoryLock(LOCK, async () =>
    db.tx(async (tx) => {
      const { rows } = await tx.query<{ n: number }>(
        `WITH d AS (DELETE FROM analytics_facts RETURNING *),
              ins AS (INSERT INTO analytics_cube (${CUBE_COLUMNS})
                      SELECT metric, person_district, training_district, programme_id, occupation_code, level, provider_id, class_id,
                             issuer_org_id, category, month, sum(n), sum(amount_fen), sum(days)
                        FROM d GROUP BY metric, person_district, training_district, programme_id, occupation_code, level, provider_id,
                             class_id, issuer_org_id, category, month)
         SELECT count(*)::int AS n FROM d`,
      );
      const folded = rows[0]?.n ?? 0;
      await tx.query('UPDATE analytics_state SET folded_at = $1, folded_rows = folded_rows + $2', [clockNow(), folded]);
      return { folded };
    }),
  );
}

/**
 * Recomputes the cube from the base tables in one REPEATABLE READ snapshot: the deltas visible in it are
 * dropped (the base tables already hold their events), those committed later stay to be folded.
 */
export async function rebuildCube(db: Db): Promise<{ rows: number } | null> {
  return db.withAdvisoryLock(LOCK, async () =>
    db.tx(
      async (tx) => {
        await tx.query('DELETE FROM analytics_facts');
        await tx.query('DELETE FROM analytics_cube');
        const at = clockNow();
        const { rowCount } = await tx.query(`INSERT INTO analytics_cube (${CUBE_COLUMNS}) ${factsSql()}`, [at, ATTENDANCE_THRESHOLD_PCT]);
        await tx.query('UPDATE analytics_state SET rebuilt_at = $1', [at]);
        return { rows: rowCount };
      },
      { begin: 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ' },
    ),
  );
}

/** When the cube was last rebuilt and folded. */
export async function cubeState(q: Queryable): Promise<{ rebuiltAt: Date | null; foldedAt: Date | null }> {
  const { rows } = await q.query<{ rebuilt_at: Date | null; folded_at: Date | null }>('SELECT rebuilt_at, folded_at FROM analytics_state');
  return { rebuiltAt: rows[0]?.rebuilt_at ?? null, foldedAt: rows[0]?.folded_at ?? null };
}

export const foldJob: JobDef = {
  name: 'analytics.fold',
  schedule: '* * * * *', // every minute
  run: async (db) => ({ ...((await foldFacts(db)) ?? { skipped: true }) }),
};

export const rebuildJob: JobDef = {
  name: 'analytics.rebuild',
  schedule: '20 1 * * *', // 01:20 Asia/Shanghai: recompute from the base tables (time-dependent figures, compaction)
  run: async (db) => ({ ...((await rebuildCube(db)) ?? { skipped: true }) }),
};
