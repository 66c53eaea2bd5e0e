import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { configureQrKeys, generateQrKey, holderRef, loadQrKeysFromEnv, signQrToken, verifyQrToken } from './qr.js';

const VID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const PID = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

describe('voucher QR token', () => {
  const k1 = generateQrKey();
  beforeAll(() => configureQrKeys({ kid: 'k1', signing: k1.signing }));

  it('signs a compact EdDSA token valid 60 s that verifies', async () => {
    const now = new Date();
    const t = await signQrToken(VID, PID, now);
    expect(t.token.split('.')).toHaveLength(3);
    expect(t.token.length).toBeLessThan(400);
    expect(t.expiresAt.getTime() - Math.floor(now.getTime() / 1000) * 1000).toBe(60_000);
    const header = JSON.parse(Buffer.from(t.token.split('.')[0]!, 'base64url').toString()) as { alg: string; kid: string };
    expect(header).toMatchObject({ alg: 'EdDSA', kid: 'k1' });
    const p = await verifyQrToken(t.token, { expectVoucherId: VID });
    expect(p).toMatchObject({ voucherId: VID, holderRef: holderRef(PID), nonce: t.nonce });
  });

  it('each token has its own nonce', async () => {
    const a = await signQrToken(VID, PID);
    const b = await signQrToken(VID, PID);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('refuses a tampered token', async () => {
    const t = (await signQrToken(VID, PID)).token;
    const [h, p, s] = t.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    claims.vid = '11111111-2222-4333-8444-555555555555';
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect(await code(verifyQrToken(forged))).toBe('QR_TOKEN_INVALID');
    const sig = Buffer.from(s, 'base64url');
    sig[10] = sig[10]! ^ 0x01; // one bit of the signature itself
    expect(await code(verifyQrToken(`${h}.${p}.${sig.toString('base64url')}`))).toBe('QR_TOKEN_INVALID');
    // the same signature spelled with different spare bits in its last character is refused too
    const last = s.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = alphabet[alphabet.indexOf(last) ^ 0x01]!;
    expect(Buffer.from(`${s.slice(0, -1)}${respelled}`, 'base64url').equals(Buffer.from(s, 'base64url'))).toBe(true);
    expect(await code(verifyQrToken(`${h}.${p}.${s.slice(0, -1)}${respelled}`))).toBe('QR_TOKEN_INVALID');
  });

  it('refuses an expired token, and one not yet valid', async () => {
    const old = await signQrToken(VID, PID, new Date(Date.now() - 120_000));
    expect(await code(verifyQrToken(old.token))).toBe('QR_TOKEN_EXPIRED');
    const future = await signQrToken(VID, PID, new Date(Date.now() + 120_000));
    expect(await code(verifyQrToken(future.token))).toBe('QR_TOKEN_INVALID');
  });

  it('refuses a token for another voucher', async () => {
    const t = await signQrToken(VID, PID);
    expect(await code(verifyQrToken(t.token, { expectVoucherId: '11111111-2222-4333-8444-555555555555' }))).toBe('QR_TOKEN_INVALID');
  });

  it('refuses a token signed by a wrong key under our kid, and a foreign kid', async () => {
    const other = generateQrKey();
    const iat = Math.floor(Date.now() / 1000);
    const mk = (kid: string) =>
      new SignJWT({ vid: VID, hr: 'x' })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'sv-qr+jwt' })
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + 60)
        .setJti('n1')
        .sign(other.signing);
    expect(await code(verifyQrToken(await mk('k1')))).toBe('QR_TOKEN_INVALID');
    expect(await code(verifyQrToken(await mk('someone-else')))).toBe('QR_TOKEN_INVALID');
  });

  it('refuses a token with a lifetime longer than 60 s and garbage', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const long = await new SignJWT({ vid: VID, hr: 'x' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1', typ: 'sv-qr+jwt' })
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + 3600)
      .setJti('n2')
      .sign(k1.signing);
    expect(await code(verifyQrToken(long))).toBe('QR_TOKEN_INVALID');
    expect(await code(verifyQrToken('not.a.token'))).toBe('QR_TOKEN_INVALID');
    expect(await code(verifyQrToken('abc'))).toBe('QR_TOKEN_INVALID');
  });

  it('refuses alg none, another algorithm or typ, and missing claims', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const seg = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { vid: VID, hr: 'x', iat, nbf: iat, exp: iat + 60, jti: 'n3' };
    expect(await code(verifyQrToken(`${seg({ alg: 'none', kid: 'k1', typ: 'sv-qr+jwt' })}.${seg(claims)}.${seg('x')}`))).toBe('QR_TOKEN_INVALID');
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: 'sv-qr+jwt' }).sign(new Uint8Array(32));
    expect(await code(verifyQrToken(hs))).toBe('QR_TOKEN_INVALID');
    const signed = (header: Record<string, unknown>, body: Record<string, unknown>) =>
      new SignJWT(body).setProtectedHeader(header as { alg: string }).sign(k1.signing);
    expect(await code(verifyQrToken(await signed({ alg: 'EdDSA', kid: 'k1', typ: 'JWT' }, claims)))).toBe('QR_TOKEN_INVALID');
    for (const missing of ['jti', 'nbf', 'iat', 'exp', 'vid', 'hr']) {
      const { [missing]: _gone, ...rest } = claims as Record<string, unknown>;
      expect(await code(verifyQrToken(await signed({ alg: 'EdDSA', kid: 'k1', typ: 'sv-qr+jwt' }, rest))), missing).toBe('QR_TOKEN_INVALID');
    }
    // the same claims, properly signed, verify (the cases above fail for their one defect)
    expect((await verifyQrToken(await signed({ alg: 'EdDSA', kid: 'k1', typ: 'sv-qr+jwt' }, claims))).nonce).toBe('n3');
  });

  it('rotation: tokens of a retired key still verify while its public key is listed', async () => {
    const old = await signQrToken(VID, PID); // signed with k1
    const k2 = generateQrKey();
    loadQrKeysFromEnv({
      NODE_ENV: 'test',
      QR_SIGNING_KEY: JSON.stringify({ ...k2.privateJwk, kid: 'k2' }),
      QR_VERIFY_KEYS: JSON.stringify([{ ...k1.publicJwk, kid: 'k1' }]),
    });
    expect((await verifyQrToken(old.token)).voucherId).toBe(VID);
    const fresh = await signQrToken(VID, PID);
    expect(JSON.parse(Buffer.from(fresh.token.split('.')[0]!, 'base64url').toString()).kid).toBe('k2');
    // k1 dropped from the list: its tokens no longer verify
    loadQrKeysFromEnv({ NODE_ENV: 'test', QR_SIGNING_KEY: JSON.stringify({ ...k2.privateJwk, kid: 'k2' }) });
    expect(await code(verifyQrToken(old.token))).toBe('QR_TOKEN_INVALID');
    expect((await verifyQrToken(fresh.token)).voucherId).toBe(VID);
    configureQrKeys({ kid: 'k1', signing: k1.signing });
  });

  it('accepts a PKCS8 PEM signing key', async () => {
    const k = generateQrKey();
    const pem = k.signing.export({ format: 'pem', type: 'pkcs8' }).toString();
    loadQrKeysFromEnv({ NODE_ENV: 'test', QR_SIGNING_KEY: pem, QR_SIGNING_KID: 'pem-1' });
    const t = await signQrToken(VID, PID);
    expect((await verifyQrToken(t.token)).voucherId).toBe(VID);
    configureQrKeys({ kid: 'k1', signing: k1.signing });
  });

  it('production refuses to start without a key', () => {
    expect(() => loadQrKeysFromEnv({ NODE_ENV: 'production' })).toThrow(/QR_SIGNING_KEY/);
  });
});
