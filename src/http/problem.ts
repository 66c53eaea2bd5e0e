/** RFC 9457 problem+json: the one mapping from errors to HTTP. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ErrorCodes, type ErrorCode, type FieldIssue } from '../lib/errors.js';
import { DbUnavailableError } from '../db/index.js';
import { isConnectionError } from '../db/failover.js';
// The one catalogue of error sentences (zh-CN and English), shared with the web app.
import { errorMessages } from '../../web/src/i18n/errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  field?: string;
  errors?: FieldIssue[];
  requestId: string;
  [k: string]: unknown;
}

const TYPE_BASE = 'https://skillvoucher.org/problems/';
/** Retry-After of a 503: a failover takes seconds (ARCHITECTURE.md, Deployment). */
export const RETRY_AFTER_S = 2;

/**
 * Whether the caller reads Chinese: the Accept-Language entry with the highest q among zh* and en* (a tie goes
 * to the one listed first). Without the header, or preferring English, problem details stay in English.
 */
export function prefersChinese(acceptLanguage: string | string[] | undefined): boolean {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { zh: boolean; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    if (!tag || !(tag === 'zh' || tag.startsWith('zh-') || tag === 'en' || tag.startsWith('en-'))) continue;
    const qp = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { zh: tag.startsWith('zh'), q };
  }
  return best?.zh ?? false;
}

/** A zh-CN problem detail: the code's sentence from the catalogue (no English, codes, ids or field names). */
function chineseDetail(code: ErrorCode): string {
  return errorMessages[code]?.zh ?? errorMessages.INTERNAL!.zh;
}

export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const zh = prefersChinese(req.headers['accept-language']);
  const base: ProblemOf = (code, detail, field, errors, extra) => ({
    // Extra members first: they may add context but never override the standard members below.
    ...(extra ?? {}),
    type: TYPE_BASE + code.toLowerCase().replace(/_/g, '-'),
    title: code,
    status: ErrorCodes[code],
    detail: zh ? chineseDetail(code) : detail,
    instance: req.url.length > 300 ? `${req.url.slice(0, 300)}…` : req.url,
    code,
    ...(field !== undefined ? { field } : {}),
    ...(errors && errors.length
      ? { errors: zh ? errors.map((e) => ({ ...e, message: errorMessages[e.code]?.zh ?? chineseDetail('VALIDATION_FAILED') })) : errors }
      : {}),
    requestId: String(req.id),
  });
  if (err instanceof AppError) return base(err.code, err.message, err.field, err.issues, err.extra);
  if (hasZodFastifySchemaValidationErrors(err)) return validationProblem(err, base);
  const fe = err as FastifyError;
  const known = frameworkProblem(fe, req, base);
  if (known) return known;
  // the database server went away (a failover): 503 with Retry-After, never 500 (src/db/index.ts says what was retried)
  if (err instanceof DbUnavailableError || isConnectionError(err))
    return base('SERVICE_UNAVAILABLE', 'the database is switching servers; repeat the request in a few seconds', undefined, undefined, {
      retryAfterS: RETRY_AFTER_S,
    });
  if (fe.statusCode === 429) return base('RATE_LIMITED', 'too many requests; try again later');
  if (fe.statusCode === 404) return base('NOT_FOUND', 'no such route');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return base('VALIDATION_FAILED', fe.message, 'body');
  }
  return base('INTERNAL', 'an internal error occurred; it has been logged');
}

type ProblemOf = (code: ErrorCode, detail: string, field?: string, errors?: FieldIssue[], extra?: Record<string, unknown>) => Problem;

/** A refusal by the route's zod schema: one issue per field, the first one's code when it is a known one. */
function validationProblem(err: FastifyError & { validation: NonNullable<FastifyError['validation']> }, base: ProblemOf): Problem {
  const where = (err as FastifyError).validationContext ?? 'body';
  const errors: FieldIssue[] = err.validation.map((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const params = v.params as { keys?: string[]; params?: { code?: string }; code?: string };
    const unknownKey = v.keyword === 'unrecognized_keys' && params.keys?.length ? params.keys[0] : undefined;
    const field = [where === 'body' ? '' : where, path, unknownKey ?? ''].filter(Boolean).join('.') || where;
    const code = params.params?.code ?? (unknownKey ? 'UNKNOWN_FIELD' : v.keyword.toUpperCase());
    return { field, code, message: unknownKey ? `unknown field ${unknownKey}` : (v.message ?? 'invalid') };
  });
  const first = errors[0];
  const specific = first && first.code in ErrorCodes ? (first.code as ErrorCode) : 'VALIDATION_FAILED';
  return base(specific, first ? `${first.field}: ${first.message}` : 'invalid request', first?.field, errors);
}

/** Fastify's own refusals of a body, a content type or a path; null for any other error. */
function frameworkProblem(fe: FastifyError, req: FastifyRequest, base: ProblemOf): Problem | null {
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return base('MALFORMED_JSON', 'the request body is not valid JSON', 'body');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return base('PAYLOAD_TOO_LARGE', 'the request body is too large', 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return base('UNSUPPORTED_MEDIA_TYPE', `unsupported content type ${req.headers['content-type'] ?? ''}`, 'content-type');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return base('VALIDATION_FAILED', 'a path parameter is too long', 'params');
    case 'FST_ERR_BAD_URL':
      return base('VALIDATION_FAILED', 'the path is not a valid URL', 'params');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return base('VALIDATION_FAILED', 'content-length does not match the body', 'body');
    default:
      return null;
  }
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  reply.header('content-language', prefersChinese(reply.request.headers['accept-language']) ? 'zh-CN' : 'en');
  if (p.status === 503) reply.header('retry-after', String(RETRY_AFTER_S));
  return reply.code(p.status).type('application/problem+json').send(p);
}
