import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { canonicalJson, entryHash, GENESIS } from './chain.js';
import * as audit from './service.js';
import { SYSTEM } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // some history from several concurrent transactions
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.db.tx((tx) => audit.record(tx, SYSTEM, { action: 'test.event', entityType: 'test', entityId: String(i), detail: { i, nested: { b: 1, a: [2, 1] } } })),
    ),
  );
});
afterAll(async () => t.close());

describe('audit chain (pure)', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('the hash covers every field', () => {
    const base = {
      chain: 0,
      seq: 1,
      at: new Date('2026-01-01T00:00:00Z'),
      actorId: null,
      actorRole: 'system',
      action: 'x',
      entityType: 'y',
      entityId: '1',
      districtCode: null,
      detail: { a: 1 },
      prevHash: GENESIS,
    };
    const h = entryHash(base);
    for (const change of [{ seq: 2 }, { action: 'z' }, { detail: { a: 2 } }, { prevHash: '1'.repeat(64) }, { at: new Date('2026-01-01T00:00:01Z') }]) {
      expect(entryHash({ ...base, ...change })).not.toBe(h);
    }
  });
});

describe('audit log in the database', () => {
  it('an intact chain verifies', async () => {
    const r = await audit.verify(t.db);
    expect(r.ok).toBe(true);
    expect(r.entries).toBeGreaterThanOrEqual(20);
  });

  it('UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('an entry edited behind the trigger is found and named, by the API too', async () => {
    const { rows } = await t.db.query<{ id: number }>("SELECT id FROM audit_log WHERE action = 'test.event' ORDER BY id LIMIT 1 OFFSET 7");
    const victim = rows[0]!.id;
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await t.db.query(`UPDATE audit_log SET detail = '{"i": 999}'::jsonb WHERE id = $1`, [victim]);
    await t.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const r = await audit.verify(t.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken?.id).toBe(victim);
    expect(r.firstBroken?.reason).toMatch(/edited/);
    const api = await t.call('POST', '/api/v1/audit/verify', { as: 'auditor' });
    expect(api.json()).toMatchObject({ ok: false, firstBroken: { id: victim } });
  });

  it('a deleted entry breaks the link after it', async () => {
    const db2 = t.db;
    await db2.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    const { rows } = await db2.query<{ id: number; chain: number; seq: number }>(
      "SELECT id, chain, seq FROM audit_log WHERE action = 'test.event' ORDER BY id DESC LIMIT 1",
    );
    // delete the latest entry's predecessor in its chain
    const last = rows[0]!;
    const prev = await db2.query<{ id: number }>('SELECT id FROM audit_log WHERE chain = $1 AND seq = $2', [last.chain, last.seq - 1]);
    if (prev.rows[0]) await db2.query('DELETE FROM audit_log WHERE id = $1', [prev.rows[0].id]);
    await db2.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const r = await audit.verify(db2);
    expect(r.ok).toBe(false);
  });

  it('district admins browse their district only; other roles are refused', async () => {
    await t.db.tx((tx) => audit.record(tx, SYSTEM, { action: 'test.district', entityType: 'test', districtCode: '310104' }));
    const a = await t.call('GET', '/api/v1/audit?action=test.district', { as: 'district_admin' });
    expect(a.json().total).toBe(0);
    const b = await t.call('GET', '/api/v1/audit?action=test.district', { as: 'district_admin_b' });
    expect(b.json().total).toBe(1);
    expect((await t.call('GET', '/api/v1/audit', { as: 'committee' })).statusCode).toBe(403);
  });
});
