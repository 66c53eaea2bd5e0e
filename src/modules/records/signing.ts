/**
 * The platform's signature on the documents it issues (the lifelong training record, certificate copies):
 * Ed25519 (node:crypto) by default; SM2 with SM3 (sm-crypto-v2, user ID the GM/T default) when CRYPTO_SUITE=gm.
 * The content digest is SHA-256 (SM3 under gm) of the document's canonical JSON. Keys come from
 * src/config.ts `recordKeySettings` (README's configuration table): one signing key with its `kid`, retired
 * public keys that still verify. Development: a key generated once into DATA_DIR; tests: ephemeral.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordKeySettings, type RecordKeySettings } from '../../config.js';

export type SignatureAlg = 'Ed25519' | 'SM2';

type Sm2 = {
  generateKeyPairHex: () => { privateKey: string; publicKey: string };
  doSignature: (msg: string, priv: string, o: { hash: boolean; der: boolean }) => string;
  doVerifySignature: (msg: string, sig: string, pub: string, o: { hash: boolean; der: boolean }) => boolean;
  getPublicKeyFromPrivateKey: (priv: string) => string;
};
let sm2: Sm2 | null = null;
async function loadSm2(): Promise<Sm2> {
  if (!sm2) sm2 = ((await import('sm-crypto-v2')) as unknown as { sm2: Sm2 }).sm2;
  return sm2;
}

interface PublicKey {
  alg: SignatureAlg;
  /** Ed25519: a KeyObject; SM2: the uncompressed public key in hex. */
  ed?: KeyObject;
  sm2?: string;
}
interface Keys {
  kid: string;
  alg: SignatureAlg;
  ed?: KeyObject;
  sm2Private?: string;
  verify: Map<string, PublicKey>;
}

let keys: Keys | null = null;

const edKey = (raw: string): KeyObject => {
  const t = raw.trim();
  return t.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(t) as import('node:crypto').JsonWebKey, format: 'jwk' })
    : createPrivateKey(t.replace(/\\n/g, '\n'));
};

async function devOrEphemeralKey(cfg: RecordKeySettings): Promise<{ kid: string; raw: string }> {
  const fresh = async (): Promise<string> =>
    cfg.suite === 'gm'
      ? (await loadSm2()).generateKeyPairHex().privateKey
      : (generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  if (cfg.ephemeral) return { kid: `ephemeral-${randomBytes(4).toString('hex')}`, raw: await fresh() };
  const file = join(cfg.dataDir, `record-signing-key.${cfg.suite}.json`);
  if (!existsSync(file)) {
    mkdirSync(cfg.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ kid: `dev-${randomBytes(4).toString('hex')}`, key: await fresh() }), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; key: string };
  return { kid: stored.kid, raw: stored.key };
}

async function retiredKeys(cfg: RecordKeySettings): Promise<Map<string, PublicKey>> {
  const out = new Map<string, PublicKey>();
  if (!cfg.verifyKeys) return out;
  for (const k of JSON.parse(cfg.verifyKeys) as Array<{ kid?: string; alg?: SignatureAlg; key?: string }>) {
    if (!k.kid || !k.key) throw new Error('RECORD_VERIFY_KEYS: every key needs a kid and a key');
    if (k.alg === 'SM2') out.set(k.kid, { alg: 'SM2', sm2: k.key });
    else {
      const t = k.key.trim();
      out.set(k.kid, {
        alg: 'Ed25519',
        ed: t.startsWith('{') ? createPublicKey({ key: JSON.parse(t) as import('node:crypto').JsonWebKey, format: 'jwk' }) : createPublicKey(t),
      });
    }
  }
  return out;
}

/** Configures the keys from the environment (src/config.ts `recordKeySettings`). */
export async function loadRecordKeys(env?: NodeJS.ProcessEnv): Promise<void> {
  const cfg = recordKeySettings(env);
  if (!cfg.signingKey && cfg.production) throw new Error('RECORD_SIGNING_KEY must be set in production');
  const { kid, raw } = cfg.signingKey ? { kid: cfg.signingKid ?? 'record-1', raw: cfg.signingKey } : await devOrEphemeralKey(cfg);
  const verifyMap = await retiredKeys(cfg);
  if (cfg.suite === 'gm') {
    const s = await loadSm2();
    const priv = raw.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(priv)) throw new Error('RECORD_SIGNING_KEY: under CRYPTO_SUITE=gm an SM2 private key of 64 hex characters');
    verifyMap.set(kid, { alg: 'SM2', sm2: s.getPublicKeyFromPrivateKey(priv) });
    keys = { kid, alg: 'SM2', sm2Private: priv, verify: verifyMap };
    return;
  }
  const ed = edKey(raw);
  verifyMap.set(kid, { alg: 'Ed25519', ed: createPublicKey(ed) });
  keys = { kid, alg: 'Ed25519', ed, verify: verifyMap };
}

async function current(): Promise<Keys> {
  if (!keys) await loadRecordKeys();
  return keys!;
}

/** The digest algorithm of the configured suite. */
export const digestAlgOf = (alg: SignatureAlg): 'sha256' | 'sm3' => (alg === 'SM2' ? 'sm3' : 'sha256');

export function digest(alg: 'sha256' | 'sm3', text: string | Buffer): string {
  return createHash(alg).update(text).digest('hex');
}

export interface Signature {
  alg: SignatureAlg;
  kid: string;
  /** base64url */
  value: string;
}

/** The suite in force: its signature algorithm and digest. */
export async function suiteInForce(): Promise<{ alg: SignatureAlg; digestAlg: 'sha256' | 'sm3' }> {
  const k = await current();
  return { alg: k.alg, digestAlg: digestAlgOf(k.alg) };
}

export async function signText(message: string): Promise<Signature> {
  const k = await current();
  if (k.alg === 'SM2') {
    const hex = (await loadSm2()).doSignature(message, k.sm2Private!, { hash: true, der: false });
    return { alg: 'SM2', kid: k.kid, value: Buffer.from(hex, 'hex').toString('base64url') };
  }
  return { alg: 'Ed25519', kid: k.kid, value: sign(null, Buffer.from(message, 'utf8'), k.ed!).toString('base64url') };
}

/** True when `sig` is the platform's signature of `message` under a key it knows (current or retired). */
export async function verifyText(message: string, sig: Signature): Promise<boolean> {
  const k = await current();
  const pub = k.verify.get(sig.kid);
  if (!pub || pub.alg !== sig.alg) return false;
  const raw = Buffer.from(sig.value, 'base64url');
  if (pub.alg === 'SM2') return (await loadSm2()).doVerifySignature(message, raw.toString('hex'), pub.sm2!, { hash: true, der: false });
  try {
    return verify(null, Buffer.from(message, 'utf8'), pub.ed!, raw);
  } catch {
    return false;
  }
}

/** The public half of the signing key (README: how an outside verifier checks a document offline). */
export async function publicKeyInfo(): Promise<{ kid: string; alg: SignatureAlg; publicKey: string }> {
  const k = await current();
  const pub = k.verify.get(k.kid)!;
  return { kid: k.kid, alg: k.alg, publicKey: pub.alg === 'SM2' ? pub.sm2! : (pub.ed!.export({ format: 'pem', type: 'spki' }) as string) };
}
