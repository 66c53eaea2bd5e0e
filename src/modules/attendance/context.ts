/** A session's check-in context (session → class → programme → venue, through training and catalog), cached briefly per node. */
import type { Queryable } from '../../db/index.js';
import { nowMs } from '../../lib/clock.js';
import { isUuid } from '../../lib/identifiers.js';
import { notFound } from '../../lib/errors.js';
import * as catalog from '../catalog/index.js';
import * as training from '../training/index.js';

export interface SessionContext {
  session: training.ClassSession;
  cls: training.TrainingClass;
  programme: catalog.Programme;
  venue: training.Venue | null;
}

/**
 * Sessions, classes, programmes and venues change rarely: a short per-node cache spares the reads on most
 * check-ins. A miss reads training's facts (session, class, venue) in one query, then the programme.
 */
const CONTEXT_TTL_MS = 5_000;
const CONTEXT_MAX = 10_000;
const contextCache = new Map<string, { at: number; ctx: SessionContext }>();

export async function sessionContext(q: Queryable, sessionId: string, now: number = nowMs()): Promise<SessionContext | null> {
  const hit = contextCache.get(sessionId);
  if (hit && now - hit.at < CONTEXT_TTL_MS) return hit.ctx;
  const facts = await training.sessionFacts(q, sessionId);
  if (!facts) return null;
  const programme = await catalog.getProgramme(q, facts.cls.programmeId);
  if (!programme) return null;
  const ctx = { ...facts, programme };
  if (contextCache.size >= CONTEXT_MAX) contextCache.clear();
  contextCache.set(sessionId, { at: now, ctx });
  return ctx;
}

/** The session's context, or 404 (an unknown or malformed id). */
export async function requireSessionContext(q: Queryable, sessionId: string, now: number): Promise<SessionContext> {
  const ctx = isUuid(sessionId) ? await sessionContext(q, sessionId, now) : null;
  if (!ctx) throw notFound('session', 'id');
  return ctx;
}

/** Test support: forget cached contexts (after changing a class or programme in a test). */
export function clearContextCache(): void {
  contextCache.clear();
}
