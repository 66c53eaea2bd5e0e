/**
 * The voucher QR token (DESIGN.md §7): a compact JWS (Ed25519, alg EdDSA) valid 60 s carrying the voucher
 * id, a holder reference, issued-at, not-before, expires-at and a nonce. The `kid` header names the key so
 * keys rotate: one signing key, any number of verification keys (the current one plus retired ones).
 *
 * Keys:
 *  - QR_SIGNING_KEY: the private key, as a JWK (JSON, OKP/Ed25519, with `kid`) or PKCS8 PEM (kid from
 *    QR_SIGNING_KID, default 'qr-1');
 *  - QR_VERIFY_KEYS: optional JSON array of public JWKs (each with `kid`) still accepted — retired keys;
 *  - neither set: in production (NODE_ENV=production) start-up refuses; in tests an ephemeral key; in
 *    development an Ed25519 key is generated once and persisted to DATA_DIR/qr-signing-key.json (the
 *    embedded mode keeps working across restarts; that file is a secret).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, jwtVerify, errors as joseErrors, type JWK } from 'jose';
import { AppError } from '../../lib/errors.js';

export const QR_TTL_SECONDS = 60;
const TYP = 'sv-qr+jwt';
const CLOCK_TOLERANCE_S = 5;

export interface QrKeys {
  kid: string;
  signing: KeyObject;
  /** kid → public key; includes the signing key's own public key. */
  verify: Map<string, KeyObject>;
}

let keys: QrKeys | null = null;

export function configureQrKeys(k: { kid: string; signing: KeyObject; verify?: Array<{ kid: string; key: KeyObject }> }): void {
  const verify = new Map<string, KeyObject>();
  verify.set(k.kid, createPublicKey(k.signing));
  for (const v of k.verify ?? []) verify.set(v.kid, v.key);
  keys = { kid: k.kid, signing: k.signing, verify };
}

/** A fresh Ed25519 key pair (tests, dev key, `kid` rotation tooling). */
export function generateQrKey(): { privateJwk: JWK; publicJwk: JWK; signing: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: privateKey.export({ format: 'jwk' }) as JWK, publicJwk: publicKey.export({ format: 'jwk' }) as JWK, signing: privateKey };
}

function parseSigningKey(raw: string, kidEnv: string | undefined): { kid: string; signing: KeyObject } {
  const t = raw.trim();
  if (t.startsWith('{')) {
    const jwk = JSON.parse(t) as JWK & { kid?: string };
    const signing = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    return { kid: jwk.kid ?? kidEnv ?? 'qr-1', signing };
  }
  return { kid: kidEnv ?? 'qr-1', signing: createPrivateKey(t.replace(/\\n/g, '\n')) };
}

export function loadQrKeysFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const verify: Array<{ kid: string; key: KeyObject }> = [];
  if (env.QR_VERIFY_KEYS) {
    for (const j of JSON.parse(env.QR_VERIFY_KEYS) as Array<JWK & { kid?: string }>) {
      if (!j.kid) throw new Error('QR_VERIFY_KEYS: every key needs a kid');
      verify.push({ kid: j.kid, key: createPublicKey({ key: j as import('node:crypto').JsonWebKey, format: 'jwk' }) });
    }
  }
  if (env.QR_SIGNING_KEY) {
    configureQrKeys({ ...parseSigningKey(env.QR_SIGNING_KEY, env.QR_SIGNING_KID), verify });
    return;
  }
  if (env.NODE_ENV === 'production') throw new Error('QR_SIGNING_KEY must be set in production');
  if (env.NODE_ENV === 'test' || env.DATABASE_URL) {
    // Ephemeral: tests, and server deployments that forgot the key (tokens then only verify on this node).
    configureQrKeys({ kid: `ephemeral-${randomBytes(4).toString('hex')}`, signing: generateQrKey().signing, verify });
    return;
  }
  const dir = env.DATA_DIR ?? './data';
  const file = join(dir, 'qr-signing-key.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const k = generateQrKey();
    writeFileSync(file, JSON.stringify({ ...k.privateJwk, kid: `dev-${randomBytes(4).toString('hex')}` }), { mode: 0o600 });
  }
  configureQrKeys({ ...parseSigningKey(readFileSync(file, 'utf8'), undefined), verify });
}

function current(): QrKeys {
  if (!keys) loadQrKeysFromEnv();
  return keys!;
}

/** The holder reference in a token: a short hash of the person id (no personal data in the QR code). */
export const holderRef = (personId: string): string => createHash('sha256').update(`sv-holder:${personId}`).digest('base64url').slice(0, 16);

export interface QrPayload {
  voucherId: string;
  holderRef: string;
  nonce: string;
  /** seconds since the epoch */
  exp: number;
}

export async function signQrToken(voucherId: string, personId: string, now: Date = new Date()): Promise<{ token: string; expiresAt: Date; nonce: string }> {
  const k = current();
  const iat = Math.floor(now.getTime() / 1000);
  const nonce = randomBytes(12).toString('base64url');
  const token = await new SignJWT({ vid: voucherId, hr: holderRef(personId) })
    .setProtectedHeader({ alg: 'EdDSA', kid: k.kid, typ: TYP })
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + QR_TTL_SECONDS)
    .setJti(nonce)
    .sign(k.signing);
  return { token, expiresAt: new Date((iat + QR_TTL_SECONDS) * 1000), nonce };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks signature (a known kid), expiry, not-before and shape; when `expectVoucherId` is given, that the
 * token is for that voucher. Throws QR_TOKEN_EXPIRED or QR_TOKEN_INVALID.
 */
export async function verifyQrToken(token: string, opts: { expectVoucherId?: string; now?: Date } = {}): Promise<QrPayload> {
  const k = current();
  if (typeof token !== 'string' || token.length > 2048 || token.split('.').length !== 3)
    throw new AppError('QR_TOKEN_INVALID', 'not a voucher QR token', 'token');
  // One token, one spelling: base64url leaves spare bits in a segment's last character, so a decoder would
  // accept several spellings of the same signature. Only the canonical one is accepted.
  for (const part of token.split('.'))
    if (Buffer.from(part, 'base64url').toString('base64url') !== part)
      throw new AppError('QR_TOKEN_INVALID', 'not a voucher QR token', 'token');
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid ? k.verify.get(header.kid) : undefined;
        if (!key) throw new AppError('QR_TOKEN_INVALID', 'unknown key id', 'token');
        return key;
      },
      {
        algorithms: ['EdDSA'],
        typ: TYP,
        clockTolerance: CLOCK_TOLERANCE_S,
        maxTokenAge: QR_TTL_SECONDS + CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'nbf', 'iat', 'jti'],
        ...(opts.now ? { currentDate: opts.now } : {}),
      },
    );
    const vid = payload.vid;
    const hr = payload.hr;
    if (typeof vid !== 'string' || !UUID_RE.test(vid) || typeof hr !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number')
      throw new AppError('QR_TOKEN_INVALID', 'malformed token claims', 'token');
    if (payload.exp - (payload.iat ?? 0) > QR_TTL_SECONDS) throw new AppError('QR_TOKEN_INVALID', 'token lifetime too long', 'token');
    if (opts.expectVoucherId && opts.expectVoucherId !== vid) throw new AppError('QR_TOKEN_INVALID', 'token is for another voucher', 'token');
    return { voucherId: vid, holderRef: hr, nonce: payload.jti, exp: payload.exp };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw new AppError('QR_TOKEN_EXPIRED', 'the QR code has expired; ask the holder to refresh it', 'token');
    throw new AppError('QR_TOKEN_INVALID', 'the QR token does not verify', 'token');
  }
}
