/**
 * Thin routes that declare their concerns up front: role(s), schemas, transaction, rate limit. The handler
 * receives a context with the actor and a query target (the open transaction when `tx: true`).
 * Every route gets an operationId and an `x-roles` extension in the OpenAPI document, which the
 * authorisation test walks.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, Queryable, Tx } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import type { Actor, Role } from '../modules/identity/index.js';
import { ROLES, TOTP_REQUIRED_ROLES } from '../modules/identity/index.js';
import { authenticate } from '../modules/identity/index.js';

export type Access = 'public' | 'any' | readonly Role[];

type ZAny = z.ZodType;
type Infer<S> = S extends ZAny ? z.infer<S> : undefined;

/** The transaction a handler receives: non-null by type when its route declares `tx: true`. */
export type TxOf<X extends boolean> = X extends true ? Tx : Tx | null;

export interface HandlerCtx<B, Q, P, T extends Tx | null = Tx | null> {
  actor: Actor;
  /** Null only on public routes called anonymously. */
  maybeActor: Actor | null;
  db: Db;
  /** The transaction when the route declares `tx: true`, else the database. */
  q: Queryable;
  tx: T;
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<B extends ZAny | undefined, Q extends ZAny | undefined, P extends ZAny | undefined, R extends ZAny, X extends boolean = false> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  status?: 200 | 201 | 202;
  /** Run the handler in a transaction; its context's `tx` is then a `Tx` (non-null) by type. */
  tx?: X;
  rateLimit?: { max: number; timeWindow: string | number };
  /** Raw body content types accepted instead of JSON (file imports). */
  rawBody?: readonly string[];
  bodyLimit?: number;
  /** Reachable by a privileged account that has not passed its second factor yet (enrolment, sign-out). */
  mfaExempt?: boolean;
  handler: (ctx: HandlerCtx<Infer<B>, Infer<Q>, Infer<P>, TxOf<X>>) => Promise<z.infer<R>>;
}

/** Problem schema for the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .passthrough()
  .meta({ id: 'Problem' });

export function rolesOf(access: Access): readonly Role[] | 'public' {
  if (access === 'public') return 'public';
  if (access === 'any') return ROLES;
  return access;
}

export function defineRoute<B extends ZAny | undefined, Q extends ZAny | undefined, P extends ZAny | undefined, R extends ZAny, X extends boolean = false>(
  app: FastifyInstance,
  db: Db,
  spec: RouteSpec<B, Q, P, R, X>,
): void {
  const roles = rolesOf(spec.access);
  const status = spec.status ?? 200;
  const schema: Record<string, unknown> = {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: spec.tags,
    'x-roles': roles,
    response: {
      [status]: spec.response,
      '4XX': ProblemSchema,
    },
  };
  if (spec.body && !spec.rawBody) schema.body = spec.body;
  if (spec.query) schema.querystring = spec.query;
  if (spec.params) schema.params = spec.params;
  if (roles !== 'public') schema.security = [{ bearer: [] }, { cookie: [] }];
  if (spec.rawBody) {
    schema.consumes = spec.rawBody;
  }

  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.url,
    schema,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    config: spec.rateLimit ? { rateLimit: spec.rateLimit } : {},
    // Who may call is decided before the body is even validated: a refused caller learns nothing of the schema.
    onRequest: async (req, reply) => {
      const actor = await authenticate(db, req, reply);
      if (roles !== 'public') {
        if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
        if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN', `role ${actor.role} may not ${spec.operationId}`);
        if (!spec.mfaExempt && TOTP_REQUIRED_ROLES.includes(actor.role) && !actor.mfaPassed) {
          throw actor.totpEnabled
            ? new AppError('TOTP_REQUIRED', 'this session has not passed the second factor; sign in again with your code')
            : new AppError('TOTP_ENROLMENT_REQUIRED', `the ${actor.role} role requires a second factor: enrol TOTP first`);
        }
      }
    },
    handler: async (req, reply) => {
      const actor = await authenticate(db, req, reply);
      if (spec.rawBody && (!Buffer.isBuffer(req.body) || !spec.rawBody.includes(mediaType(req.headers['content-type'])))) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send the file itself as the body, with content type ${spec.rawBody.join(' or ')}`, 'content-type');
      }
      const run = async (q: Queryable, tx: Tx | null) =>
        spec.handler({
          actor: actor as Actor,
          maybeActor: actor,
          db,
          q,
          tx: tx as TxOf<X>,
          body: req.body as Infer<B>,
          query: req.query as Infer<Q>,
          params: req.params as Infer<P>,
          req,
          reply,
        });
      const out = spec.tx ? await db.tx((tx) => run(tx, tx)) : await run(db, null);
      if (reply.sent) return reply;
      reply.code(status);
      return out;
    },
  });
}

/** The media type of a Content-Type header, without parameters, in lower case ('' when absent). */
export const mediaType = (h: string | undefined): string => (h ?? '').split(';')[0]!.trim().toLowerCase();

/** Common schema pieces. */
export const Uuid = z.uuid();
export const IdParams = z.strictObject({ id: z.uuid() });
export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};
export const Page = <T extends ZAny>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });
/** A whole (unpaged) list in the one list shape of the API, `{ items, total }` (issue 15 item 23). */
export const listed = <T>(items: T[]): { items: T[]; total: number } => ({ items, total: items.length });
