/**
 * Several servers and their failures (issue 21): the multi-host DATABASE_URL, which failures are connection
 * losses, what is retried (a transaction whose connection was lost before COMMIT runs again; one lost during
 * COMMIT is answered 503 with Retry-After, never 500), and when a standby may serve reads. The connection
 * losses are real: the transaction's own server session is terminated (PostgreSQL).
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbUnavailableError, openDb, type Db } from './index.js';
import { isConnectionError, parseDatabaseUrl } from './failover.js';
import { attachReplica, forReading, replicaUsable, type ReplicaState } from './replica.js';
import { sendProblem, toProblem } from '../http/problem.js';
import { createTestDb, engine } from '../test/harness.js';
import { testDatabaseUrl } from '../config.js';

describe('parseDatabaseUrl', () => {
  it.each([
    ['postgres://u@h1:5432,h2:5433/db?target_session_attrs=read-write', ['postgres://u@h1:5432/db', 'postgres://u@h2:5433/db'], true],
    [
      'postgres://u:p@h1,h2/db?sslmode=disable&target_session_attrs=primary',
      ['postgres://u:p@h1/db?sslmode=disable', 'postgres://u:p@h2/db?sslmode=disable'],
      true,
    ],
    ['postgres://postgres@127.0.0.1:5432/x', ['postgres://postgres@127.0.0.1:5432/x'], false],
    ['postgresql://h/db?target_session_attrs=any', ['postgresql://h/db'], false],
  ])('%s', (url, urls, readWrite) => {
    expect(parseDatabaseUrl(url)).toEqual({ urls, readWrite });
  });
});

describe('isConnectionError', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: 'ECONNRESET' }, true],
    [{ code: '57P01' }, true], // terminating connection due to administrator command
    [{ code: '25006' }, true], // read-only transaction: a standby
    [{ code: '08006' }, true],
    [{ message: 'Connection terminated unexpectedly' }, true],
    [{ code: '23505' }, false], // unique violation: an answer, not a lost server
    [{ code: '40001' }, false],
    [null, false],
  ])('%o → %s', (err, expected) => {
    expect(isConnectionError(err)).toBe(expected);
  });
});

describe('replicaUsable (bounded staleness)', () => {
  const s = (inRecovery: boolean, streaming: boolean, replayLagS: number): ReplicaState => ({ inRecovery, streaming, replayLagS });
  it.each([
    [s(true, true, 0), 5, true],
    [s(true, true, 5), 5, true],
    [s(true, true, 5.1), 5, false], // lagging past the bound: the primary answers
    [s(true, false, 0), 5, false], // not streaming: it may be far behind without knowing
    [s(false, false, 0), 5, true], // a server that is not a standby has no lag
    [null, 5, false], // unreachable
  ])('%o within %s s → %s', (state, max, expected) => {
    expect(replicaUsable(state, max)).toBe(expected);
  });
});

describe('a lost server answers 503 with Retry-After, never 500', () => {
  it('maps DbUnavailableError and raw connection errors to SERVICE_UNAVAILABLE', async () => {
    const app = Fastify();
    app.setErrorHandler((err, req, reply) => sendProblem(reply, toProblem(err, req)));
    app.get('/a', async () => {
      throw new DbUnavailableError('lost during COMMIT', 'unknown');
    });
    app.get('/b', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    });
    for (const url of ['/a', '/b']) {
      const r = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'zh-CN' } });
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('2');
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, detail: '服务暂不可用，请稍后再试。' });
    }
    await app.close();
  });
});

if (engine() === 'postgres') {
  describe('PostgreSQL: connections lost mid-transaction', () => {
    let db: Db;
    beforeAll(async () => {
      db = await createTestDb(4);
      await db.exec('CREATE TABLE failover_probe (id int PRIMARY KEY, attempt int NOT NULL)');
    });
    afterAll(async () => db?.close());

    it('lost before COMMIT: the transaction runs again on a new connection and commits once', async () => {
      let attempts = 0;
      await db.tx(async (tx) => {
        attempts++;
        await tx.query('INSERT INTO failover_probe (id, attempt) VALUES (1, $1)', [attempts]);
        if (attempts === 1) await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      });
      expect(attempts).toBe(2);
      const rows = (await db.query<{ attempt: number }>('SELECT attempt FROM failover_probe WHERE id = 1')).rows;
      expect(rows).toEqual([{ attempt: 2 }]);
    });

    it('lost while COMMIT is on its way: not retried (outcome unknown), DbUnavailableError', async () => {
      let attempts = 0;
      const err = await db
        .tx(async (tx) => {
          attempts++;
          await tx.query('INSERT INTO failover_probe (id, attempt) VALUES (2, $1)', [attempts]);
          tx.atCommit('SELECT pg_terminate_backend(pg_backend_pid())');
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DbUnavailableError);
      expect((err as DbUnavailableError).outcome).toBe('unknown');
      expect(attempts).toBe(1);
      // (here the session ended before COMMIT ran: nothing was written)
      expect((await db.query('SELECT 1 FROM failover_probe WHERE id = 2')).rowCount).toBe(0);
    });

    it('an application error is not a lost connection: rolled back, thrown as is, not retried', async () => {
      let attempts = 0;
      await expect(
        db.tx(async (tx) => {
          attempts++;
          await tx.query('INSERT INTO failover_probe (id, attempt) VALUES (1, 9)');
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect(attempts).toBe(1);
    });

    it('a multi-host URL with a dead first host picks the read-write server', async () => {
      const u = new URL(testDatabaseUrl()!);
      u.pathname = `/${(await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d}`;
      const multi = `postgres://${u.username}@127.0.0.1:1,${u.host}${u.pathname}?target_session_attrs=read-write`;
      const other = await openDb({ databaseUrl: multi, poolSize: 2 });
      try {
        expect((await other.query<{ n: number }>('SELECT count(*)::int AS n FROM failover_probe')).rows[0]!.n).toBe(1);
        // as its own read replica (not a standby: no lag), statistics read from it
        attachReplica(db, other, 5);
        expect(await forReading(db)).toBe(other);
      } finally {
        await other.close();
      }
    });
  });
}
