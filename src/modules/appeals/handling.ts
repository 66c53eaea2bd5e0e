/**
 * The officers' side (district admins: their district's appeals; city admins: all): take (受理), answer — uphold
 * (维持原决定: nothing else changes) or overturn (撤销原决定: the effect applied by the owning module's service in
 * the same transaction; its refusal leaves everything as it was) — with a written reason, and close (办结).
 * Each step: the state machine (rules.ts), one conditional UPDATE, an audit entry.
 */
import type { Tx } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import * as audit from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { handlerScope } from './policy.js';
import { loadAppeal, presentOne } from './queries.js';
import type { AppealRow } from './rows.js';
import { nextAppealState, type AppealAction } from './rules.js';
import type { AnswerInput, AppealView } from './schemas.js';
import { applyOverturn, type Effect } from './targets.js';

async function step(actor: Actor, tx: Tx, id: string, action: AppealAction, sets: string, params: unknown[]): Promise<AppealRow> {
  const cur = await loadAppeal(tx, handlerScope(actor), id, true);
  const to = nextAppealState(cur.state, action);
  if (!to) throw new AppError('APPEAL_STATE_INVALID', `an appeal ${cur.state} cannot be ${action}`, 'state', { state: cur.state });
  const { rows } = await tx.query<AppealRow>(`UPDATE appeals SET state = $2, ${sets} WHERE id = $1 AND state = $3 RETURNING *`, [
    cur.id,
    to,
    cur.state,
    ...params,
  ]);
  if (!rows[0]) throw new AppError('APPEAL_STATE_INVALID', 'the appeal changed meanwhile; reload it', 'state');
  return rows[0];
}

const entry = (r: AppealRow, action: string, detail: Record<string, unknown>) => ({
  action: `appeal.${action}`,
  entityType: 'appeal',
  entityId: r.id,
  districtCode: r.district_code,
  detail: { number: r.number, kind: r.kind, objectId: r.object_id, ...detail },
});

/** 受理: submitted → in_progress. */
export async function takeAppeal(actor: Actor, tx: Tx, id: string, now: Date = clockNow()): Promise<AppealView> {
  const r = await step(actor, tx, id, 'take', 'taken_by = $4, taken_at = $5', [actor.accountId, now]);
  await audit.record(tx, actor, entry(r, 'take', {}));
  return presentOne(tx, r, now);
}

/** 答复: in_progress → answered, upheld (no change) or overturned (the owner's effect, in this transaction). */
export async function answerAppeal(actor: Actor, tx: Tx, id: string, input: AnswerInput, now: Date = clockNow()): Promise<AppealView> {
  const reason = input.reason.trim();
  if (reason.length < 2) throw new AppError('VALIDATION_FAILED', 'a written reason is required', 'reason');
  const outcome = input.outcome === 'uphold' ? 'upheld' : 'overturned';
  const r0 = await step(actor, tx, id, input.outcome, 'outcome = $4, answer = $5, answered_by = $6, answered_at = $7', [outcome, reason, actor.accountId, now]);
  let effect: Effect | null = null;
  if (outcome === 'overturned') {
    effect = await applyOverturn(tx, actor, r0.kind, r0.object_id, `申诉 ${r0.number}：${reason}`);
    await tx.query('UPDATE appeals SET effect = $2 WHERE id = $1', [r0.id, JSON.stringify(effect)]);
  }
  const r = { ...r0, effect };
  await audit.record(tx, actor, entry(r, input.outcome, { reason, ...(effect ? { effect } : {}) }));
  return presentOne(tx, r, now);
}

/** 办结: answered → closed. */
export async function closeAppeal(actor: Actor, tx: Tx, id: string, now: Date = clockNow()): Promise<AppealView> {
  const r = await step(actor, tx, id, 'close', 'closed_by = $4, closed_at = $5', [actor.accountId, now]);
  await audit.record(tx, actor, entry(r, 'close', { outcome: r.outcome }));
  return presentOne(tx, r, now);
}
