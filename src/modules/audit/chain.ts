/** Pure rules of the audit chain: canonical form and hash of an entry. */
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so jsonb's key reordering does not change the hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export interface ChainedFields {
  chain: number;
  seq: number;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  districtCode: string | null;
  detail: unknown;
  prevHash: string;
}

/** Version 1 (entries written before the chain heads): one hash over every field. */
export function entryHash(e: ChainedFields): string {
  const body = canonicalJson([
    e.chain,
    e.seq,
    e.at.toISOString(),
    e.actorId,
    e.actorRole,
    e.action,
    e.entityType,
    e.entityId,
    e.districtCode,
    e.detail,
    e.prevHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/** Version 2: the digest of an entry's content (everything but its place in the chain). */
export function contentDigest(e: Omit<ChainedFields, 'chain' | 'seq' | 'prevHash'>): string {
  const body = canonicalJson([e.at.toISOString(), e.actorId, e.actorRole, e.action, e.entityType, e.entityId, e.districtCode, e.detail]);
  return createHash('sha256').update(body).digest('hex');
}

/** Version 2: the link — the same formula the append statement computes in SQL. */
export function linkHash(chain: number, seq: number, prevHash: string, digest: string): string {
  return createHash('sha256').update(`${chain}:${seq}:${prevHash}:${digest}`).digest('hex');
}

/** The hash an entry must carry, by its version. */
export function expectedHash(e: ChainedFields, version: number): string {
  return version === 1 ? entryHash(e) : linkHash(e.chain, e.seq, e.prevHash, contentDigest(e));
}
