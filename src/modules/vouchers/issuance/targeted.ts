/**
 * Running a targeted issuance (精准发放): set-based chunks, each ONE `INSERT … SELECT` over the next range of
 * person ids (keyset on persons.id) with the progress row and an audit entry in one transaction; the cursor
 * makes a run resumable after a crash, and a session advisory lock per issuance lets one run at a time.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { issuancePauseMs } from '../../../config.js';
import type { Db, Tx } from '../../../db/index.js';
import { now as clockNow } from '../../../lib/clock.js';
import { AppError, notFound } from '../../../lib/errors.js';
import { businessDate } from '../../../lib/time.js';
import * as audit from '../../audit/index.js';
import type { AuditActor } from '../../audit/index.js';
import * as catalog from '../../catalog/index.js';
import * as messages from '../../messages/index.js';
import { requireRole, type Actor } from '../../identity/index.js';
import * as persons from '../../persons/index.js';
import { ADMINS } from '../policy.js';
import { checkBudget, checkValidUntil } from './definition.js';
import {
  DEFAULT_CHUNK,
  ZERO_UUID,
  addSkips,
  alreadyRunning,
  inScope,
  loadRow,
  scopedRow,
  toIssuanceView,
  type IssuanceRow,
  type IssuanceView,
} from './model.js';
import { computeTerms, issueStatement } from './statement.js';

export interface RunOptions {
  chunkSize?: number | undefined;
  now?: Date | undefined;
  onProgress?: ((v: IssuanceView) => void) | undefined;
  /** Test hook: called after each committed chunk (throw to simulate a crash between chunks). */
  afterChunk?: ((chunkNo: number) => void | Promise<void>) | undefined;
}

/** The issuance, locked, if it can start: in scope, targeted, its programme open, its cap not used up. */
async function loadStartable(by: AuditActor, tx: Tx, id: string): Promise<{ r: IssuanceRow; programme: catalog.Programme }> {
  const r = await loadRow(tx, id, true);
  if (!r || !inScope(by, r)) throw notFound('issuance', 'id');
  if (r.mode !== 'targeted') throw new AppError('VALIDATION_FAILED', 'a custom issuance is run by uploading its list', 'id');
  const programme = await catalog.getProgramme(tx, r.programme_id);
  if (!programme) throw new AppError('PROGRAMME_UNKNOWN', 'the programme no longer exists', 'programmeId');
  if (programme.status !== 'open') throw new AppError('PROGRAMME_CLOSED', `programme ${programme.code} is closed`, 'programmeId');
  const cap = r.definition.quantityCap;
  if (cap !== null && r.issued >= cap) throw new AppError('ISSUANCE_EXHAUSTED', `the quantity cap of ${cap} vouchers is used up`, 'quantityCap');
  return { r, programme };
}

/** A run that stopped (crash, failure) continues from its cursor with its snapshotted terms. */
async function resumeRun(by: AuditActor, tx: Tx, r: IssuanceRow): Promise<IssuanceRow> {
  const { rows } = await tx.query<IssuanceRow>("UPDATE issuances SET status = 'running', error = NULL, updated_at = now() WHERE id = $1 RETURNING *", [r.id]);
  await audit.record(tx, by, {
    action: 'issuance.resume',
    entityType: 'issuance',
    entityId: r.id,
    districtCode: r.district_code,
    detail: { processed: r.processed, issued: r.issued },
  });
  return rows[0]!;
}

/** A fresh run (draft, or a finished one run again to reach persons who match now): terms snapshotted, matches counted. */
async function freshRun(by: AuditActor, tx: Tx, r: IssuanceRow, programme: catalog.Programme, now: Date): Promise<IssuanceRow> {
  const today = businessDate(now);
  checkValidUntil(r.definition.validUntil, today, false);
  await checkBudget(tx, programme, r.district_code, today);
  const terms = await computeTerms(tx, programme, r.definition, now);
  const m = persons.matchPersonsSql(r.definition.rule, 1, terms.validFrom);
  const matched = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${m.sql}) m`, m.params)).rows[0]?.n ?? 0;
  const { rows } = await tx.query<IssuanceRow>(
    `UPDATE issuances SET status = 'running', terms = $2::jsonb, matched_total = $3, processed = 0, skipped = '{}', cursor_person = NULL,
            summary = NULL, error = NULL, started_at = now(), finished_at = NULL, updated_at = now()
      WHERE id = $1 RETURNING *`,
    [r.id, JSON.stringify(terms), matched],
  );
  await audit.record(tx, by, { action: 'issuance.start', entityType: 'issuance', entityId: r.id, districtCode: r.district_code, detail: { matched, terms } });
  return rows[0]!;
}

async function begin(by: AuditActor, db: Db, id: string, now: Date): Promise<IssuanceRow> {
  return db.tx(async (tx) => {
    const { r, programme } = await loadStartable(by, tx, id);
    const resume = (r.status === 'running' || r.status === 'failed') && r.terms !== null;
    return resume ? resumeRun(by, tx, r) : freshRun(by, tx, r, programme, now);
  });
}

interface ChunkCounts {
  candidates: number;
  last_id: string | null;
  issued: number;
  already_issued: number;
  holds_open: number;
  no_category: number;
  eligible: number;
}

/**
 * The chunk's issued vouchers (persons after the cursor up to the chunk's last) each tell their holder (站内信 +
 * SMS), in the chunk's transaction: one INSERT … SELECT inside the database.
 */
async function notifyIssued(tx: Tx, issuanceId: string, after: string, upTo: string | null): Promise<void> {
  if (!upTo) return;
  await messages.notifyFromQuery(tx, 'voucher.issued', {
    sql: `SELECT v.id::text AS key, v.person_id, '/vouchers/' || v.id AS link, v.number AS "voucherNo", to_char(v.valid_until, 'YYYY-MM-DD') AS "validThrough"
            FROM voucher_records v WHERE v.issuance_id = $1 AND v.person_id > $2 AND v.person_id <= $3`,
    params: [issuanceId, after, upTo],
    vars: ['voucherNo', 'validThrough'],
  });
}

/** One chunk's transaction: the issuing statement, the progress row (cursor, counts, skips by reason), an audit entry. */
async function writeChunk(
  by: AuditActor,
  tx: Tx,
  row: IssuanceRow,
  stmt: { sql: string; params: unknown[] },
  remaining: number | null,
): Promise<{ row: IssuanceRow; candidates: number }> {
  const id = row.id;
  const r = (await tx.query<ChunkCounts>(stmt.sql, stmt.params)).rows[0]!;
  const capped = remaining === null ? 0 : Math.max(0, r.eligible - remaining);
  const skips = {
    already_issued: r.already_issued,
    holds_open_voucher: r.holds_open,
    no_eligible_category: r.no_category,
    quantity_cap: capped,
    conflict: r.eligible - capped - r.issued,
  };
  if (r.issued > 0) await notifyIssued(tx, id, row.cursor_person ?? ZERO_UUID, r.last_id);
  const pause = issuancePauseMs(); // crash tests kill the process there
  if (pause > 0) await sleep(pause);
  const { rows } = await tx.query<IssuanceRow>(
    `UPDATE issuances SET processed = processed + $2, issued = issued + $3, skipped = $4::jsonb, cursor_person = coalesce($5::uuid, cursor_person), updated_at = now()
      WHERE id = $1 RETURNING *`,
    [id, r.candidates, r.issued, JSON.stringify(addSkips(row.skipped, skips)), r.last_id],
  );
  if (r.candidates > 0)
    await audit.record(tx, by, {
      action: 'issuance.chunk',
      entityType: 'issuance',
      entityId: id,
      districtCode: row.district_code,
      detail: { candidates: r.candidates, issued: r.issued, skipped: skips, upTo: r.last_id },
    });
  return { row: rows[0]!, candidates: r.candidates };
}

async function runChunks(by: AuditActor, db: Db, start: IssuanceRow, opts: RunOptions): Promise<IssuanceView> {
  // PGlite is one session: smaller chunks keep other requests from waiting long behind a chunk.
  const chunkSize = opts.chunkSize ?? (db.engine === 'pglite' ? 2_000 : DEFAULT_CHUNK);
  const id = start.id;
  const d = start.definition;
  const t = start.terms!;
  let row = start;
  let chunkNo = 0;
  for (;;) {
    const cap = d.quantityCap;
    const remaining = cap === null ? null : Math.max(0, cap - row.issued);
    if (remaining === 0) break;
    const m = persons.matchPersonsSql(d.rule, 1, t.validFrom);
    // Keyset on persons.id with a plain `id > $cursor` (never an OR with IS NULL): the primary-key index
    // then serves each chunk in order and stops after chunkSize rows, instead of a scan + sort per chunk.
    const candParams = [...m.params, row.cursor_person ?? ZERO_UUID, chunkSize];
    const n = candParams.length;
    const candSql = `SELECT m.id, m.district_code, m.categories FROM (${m.sql}) m WHERE m.id > $${n - 1}::uuid ORDER BY m.id LIMIT $${n}::int`;
    const stmt = issueStatement(
      candSql,
      candParams,
      { issuanceId: id, programmeId: row.programme_id, mode: 'targeted', districtCode: row.district_code, d, t, remaining },
      false,
    );
    const next = await db.tx((tx) => writeChunk(by, tx, row, stmt, remaining));
    row = next.row;
    chunkNo++;
    opts.onProgress?.(toIssuanceView(row));
    await opts.afterChunk?.(chunkNo);
    if (next.candidates < chunkSize) break;
  }
  return finish(by, db, row);
}

async function finish(by: AuditActor, db: Db, row: IssuanceRow): Promise<IssuanceView> {
  return db.tx(async (tx) => {
    let skipped = row.skipped;
    const cap = row.definition.quantityCap;
    if (cap !== null && row.issued >= cap && row.terms) {
      // Persons not reached because the cap was used up.
      const m = persons.matchPersonsSql(row.definition.rule, 1, row.terms.validFrom);
      const left = (
        await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${m.sql}) m WHERE m.id > $${m.params.length + 1}::uuid`, [
          ...m.params,
          row.cursor_person,
        ])
      ).rows[0]!.n;
      skipped = addSkips(skipped, { quantity_cap: left });
    }
    const runIssued = row.issued;
    const summary = {
      matched: row.matched_total,
      processed: row.processed,
      issued: runIssued,
      skipped,
      validFrom: row.terms?.validFrom,
      validUntil: row.terms?.validUntil,
    };
    const { rows } = await tx.query<IssuanceRow>(
      "UPDATE issuances SET status = 'done', skipped = $2::jsonb, summary = $3::jsonb, finished_at = now(), updated_at = now() WHERE id = $1 RETURNING *",
      [row.id, JSON.stringify(skipped), JSON.stringify(summary)],
    );
    await audit.record(tx, by, { action: 'issuance.done', entityType: 'issuance', entityId: row.id, districtCode: row.district_code, detail: summary });
    return toIssuanceView(rows[0]!);
  });
}

async function markFailed(db: Db, id: string, e: unknown): Promise<void> {
  const msg = e instanceof Error ? e.message : String(e);
  await db
    .query("UPDATE issuances SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status = 'running'", [id, msg.slice(0, 500)])
    .catch(() => undefined);
}

/**
 * Runs (or resumes) a targeted issuance in the foreground and resolves with the final state. A second
 * caller while one runs → ISSUANCE_ALREADY_RUNNING.
 */
export async function runIssuance(by: AuditActor, db: Db, id: string, opts: RunOptions = {}): Promise<IssuanceView> {
  const out = await db.withAdvisoryLock(`issuance:${id}`, async () => {
    const start = await begin(by, db, id, opts.now ?? clockNow());
    opts.onProgress?.(toIssuanceView(start));
    try {
      return await runChunks(by, db, start, opts);
    } catch (e) {
      await markFailed(db, id, e);
      throw e;
    }
  });
  if (out === null) throw alreadyRunning();
  return out;
}

/**
 * Starts a run as a background job (the API): resolves once the run holds the lock and has started (or
 * throws: ISSUANCE_ALREADY_RUNNING, PROGRAMME_CLOSED, …); the chunks continue after the response.
 */
export async function startIssuance(
  actor: Actor,
  db: Db,
  id: string,
  log: { error: (o: object, m: string) => void } = { error: () => undefined },
): Promise<IssuanceView> {
  await scopedRow(actor, db, id);
  requireRole(actor, ADMINS, 'only admins run a targeted issuance');
  return new Promise<IssuanceView>((resolve, reject) => {
    let started = false;
    db.withAdvisoryLock(`issuance:${id}`, async () => {
      let start: IssuanceRow;
      try {
        start = await begin(actor, db, id, clockNow());
      } catch (e) {
        reject(e);
        return true;
      }
      started = true;
      resolve(toIssuanceView(start));
      try {
        await runChunks(actor, db, start, {});
      } catch (e) {
        await markFailed(db, id, e);
        log.error({ err: e, issuance: id }, 'issuance run failed');
      }
      return true;
    })
      .then((r) => {
        if (r === null && !started) reject(alreadyRunning());
      })
      .catch((e: unknown) => {
        if (!started) reject(e instanceof Error ? e : new Error(String(e)));
        else log.error({ err: e, issuance: id }, 'issuance run failed');
      });
  });
}
