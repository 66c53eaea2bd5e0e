/**
 * Audit log: every state change writes one entry in the same transaction as the change (pass the tx).
 * Verification walks each chain and reports the first broken link.
 */
import { sqlLiteral, type Db, type Queryable, type Tx } from '../../db/index.js';
import type { Actor } from '../identity/index.js';
import { GENESIS, contentDigest, expectedHash } from './chain.js';
import { now as clockNow } from '../../lib/clock.js';

let chainCount = 16;
export function setAuditChains(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error('AUDIT_CHAINS must be 1..1024');
  chainCount = n;
}

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
 * Appends one entry in ONE round trip (see recordMany).
 */
export async function record(tx: Tx, actor: AuditActor, input: AuditInput): Promise<void> {
  await recordMany(tx, actor, [input]);
}

/**
 * Appends entries — one, or a set-based step's one per affected object — in ONE round trip: the database
 * function audit_append (its migration) locks the head row of the session's chain, links each entry to the
 * one before and moves the head. The chain is chosen by the database session (backend pid), so one
 * transaction only ever holds one chain's head: no lock-order deadlock, and concurrent sessions mostly use
 * different chains; a concurrent writer on the same chain waits, then reads the committed head (READ
 * COMMITTED), so links never fork. An entry may name its own actor (coalesced requests of several users);
 * otherwise `actor`. The content digest is computed here, the link there (the same formula as linkHash).
 */
export async function recordMany(tx: Tx, actor: AuditActor, inputs: ReadonlyArray<AuditInput & { actor?: AuditActor }>): Promise<void> {
  if (inputs.length === 0) return;
  await tx.query('SELECT audit_append_all($1::int, $2::jsonb)', [chainCount, JSON.stringify(entriesOf(actor, inputs))]);
}

/**
 * The same entries as recordMany, appended at the end of the transaction in the COMMIT's round trip
 * (`Tx.atCommit`): for a hot path whose last write is its audit. As for recordMany, audit_append_all refuses
 * to append fewer entries than given, and then nothing commits.
 */
export function recordManyAtCommit(tx: Tx, actor: AuditActor, inputs: ReadonlyArray<AuditInput & { actor?: AuditActor }>): void {
  if (inputs.length === 0) return;
  tx.atCommit(`SELECT audit_append_all(${chainCount}, ${sqlLiteral(JSON.stringify(entriesOf(actor, inputs)))}::jsonb)`);
}

/**
 * One entry deferred to the transaction's COMMIT (written in its round trip, or not at all if it rolls back):
 * how a service records its own step of a sequence another module's write carries out, with no
 * "also record this" parameter on that module's API.
 */
export function defer(tx: Tx, actor: AuditActor, input: AuditInput): void {
  recordManyAtCommit(tx, actor, [input]);
}

function entriesOf(actor: AuditActor, inputs: ReadonlyArray<AuditInput & { actor?: AuditActor }>) {
  const at = clockNow();
  return inputs.map((input) => {
    const who = input.actor ?? actor;
    const e = {
      at,
      actorId: who.accountId,
      actorRole: who.role,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      districtCode: input.districtCode ?? null,
      detail: input.detail ?? {},
    };
    return {
      at: at.toISOString(),
      actor_id: e.actorId,
      actor_role: e.actorRole,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      district_code: e.districtCode,
      detail: e.detail,
      digest: contentDigest(e),
    };
  });
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
  hash_version: number;
}

/** Walks every chain in pages; reports the broken entry with the lowest id. */
export async function verify(db: Queryable, onProgress?: (done: number, total: number) => void): Promise<VerifyResult> {
  // The heads first: whatever is appended while the walk runs lies beyond them.
  const heads = new Map(
    (await db.query<{ chain: number; seq: number; hash: string }>('SELECT chain, seq, hash FROM audit_chain_heads WHERE seq > 0')).rows.map((h) => [
      h.chain,
      h,
    ]),
  );
  const total = (await db.query<{ n: number }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n ?? 0;
  const logged = (await db.query<{ chain: number }>('SELECT DISTINCT chain FROM audit_log ORDER BY chain')).rows.map((r) => r.chain);
  const chains = [...new Set([...logged, ...heads.keys()])].sort((a, b) => a - b);
  const progress = { done: 0, report: () => onProgress?.(progress.done, total) };
  let broken: Broken | undefined;
  for (const chain of chains) {
    const head = heads.get(chain);
    const walk = await walkChain(db, chain, head, progress);
    if (walk.broken) broken = earlier(broken, walk.broken);
    if (!walk.headSeen && !(broken && broken.chain === chain)) {
      const reason = `the chain ends at seq ${walk.after} but its head records seq ${head!.seq} (entries removed at the end)`;
      broken = earlier(broken, { id: walk.lastId, chain, seq: walk.after, reason });
    }
  }
  return broken ? { ok: false, entries: total, chains: chains.length, firstBroken: broken } : { ok: true, entries: total, chains: chains.length };
}

type Broken = NonNullable<VerifyResult['firstBroken']>;
const earlier = (a: Broken | undefined, b: Broken): Broken => (!a || b.id < a.id ? b : a);

/** Why an entry breaks its chain (a gap, a wrong link, edited content), or undefined. */
function entryProblem(r: AuditRow, expectSeq: number, prevHash: string): string | undefined {
  if (r.seq !== expectSeq) return `sequence gap: expected ${expectSeq}, found ${r.seq}`;
  if (r.prev_hash !== prevHash) return 'prev_hash does not match the hash of the entry before';
  const h = expectedHash(
    {
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
    },
    r.hash_version,
  );
  return h !== r.hash ? 'content does not match its hash (entry edited)' : undefined;
}

/**
 * Walks one chain in pages of 5,000 up to its first broken entry: that entry, whether the recorded head was
 * met, and the last sound entry (id, seq).
 */
async function walkChain(
  db: Queryable,
  chain: number,
  head: { seq: number; hash: string } | undefined,
  progress: { done: number; report: () => void },
): Promise<{ broken?: Broken; headSeen: boolean; lastId: number; after: number }> {
  let prevHash = GENESIS;
  let expectSeq = 1;
  let after = 0;
  let lastId = 0;
  let headSeen = !head;
  for (;;) {
    const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT 5000', [chain, after]);
    if (rows.length === 0) break;
    for (const r of rows) {
      let reason = entryProblem(r, expectSeq, prevHash);
      if (!reason && head && r.seq === head.seq) {
        headSeen = true;
        if (r.hash !== head.hash) reason = 'the entry differs from the chain head recorded for it';
      }
      if (reason) {
        progress.report();
        return { broken: { id: r.id, chain, seq: r.seq, reason }, headSeen, lastId, after };
      }
      prevHash = r.hash;
      expectSeq++;
      after = r.seq;
      lastId = r.id;
      progress.done++;
    }
    progress.report();
  }
  return { headSeen, lastId, after };
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  districtCode?: string | undefined;
  actorId?: string | undefined;
  /** Business dates (Asia/Shanghai), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
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
  if (q.actorId) add('actor_id = ?::uuid', q.actorId);
  if (q.from) add("at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'", q.from);
  if (q.to) add("at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'", q.to);
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
