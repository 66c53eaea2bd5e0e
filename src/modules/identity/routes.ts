import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { cookieSecure } from '../../config.js';
import type { Db } from '../../db/index.js';
import { defineRoute, IdParams, Page, Paging } from '../../http/route.js';
import { ROLES } from './actor.js';
import { AccountView } from './schemas.js';
import * as identity from './service.js';
import { SESSION_COOKIE, sessionLimits } from './sessions.js';
import { EsscSimulator, esscAdapter } from './essc.js';
import { signInWithEssc } from './essc-signin.js';
import { checkIdNumber } from '../../lib/identifiers.js';

const SignedIn = z.object({
  status: z.enum(['signed_in', 'totp_required']),
  token: z.string().optional().describe('bearer token (client=api only)'),
  challenge: z.string().optional().describe('pass with a TOTP code to /auth/login/totp'),
  expiresAt: z.string().optional(),
  account: AccountView.optional(),
  mfaPassed: z.boolean().optional(),
});

const Client = z.enum(['web', 'api']).default('web');
export const Username = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9_.@-]+$/i, 'letters, digits and _ . @ - only');

export function sendSignedIn(reply: FastifyReply, r: identity.SignInResult, client: 'web' | 'api', cookieSecure: boolean) {
  if (r.status === 'totp_required') return { status: r.status, challenge: r.challenge };
  if (client === 'web') {
    reply.setCookie(SESSION_COOKIE, r.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure,
      path: '/',
      maxAge: Math.floor(sessionLimits().absoluteMs / 1000),
    });
  }
  return {
    status: r.status,
    ...(client === 'api' ? { token: r.token } : {}),
    expiresAt: r.expiresAt.toISOString(),
    account: identity.presentAccount(r.account),
    mfaPassed: r.mfaPassed,
  };
}

const meta = (req: { headers: Record<string, unknown>; ip: string }) => ({
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined,
  ip: req.ip,
});

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const secure = cookieSecure();
  registerPasswordSignInRoutes(app, db, secure);
  await registerEsscRoutes(app, db, secure);
  registerSessionRoutes(app, db);
  registerAccountRoutes(app, db);
}

/** Staff sign-in: password, then the TOTP step. */
function registerPasswordSignInRoutes(app: FastifyInstance, db: Db, cookieSecure: boolean): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/auth/login',
    operationId: 'signIn',
    summary: 'Password sign-in (staff). client=web sets an httpOnly cookie; client=api returns a bearer token',
    tags: ['identity'],
    access: 'public',
    rateLimit: { max: 30, timeWindow: '1 minute' },
    body: z.strictObject({ username: Username, password: z.string().min(1).max(200), client: Client }),
    response: SignedIn,
    handler: async ({ db: d, body, req, reply }) =>
      sendSignedIn(
        reply,
        await identity.signInWithPassword(d, body.username, body.password, body.client === 'web' ? 'cookie' : 'bearer', meta(req)),
        body.client,
        cookieSecure,
      ),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/auth/login/totp',
    operationId: 'signInTotp',
    summary: 'Second sign-in step: the challenge and a TOTP code',
    tags: ['identity'],
    access: 'public',
    rateLimit: { max: 30, timeWindow: '1 minute' },
    body: z.strictObject({ challenge: z.string().min(10).max(100), code: z.string().regex(/^\d{6}$/, '6 digits'), client: Client }),
    response: SignedIn,
    handler: async ({ db: d, body, req, reply }) =>
      sendSignedIn(
        reply,
        await identity.signInWithTotp(d, body.challenge, body.code, body.client === 'web' ? 'cookie' : 'bearer', meta(req)),
        body.client,
        cookieSecure,
      ),
  });
}

/** Worker sign-in with the e-SSC, and the built-in simulator of the e-SSC platform. */
async function registerEsscRoutes(app: FastifyInstance, db: Db, cookieSecure: boolean): Promise<void> {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/auth/essc',
    operationId: 'signInEssc',
    summary: 'Worker sign-in with an e-SSC (电子社保卡) identity assertion',
    tags: ['identity'],
    access: 'public',
    rateLimit: { max: 60, timeWindow: '1 minute' },
    body: z.strictObject({ assertion: z.string().min(20).max(4000), client: Client }),
    response: SignedIn,
    handler: async ({ db: d, body, req, reply }) =>
      sendSignedIn(reply, await signInWithEssc(d, body.assertion, body.client === 'web' ? 'cookie' : 'bearer', meta(req)), body.client, cookieSecure),
  });

  const adapter = await esscAdapter();
  if (adapter instanceof EsscSimulator) {
    // The built-in SIMULATOR of the national e-SSC platform: it stands in for the person proving
    // themself in the e-SSC app. Registered only when ESSC_ADAPTER=simulator (the default outside production).
    defineRoute(app, db, {
      method: 'POST',
      url: '/api/v1/essc-sim/authorize',
      operationId: 'esscSimulatorAuthorize',
      summary: 'e-SSC SIMULATOR: issue a signed, short-lived identity assertion for a resident ID and name',
      tags: ['e-SSC simulator'],
      access: 'public',
      rateLimit: { max: 60, timeWindow: '1 minute' },
      body: z.strictObject({
        idNumber: z
          .string()
          .max(18)
          .refine((v) => checkIdNumber(v.toUpperCase()) === null, { message: 'not a valid resident ID number', params: { code: 'INVALID_ID_NUMBER' } }),
        name: z.string().min(1).max(50),
      }),
      response: z.object({ assertion: z.string(), expiresAt: z.string(), simulator: z.literal(true) }),
      handler: async ({ body }) => {
        const r = await adapter.issueAssertion(body);
        return { assertion: r.assertion, expiresAt: r.expiresAt.toISOString(), simulator: true as const };
      },
    });
  }
}

/** The signed-in session: sign-out, who am I, TOTP enrolment. */
function registerSessionRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    operationId: 'signOut',
    summary: 'Revoke the current session',
    tags: ['identity'],
    access: 'any',
    mfaExempt: true,
    tx: true,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ actor, tx, reply }) => {
      await identity.signOut(actor, tx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/auth/me',
    operationId: 'whoAmI',
    summary: 'The signed-in account and its scope',
    tags: ['identity'],
    access: 'any',
    mfaExempt: true,
    response: AccountView.extend({ mfaPassed: z.boolean() }),
    handler: async ({ actor, db: d }) => ({ ...identity.presentAccount((await identity.getAccount(d, actor.accountId))!), mfaPassed: actor.mfaPassed }),
  });

  const staff = ['provider', 'enterprise', 'assessor', 'district_admin', 'city_admin', 'finance', 'auditor', 'committee'] as const;
  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/auth/totp/enrol',
    operationId: 'beginTotpEnrolment',
    summary: 'Start TOTP enrolment: returns the secret and otpauth URI once',
    tags: ['identity'],
    access: staff,
    mfaExempt: true,
    tx: true,
    response: z.object({ secret: z.string(), uri: z.string() }),
    handler: async ({ actor, tx }) => identity.beginTotpEnrolment(actor, tx),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/auth/totp/confirm',
    operationId: 'confirmTotpEnrolment',
    summary: 'Confirm TOTP enrolment with a first code',
    tags: ['identity'],
    access: staff,
    mfaExempt: true,
    tx: true,
    body: z.strictObject({ code: z.string().regex(/^\d{6}$/, '6 digits') }),
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ actor, tx, body }) => {
      await identity.confirmTotpEnrolment(actor, tx, body.code);
      return { ok: true as const };
    },
  });
}

/** Staff accounts (city admin). */
function registerAccountRoutes(app: FastifyInstance, db: Db): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/v1/accounts',
    operationId: 'listAccounts',
    summary: 'List accounts',
    tags: ['identity'],
    access: ['city_admin', 'auditor'],
    query: z.strictObject({ role: z.enum(ROLES).optional(), ...Paging }),
    response: Page(AccountView),
    handler: async ({ actor, db: d, query }) => identity.listAccounts(actor, d, query),
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/v1/accounts',
    operationId: 'createAccount',
    summary: 'Create a staff account',
    tags: ['identity'],
    access: ['city_admin'],
    tx: true,
    status: 201,
    body: z.strictObject({
      username: Username,
      displayName: z.string().min(1).max(100),
      role: z.enum(ROLES).exclude(['worker']),
      password: z.string().min(1).max(200),
      districtCode: z
        .string()
        .regex(/^\d{6}$/)
        .nullish(),
      orgId: z.uuid().nullish(),
    }),
    response: AccountView,
    handler: async ({ actor, tx, body }) => identity.presentAccount(await identity.createAccount(tx, actor, body)),
  });

  defineRoute(app, db, {
    method: 'PATCH',
    url: '/api/v1/accounts/:id',
    operationId: 'updateAccount',
    summary: 'Disable, enable or unlock an account',
    tags: ['identity'],
    access: ['city_admin'],
    tx: true,
    params: IdParams,
    body: z.strictObject({ status: z.enum(['active', 'disabled']).optional(), unlock: z.boolean().optional() }),
    response: AccountView,
    handler: async ({ actor, tx, params, body }) => identity.presentAccount(await identity.setAccountStatus(actor, tx, params.id, body)),
  });
}
