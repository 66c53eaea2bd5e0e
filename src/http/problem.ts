/** RFC 9457 problem+json: the one mapping from errors to HTTP. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ErrorCodes, type ErrorCode, type FieldIssue } from '../lib/errors.js';

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

export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const base = (code: ErrorCode, detail: string, field?: string, errors?: FieldIssue[], extra?: Record<string, unknown>): Problem => ({
    // Extra members first: they may add context but never override the standard members below.
    ...(extra ?? {}),
    type: TYPE_BASE + code.toLowerCase().replace(/_/g, '-'),
    title: code,
    status: ErrorCodes[code],
    detail,
    instance: req.url,
    code,
    ...(field !== undefined ? { field } : {}),
    ...(errors && errors.length ? { errors } : {}),
    requestId: String(req.id),
  });
  if (err instanceof AppError) return base(err.code, err.message, err.field, err.issues, err.extra);
  if (hasZodFastifySchemaValidationErrors(err)) {
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
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return base('MALFORMED_JSON', 'the request body is not valid JSON', 'body');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return base('PAYLOAD_TOO_LARGE', 'the request body is too large', 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return base('UNSUPPORTED_MEDIA_TYPE', `unsupported content type ${req.headers['content-type'] ?? ''}`, 'content-type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return base('VALIDATION_FAILED', 'content-length does not match the body', 'body');
    default:
      break;
  }
  if (fe.statusCode === 429) return base('RATE_LIMITED', 'too many requests; try again later');
  if (fe.statusCode === 404) return base('NOT_FOUND', 'no such route');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return base('VALIDATION_FAILED', fe.message, 'body');
  }
  return base('INTERNAL', 'an internal error occurred; it has been logged');
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}
