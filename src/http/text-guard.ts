/**
 * Text that PostgreSQL cannot store is refused once, at the HTTP layer, before any route sees it: a NUL
 * character (U+0000) in any string of the body, the query or the path — PostgreSQL refuses it in `text` and
 * `jsonb`, which was a 500 — answers 400 problem+json naming the field (issue 15 item 20). A lone half of a
 * surrogate pair is refused the same way (jsonb refuses it too).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';
import { isUnstorableText } from '../lib/text.js';

/** The path (`rows.3.name`, `query.q`, `params.id`) of the first string that cannot be stored, or null. */
export function findUnstorableText(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return isUnstorableText(v) ? path : null;
  if (depth > 64 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = findUnstorableText(v[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const here = path ? `${path}.${k}` : k;
    if (isUnstorableText(k)) return here;
    const hit = findUnstorableText(x, here, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const field = findUnstorableText(req.params, 'params') ?? findUnstorableText(req.query, 'query') ?? findUnstorableText(req.body, '');
    if (field !== null)
      throw new AppError('VALIDATION_FAILED', `${field || 'body'}: a NUL character or a broken character is not allowed in text`, field || 'body');
  });
}
