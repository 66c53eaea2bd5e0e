import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import { runIssuance, createIssuance, type IssuanceView } from './issuance.js';
import { actorOf, freshProgramme, makePersons } from './test-support.js';

let t: TestApp;
let skillUpgrade: catalog.Programme;
const OCC = '4-10-01-05'; // elderly care: a listed shortage occupation (+30 %)

beforeAll(async () => {
  t = await createTestApp();
  skillUpgrade = (await catalog.getProgrammeByCode(t.db, 'SH-SKILL-UPGRADE'))!;
  await makePersons(t.db, 40, { districtCode: '310115', categories: ['registered_unemployed'] });
  await makePersons(t.db, 10, { districtCode: '310115', categories: ['employed'] });
  await makePersons(t.db, 10, { districtCode: '310115', categories: [] });
  await makePersons(t.db, 7, { districtCode: '310104', categories: ['registered_unemployed'] });
});
afterAll(async () => t.close());

const define = async (body: Record<string, unknown>, as = 'district_admin') =>
  t.call('POST', '/api/v1/issuances', { as, body: { name: 'test', programmeId: skillUpgrade.id, occupationCode: OCC, level: 4, ...body } });

async function waitDone(id: string, as = 'district_admin'): Promise<IssuanceView> {
  for (let i = 0; i < 400; i++) {
    const r = (await t.call('GET', `/api/v1/issuances/${id}`, { as })).json() as IssuanceView;
    if (r.status === 'done' || r.status === 'failed') return r;
    await sleep(25);
  }
  throw new Error('issuance did not finish');
}

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

describe('targeted issuance (精准发放)', () => {
  it('previews, runs as a background job, snapshots terms, and a re-run issues nothing twice', async () => {
    // the fixture worker (310115, employed) already holds an open voucher of the programme
    const w = await t.call('POST', '/api/v1/vouchers/apply', { as: 'worker', body: { occupationCode: OCC, level: 4, programmeId: skillUpgrade.id } });
    expect(w.statusCode).toBe(201);

    const pv = await t.call('POST', '/api/v1/issuances/preview', {
      as: 'district_admin',
      body: { name: 'p', programmeId: skillUpgrade.id, occupationCode: OCC, level: 4 },
    });
    expect(pv.statusCode).toBe(200);
    expect(pv.json()).toEqual({ matched: 51, holdingOpen: 1 }); // 40 + 10 + the fixture worker; 10 without category do not match

    const d = await define({ name: '浦东 elderly care 2026' });
    expect(d.statusCode).toBe(201);
    const id = d.json().id as string;
    expect(d.json().districtCode).toBe('310115');
    expect(d.json().definition.rule.districtCodes).toEqual(['310115']);

    const run = await t.call('POST', `/api/v1/issuances/${id}/run`, { as: 'district_admin' });
    expect(run.statusCode).toBe(202);
    const done = await waitDone(id);
    expect(done).toMatchObject({ status: 'done', matchedTotal: 51, processed: 51, issued: 50, percent: 100 });
    expect(done.skipped).toEqual({ holds_open_voucher: 1 });
    expect(done.summary).toMatchObject({ issued: 50, matched: 51 });

    expect(await t.count('vouchers', `issuance_id = '${id}'`)).toBe(50);
    const rows = (
      await t.db.query<{ ratio_pct: number; n: number; standard_fen: number; uplift_pct: number; category: string }>(
        `SELECT ratio_pct, standard_fen, uplift_pct, category, count(*)::int AS n FROM vouchers WHERE issuance_id = $1 GROUP BY 1,2,3,4 ORDER BY 1`,
        [id],
      )
    ).rows;
    expect(rows).toEqual([
      { ratio_pct: 80, standard_fen: 200000, uplift_pct: 30, category: 'employed', n: 10 },
      { ratio_pct: 100, standard_fen: 200000, uplift_pct: 30, category: 'registered_unemployed', n: 40 },
    ]);
    // numbers carry a valid check character and the district
    const nums = (
      await t.db.query<{ number: string; ok: boolean }>(
        `SELECT number, sv_voucher_check(substr(number, 3, 18)::bigint) = substr(number, 21, 1) AS ok FROM vouchers WHERE issuance_id = $1`,
        [id],
      )
    ).rows;
    expect(nums.every((r) => r.ok && r.number.slice(6, 12) === '310115')).toBe(true);
    // each holder is told (站内信 + SMS), in the chunk's transaction, with the voucher's number and last valid day
    const told = (
      await t.db.query<{ n: number; ok: number }>(
        `SELECT count(*)::int AS n,
                count(*) FILTER (WHERE o.vars = jsonb_build_object('voucherNo', v.number, 'validThrough', to_char(v.valid_until, 'YYYY-MM-DD'))
                                   AND o.link = '/vouchers/' || v.id AND o.person_id = v.person_id AND o.essential)::int AS ok
           FROM message_outbox o JOIN vouchers v ON v.id::text = o.key
          WHERE o.event = 'voucher.issued' AND v.issuance_id = $1`,
        [id],
      )
    ).rows[0]!;
    expect(told).toEqual({ n: 100, ok: 100 });

    // a second run reaches the same persons: nothing issued twice
    const again = await runIssuance(SYSTEM, t.db, id);
    expect(again).toMatchObject({ status: 'done', issued: 50, processed: 51 });
    expect(again.skipped).toEqual({ already_issued: 50, holds_open_voucher: 1 });
    expect(await t.count('vouchers', `issuance_id = '${id}'`)).toBe(50);
    // audit: define, start, chunk(s), done
    expect(await t.count('audit_log', `entity_id = '${id}' AND action = 'issuance.done'`)).toBe(2);
    // …and nobody is told twice
    expect(await t.count('message_outbox', `event = 'voucher.issued' AND key IN (SELECT id::text FROM vouchers WHERE issuance_id = '${id}')`)).toBe(100);
  });

  it('a quantity cap: issues up to it, counts the rest as skipped, then refuses ISSUANCE_EXHAUSTED', async () => {
    const p = await freshProgramme(t.db, 'T-CAP');
    const d = await define({
      name: 'capped',
      programmeId: p.id,
      rule: { categoriesAny: ['registered_unemployed'] },
      quantityCap: 5,
      occupationCode: '4-03-02-01',
      level: 5,
    });
    expect(d.statusCode).toBe(201);
    const id = d.json().id as string;
    const r = await runIssuance(SYSTEM, t.db, id, { chunkSize: 3 });
    expect(r.issued).toBe(5);
    expect(r.skipped.quantity_cap).toBe(40 - 5);
    expect(await t.count('vouchers', `issuance_id = '${id}'`)).toBe(5);
    const before = await t.count('vouchers');
    const again = await t.call('POST', `/api/v1/issuances/${id}/run`, { as: 'district_admin' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ISSUANCE_EXHAUSTED');
    expect(await t.count('vouchers')).toBe(before);
  });

  it.each([
    ['closed programme', 'closed', {}, 409, 'PROGRAMME_CLOSED', 'programmeId'],
    ['unknown occupation', 'open', { occupationCode: '9-99-99-99' }, 400, 'OCCUPATION_UNKNOWN', 'occupationCode'],
    ['validity in the past', 'open', { validUntil: '2020-01-01' }, 400, 'VALIDITY_IN_PAST', 'validUntil'],
    ['unknown field', 'open', { colour: 'red' }, 400, 'VALIDATION_FAILED', 'colour'],
    ['another district', 'open', { districtCode: '310104' }, 404, 'NOT_FOUND', 'districtCode'],
  ])('refuses a %s with no rows written', async (_label, status, extra, http, errCode, field) => {
    const programmes = (await catalog.listProgrammes(t.db)).length;
    let programmeId = skillUpgrade.id;
    if (status === 'closed') {
      const p = await t.db.tx((tx) =>
        catalog.createProgramme(SYSTEM, tx, {
          code: `CLOSED-${programmes}`,
          name: 'closed one',
          type: 'skill_upgrade',
          fundingSource: 'unemployment_insurance_fund',
          payee: 'person',
          eligibleCategories: ['employed'],
        }),
      );
      await t.db.tx((tx) => catalog.updateProgramme(SYSTEM, tx, p.id, { status: 'closed' }));
      programmeId = p.id;
    }
    const before = { issuances: await t.count('issuances'), vouchers: await t.count('vouchers'), audit: await t.count('audit_log') };
    const r = await define({ programmeId, occupationCode: '4-03-02-01', level: 4, ...extra });
    expect(r.statusCode).toBe(http);
    expect(r.json()).toMatchObject({ code: errCode, field });
    expect({ issuances: await t.count('issuances'), vouchers: await t.count('vouchers'), audit: await t.count('audit_log') }).toEqual(before);
  });

  it('a programme closed after definition refuses the run (PROGRAMME_CLOSED)', async () => {
    const p = await t.db.tx((tx) =>
      catalog.createProgramme(SYSTEM, tx, {
        code: 'LATE-CLOSE',
        name: 'late',
        type: 'skill_upgrade',
        fundingSource: 'unemployment_insurance_fund',
        payee: 'person',
        eligibleCategories: ['registered_unemployed'],
      }),
    );
    await t.db.tx((tx) => catalog.setStandard(SYSTEM, tx, p.id, { occupationCode: null, level: 4, amountFen: 100000 }));
    const d = await define({ programmeId: p.id, level: 4 });
    expect(d.statusCode).toBe(201);
    await t.db.tx((tx) => catalog.updateProgramme(SYSTEM, tx, p.id, { status: 'closed' }));
    const r = await t.call('POST', `/api/v1/issuances/${d.json().id}/run`, { as: 'district_admin' });
    expect(r.json().code).toBe('PROGRAMME_CLOSED');
    expect(await t.count('vouchers', `issuance_id = '${d.json().id}'`)).toBe(0);
  });

  it('scope: another district admin reads 404; a worker is refused 403', async () => {
    const d = await define({ name: 'scoped', occupationCode: '4-03-02-01', level: 3 });
    const id = d.json().id as string;
    expect((await t.call('GET', `/api/v1/issuances/${id}`, { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/issuances/${id}/run`, { as: 'district_admin_b' })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/issuances/${id}`, { as: 'worker' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/issuances/${id}`, { as: 'city_admin' })).statusCode).toBe(200);
  });

  it('two runs started at once: one runs, the other gets ISSUANCE_ALREADY_RUNNING', async () => {
    const p = await freshProgramme(t.db, 'T-RACE');
    const d = await define({ name: 'race', programmeId: p.id, occupationCode: '4-03-02-01', level: 2 });
    const id = d.json().id as string;
    process.env.SV_ISSUANCE_PAUSE_MS = '50';
    try {
      const results = await Promise.allSettled([runIssuance(SYSTEM, t.db, id, { chunkSize: 10 }), runIssuance(SYSTEM, t.db, id, { chunkSize: 10 })]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect((refused[0]!.reason as { code: string }).code).toBe('ISSUANCE_ALREADY_RUNNING');
      // the API says so too while a run holds the lock
      const bg = runIssuance(SYSTEM, t.db, id, { chunkSize: 10 });
      await sleep(5);
      const api = await t.call('POST', `/api/v1/issuances/${id}/run`, { as: 'district_admin' });
      expect(api.statusCode).toBe(409);
      expect(api.json().code).toBe('ISSUANCE_ALREADY_RUNNING');
      await bg;
    } finally {
      delete process.env.SV_ISSUANCE_PAUSE_MS;
    }
    expect(await t.count('vouchers', `issuance_id = '${id}'`)).toBe(51);
  });

  it('crash between chunks, then resume: exact totals, nobody twice', async () => {
    const p = await freshProgramme(t.db, 'T-CRASH');
    const d = await define({ name: 'crash', programmeId: p.id, occupationCode: '4-03-02-01', level: 1 });
    const id = d.json().id as string;
    const crash = runIssuance(SYSTEM, t.db, id, {
      chunkSize: 7,
      afterChunk: (n) => {
        if (n === 3) throw new Error('simulated crash after chunk 3');
      },
    });
    expect(await code(crash)).toMatch(/simulated crash/);
    const mid = (await t.call('GET', `/api/v1/issuances/${id}`, { as: 'district_admin' })).json() as IssuanceView;
    expect(mid.status).toBe('failed');
    expect(mid.processed).toBe(21);
    const partial = await t.count('vouchers', `issuance_id = '${id}'`);
    expect(partial).toBe(21);
    const r = await runIssuance(SYSTEM, t.db, id, { chunkSize: 7 });
    expect(r).toMatchObject({ status: 'done', matchedTotal: 51, processed: 51, issued: 51 });
    expect(r.skipped).toEqual({});
    expect(await t.count('vouchers', `issuance_id = '${id}'`)).toBe(51);
    // the messages went with their chunks: one inbox and one SMS row per voucher, none lost with the crash, none twice
    const perChannel = await t.db.query<{ channel: string; n: number }>(
      `SELECT o.channel, count(*)::int AS n FROM message_outbox o JOIN vouchers v ON v.id::text = o.key
        WHERE o.event = 'voucher.issued' AND v.issuance_id = $1 GROUP BY 1 ORDER BY 1`,
      [id],
    );
    expect(perChannel.rows).toEqual([
      { channel: 'inbox', n: 51 },
      { channel: 'sms', n: 51 },
    ]);
  });

  if (engine() === 'postgres')
    it('kill -9 of the CLI mid-batch on PostgreSQL, then resume: exact totals', async () => {
      const p = await freshProgramme(t.db, 'T-KILL');
      const d = await t.db.tx((tx) =>
        createIssuance(actorOf(t, 'district_admin'), tx, { mode: 'targeted', name: 'kill -9', programmeId: p.id, occupationCode: '4-03-02-01', level: 0 }),
      );
      const dbName = (await t.db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${dbName}`;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'issue', 'run', d.id, '--chunk', '5'], {
        env: { ...process.env, DATABASE_URL: url.toString(), SV_ISSUANCE_PAUSE_MS: '300', NODE_ENV: 'test', LOG_LEVEL: 'silent' },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((res) => child.on('exit', () => res()));
      // wait until two chunks are committed, then kill it inside the third chunk's transaction
      let processed = 0;
      for (let i = 0; i < 600 && processed < 10; i++) {
        await sleep(50);
        processed = (await t.db.query<{ processed: number }>('SELECT processed FROM issuances WHERE id = $1', [d.id])).rows[0]!.processed;
      }
      expect(processed).toBeGreaterThanOrEqual(10);
      child.kill('SIGKILL');
      await exited;
      const st = (await t.db.query<{ status: string; processed: number }>('SELECT status, processed FROM issuances WHERE id = $1', [d.id])).rows[0]!;
      expect(st.status).toBe('running'); // the killed process could not say otherwise
      const before = await t.count('vouchers', `issuance_id = '${d.id}'`);
      expect(before).toBeLessThan(51);
      expect(before).toBe(st.processed); // nobody of the killed chunk is left behind half-done
      let r: IssuanceView | null = null;
      for (let i = 0; i < 100 && !r; i++) {
        try {
          r = await runIssuance(SYSTEM, t.db, d.id, { chunkSize: 5 });
        } catch (e) {
          if ((e as { code?: string }).code !== 'ISSUANCE_ALREADY_RUNNING') throw e;
          await sleep(100); // the server has not yet noticed the dead session
        }
      }
      expect(r).toMatchObject({ status: 'done', matchedTotal: 51, processed: 51, issued: 51 });
      expect(await t.count('vouchers', `issuance_id = '${d.id}'`)).toBe(51);
      const dupes = await t.db.query('SELECT person_id FROM vouchers WHERE issuance_id = $1 GROUP BY person_id HAVING count(*) > 1', [d.id]);
      expect(dupes.rows).toHaveLength(0);
    }, 120_000);
});
