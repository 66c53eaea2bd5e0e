/**
 * Audit log: every state change writes one entry in the same transaction as the change (pass the tx).
 * Verification walks each chain and reports the first broken link.
 */
import type { Db, Queryable, Tx } from '../../db/index.js';
import { lockKey } from '../../db/index.js';
import type { Actor } from '../identity/actor.js';
import { GENESIS, entryHash, type ChainedFields } from './chain.js';

let chainCount = 16;
let chainKeys: string[] | null = null;
export function setAuditChains(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error('AUDIT_CHAINS must be 1..1024');
  chainCount = n;
  chainKeys = null;
}
/** The advisory-lock key of each chain, computed once. */
const chainLockKeys = (): string[] => (chainKeys ??= Array.from({ length: chainCount }, (_, i) => lockKey(`audit:${i}`)));

export interface AuditInput {
  action: string; // e.g. 'person.create', 'voucher.revoke'
  entityType: string;
  entityId?: string | null | undefined;
  districtCode?: string | null | undefined;
  detail?: Record<string, unknown> | undefined;
}

/** Who did it: an actor, or the system (jobs, CLI). */
export type AuditActor = Pick<Actor, 'accountId' | 'role'> | { accountId: null; role: 'system' };
export const SYSTEM: AuditActor = { accountId: null, role: 'system' };

/**
 * Appends one entry. The chain is chosen by the database session (backend pid), so one transaction only
 * ever holds one chain's lock: no lock-order deadlock, and concurrent sessions mostly use different chains.
 */
export async function record(tx: Tx, actor: AuditActor, input: AuditInput): Promise<void> {
  // One round trip: pick the session's chain and take that chain's lock in the same statement.
  const { rows: chainRows } = await tx.query<{ chain: number }>(
    'SELECT c.chain, pg_advisory_xact_lock(($2::bigint[])[c.chain + 1]) FROM (SELECT pg_backend_pid() % $1 AS chain) c',
    [chainCount, chainLockKeys()],
  );
  const chain = chainRows[0]!.chain;
  const { rows } = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [chain]);
  const prev = rows[0];
  const fields: ChainedFields = {
    chain,
    seq: prev ? prev.seq + 1 : 1,
    at: new Date(),
    actorId: actor.accountId,
    actorRole: actor.role,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    districtCode: input.districtCode ?? null,
    detail: input.detail ?? {},
    prevHash: prev ? prev.hash : GENESIS,
  };
  const hash = entryHash(fields);
  await tx.query(
    `INSERT INTO audit_log (chain, seq, at, actor_id, actor_role, action, entity_type, entity_id, district_code, detail, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12)`,
    [
      fields.chain,
      fields.seq,
      fields.at,
      fields.actorId,
      fields.actorRole,
      fields.action,
      fields.entityType,
      fields.entityId,
      fields.districtCode,
      JSON.stringify(fields.detail),
      fields.prevHash,
      hash,
    ],
  );
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  chains: number;
  firstBroken?: { id: number; chain: number; seq: number; reason: string };
}

interface AuditRow {
  id: number;
  chain: number;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  district_code: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

/** Walks every chain in pages; reports the broken entry with the lowest id. */
export async function verify(db: Queryable, onProgress?: (done: number, total: number) => void): Promise<VerifyResult> {
  const total = (await db.query<{ n: number }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n ?? 0;
  const chains = (await db.query<{ chain: number }>('SELECT DISTINCT chain FROM audit_log ORDER BY chain')).rows.map((r) => r.chain);
  let done = 0;
  let broken: VerifyResult['firstBroken'];
  for (const chain of chains) {
    let prevHash = GENESIS;
    let expectSeq = 1;
    let after = 0;
    for (;;) {
      const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT 5000', [chain, after]);
      if (rows.length === 0) break;
      let stop = false;
      for (const r of rows) {
        let reason: string | undefined;
        if (r.seq !== expectSeq) reason = `sequence gap: expected ${expectSeq}, found ${r.seq}`;
        else if (r.prev_hash !== prevHash) reason = 'prev_hash does not match the hash of the entry before';
        else {
          const h = entryHash({
            chain: r.chain,
            seq: r.seq,
            at: r.at,
            actorId: r.actor_id,
            actorRole: r.actor_role,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            districtCode: r.district_code,
            detail: r.detail,
            prevHash: r.prev_hash,
          });
          if (h !== r.hash) reason = 'content does not match its hash (entry edited)';
        }
        if (reason) {
          if (!broken || r.id < broken.id) broken = { id: r.id, chain, seq: r.seq, reason };
          stop = true;
          break;
        }
        prevHash = r.hash;
        expectSeq++;
        after = r.seq;
        done++;
      }
      onProgress?.(done, total);
      if (stop) break;
    }
  }
  return broken ? { ok: false, entries: total, chains: chains.length, firstBroken: broken } : { ok: true, entries: total, chains: chains.length };
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  districtCode?: string | undefined;
  limit: number;
  offset: number;
}

export async function list(db: Db, q: AuditQuery) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.entityType) add('entity_type = ?', q.entityType);
  if (q.entityId) add('entity_id = ?', q.entityId);
  if (q.action) add('action = ?', q.action);
  if (q.districtCode) add('district_code = ?', q.districtCode);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${w}`, params)).rows[0]?.n ?? 0;
  params.push(q.limit, q.offset);
  const { rows } = await db.query<AuditRow>(
    `SELECT * FROM audit_log ${w} ORDER BY at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      chain: r.chain,
      seq: r.seq,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      districtCode: r.district_code,
      detail: r.detail as Record<string, unknown>,
      hash: r.hash,
    })),
  };
}
