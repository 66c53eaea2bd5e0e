import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { resetClock, setClock } from '../../lib/clock.js';
import { SYSTEM } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import * as persons from '../persons/service.js';
import { expireVouchers } from './expiry.js';
import { consumeQrNonce, findVoucherByNumber, getVoucher, insertVoucher, transitionVoucher, verifyQrToken, type Voucher } from './service.js';
import { makeVoucherNumber, mod112CheckChar } from './rules.js';
import { actorOf, freshProgramme, nextIdNumber, seedCheckinOnlyVouchers } from './test-support.js';

let t: TestApp;
let skillUpgrade: catalog.Programme;
let enterpriseTraining: catalog.Programme;
const OCC = '4-10-01-05';

beforeAll(async () => {
  t = await createTestApp();
  skillUpgrade = (await catalog.getProgrammeByCode(t.db, 'SH-SKILL-UPGRADE'))!;
  enterpriseTraining = (await catalog.getProgrammeByCode(t.db, 'SH-ENTERPRISE-TRAINING'))!;
});
afterAll(async () => t.close());

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

/** A voucher issued directly (service), for lifecycle tests. */
async function issueTo(personId: string, over: Partial<Parameters<typeof insertVoucher>[1]> = {}, now = new Date()): Promise<Voucher> {
  const p = over.programmeId ?? (await freshProgramme(t.db, `L-${Math.random().toString(36).slice(2, 8).toUpperCase()}`)).id;
  return t.db.tx(
    async (tx) =>
      (await insertVoucher(
        tx,
        {
          personId,
          kind: 'subsidy',
          programmeId: p,
          occupationCode: OCC,
          level: 4,
          mode: 'on_demand',
          issuanceId: null,
          districtCode: '310115',
          ratioPct: 100,
          standardFen: 200000,
          upliftPct: 0,
          category: 'registered_unemployed',
          categoryValidUntil: '2027-02-26',
          validFrom: '2026-11-26',
          validUntil: '2099-12-31',
          ...over,
        },
        now,
      ))!,
  );
}

describe('on-demand application (申领)', () => {
  it('an employed worker gets the best-paying subsidy voucher, is told why, and only once per programme', async () => {
    const before = await t.count('vouchers');
    const r = await t.call('POST', '/api/v1/vouchers/apply', { as: 'worker', body: { occupationCode: OCC, level: 4 } });
    expect(r.statusCode).toBe(201);
    const v = r.json();
    expect(v.voucher).toMatchObject({
      kind: 'subsidy',
      status: 'issued',
      mode: 'on_demand',
      ratioPct: 80,
      standardFen: 200000,
      upliftPct: 30,
      category: 'employed',
    });
    expect(v.voucher.programme.code).toBe('SH-SKILL-UPGRADE');
    expect(v.voucher.subsidyEstimateFen).toBe(208000); // 2000 × 1.3 × 0.8 yuan
    expect(v.reason).toMatch(/employed/);
    expect(v.voucher.holder.idNumberMasked).toMatch(/^310\*+\d{3}[\dX]$/);
    expect(v.voucher.holder.name).toContain('*');
    expect(v.voucher.number).toMatch(/^SV\d{4}310115\d{8}[\dX]$/);
    // validity: programme months from today (Shanghai); category valid 3 months
    expect(v.voucher.validUntil > v.voucher.validFrom).toBe(true);
    expect(v.voucher.categoryValidUntil).toBe(v.voucher.validUntil);

    const again = await t.call('POST', '/api/v1/vouchers/apply', { as: 'worker', body: { occupationCode: OCC, level: 4 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('VOUCHER_LIMIT_REACHED');
    expect(await t.count('vouchers')).toBe(before + 1);
  });

  it('no matching subsidy rule → a check-in-only voucher with the reason', async () => {
    await t.db.tx((tx) => persons.updatePerson(actorOf(t, 'city_admin'), tx, t.fx.persons.worker_b!.id, { categories: [] }));
    const r = await t.call('POST', '/api/v1/vouchers/apply', { as: 'worker_b', body: { occupationCode: OCC, level: 4 } });
    expect(r.statusCode).toBe(201);
    expect(r.json().voucher).toMatchObject({ kind: 'checkin_only', programme: null, ratioPct: 0, subsidyEstimateFen: null });
    expect(r.json().reason).toMatch(/check-in-only.*SH-SKILL-UPGRADE: none of your categories/);
  });

  it.each([
    [{ occupationCode: '9-99-99-99', level: 4 }, 400, 'OCCUPATION_UNKNOWN', 'occupationCode'],
    [{ occupationCode: OCC, level: 7 }, 400, 'VALIDATION_FAILED', 'level'],
    [{ occupationCode: OCC, level: 4, extra: true }, 400, 'VALIDATION_FAILED', 'extra'],
    [{ occupationCode: OCC, level: 4, programmeId: '00000000-0000-4000-8000-000000000000' }, 400, 'PROGRAMME_UNKNOWN', 'programmeId'],
  ])('refuses %j with no row written', async (body, http, errCode, field) => {
    const before = await t.count('vouchers');
    const r = await t.call('POST', '/api/v1/vouchers/apply', { as: 'worker_b', body });
    expect(r.statusCode).toBe(http);
    expect(r.json()).toMatchObject({ code: errCode, field });
    expect(await t.count('vouchers')).toBe(before);
  });

  it('staff cannot apply (403)', async () => {
    expect((await t.call('POST', '/api/v1/vouchers/apply', { as: 'district_admin', body: { occupationCode: OCC, level: 4 } })).statusCode).toBe(403);
  });
});

describe('custom issuance (定制发放)', () => {
  it('an enterprise uploads its employees: new persons created, per-row report, idempotent re-upload', async () => {
    const ent = t.fx.orgs.enterprise!;
    const existing = nextIdNumber('310115');
    await t.db.tx((tx) =>
      persons.ensurePerson(tx, SYSTEM, { idNumber: existing, name: '已有人', districtCode: '310115', categories: ['employed'], employerUscc: ent.uscc }),
    );
    const fresh1 = nextIdNumber('310115');
    const fresh2 = nextIdNumber('310115');
    const csv = [
      'name,idNumber,districtCode,categories',
      `张一,${fresh1},310115,employed`,
      `张二,${fresh2},310115,employed`,
      `已有人,${existing},310115,employed`,
      `坏号,310115199001011234,310115,employed`,
      `无类别,${nextIdNumber('310115')},310115,`,
    ].join('\n');
    const d = await t.call('POST', '/api/v1/issuances', {
      as: 'enterprise',
      body: { mode: 'custom', name: '2026 staff', programmeId: enterpriseTraining.id, occupationCode: OCC, level: 4 },
    });
    expect(d.statusCode).toBe(201);
    const id = d.json().id as string;
    const personsBefore = await t.count('persons');
    const up = await t.call('POST', `/api/v1/issuances/${id}/list`, { as: 'enterprise', payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(up.statusCode).toBe(200);
    const rep = up.json();
    expect(rep).toMatchObject({ total: 5, issued: 3, personsCreated: 3, failed: 1, skipped: { no_eligible_category: 1 } });
    expect(rep.rows.find((r: { row: number }) => r.row === 5)).toMatchObject({ field: 'idNumber', code: 'INVALID_ID_NUMBER' });
    expect(await t.count('persons')).toBe(personsBefore + 3);
    const issued = await t.db.query<{ mode: string; ratio_pct: number; category: string }>(
      'SELECT mode, ratio_pct, category FROM vouchers WHERE issuance_id = $1',
      [id],
    );
    expect(issued.rows).toHaveLength(3);
    expect(issued.rows.every((r) => r.mode === 'custom' && r.ratio_pct === 80 && r.category === 'employed')).toBe(true);

    const vouchersBefore = await t.count('vouchers');
    const again = await t.call('POST', `/api/v1/issuances/${id}/list`, { as: 'enterprise', payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(again.json()).toMatchObject({ issued: 0, personsCreated: 0, failed: 1, skipped: { already_issued: 3, no_eligible_category: 1 } });
    expect(await t.count('vouchers')).toBe(vouchersBefore);
    expect(await t.count('persons')).toBe(personsBefore + 3);
    // another enterprise's scope / a provider of another org: 404
    expect((await t.call('GET', `/api/v1/issuances/${id}`, { as: 'provider' })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/issuances/${id}`, { as: 'district_admin' })).statusCode).toBe(200);

    // 发放名单: the enterprise reads who got a voucher — masked, the state per voucher and per state for the batch
    const list = await t.call('GET', `/api/v1/issuances/${id}/vouchers`, { as: 'enterprise' });
    expect(list.statusCode).toBe(200);
    const page = list.json() as {
      total: number;
      byStatus: Record<string, number>;
      items: Array<{
        number: string;
        status: string;
        mode: string;
        occupationName: string | null;
        level: number;
        holder: { name: string; idNumberMasked: string };
      }>;
    };
    expect(page.total).toBe(3);
    expect(page.byStatus).toEqual({ issued: 3 });
    expect(page.items.map((v) => v.holder.name).sort()).toEqual(['已*人', '张*', '张*'].sort());
    expect(page.items.map((v) => v.holder.idNumberMasked)).toContain(`${existing.slice(0, 3)}***********${existing.slice(-4)}`);
    expect(JSON.stringify(page)).not.toContain(fresh1);
    expect(page.items.every((v) => v.status === 'issued' && v.mode === 'custom' && v.level === 4 && v.occupationName)).toBe(true);
    // paged and filtered: the totals follow the filter, the per-state counts stay the batch's
    const one = (await t.call('GET', `/api/v1/issuances/${id}/vouchers?limit=1&offset=1`, { as: 'enterprise' })).json();
    expect(one).toMatchObject({ total: 3, byStatus: { issued: 3 } });
    expect(one.items).toHaveLength(1);
    expect((await t.call('GET', `/api/v1/issuances/${id}/vouchers?status=settled`, { as: 'enterprise' })).json()).toMatchObject({ total: 0, items: [] });
    expect((await t.call('GET', `/api/v1/issuances/${id}/vouchers?status=nope`, { as: 'enterprise' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'querystring.status',
    });
    // outside the issuance's scope: 404 (another organisation), 403 (a worker)
    expect((await t.call('GET', `/api/v1/issuances/${id}/vouchers`, { as: 'provider' })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/issuances/${id}/vouchers`, { as: 'worker' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/issuances/${id}/vouchers`, { as: 'district_admin' })).json().total).toBe(3);
  });

  it('an admin uploads an .xlsx list (ID numbers as text cells)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('list');
    ws.addRow(['姓名 name', '身份证号 idNumber', '区代码 districtCode', '人员类别 categories']);
    ws.addRow(['陈一', nextIdNumber('310115'), '310115', 'registered_unemployed']);
    ws.addRow(['陈二', nextIdNumber('310115'), '310115', 'employed;disabled']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await freshProgramme(t.db, 'T-XLSX', ['registered_unemployed', 'employed', 'disabled']);
    const d = await t.call('POST', '/api/v1/issuances', {
      as: 'district_admin',
      body: { mode: 'custom', name: 'xlsx', programmeId: p.id, occupationCode: OCC, level: 3 },
    });
    const up = await t.call('POST', `/api/v1/issuances/${d.json().id}/list`, {
      as: 'district_admin',
      payload: buf,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ total: 2, issued: 2, personsCreated: 2, failed: 0 });
    const ratios = (
      await t.db.query<{ category: string; ratio_pct: number }>('SELECT category, ratio_pct FROM vouchers WHERE issuance_id = $1 ORDER BY category', [
        d.json().id,
      ])
    ).rows;
    expect(ratios).toEqual([
      { category: 'disabled', ratio_pct: 100 },
      { category: 'registered_unemployed', ratio_pct: 100 },
    ]);
  });

  it('an enterprise may not issue skill-upgrade vouchers, nor run a targeted issuance', async () => {
    const before = await t.count('issuances');
    const r = await t.call('POST', '/api/v1/issuances', { as: 'enterprise', body: { mode: 'custom', name: 'x', programmeId: skillUpgrade.id } });
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'programmeId' });
    const r2 = await t.call('POST', '/api/v1/issuances', { as: 'enterprise', body: { mode: 'targeted', name: 'x', programmeId: enterpriseTraining.id } });
    expect(r2.statusCode).toBe(403);
    expect(await t.count('issuances')).toBe(before);
  });

  it('a list without the required columns is refused; the template downloads', async () => {
    const d = await t.call('POST', '/api/v1/issuances', { as: 'district_admin', body: { mode: 'custom', name: 'bad file', programmeId: skillUpgrade.id } });
    const r = await t.call('POST', `/api/v1/issuances/${d.json().id}/list`, {
      as: 'district_admin',
      payload: 'foo,bar\n1,2\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.json()).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'header' });
    const tpl = await t.call('GET', '/api/v1/issuances/custom-template', { as: 'enterprise' });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    expect(tpl.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('lifecycle', () => {
  it('the full subsidy path writes one event and one audit entry per step', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    const by = actorOf(t, 'provider');
    for (const to of ['admitted', 'in_training', 'assessed', 'approved', 'settled'] as const) await t.db.tx((tx) => transitionVoucher(tx, by, v.id, to));
    expect((await getVoucher(t.db, v.id))!.status).toBe('settled');
    expect(await t.count('voucher_events', `voucher_id = '${v.id}'`)).toBe(5);
    expect(await t.count('audit_log', `entity_id = '${v.id}'`)).toBe(5);
    // terminal: nothing moves it
    for (const to of ['issued', 'admitted', 'revoked', 'expired', 'closed'] as const)
      expect(await code(t.db.tx((tx) => transitionVoucher(tx, by, v.id, to)))).toBe('VOUCHER_NOT_USABLE');
    expect(await t.count('voucher_events', `voucher_id = '${v.id}'`)).toBe(5);
  });

  it('check-in-only: completes, never assessed', async () => {
    const v = await issueTo(t.fx.persons.worker!.id, { kind: 'checkin_only', programmeId: null, ratioPct: 0, standardFen: null, category: null });
    await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'admitted'));
    await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'in_training'));
    expect(await code(t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'assessed')))).toBe('VOUCHER_NOT_USABLE');
    expect((await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'completed'))).status).toBe('completed');
  });

  it('withdraw before the roster deadline returns the voucher to issued; admission past validity → VOUCHER_EXPIRED', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'admitted'));
    expect((await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'issued', { reason: 'withdrawn' }))).status).toBe('issued');
    const old = await issueTo(t.fx.persons.worker!.id, { validFrom: '2025-01-01', validUntil: '2025-04-01' });
    expect(await code(t.db.tx((tx) => transitionVoucher(tx, SYSTEM, old.id, 'admitted')))).toBe('VOUCHER_EXPIRED');
  });

  it('concurrent admissions of one voucher: exactly one wins, the others VOUCHER_NOT_USABLE', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'admitted'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code: string }).code);
    expect(codes).toEqual(Array(5).fill('VOUCHER_NOT_USABLE'));
    expect(await t.count('voucher_events', `voucher_id = '${v.id}'`)).toBe(1);
  });

  it('property: random sequences of transition attempts against the database stay inside the table', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    const targets = ['issued', 'admitted', 'in_training', 'assessed', 'approved', 'settled', 'closed', 'expired', 'revoked', 'completed'] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...targets), { minLength: 1, maxLength: 8 }), async (seq) => {
        for (const to of seq) {
          const before = (await getVoucher(t.db, v.id))!.status;
          const r = await code(t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, to)));
          const after = (await getVoucher(t.db, v.id))!.status;
          const { isAllowed } = await import('./rules.js');
          if (r === 'ok') expect(isAllowed(before, after, 'subsidy')).toBe(true);
          else expect(after).toBe(before);
        }
        // reset for the next run
        await t.db.query("UPDATE voucher_states SET status = 'issued' WHERE voucher_id = $1", [v.id]);
      }),
      { numRuns: 25 },
    );
  });

  it('revoke: admin of the district with a reason; another district 404; twice → VOUCHER_NOT_USABLE', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    const other = await t.call('POST', `/api/v1/vouchers/${v.id}/revoke`, { as: 'district_admin_b', body: { reason: 'fraud suspected' } });
    expect(other.statusCode).toBe(404);
    const noReason = await t.call('POST', `/api/v1/vouchers/${v.id}/revoke`, { as: 'district_admin', body: {} });
    expect(noReason.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const r = await t.call('POST', `/api/v1/vouchers/${v.id}/revoke`, { as: 'district_admin', body: { reason: 'fraud suspected' } });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('revoked');
    const again = await t.call('POST', `/api/v1/vouchers/${v.id}/revoke`, { as: 'district_admin', body: { reason: 'again' } });
    expect(again.json().code).toBe('VOUCHER_NOT_USABLE');
    const detail = (await t.call('GET', `/api/v1/vouchers/${v.id}`, { as: 'worker' })).json();
    expect(detail.events.map((e: { to: string }) => e.to)).toEqual(['issued', 'revoked']);
    expect(detail.events[1]).toMatchObject({ from: 'issued', reason: 'fraud suspected', actorRole: 'district_admin' });
  });
});

describe('voucher number', () => {
  it('the SQL check character equals the TypeScript one', async () => {
    const payloads = ['261131011500000001', '261231010499999999', '000000000000000000', '991299999999999999', '260131011512345678'];
    for (const p of payloads) {
      const r = (await t.db.query<{ c: string }>('SELECT sv_voucher_check($1::bigint) AS c', [p])).rows[0]!.c;
      expect(r).toBe(mod112CheckChar(p));
    }
    expect((await t.db.query<{ n: string }>("SELECT sv_voucher_number('2611', '310115', 42) AS n")).rows[0]!.n).toBe(makeVoucherNumber('2611', '310115', 42));
  });
  it('finding by number: found; one wrong digit → INVALID_VOUCHER_NUMBER', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    expect((await findVoucherByNumber(t.db, v.number))!.id).toBe(v.id);
    const d = Number(v.number[14]);
    const wrong = v.number.slice(0, 14) + String((d + 1) % 10) + v.number.slice(15);
    expect(await code(findVoucherByNumber(t.db, wrong))).toBe('INVALID_VOUCHER_NUMBER');
    const r = await t.call('GET', `/api/v1/vouchers/by-number?number=${wrong}`, { as: 'district_admin' });
    expect(r.json()).toMatchObject({ code: 'INVALID_VOUCHER_NUMBER', field: 'number' });
    expect((await t.call('GET', `/api/v1/vouchers/by-number?number=${v.number}`, { as: 'district_admin' })).json().id).toBe(v.id);
  });
});

describe('expiry', () => {
  // 00:05 on 2026-11-30 in Shanghai
  const RUN = new Date('2026-11-29T16:05:00Z');
  const due = async (): Promise<number> => t.count('vouchers', `status = 'issued' AND valid_until < '2026-11-30'`);

  /** `n` check-in-only vouchers of worker_b (district 310115) valid until 2026-11-29. */
  const seedDue = (n: number) => seedCheckinOnlyVouchers(t.db, t.fx.persons.worker_b!.id, n, '2026-11-29');

  it('voids every issued voucher past validity in one pass: one pass row as the event, an audit entry per chunk; idempotent', async () => {
    const pid = t.fx.persons.worker_b!.id;
    const past: Voucher[] = [];
    for (let i = 0; i < 7; i++) past.push(await issueTo(pid, { validFrom: '2026-01-01', validUntil: '2026-11-29' }));
    const lastDay = await issueTo(pid, { validFrom: '2026-01-01', validUntil: '2026-11-30' });
    const admitted = await issueTo(pid, { validFrom: '2026-01-01', validUntil: '2026-11-29' });
    await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, admitted.id, 'admitted', { asOf: new Date('2026-11-29T03:00:00Z') }));
    await seedDue(250);
    const dueBefore = await due();
    expect(dueBefore).toBeGreaterThanOrEqual(257);
    const auditBefore = await t.count('audit_log');
    const eventsBefore = await t.count('voucher_events');
    const progress: number[] = [];
    const r = await expireVouchers(t.db, { now: RUN, chunkBlocks: 1, onProgress: (p) => progress.push(p.blocksDone) });
    expect(r.cutoff).toBe('2026-11-30');
    expect(r.expired).toBe(dueBefore);
    expect(await due()).toBe(0);
    expect(r.blocks).toBeGreaterThan(2);
    expect(r.chunks).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(r.blocks);
    const expiredNow = await t.count('vouchers', `status = 'expired' AND id = ANY(ARRAY[${past.map((v) => `'${v.id}'`).join(',')}]::uuid[])`);
    expect(expiredNow).toBe(7);
    expect((await getVoucher(t.db, lastDay.id))!.status).toBe('issued'); // usable to the end of its last day
    expect((await getVoucher(t.db, admitted.id))!.status).toBe('admitted'); // only issued vouchers expire
    // the pass is the event of every voucher it voided: one row, each voided state points to it
    expect(await t.count('voucher_events')).toBe(eventsBefore);
    const pass = (
      await t.db.query<{ expired: number; chunks: number; cutoff: string; finished: boolean; actor_role: string }>(
        "SELECT expired, chunks, to_char(cutoff, 'YYYY-MM-DD') AS cutoff, finished_at IS NOT NULL AS finished, actor_role FROM voucher_expiry_passes WHERE id = $1",
        [r.passId],
      )
    ).rows[0]!;
    expect(pass).toEqual({ expired: r.expired, chunks: r.chunks, cutoff: '2026-11-30', finished: true, actor_role: 'system' });
    expect(await t.count('voucher_states', `expiry_pass_id = ${r.passId}`)).toBe(r.expired);
    // an audit entry per chunk that voided vouchers (same transaction), and one for the pass
    const chunkEntries = (
      await t.db.query<{ detail: { expired: number } }>("SELECT detail FROM audit_log WHERE action = 'voucher.expire' AND entity_id = $1", [r.passId])
    ).rows;
    expect(chunkEntries).toHaveLength(r.chunks);
    expect(chunkEntries.reduce((n, e) => n + e.detail.expired, 0)).toBe(r.expired);
    const passEntry = (
      await t.db.query<{ detail: { expired: number; cutoff: string } }>(
        "SELECT detail FROM audit_log WHERE action = 'voucher.expire_pass' AND entity_id = $1",
        [r.passId],
      )
    ).rows;
    expect(passEntry).toHaveLength(1);
    expect(passEntry[0]!.detail).toMatchObject({ expired: r.expired, cutoff: '2026-11-30' });
    expect(await t.count('audit_log')).toBe(auditBefore + r.chunks + 1);

    const again = await expireVouchers(t.db, { now: new Date('2026-11-29T16:10:00Z') });
    expect(again.expired).toBe(0);
    // the worker sees the void, with its event
    const mine = (await t.call('GET', '/api/v1/vouchers/mine', { as: 'worker_b' })).json();
    expect(mine.items.filter((v: { status: string }) => v.status === 'expired').length).toBeGreaterThanOrEqual(257);
    const detail = (await t.call('GET', `/api/v1/vouchers/${past[0]!.id}`, { as: 'worker_b' })).json();
    expect(detail.status).toBe('expired');
    expect(detail.events.map((e: { to: string }) => e.to)).toEqual(['issued', 'expired']);
    expect(detail.events[1]).toMatchObject({
      from: 'issued',
      actorRole: 'system',
      reason: `validity passed (valid_until < 2026-11-30, expiry pass ${r.passId})`,
    });
  });

  it('a pass cut short after a chunk: what it voided stays voided and points to it; the next pass voids exactly the rest', async () => {
    await seedDue(600);
    const dueBefore = await due();
    const crash = await code(
      expireVouchers(t.db, {
        now: RUN,
        chunkBlocks: 1,
        onProgress: (p) => {
          if (p.expired > 0) throw new Error('killed');
        },
      }),
    );
    expect(crash).toBe('Error: killed');
    const cut = (
      await t.db.query<{ id: string; expired: number; finished: boolean }>(
        'SELECT id::text, expired, finished_at IS NOT NULL AS finished FROM voucher_expiry_passes ORDER BY id DESC LIMIT 1',
      )
    ).rows[0]!;
    expect(cut.finished).toBe(false);
    expect(cut.expired).toBeGreaterThan(0);
    expect(cut.expired).toBeLessThan(dueBefore);
    expect(await due()).toBe(dueBefore - cut.expired);
    expect(await t.count('voucher_states', `expiry_pass_id = ${cut.id}`)).toBe(cut.expired);
    const rest = await expireVouchers(t.db, { now: RUN, chunkBlocks: 1 });
    expect(rest.expired).toBe(dueBefore - cut.expired);
    expect(await due()).toBe(0);
    expect(await t.count('voucher_states', `expiry_pass_id = ${cut.id}`)).toBe(cut.expired); // nothing voided twice
  });

  it('statistics count the void: by status, district and programme; a district admin sees only their district', async () => {
    const stats = async (as: string, query = '') => t.call('GET', `/api/v1/vouchers/stats${query}`, { as });
    const before = { city: (await stats('city_admin')).json(), mine: (await stats('district_admin')).json(), other: (await stats('district_admin_b')).json() };
    await seedDue(40); // district 310115
    const r = await expireVouchers(t.db, { now: RUN });
    expect(r.expired).toBe(40);
    const city = (await stats('city_admin')).json();
    expect(city.byStatus.expired).toBe(before.city.byStatus.expired + 40);
    expect(city.byStatus.issued).toBe(before.city.byStatus.issued);
    expect(city.total).toBe(before.city.total + 40);
    expect(city.rows.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(city.total);
    const mine = (await stats('district_admin')).json();
    expect(mine.byStatus.expired).toBe(before.mine.byStatus.expired + 40);
    expect(mine.rows.every((x: { districtCode: string }) => x.districtCode === '310115')).toBe(true);
    expect((await stats('district_admin_b')).json()).toEqual(before.other);
    expect((await stats('auditor')).json().total).toBe(city.total);
    // filters; another district's figures are 404 to a district admin; bad input names the field
    const byProgramme = (await stats('city_admin', `?programmeId=${skillUpgrade.id}`)).json();
    expect(byProgramme.rows.every((x: { programmeId: string }) => x.programmeId === skillUpgrade.id)).toBe(true);
    expect((await stats('district_admin_b', '?districtCode=310115')).statusCode).toBe(404);
    expect((await stats('city_admin', '?districtCode=31')).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.districtCode' });
    expect((await stats('worker')).statusCode).toBe(403);
    expect((await stats('provider')).statusCode).toBe(403);
  });

  it('the voucher id is a time-ordered UUID (version 7)', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(v.id.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });

  it('is registered as a daily job at 00:05 Asia/Shanghai', async () => {
    const { runJob } = await import('../../jobs/scheduler.js');
    const { JOBS } = await import('../registry.js');
    const job = JOBS.find((j) => j.name === 'vouchers.expire')!;
    expect(job.schedule).toBe('5 0 * * *');
    // The job reads the application clock, pinned here to the run of the pass above (00:05 on 2026-11-30): the
    // vouchers earlier tests left valid until 2026-11-30 are not due whatever day the suite runs on, and the nonce
    // that ran out two days before that run is purged.
    setClock({ at: RUN });
    try {
      await t.db.query(
        "INSERT INTO voucher_qr_nonces (nonce, voucher_id, expires_at) VALUES ('old-nonce', gen_random_uuid(), $1::timestamptz - interval '2 days')",
        [RUN],
      );
      const r = await runJob(t.db, job);
      expect(r).toMatchObject({ expired: 0, qrNoncesPurged: 1 });
    } finally {
      resetClock();
    }
  });
});

describe('worker views and the QR token', () => {
  it('mine: only my vouchers, masked identity, subsidy estimate', async () => {
    const r = await t.call('GET', '/api/v1/vouchers/mine', { as: 'worker' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{ holder: { idNumberMasked: string }; subsidyEstimateFen: number | null }>;
    expect(items.length).toBeGreaterThan(0);
    const full = t.fx.persons.worker!.idNumber;
    expect(JSON.stringify(r.json())).not.toContain(full);
    expect(items.every((v) => v.holder.idNumberMasked === `${full.slice(0, 3)}***********${full.slice(14)}`)).toBe(true);
    expect((await t.call('GET', '/api/v1/vouchers/mine', { as: 'district_admin' })).statusCode).toBe(403);
  });

  it('detail: the holder and the district admin see it; another worker and another district get 404', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    expect((await t.call('GET', `/api/v1/vouchers/${v.id}`, { as: 'worker' })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/vouchers/${v.id}`, { as: 'district_admin' })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/vouchers/${v.id}`, { as: 'worker_b' })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/vouchers/${v.id}`, { as: 'district_admin_b' })).statusCode).toBe(404);
  });

  it('qr-token: holder only; verifies; single use on admission', async () => {
    const v = await issueTo(t.fx.persons.worker!.id);
    const r = await t.call('POST', `/api/v1/vouchers/${v.id}/qr-token`, { as: 'worker' });
    expect(r.statusCode).toBe(200);
    const { token, expiresAt } = r.json();
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect((await verifyQrToken(token, { expectVoucherId: v.id })).voucherId).toBe(v.id);
    expect((await t.call('POST', `/api/v1/vouchers/${v.id}/qr-token`, { as: 'worker_b' })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/vouchers/${v.id}/qr-token`, { as: 'provider' })).statusCode).toBe(403);
    await t.db.tx((tx) => consumeQrNonce(tx, token, { expectVoucherId: v.id }));
    expect(await code(t.db.tx((tx) => consumeQrNonce(tx, token)))).toBe('QR_TOKEN_REPLAYED');
    // a voided voucher gets no token
    await t.db.tx((tx) => transitionVoucher(tx, SYSTEM, v.id, 'revoked', { reason: 'test' }));
    expect((await t.call('POST', `/api/v1/vouchers/${v.id}/qr-token`, { as: 'worker' })).json().code).toBe('VOUCHER_NOT_USABLE');
  });
});
