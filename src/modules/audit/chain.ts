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
