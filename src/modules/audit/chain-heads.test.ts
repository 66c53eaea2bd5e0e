import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { GENESIS, contentDigest, entryHash, linkHash } from './chain.js';
import * as audit from './service.js';
import { SYSTEM } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const ev = (i: number) => ({ action: 'test.heads', entityType: 'test', entityId: String(i), detail: { i } });

describe('audit chain heads: one statement per entry', () => {
  it('concurrent transactions, single entries and sets of entries, all link into verifiable chains', async () => {
    const before = await t.count('audit_log');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.tx(async (tx) => {
          await audit.record(tx, SYSTEM, ev(i));
          if (i % 4 === 0)
            await audit.recordMany(tx, SYSTEM, [ev(1000 + i), { ...ev(2000 + i), actor: { accountId: 'someone', role: 'worker' } }, ev(3000 + i)]);
          await audit.record(tx, SYSTEM, ev(4000 + i));
        }),
      ),
    );
    expect(await t.count('audit_log')).toBe(before + 40 * 2 + 10 * 3);
    expect(await t.count('audit_log', `action = 'test.heads' AND actor_id = 'someone' AND actor_role = 'worker'`)).toBe(10);
    const r = await audit.verify(t.db);
    expect(r).toMatchObject({ ok: true });
    // every head names the last entry of its chain
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_chain_heads h
        WHERE h.seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.chain = h.chain AND l.seq = h.seq AND l.hash = h.hash)`,
    );
    expect(rows[0]!.n).toBe(0);
    // a set's entries take consecutive places in one chain, in the order given
    const sets = await t.db.query<{ i: number; chain: number; seq: number }>(
      `SELECT (detail->>'i')::int AS i, chain, seq::int AS seq FROM audit_log WHERE action = 'test.heads' AND (detail->>'i')::int >= 1000 AND (detail->>'i')::int < 4000`,
    );
    const at = new Map(sets.rows.map((r) => [r.i, r]));
    for (let i = 0; i < 40; i += 4) {
      const [a, b, c] = [at.get(1000 + i)!, at.get(2000 + i)!, at.get(3000 + i)!];
      expect([b.chain, c.chain]).toEqual([a.chain, a.chain]);
      expect([b.seq, c.seq]).toEqual([a.seq + 1, a.seq + 2]);
    }
  });

  it('a rolled-back transaction leaves neither an entry nor a moved head', async () => {
    const heads = (await t.db.query<{ s: number }>('SELECT sum(seq)::int AS s FROM audit_chain_heads')).rows[0]!.s;
    const n = await t.count('audit_log');
    await expect(
      t.db.tx(async (tx) => {
        await audit.record(tx, SYSTEM, ev(1));
        await audit.recordMany(tx, SYSTEM, [ev(2), ev(3)]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow(/changed my mind/);
    expect(await t.count('audit_log')).toBe(n);
    expect((await t.db.query<{ s: number }>('SELECT sum(seq)::int AS s FROM audit_chain_heads')).rows[0]!.s).toBe(heads);
    expect((await audit.verify(t.db)).ok).toBe(true);
  });

  it('entries appended with the COMMIT (recordManyAtCommit) link into the chains like the others, details intact; none when the commit fails', async () => {
    const n = await t.count('audit_log');
    // details a literal must carry intact: quotes, backslashes, Chinese, JSON's own escapes
    const odd = { note: `O'Brien \\ "引号" 张三\n\t`, path: 'C:\\tmp\\x' };
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.db.tx(async (tx) => {
          await audit.record(tx, SYSTEM, ev(5000 + i));
          audit.recordManyAtCommit(tx, SYSTEM, [
            { ...ev(6000 + i), detail: { i: 6000 + i, ...odd } },
            { ...ev(7000 + i), actor: { accountId: 'at-commit', role: 'worker' } },
          ]);
        }),
      ),
    );
    expect(await t.count('audit_log')).toBe(n + 36);
    expect(await t.count('audit_log', `action = 'test.heads' AND actor_id = 'at-commit'`)).toBe(12);
    const details = await t.db.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE (detail->>'i')::int BETWEEN 6000 AND 6011`);
    expect(details.rows.map((r) => ({ note: r.detail.note, path: r.detail.path }))).toEqual(Array.from({ length: 12 }, () => odd));
    // each transaction's deferred entries follow its first one in the same chain
    const places = await t.db.query<{ i: number; chain: number; seq: number }>(
      `SELECT (detail->>'i')::int AS i, chain, seq::int AS seq FROM audit_log WHERE action = 'test.heads' AND (detail->>'i')::int BETWEEN 5000 AND 6011`,
    );
    const at = new Map(places.rows.map((r) => [r.i, r]));
    for (let i = 0; i < 12; i++) expect(at.get(6000 + i)).toMatchObject({ chain: at.get(5000 + i)!.chain, seq: at.get(5000 + i)!.seq + 1 });
    expect((await audit.verify(t.db)).ok).toBe(true);

    // a transaction whose deferred statement fails commits nothing: neither its entries nor its other writes
    await t.db.exec('CREATE TABLE IF NOT EXISTS audit_at_commit_probe (n int)');
    await expect(
      t.db.tx(async (tx) => {
        await tx.query('INSERT INTO audit_at_commit_probe (n) VALUES ($1)', [1]);
        audit.recordManyAtCommit(tx, SYSTEM, [ev(8000)]);
        tx.atCommit('SELECT 1 / 0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await t.count('audit_at_commit_probe')).toBe(0);
    expect(await t.count('audit_log')).toBe(n + 36);
    expect((await audit.verify(t.db)).ok).toBe(true);
  });

  it('entries of the first formula (version 1) followed by version 2 verify; the formulas are what the SQL computes', async () => {
    // chain 1000 is never chosen with the default 16 chains: write it by hand, as an older database would hold it
    const at = new Date('2026-11-01T08:00:00.000Z');
    const base = { at, actorId: null, actorRole: 'system', action: 'test.v1', entityType: 'test', entityId: 'x', districtCode: null, detail: { a: 1 } };
    const h1 = entryHash({ ...base, chain: 1000, seq: 1, prevHash: GENESIS });
    const h2 = linkHash(1000, 2, h1, contentDigest(base));
    const sqlH2 = (
      await t.db.query<{ h: string }>(
        `SELECT encode(sha256(convert_to($1::int::text || ':' || $2::bigint::text || ':' || $3 || ':' || $4, 'UTF8')), 'hex') AS h`,
        [1000, 2, h1, contentDigest(base)],
      )
    ).rows[0]!.h;
    expect(sqlH2).toBe(h2);
    const ins = `INSERT INTO audit_log (chain, seq, at, actor_id, actor_role, action, entity_type, entity_id, district_code, detail, prev_hash, hash, hash_version)
                 VALUES (1000, $1, $2, NULL, 'system', 'test.v1', 'test', 'x', NULL, '{"a":1}', $3, $4, $5)`;
    await t.db.query(ins, [1, at, GENESIS, h1, 1]);
    await t.db.query(ins, [2, at, h1, h2, 2]);
    await t.db.query('UPDATE audit_chain_heads SET seq = 2, hash = $1, prev_hash = $2 WHERE chain = 1000', [h2, h1]);
    expect((await audit.verify(t.db)).ok).toBe(true);
  });

  it('a chain cut short at its end is found through its head', async () => {
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await t.db.query('DELETE FROM audit_log WHERE chain = 1000 AND seq = 2');
    await t.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const r = await audit.verify(t.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ chain: 1000, seq: 1 });
    expect(r.firstBroken?.reason).toMatch(/entries removed at the end/);
  });
});
