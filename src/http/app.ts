/** The HTTP service: Fastify + zod schemas + OpenAPI + problem+json; module routes registered from the registry. */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { trustProxy, type Config } from '../config.js';
import type { Db } from '../db/index.js';
import { sendProblem, toProblem } from './problem.js';
import { defineRoute } from './route.js';
import { registerModules } from '../modules/registry.js';
import { registerWeb } from './web.js';
import { registerTextGuard } from './text-guard.js';
import { redactLogLine } from './log-redaction.js';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.idNumber',
  '*.phone',
  '*.bankAccount',
  '*.password',
  '*.totpCode',
  '*.token',
];

export interface BuildOptions {
  /** Where log lines go (default: standard output); tests capture them here. */
  logStream?: { write(line: string): void };
}

export async function buildApp(db: Db, config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = createFastify(config, opts);
  await registerProtection(app, config);
  await registerOpenApi(app);
  registerErrorHandlers(app);
  registerSystemRoutes(app, db);
  await registerModules(app, db);
  await registerWeb(app);
  return app;
}

/** Fastify with the logger (redacted), request ids, the zod compilers and problem+json for the router's refusals. */
function createFastify(config: Config, opts: BuildOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // ID numbers, phones and bank cards anywhere else in a line (a query string, a message) are masked
      hooks: { streamWrite: redactLogLine },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(h) ? h : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: trustProxy(),
    ajv: { customOptions: { removeAdditional: false } },
    // The router's own refusals (an over-long path parameter, a malformed %-escape) are problem+json too.
    frameworkErrors: (err, req, reply) => sendProblem(reply, toProblem(err, req)),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  return app;
}

/** Cookies, security headers, rate limits, the text guard and the raw file uploads. */
async function registerProtection(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(cookie);
  // Security headers (helmet), built ONCE: @fastify/helmet rebuilt the middleware — re-parsing the CSP — on
  // every request (measured: ~3 % of the check-in burst's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        // Behind plain HTTP (the embedded default) upgrading would break every asset; on with COOKIE_SECURE.
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) => {
    securityHeaders(req.raw, reply.raw, (e?: unknown) => done(e instanceof Error ? e : undefined));
  });
  await app.register(rateLimit, { global: false });
  registerTextGuard(app);

  // Raw file uploads (CSV / xlsx imports) arrive as Buffers.
  app.addContentTypeParser(
    [
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
      'application/xml',
      'text/xml',
      'application/pdf',
      'image/jpeg',
      'image/png',
    ],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );
}

/** The OpenAPI generator and its viewer (/api/docs); the document is served at /api/openapi.json. */
async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'skillvoucher API',
        description: '职业培训券 — vocational training vouchers. Errors are RFC 9457 problem+json with a stable `code`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'sv_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // the named schemas (`.meta({ id })`, e.g. Problem) that the paths refer to, under components.schemas
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}

/** Every error, and every unknown URL, answers problem+json. */
function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err, req);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(reply, p);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, toProblem(Object.assign(new Error('not found'), { statusCode: 404 }), req)));
}

/** The OpenAPI document, liveness and readiness. */
function registerSystemRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/health',
    operationId: 'health',
    summary: 'Liveness: the process answers',
    tags: ['system'],
    access: 'public',
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  });
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/ready',
    operationId: 'ready',
    summary: 'Readiness: the database answers',
    tags: ['system'],
    access: 'public',
    response: z.object({ status: z.literal('ready'), engine: z.string() }),
    handler: async ({ db: d }) => {
      try {
        await d.query('SELECT 1');
      } catch {
        const { AppError } = await import('../lib/errors.js');
        throw new AppError('SERVICE_UNAVAILABLE', 'the database does not answer');
      }
      return { status: 'ready' as const, engine: d.engine };
    },
  });
}
