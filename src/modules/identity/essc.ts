/**
 * e-SSC (电子社会保障卡) sign-in for workers. The national platform vouches for a person with a signed,
 * short-lived identity assertion (a JWS); we verify it through an adapter chosen by configuration:
 *  - `simulator` (default): the BUILT-IN e-SSC SIMULATOR — it stands in for the national platform, which
 *    cannot be reached from here; it signs assertions with its own Ed25519 key and says so in every
 *    assertion (`sim: true`) and route name. Never enable it in production.
 *  - `jwt`: a real platform's assertions, verified with its public key (ESSC_PUBLIC_KEY, PEM),
 *    issuer (ESSC_ISSUER) and audience (ESSC_AUDIENCE).
 */
import { esscEnv } from '../../config.js';
import { now as clockNow, nowMs } from '../../lib/clock.js';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import { AppError } from '../../lib/errors.js';
import { checkIdNumber, normaliseIdNumber } from '../../lib/identifiers.js';

export interface EsscIdentity {
  idNumber: string;
  name: string;
  jti: string;
  expiresAt: Date;
}

export interface EsscAdapter {
  readonly name: string;
  verifyAssertion(assertion: string): Promise<EsscIdentity>;
}

export const ESSC_AUDIENCE = 'skillvoucher';
export const SIMULATOR_ISSUER = 'urn:skillvoucher:essc-simulator';
export const ASSERTION_TTL_S = 120;

function identityFrom(payload: JWTPayload): EsscIdentity {
  const idNumber = typeof payload.idn === 'string' ? normaliseIdNumber(payload.idn) : '';
  const name = typeof payload.name === 'string' ? payload.name : '';
  if (checkIdNumber(idNumber) || !name || !payload.jti || !payload.exp)
    throw new AppError('ESSC_ASSERTION_INVALID', 'the e-SSC assertion lacks a valid identity', 'assertion');
  return { idNumber, name, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
}

async function verifyWith(key: CryptoKey | Uint8Array, assertion: string, issuer: string, audience: string): Promise<EsscIdentity> {
  try {
    const { payload } = await jwtVerify(assertion, key, {
      issuer,
      audience,
      algorithms: ['EdDSA', 'ES256', 'RS256', 'SM2'],
      maxTokenAge: `${ASSERTION_TTL_S * 2}s`,
      currentDate: clockNow(),
    });
    return identityFrom(payload);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const expired = e instanceof Error && /exp/.test((e as Error & { code?: string }).code ?? '') && /expired/i.test(e.message);
    throw new AppError('ESSC_ASSERTION_INVALID', expired ? 'the e-SSC assertion has expired; sign in again' : 'the e-SSC assertion is not valid', 'assertion');
  }
}

/** The built-in simulator of the national e-SSC platform. */
export class EsscSimulator implements EsscAdapter {
  readonly name = 'simulator';
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly publicKey: CryptoKey,
  ) {}

  static async create(): Promise<EsscSimulator> {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    return new EsscSimulator(privateKey, publicKey);
  }

  async publicJwk() {
    return exportJWK(this.publicKey);
  }

  /** What the national platform does after the person proves themself in the e-SSC app. */
  async issueAssertion(input: { idNumber: string; name: string }, ttlSeconds = ASSERTION_TTL_S): Promise<{ assertion: string; expiresAt: Date }> {
    const now = Math.floor(nowMs() / 1000);
    const assertion = await new SignJWT({ idn: normaliseIdNumber(input.idNumber), name: input.name, sim: true })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: 'essc-sim-1' })
      .setIssuer(SIMULATOR_ISSUER)
      .setAudience(ESSC_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { assertion, expiresAt: new Date((now + ttlSeconds) * 1000) };
  }

  verifyAssertion(assertion: string): Promise<EsscIdentity> {
    return verifyWith(this.publicKey, assertion, SIMULATOR_ISSUER, ESSC_AUDIENCE);
  }
}

/** A real platform: assertions signed by its key, verified with the configured public key. */
export class EsscJwtAdapter implements EsscAdapter {
  readonly name = 'jwt';
  constructor(
    private readonly key: CryptoKey,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}
  static async fromEnv(env: NodeJS.ProcessEnv): Promise<EsscJwtAdapter> {
    if (!env.ESSC_PUBLIC_KEY || !env.ESSC_ISSUER) throw new Error('ESSC_ADAPTER=jwt needs ESSC_PUBLIC_KEY (PEM) and ESSC_ISSUER');
    const alg = env.ESSC_ALG ?? 'EdDSA';
    return new EsscJwtAdapter(await importSPKI(env.ESSC_PUBLIC_KEY, alg), env.ESSC_ISSUER, env.ESSC_AUDIENCE ?? ESSC_AUDIENCE);
  }
  verifyAssertion(assertion: string): Promise<EsscIdentity> {
    return verifyWith(this.key, assertion, this.issuer, this.audience);
  }
}

let adapter: EsscAdapter | null = null;
export async function configureEssc(kind: string, env: NodeJS.ProcessEnv = esscEnv()): Promise<EsscAdapter> {
  adapter = kind === 'jwt' ? await EsscJwtAdapter.fromEnv(env) : await EsscSimulator.create();
  return adapter;
}
export async function esscAdapter(): Promise<EsscAdapter> {
  adapter ??= await EsscSimulator.create();
  return adapter;
}
