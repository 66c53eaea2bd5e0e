/**
 * Personal data at rest: AES-256-GCM (default) or SM4-GCM (GM/T suite, sm-crypto-v2) with a random nonce;
 * stored as `v1:<suite>:<base64 nonce|ciphertext|tag>`. Lookups use a blind index: HMAC-SHA256 under a
 * separate key (or HMAC-SM3 under the GM/T suite), so equal values can be found without decrypting.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

let dataKey: Buffer | null = null;
let indexKey: Buffer | null = null;
let suite: 'default' | 'gm' = 'default';

export function configureCrypto(opts: { dataKey: Buffer; indexKey: Buffer; suite: 'default' | 'gm' }): void {
  dataKey = opts.dataKey;
  indexKey = opts.indexKey;
  suite = opts.suite;
}

function keys(): { dataKey: Buffer; indexKey: Buffer } {
  if (!dataKey || !indexKey) throw new Error('crypto is not configured');
  return { dataKey, indexKey };
}

export function encrypt(plain: string): string {
  const { dataKey: k } = keys();
  if (suite === 'gm') {
    // SM4 takes a 128-bit key: the first half of the configured key.
    return `v1:sm4:${sm4Encrypt(k.subarray(0, 16), plain)}`;
  }
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', k, iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1:aes:${Buffer.concat([iv, ct, c.getAuthTag()]).toString('base64')}`;
}

export function decrypt(stored: string): string {
  const { dataKey: k } = keys();
  const [v, s, body] = stored.split(':');
  if (v !== 'v1' || !body) throw new Error('unknown ciphertext format');
  if (s === 'sm4') return sm4Decrypt(k.subarray(0, 16), body);
  const raw = Buffer.from(body, 'base64');
  const d = createDecipheriv('aes-256-gcm', k, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
}

/** Blind index of a normalised value, scoped by a purpose label so equal values of two kinds differ. */
export function blindIndex(purpose: string, value: string): string {
  const { indexKey: k } = keys();
  return createHmac(suite === 'gm' ? 'sm3' : 'sha256', k)
    .update(`${purpose}\u0000${value}`)
    .digest('hex');
}

// SM4-GCM through sm-crypto-v2, loaded lazily so the default suite does not need it.
type Sm4 = {
  encrypt: (d: string, k: string, o: Record<string, unknown>) => { output: string; tag: string } | string;
  decrypt: (d: string, k: string, o: Record<string, unknown>) => string;
};
let sm4: Sm4 | null = null;
export async function loadGm(): Promise<void> {
  const mod = (await import('sm-crypto-v2')) as unknown as { sm4: Sm4 };
  sm4 = mod.sm4;
}
function sm4Encrypt(key: Buffer, plain: string): string {
  if (!sm4) throw new Error('GM/T suite not loaded (call loadGm at start-up)');
  const iv = randomBytes(12);
  const r = sm4.encrypt(plain, key.toString('hex'), { mode: 'gcm', iv: iv.toString('hex'), outputTag: true }) as { output: string; tag: string };
  return Buffer.concat([iv, Buffer.from(r.output, 'hex'), Buffer.from(r.tag, 'hex')]).toString('base64');
}
function sm4Decrypt(key: Buffer, body: string): string {
  if (!sm4) throw new Error('GM/T suite not loaded (call loadGm at start-up)');
  const raw = Buffer.from(body, 'base64');
  return sm4.decrypt(raw.subarray(12, raw.length - 16).toString('hex'), key.toString('hex'), {
    mode: 'gcm',
    iv: raw.subarray(0, 12).toString('hex'),
    tag: raw.subarray(raw.length - 16).toString('hex'),
    output: 'string',
  });
}
