import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { FIXTURE_PASSWORD } from '../../test/factories/index.js';
import { syntheticBankAccount, syntheticUscc } from './synthetic.js';
import * as orgs from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let serial = 1000;
const newProvider = (over: Record<string, unknown> = {}) => ({
  kind: 'provider',
  providerKind: 'social_training_body',
  name: `测试培训学校 ${++serial}`,
  uscc: syntheticUscc('310115', serial, '52'),
  districtCode: '310115',
  contactName: '王老师',
  contactPhone: '13812345678',
  bankAccount: syntheticBankAccount('622202', serial),
  bankName: '工商银行',
  ...over,
});

describe('create and validate', () => {
  it('city admin registers a provider; the response masks phone and bank account; audited', async () => {
    const body = newProvider();
    const auditBefore = await t.count('audit_log', `action = 'org.create'`);
    const r = await t.call('POST', '/api/v1/orgs', { as: 'city_admin', body });
    expect(r.statusCode).toBe(201);
    const o = r.json();
    expect(o).toMatchObject({ kind: 'provider', uscc: body.uscc, districtCode: '310115', status: 'active', contactPhone: '138****5678', bankName: '工商银行' });
    expect(o.bankAccount).toBe(`6222 **** **** ${body.bankAccount.slice(-4)}`);
    expect(await t.count('audit_log', `action = 'org.create'`)).toBe(auditBefore + 1);
    const raw = (await t.db.query<{ bank_account_enc: string; contact_phone_enc: string }>('SELECT * FROM organisations WHERE id = $1', [o.id])).rows[0]!;
    expect(raw.bank_account_enc).not.toContain(body.bankAccount);
    expect(raw.contact_phone_enc).not.toContain('13812345678');
    const detail = JSON.stringify((await t.db.query<{ detail: unknown }>(`SELECT detail FROM audit_log WHERE entity_id = $1`, [o.id])).rows);
    expect(detail).not.toContain(body.bankAccount);
    expect(detail).not.toContain('13812345678');
    const internal = await orgs.getOrg(t.db, o.id);
    expect(internal?.bankAccount).toBe(body.bankAccount);
  });

  it.each([
    ['bad USCC', { uscc: '91310115MA1K3YJ25X' }, 400, 'INVALID_USCC', 'uscc'],
    ['short USCC', { uscc: '9131' }, 400, 'INVALID_USCC', 'uscc'],
    ['bad bank card', { bankAccount: '6222020000000000008' }, 400, 'INVALID_BANK_CARD', 'bankAccount'],
    ['bad phone', { contactPhone: '12345' }, 400, 'INVALID_MOBILE', 'contactPhone'],
    ['unknown field', { licence: 'x' }, 400, 'VALIDATION_FAILED', undefined],
    ['unknown district', { districtCode: '310199' }, 400, 'DISTRICT_UNKNOWN', 'districtCode'],
    ['provider without its kind', { providerKind: null }, 400, 'VALIDATION_FAILED', 'providerKind'],
    ['enterprise with a provider kind', { kind: 'enterprise' }, 400, 'VALIDATION_FAILED', 'providerKind'],
    ['bank account without bank name', { bankName: null }, 400, 'VALIDATION_FAILED', 'bankName'],
    ['over-long name', { name: 'x'.repeat(201) }, 400, 'VALIDATION_FAILED', undefined],
  ])('%s → %s %s, nothing written', async (_label, over, status, code, field) => {
    const body = newProvider(over);
    const before = [await t.count('organisations'), await t.count('audit_log')];
    const r = await t.call('POST', '/api/v1/orgs', { as: 'city_admin', body });
    expect(r.statusCode).toBe(status);
    expect(r.json().code).toBe(code);
    if (field) expect(r.json().field).toBe(field);
    expect([await t.count('organisations'), await t.count('audit_log')]).toEqual(before);
  });

  it('a duplicate USCC → 409 DUPLICATE (also in lower case), nothing written', async () => {
    const body = newProvider();
    expect((await t.call('POST', '/api/v1/orgs', { as: 'city_admin', body })).statusCode).toBe(201);
    const before = [await t.count('organisations'), await t.count('audit_log')];
    const r = await t.call('POST', '/api/v1/orgs', { as: 'city_admin', body: { ...newProvider(), uscc: body.uscc.toLowerCase() } });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'DUPLICATE', field: 'uscc' });
    expect([await t.count('organisations'), await t.count('audit_log')]).toEqual(before);
  });

  it('malformed JSON → 400, nothing written', async () => {
    const before = await t.count('organisations');
    const r = await t.call('POST', '/api/v1/orgs', { as: 'city_admin', payload: '{"kind":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(await t.count('organisations')).toBe(before);
  });

  it('a district admin registers in its own district only', async () => {
    const ok = await t.call('POST', '/api/v1/orgs', { as: 'district_admin', body: newProvider() });
    expect(ok.statusCode).toBe(201);
    const before = await t.count('organisations');
    const r = await t.call('POST', '/api/v1/orgs', { as: 'district_admin_b', body: newProvider() });
    expect(r.statusCode).toBe(403);
    expect(r.json().field).toBe('districtCode');
    expect(await t.count('organisations')).toBe(before);
  });

  it.each(['provider', 'enterprise', 'finance', 'auditor', 'worker'])('%s may not register organisations (403)', async (who) => {
    if (!t.fx.accounts[who]) return expect(who).toBe('worker');
    const before = await t.count('organisations');
    const r = await t.call('POST', '/api/v1/orgs', { as: who, body: newProvider() });
    expect(r.statusCode).toBe(403);
    expect(await t.count('organisations')).toBe(before);
  });
});

describe('update', () => {
  it('changes details, audits the masked change, refuses an unknown field or a bad card', async () => {
    const id = t.fx.orgs.provider!.id;
    const card = syntheticBankAccount('621700', 42);
    const r = await t.call('PATCH', `/api/v1/orgs/${id}`, {
      as: 'district_admin',
      body: { name: '浦东职业技能培训中心 (renamed)', bankAccount: card, bankName: '建设银行' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ name: '浦东职业技能培训中心 (renamed)', bankAccount: `6217 **** **** ${card.slice(-4)}`, bankName: '建设银行' });
    const entry = (await t.db.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'org.update' AND entity_id = $1`, [id]))
      .rows;
    expect(entry).toHaveLength(1);
    expect(JSON.stringify(entry[0]!.detail)).not.toContain(card);

    const before = await t.count('audit_log');
    for (const body of [{ uscc: syntheticUscc('310115', 77) }, { bankAccount: '1234567890123' }, { kind: 'enterprise' }]) {
      const bad = await t.call('PATCH', `/api/v1/orgs/${id}`, { as: 'city_admin', body });
      expect(bad.statusCode).toBe(400);
    }
    expect(await t.count('audit_log')).toBe(before);
  });

  it('a district admin cannot move an organisation out of its district', async () => {
    const r = await t.call('PATCH', `/api/v1/orgs/${t.fx.orgs.enterprise!.id}`, { as: 'district_admin', body: { districtCode: '310104' } });
    expect(r.statusCode).toBe(403);
    expect((await orgs.getOrg(t.db, t.fx.orgs.enterprise!.id))!.districtCode).toBe('310115');
  });
});

describe('suspend and reinstate', () => {
  it('suspends with a reason, audited; reinstates with a reason, audited; wrong states conflict', async () => {
    const id = t.fx.orgs.provider_b!.id;
    const noReason = await t.call('POST', `/api/v1/orgs/${id}/suspend`, { as: 'city_admin', body: { reason: '  ' } });
    expect(noReason.statusCode).toBe(400);
    const s = await t.call('POST', `/api/v1/orgs/${id}/suspend`, { as: 'district_admin_b', body: { reason: '涉嫌虚假培训，调查中' } });
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ status: 'suspended', suspendedReason: '涉嫌虚假培训，调查中' });
    await expect(orgs.requireActiveOrg(t.db, id)).rejects.toMatchObject({ code: 'PROVIDER_SUSPENDED' });
    const again = await t.call('POST', `/api/v1/orgs/${id}/suspend`, { as: 'city_admin', body: { reason: 'twice' } });
    expect(again.statusCode).toBe(409);
    const r = await t.call('POST', `/api/v1/orgs/${id}/reinstate`, { as: 'city_admin', body: { reason: '调查结束，未发现问题' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'active', suspendedReason: null, suspendedAt: null });
    expect((await orgs.requireActiveOrg(t.db, id)).status).toBe('active');
    const notSuspended = await t.call('POST', `/api/v1/orgs/${id}/reinstate`, { as: 'city_admin', body: { reason: 'again' } });
    expect(notSuspended.statusCode).toBe(409);
    const log = (
      await t.db.query<{ action: string; detail: { reason: string } }>(
        `SELECT action, detail FROM audit_log WHERE entity_id = $1 AND action LIKE 'org.%' ORDER BY id`,
        [id],
      )
    ).rows;
    expect(log.map((l) => [l.action, l.detail.reason])).toEqual([
      ['org.create', undefined],
      ['org.suspend', '涉嫌虚假培训，调查中'],
      ['org.reinstate', '调查结束，未发现问题'],
    ]);
  });
});

describe('scope', () => {
  it('district_admin_b gets 404 on an organisation of 310115 (read, update, suspend, accounts)', async () => {
    const id = t.fx.orgs.provider!.id;
    const before = await t.count('audit_log');
    expect((await t.call('GET', `/api/v1/orgs/${id}`, { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/v1/orgs/${id}`, { as: 'district_admin_b', body: { name: 'x' } })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/orgs/${id}/suspend`, { as: 'district_admin_b', body: { reason: 'x' } })).statusCode).toBe(404);
    expect(
      (
        await t.call('POST', `/api/v1/orgs/${id}/accounts`, {
          as: 'district_admin_b',
          body: { username: 'x.y.z', displayName: 'x', password: FIXTURE_PASSWORD },
        })
      ).statusCode,
    ).toBe(404);
    expect(await t.count('audit_log')).toBe(before);
    expect((await t.call('GET', `/api/v1/orgs/${id}`, { as: 'district_admin' })).statusCode).toBe(200);
  });

  it("a district admin lists its district only (and the city's assessment bodies, read-only); the city admin filters", async () => {
    const mine = (await t.call('GET', '/api/v1/orgs?limit=500', { as: 'district_admin_b' })).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((o: { districtCode: string; kind: string }) => o.districtCode === '310104' || o.kind === 'assessor')).toBe(true);
    const bodies = (await t.call('GET', '/api/v1/orgs?kind=assessor', { as: 'district_admin_b' })).json();
    expect(bodies.items.map((o: { id: string }) => o.id)).toContain(t.fx.orgs.assessor!.id);
    expect((await t.call('GET', `/api/v1/orgs/${t.fx.orgs.assessor!.id}`, { as: 'district_admin_b' })).statusCode).toBe(200);
    const suspend = await t.call('POST', `/api/v1/orgs/${t.fx.orgs.assessor!.id}/suspend`, { as: 'district_admin_b', body: { reason: 'not mine' } });
    expect(suspend.statusCode).toBe(404);
    const other = (await t.call('GET', '/api/v1/orgs?districtCode=310115', { as: 'district_admin_b' })).json();
    expect(other.total).toBe(0);
    const all = (await t.call('GET', '/api/v1/orgs?kind=provider&status=active&limit=500', { as: 'city_admin' })).json();
    expect(all.items.every((o: { kind: string; status: string }) => o.kind === 'provider' && o.status === 'active')).toBe(true);
    expect(all.items.map((o: { id: string }) => o.id)).toContain(t.fx.orgs.provider!.id);
    const byName = (await t.call('GET', `/api/v1/orgs?name=${encodeURIComponent('评价')}`, { as: 'auditor' })).json();
    expect(byName.items.map((o: { id: string }) => o.id)).toEqual([t.fx.orgs.assessor!.id]);
    const byUscc = (await t.call('GET', `/api/v1/orgs?name=${t.fx.orgs.enterprise!.uscc.toLowerCase()}`, { as: 'city_admin' })).json();
    expect(byUscc.items.map((o: { id: string }) => o.id)).toEqual([t.fx.orgs.enterprise!.id]);
    const wild = (await t.call('GET', `/api/v1/orgs?name=${encodeURIComponent('%')}`, { as: 'city_admin' })).json();
    expect(wild.total).toBe(0);
  });

  it('a provider sees only itself', async () => {
    const me = await t.call('GET', '/api/v1/orgs/me', { as: 'provider' });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(t.fx.orgs.provider!.id);
    expect((await t.call('GET', `/api/v1/orgs/${t.fx.orgs.provider!.id}`, { as: 'provider' })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/orgs/${t.fx.orgs.provider_b!.id}`, { as: 'provider' })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/orgs', { as: 'provider' })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/orgs/me', { as: 'assessor' })).json().id).toBe(t.fx.orgs.assessor!.id);
    expect((await t.call('GET', '/api/v1/orgs/me', { as: 'city_admin' })).statusCode).toBe(403);
  });
});

describe('staff accounts', () => {
  it('a district admin creates a staff account of an organisation of its district; the role follows the kind; it signs in', async () => {
    const before = await t.count('accounts');
    const r = await t.call('POST', `/api/v1/orgs/${t.fx.orgs.enterprise!.id}/accounts`, {
      as: 'district_admin',
      body: { username: 'ent.hr', displayName: '人事专员', password: 'Enterprise-pass-2026' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ role: 'enterprise', orgId: t.fx.orgs.enterprise!.id, username: 'ent.hr' });
    expect(await t.count('accounts')).toBe(before + 1);
    expect(await t.count('audit_log', `action = 'account.create' AND entity_id = '${r.json().id}'`)).toBe(1);
    const login = await t.call('POST', '/api/v1/auth/login', { body: { username: 'ent.hr', password: 'Enterprise-pass-2026', client: 'api' } });
    expect(login.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/orgs/me', headers: { authorization: `Bearer ${login.json().token}` } });
    expect(me.json().id).toBe(t.fx.orgs.enterprise!.id);
  });

  it('a taken username → 409, a weak password → 400, nothing written', async () => {
    const before = await t.count('accounts');
    const taken = await t.call('POST', `/api/v1/orgs/${t.fx.orgs.assessor!.id}/accounts`, {
      as: 'city_admin',
      body: { username: 'fx.provider', displayName: 'x', password: 'Another-pass-2026' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('USERNAME_TAKEN');
    const weak = await t.call('POST', `/api/v1/orgs/${t.fx.orgs.assessor!.id}/accounts`, {
      as: 'city_admin',
      body: { username: 'assessor.two', displayName: 'x', password: 'a' },
    });
    expect(weak.statusCode).toBe(400);
    expect(await t.count('accounts')).toBe(before);
  });

  it('a district admin may not create accounts through the identity service for another district', async () => {
    await expect(
      t.db.tx(async (tx) =>
        orgs.createOrgAccount(
          {
            accountId: t.fx.accounts.district_admin_b!.id,
            role: 'district_admin',
            districtCode: '310104',
            orgId: null,
            personId: null,
            username: 'fx.district_admin_b',
            sessionId: 'x',
            mfaPassed: false,
            totpEnabled: false,
          },
          tx,
          t.fx.orgs.enterprise!.id,
          { username: 'sneaky', displayName: 'x', password: 'Sneaky-pass-2026' },
        ),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
