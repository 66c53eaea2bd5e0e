/**
 * Read scaling (DATABASE_READ_URL): statistics and searches may read from a standby. Its staleness is bounded:
 * the standby is used only while it streams from the primary and has replayed, within READ_MAX_LAG_S seconds,
 * what it received; the check is made at most once a second, so a reader sees data at most READ_MAX_LAG_S + 1 s
 * old. Otherwise — no standby configured, unreachable, not streaming, lagging — the read goes to the primary.
 * Writes and anything a write depends on never read from here.
 */
import type { Db, Queryable } from './index.js';
import { nowMs } from '../lib/clock.js';

export interface ReplicaState {
  /** The server is a standby (in recovery). A server that is not (e.g. the primary itself) has no lag. */
  inRecovery: boolean;
  /** Its WAL receiver streams from a primary. */
  streaming: boolean;
  /** Seconds between the last replayed transaction and now, 0 when everything received is replayed. */
  replayLagS: number;
}

/** Whether a read may go to the standby in this state. Pure. */
export function replicaUsable(s: ReplicaState | null, maxLagS: number): boolean {
  if (!s) return false;
  if (!s.inRecovery) return true;
  return s.streaming && s.replayLagS <= maxLagS;
}

const STATE_SQL = `SELECT pg_is_in_recovery() AS in_recovery,
  EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming,
  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE COALESCE(EXTRACT(EPOCH FROM (clock_timestamp() - pg_last_xact_replay_timestamp())), 0) END::float8 AS lag`;

interface Attached {
  replica: Db;
  maxLagS: number;
  checkedAt: number;
  usable: boolean;
  checking: Promise<boolean> | null;
}

const replicas = new WeakMap<Db, Attached>();
const CHECK_EVERY_MS = 1_000;

/** Statistics and searches on `primary` may read from `replica` (server start-up, when DATABASE_READ_URL is set). */
export function attachReplica(primary: Db, replica: Db, maxLagS: number): void {
  replicas.set(primary, { replica, maxLagS, checkedAt: -Infinity, usable: false, checking: null });
}

export async function readReplicaState(replica: Queryable): Promise<ReplicaState | null> {
  try {
    const r = await replica.query<{ in_recovery: boolean; streaming: boolean; lag: number }>(STATE_SQL);
    const row = r.rows[0];
    return row ? { inRecovery: row.in_recovery, streaming: row.streaming, replayLagS: Number(row.lag) } : null;
  } catch {
    return null;
  }
}

/** Where a statistic or a search reads: the standby when one is attached and fresh enough, else `db`. */
export async function forReading(db: Db): Promise<Queryable> {
  const a = replicas.get(db);
  if (!a) return db;
  const now = nowMs();
  if (now - a.checkedAt >= CHECK_EVERY_MS || now < a.checkedAt) {
    a.checking ??= readReplicaState(a.replica)
      .then((s) => replicaUsable(s, a.maxLagS))
      .then((usable) => {
        a.usable = usable;
        a.checkedAt = nowMs();
        a.checking = null;
        return usable;
      });
    await a.checking;
  }
  return a.usable ? a.replica : db;
}
