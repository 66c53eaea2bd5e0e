/**
 * The officers' decision screens' API (issue 15, items 15–17): the checker's view of a batch, the override
 * reason for approving a claim that fails a rule, and the lists' filters and Excel exports.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SYSTEM } from '../audit/service.js';
import { createClaimForPass } from './claims.js';
import { resetClock, setClock } from '../../lib/clock.js';
import { maskId, maskName } from '../../lib/identifiers.js';
import { anyOccupation, approvedClaims, assessedVoucher, endNotice, fakeIdNumber, passFacts, setBudget, skillUpgrade } from './test-world.js';

const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let programmeId: string;
let programmeName: string;
let occupation: string;

beforeAll(async () => {
  t = await createTestApp();
  const p = await skillUpgrade(t.db);
  programmeId = p.id;
  programmeName = p.name;
  occupation = await anyOccupation(t.db);
  await setBudget(t.db, programmeId, 50_000_000, YEAR);
  await setBudget(t.db, programmeId, 50_000_000, YEAR, '310104');
});
afterAll(async () => t?.close());

/** A claim in review because its attendance is below the threshold. */
async function failingClaim(n: number, districtCode?: string) {
  return t.db.tx(async (tx) => {
    const w = await assessedVoucher(tx, n, { programmeId, occupationCode: occupation, ...(districtCode ? { districtCode } : {}) });
    return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 10 }));
  });
}

describe('item 15: the checker sees each payment and the maker and checker by name', () => {
  it('batch detail and payments: masked payee, masked account, bank, programme name, amount; maker/checker names', async () => {
    await approvedClaims(t.db, 3, programmeId, occupation, 100);
    // the batch list's empty state tells the maker what a batch would take: in notice first, then ready
    const waiting = (await t.call('GET', '/api/v1/subsidy/batches/payable', { as: 'finance' })).json();
    expect(waiting).toMatchObject({ ready: { count: 0, amountFen: 0 }, inNotice: { count: 3 }, noAccount: 0 });
    expect(waiting.inNotice.nextPayableOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await endNotice(t.db);
    const ready = (await t.call('GET', '/api/v1/subsidy/batches/payable', { as: 'auditor' })).json();
    expect(ready).toMatchObject({ ready: { count: 3 }, inNotice: { count: 0, nextPayableOn: null } });
    expect(ready.ready.amountFen).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/subsidy/batches/payable', { as: 'district_admin' })).statusCode).toBe(403);
    const b = await t.call('POST', '/api/v1/subsidy/batches', { as: 'finance', body: {} });
    expect(b.statusCode).toBe(201);
    const drained = (await t.call('GET', '/api/v1/subsidy/batches/payable', { as: 'finance' })).json();
    expect(drained.ready).toEqual({ count: 0, amountFen: 0 });
    const id = b.json().id as string;
    const d = await t.call('GET', `/api/v1/subsidy/batches/${id}`, { as: 'finance2' });
    expect(d.statusCode).toBe(200);
    const detail = d.json();
    expect(detail).toMatchObject({ makerName: 'finance', checkerName: null, status: 'draft' });
    expect(detail.payments.total).toBe(3);
    for (const p of detail.payments.items) {
      expect(p.payeeNameMasked).toMatch(/^学\*+\d$/);
      expect(p.accountMasked).toMatch(/^6222 \*{4} \*{4} \d{4}$/);
      expect(p.bankName).toBe('中国工商银行');
      expect(p.programmeName).toBe(programmeName);
      expect(p.amountFen).toBeGreaterThan(0);
      expect(p.claimNumber).toMatch(/^SC\d{16}$/);
    }
    expect(detail.payments.items.reduce((s: number, p: { amountFen: number }) => s + p.amountFen, 0)).toBe(detail.totalFen);
    // no full account number and no full name anywhere in the answer
    expect(d.body).not.toMatch(/6222\d{8,}/);
    expect(d.body).not.toMatch(/学员10[0-2]/);

    const ok = await t.call('POST', `/api/v1/subsidy/batches/${id}/approve`, { as: 'finance2' });
    expect(ok.statusCode).toBe(200);
    const after = (await t.call('GET', `/api/v1/subsidy/batches/${id}`, { as: 'auditor' })).json();
    expect(after).toMatchObject({ makerName: 'finance', checkerName: 'finance2', status: 'approved' });
    const list = (await t.call('GET', '/api/v1/subsidy/batches', { as: 'finance' })).json();
    expect(list.items.find((x: { id: string }) => x.id === id)).toMatchObject({ makerName: 'finance', checkerName: 'finance2' });

    const page = await t.call('GET', `/api/v1/subsidy/batches/${id}/payments?limit=2&offset=0`, { as: 'finance' });
    expect(page.json().total).toBe(3);
    expect(page.json().items).toHaveLength(2);
    const one = detail.payments.items[1].claimNumber as string;
    const found = (await t.call('GET', `/api/v1/subsidy/batches/${id}/payments?q=${one}`, { as: 'finance' })).json();
    expect(found.items.map((p: { claimNumber: string }) => p.claimNumber)).toEqual([one]);
    const worker = await t.call('GET', `/api/v1/subsidy/batches/${id}/payments`, { as: 'district_admin' });
    expect(worker.statusCode).toBe(403);
  });
});

describe('item 16: approving despite a failed rule needs a reason', () => {
  it('without overrideReason: 400 naming the field, nothing changes; with it: approved, reason kept and audited', async () => {
    const c = await failingClaim(200);
    expect(c.status).toBe('in_review');
    const url = `/api/v1/subsidy/claims/${c.id}/decision`;
    const before = {
      audit: await t.count('audit_log'),
      events: await t.count('claim_events', `claim_id = '${c.id}'`),
      ledger: await t.count('budget_ledger'),
    };
    for (const body of [
      { decision: 'approve', opinion: '已核实' },
      { decision: 'approve', opinion: '已核实', overrideReason: '   ' },
    ]) {
      const r = await t.call('POST', url, { as: 'district_admin', body });
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'overrideReason', failedRules: ['ATTENDANCE_THRESHOLD'] });
    }
    expect(await t.count('audit_log')).toBe(before.audit);
    expect(await t.count('claim_events', `claim_id = '${c.id}'`)).toBe(before.events);
    expect(await t.count('budget_ledger')).toBe(before.ledger);
    expect((await t.db.query<{ status: string }>('SELECT status FROM subsidy_claims WHERE id = $1', [c.id])).rows[0]!.status).toBe('in_review');

    const ok = await t.call('POST', url, { as: 'district_admin', body: { decision: 'approve', opinion: '已核实', overrideReason: '病假期间缺勤，已补课' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decision: { opinion: '已核实', overrideReason: '病假期间缺勤，已补课' } });
    const a = await t.db.query<{ detail: Record<string, unknown> }>("SELECT detail FROM audit_log WHERE action = 'claim.approve' AND entity_id = $1", [c.id]);
    expect(a.rows[0]!.detail).toMatchObject({ overriddenRules: ['ATTENDANCE_THRESHOLD'], overrideReason: '病假期间缺勤，已补课' });
  });

  it('the decider sees the person (masked), the programme and occupation by name, the attendance figures, the pass and its certificate, the yearly limit and the person’s other claims', async () => {
    const first = await failingClaim(210);
    const rejected = await t.call('POST', `/api/v1/subsidy/claims/${first.id}/decision`, {
      as: 'district_admin',
      body: { decision: 'reject', opinion: '出勤不足' },
    });
    expect(rejected.statusCode).toBe(200);
    const c = await failingClaim(210); // the same person again: a new voucher, a new claim in review
    const r = await t.call('GET', `/api/v1/subsidy/claims/${c.id}`, { as: 'district_admin' });
    expect(r.statusCode).toBe(200);
    const v = r.json() as {
      rules: Array<{ rule: string; values?: Record<string, number> }>;
      context: {
        person: unknown;
        programmeName: string;
        occupationName: string | null;
        assessment: unknown;
        limits: unknown;
        otherClaims: unknown[];
      };
    };
    expect(v.context.person).toEqual({ nameMasked: maskName('学员210'), idMasked: maskId(fakeIdNumber(210)) });
    expect(r.body).not.toContain(fakeIdNumber(210));
    expect(v.context.programmeName).toBe(programmeName);
    expect(v.context.occupationName).toEqual(expect.any(String));
    expect(v.rules.find((x) => x.rule === 'ATTENDANCE_THRESHOLD')!.values).toEqual({ attendancePct: 10, thresholdPct: 80 });
    // the pass the claim pays for, as the claim keeps it (passFacts: today, CERT-<voucher>)
    const voucherId = (r.json() as { voucherId: string }).voucherId;
    expect(v.context.assessment).toEqual({ passedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), certificateNumber: `CERT-${voucherId.slice(0, 8)}` });
    // the yearly limit as approval re-checks it: the rejected first claim does not count
    expect(v.context.limits).toEqual({ year: (r.json() as { year: number }).year, counted: 0, max: 2, student: false });
    expect(v.context.otherClaims).toEqual([
      {
        number: first.number,
        year: (r.json() as { year: number }).year,
        occupationCode: occupation,
        occupationName: v.context.occupationName,
        level: 4,
        amountFen: (r.json() as { amountFen: number }).amountFen,
        status: 'rejected',
      },
    ]);
  });

  it('a claim that passes every rule and a rejection need no override reason', async () => {
    const c = await failingClaim(201);
    const r = await t.call('POST', `/api/v1/subsidy/claims/${c.id}/decision`, { as: 'district_admin', body: { decision: 'reject', opinion: '出勤不足' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'rejected', decision: { overrideReason: null } });
    // an approved claim held by an objection, every rule passed: dismissing the objection needs no override
    const [id] = await approvedClaims(t.db, 1, programmeId, occupation, 202);
    const number = (await t.db.query<{ number: string }>('SELECT number FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.number;
    // a real-name objection (signed in) holds the claim; an anonymous one would only be queued
    expect((await t.call('POST', '/api/v1/subsidy/objections', { as: 'worker', body: { claimNumber: number, text: '此人未参加培训' } })).statusCode).toBe(201);
    expect((await t.db.query<{ status: string }>('SELECT status FROM subsidy_claims WHERE id = $1', [id])).rows[0]!.status).toBe('held');
    const d = await t.call('POST', `/api/v1/subsidy/claims/${id}/decision`, { as: 'district_admin', body: { decision: 'approve', opinion: '异议不实' } });
    expect(d.statusCode).toBe(200);
    expect(d.json().status).toBe('approved');
  });
});

/** The sheet's rows as arrays of cell texts (row 1: the headings). */
async function sheet(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.value === null || c.value === undefined ? '' : String(c.value)));
    out.push(cells);
  });
  return out;
}

async function exported(url: string, as: string): Promise<{ rows: string[][]; status: number; type: string }> {
  const r = await t.call('GET', url, { as });
  return { status: r.statusCode, type: String(r.headers['content-type']), rows: r.statusCode === 200 ? await sheet(r.rawPayload) : [] };
}

describe('the queue awaiting a decision (待审核): first come, first served', () => {
  it('lists the oldest claim first, each with the working days it has waited; other lists newest first, without a wait', async () => {
    const [friday, earliest, latest] = [await failingClaim(400), await failingClaim(401), await failingClaim(402)];
    // came in: Friday 18:00, the Friday a week before 10:00, the Friday after 10:00 (Shanghai); listed on Monday 10:00
    for (const [c, at] of [
      [friday, '2026-11-27T10:00:00Z'],
      [earliest, '2026-11-20T02:00:00Z'],
      [latest, '2026-12-04T02:00:00Z'],
    ] as const)
      await t.db.query('UPDATE subsidy_claims SET created_at = $2 WHERE id = $1', [c.id, at]);
    const mine = (items: Array<{ id: string; waitingWorkingDays: number | null }>) =>
      items.filter((i) => [friday.id, earliest.id, latest.id].includes(i.id)).map((i) => [i.id, i.waitingWorkingDays]);
    setClock({ at: new Date('2026-12-07T02:00:00Z') });
    try {
      const queue = await t.call('GET', '/api/v1/subsidy/claims?status=in_review&limit=100', { as: 'district_admin' });
      expect(queue.statusCode).toBe(200);
      expect(mine(queue.json().items)).toEqual([
        [earliest.id, 11],
        [friday.id, 6],
        [latest.id, 1],
      ]);
      const all = await t.call('GET', '/api/v1/subsidy/claims?limit=100', { as: 'district_admin' });
      expect(mine(all.json().items).map(([id]) => id)).toEqual([latest.id, friday.id, earliest.id]);
      const approved = (await t.call('GET', '/api/v1/subsidy/claims?status=approved&limit=100', { as: 'district_admin' })).json();
      expect(approved.items.length).toBeGreaterThan(0);
      expect(approved.items.every((i: { waitingWorkingDays: number | null }) => i.waitingWorkingDays === null)).toBe(true);
    } finally {
      resetClock();
    }
  });
});

describe('item 17: lists have search, filters and an Excel export of what the filters show', () => {
  it('claims: search and filters; the export holds the filtered rows in Chinese, masked, scoped and audited', async () => {
    const a = await failingClaim(300);
    await failingClaim(301);
    const b = await failingClaim(302, '310104');
    // search by number and by the payee's name (its start)
    const byNumber = (await t.call('GET', `/api/v1/subsidy/claims?q=${a.number}`, { as: 'city_admin' })).json();
    expect(byNumber.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
    const byName = (await t.call('GET', `/api/v1/subsidy/claims?q=${encodeURIComponent('学员30')}&status=in_review`, { as: 'city_admin' })).json();
    expect(byName.total).toBe(3);
    const list = (await t.call('GET', '/api/v1/subsidy/claims?status=in_review', { as: 'district_admin' })).json();
    expect(list.items.every((c: { districtCode: string }) => c.districtCode === '310115')).toBe(true);
    // a person payee's name is masked in the list and in the claim, like every person's name
    expect(byName.items.map((c: { payee: { kind: string; name: string } }) => c.payee)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'person', name: maskName('学员300') })]),
    );
    expect(JSON.stringify(byName.items)).not.toMatch(/学员30\d/);
    const detail = await t.call('GET', `/api/v1/subsidy/claims/${a.id}`, { as: 'district_admin' });
    expect(detail.json().payee).toMatchObject({ kind: 'person', name: '学***0' });
    expect(detail.body).not.toContain('学员300');

    const audits = await t.count('audit_log', "action = 'list.export'");
    const x = await exported('/api/v1/subsidy/claims/export.xlsx?status=in_review', 'district_admin');
    expect(x.status).toBe(200);
    expect(x.type).toContain('spreadsheetml');
    const [head, ...rows] = x.rows;
    expect(head).toContain('申请编号');
    expect(head).toContain('未通过的核验规则');
    expect(rows).toHaveLength(list.total);
    expect(rows.map((r) => r[0]).sort()).toEqual(list.items.map((c: { number: string }) => c.number).sort());
    expect(rows.map((r) => r[0])).not.toContain(b.number); // another district's claim is not in a district admin's file
    const row = rows.find((r) => r[0] === a.number)!;
    expect(row.join('|')).toContain('出勤率达标');
    expect(row.join('|')).toContain('待审核');
    expect(row.join('|')).toMatch(/学\*+0/);
    expect(row.join('|')).toMatch(/\*{4} \*{4} \*{4} \d{4}/); // the claim keeps only the last four digits
    expect(row.join('|')).not.toMatch(/学员300|6222\d{8,}/);
    expect(await t.count('audit_log', "action = 'list.export'")).toBe(audits + 1);
    const entry = (
      await t.db.query<{ entity_type: string; district_code: string; detail: { rows: number } }>(
        "SELECT entity_type, district_code, detail FROM audit_log WHERE action = 'list.export' ORDER BY id DESC LIMIT 1",
      )
    ).rows[0]!;
    expect(entry).toMatchObject({ entity_type: 'subsidy_claims', district_code: '310115', detail: { rows: list.total } });

    // a filter narrows the file exactly as it narrows the list
    const one = await exported(`/api/v1/subsidy/claims/export.xlsx?q=${a.number}`, 'city_admin');
    expect(one.rows.slice(1).map((r) => r[0])).toEqual([a.number]);
    // the roles that may not read claims may not export them either; a bad filter is a problem
    expect((await t.call('GET', '/api/v1/subsidy/claims/export.xlsx', { as: 'provider' })).statusCode).toBe(403);
    const bad = await t.call('GET', '/api/v1/subsidy/claims/export.xlsx?status=nope', { as: 'city_admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toContain('status');
  });

  it('batches: filters and export with the maker and checker by name', async () => {
    const list = (await t.call('GET', '/api/v1/subsidy/batches?status=approved', { as: 'finance' })).json();
    expect(list.total).toBeGreaterThanOrEqual(1);
    const x = await exported('/api/v1/subsidy/batches/export.xlsx?status=approved', 'auditor');
    expect(x.rows[0]).toEqual(expect.arrayContaining(['批次号', '制单人', '复核人', '金额（元）']));
    expect(x.rows.slice(1)).toHaveLength(list.total);
    expect(x.rows[1]).toEqual(expect.arrayContaining(['已复核', 'finance', 'finance2']));
    const none = await exported('/api/v1/subsidy/batches/export.xlsx?q=X', 'finance');
    expect(none.rows).toHaveLength(1);
  });

  it('persons: the export holds the search’s rows, masked, a district admin’s only their district', async () => {
    const all = (await t.call('GET', '/api/v1/persons?limit=500', { as: 'city_admin' })).json();
    const mine = (await t.call('GET', '/api/v1/persons?limit=500', { as: 'district_admin' })).json();
    expect(all.total).toBeGreaterThan(mine.total);
    const x = await exported('/api/v1/persons/export.xlsx', 'district_admin');
    expect(x.rows[0]).toEqual(expect.arrayContaining(['姓名', '身份证号（脱敏）', '区']));
    expect(x.rows.slice(1)).toHaveLength(mine.total);
    expect(x.rows.slice(1).every((r) => r.includes('浦东新区'))).toBe(true);
    const text = x.rows.flat().join('|');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toMatch(/6222\d{8,}/);
    const named = await exported(`/api/v1/persons/export.xlsx?name=${encodeURIComponent('学员30')}`, 'city_admin');
    expect(
      named.rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['学员300', '学员301', '学员302']);
  });

  it('audit log: actors by name, filters, and an export in words scoped to the district admin’s district', async () => {
    const r = (await t.call('GET', '/api/v1/audit?action=claim.approve', { as: 'auditor' })).json();
    expect(r.total).toBeGreaterThanOrEqual(1);
    expect(r.items[0]).toMatchObject({ action: 'claim.approve', actorName: 'district_admin' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const dated = (await t.call('GET', `/api/v1/audit?action=claim.approve&from=${today}&to=${today}`, { as: 'auditor' })).json();
    expect(dated.total).toBe(r.total);
    const past = (await t.call('GET', '/api/v1/audit?action=claim.approve&to=2000-01-01', { as: 'auditor' })).json();
    expect(past.total).toBe(0);

    const mine = (await t.call('GET', '/api/v1/audit?limit=500', { as: 'district_admin' })).json();
    expect(mine.items.every((e: { districtCode: string }) => e.districtCode === '310115')).toBe(true);
    const x = await exported('/api/v1/audit/export.xlsx', 'district_admin');
    const [head, ...rows] = x.rows;
    expect(head).toEqual(expect.arrayContaining(['时间', '操作人', '操作', '对象类型']));
    // the file was written after the list was read: the export's own entry may be one more
    expect(rows.length).toBeGreaterThanOrEqual(mine.total);
    expect(rows.every((row) => row[7] === '310115')).toBe(true);
    const approve = rows.find((row) => row[4] === '核准补贴申请')!;
    expect(approve[2]).toBe('district_admin');
    expect(approve[5]).toBe('补贴申请');
    expect(rows.map((row) => row[1]).every((at) => at !== undefined && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(at))).toBe(true);
  });
});

describe('item 17: the officers’ voucher list', () => {
  it('search, filters, masked holders; the export holds the filtered rows, a district admin’s only their district', async () => {
    const all = (await t.call('GET', '/api/v1/vouchers?limit=500', { as: 'city_admin' })).json();
    const mine = (await t.call('GET', '/api/v1/vouchers?limit=500', { as: 'district_admin' })).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(all.total).toBeGreaterThan(mine.total);
    expect(mine.items.every((v: { districtCode: string }) => v.districtCode === '310115')).toBe(true);
    expect(JSON.stringify(mine)).not.toMatch(/学员\d+/); // holders masked
    const other = await t.call('GET', '/api/v1/vouchers?districtCode=310104', { as: 'district_admin' });
    expect(other.statusCode).toBe(404);
    const v = mine.items[0] as { number: string; status: string };
    const one = (await t.call('GET', `/api/v1/vouchers?q=${v.number}`, { as: 'district_admin' })).json();
    expect(one.items.map((x: { number: string }) => x.number)).toEqual([v.number]);
    const approved = (await t.call('GET', '/api/v1/vouchers?status=approved&limit=500', { as: 'district_admin' })).json();
    expect(approved.items.every((x: { status: string }) => x.status === 'approved')).toBe(true);

    const x = await exported('/api/v1/vouchers/export.xlsx?status=approved', 'district_admin');
    expect(x.rows[0]).toEqual(expect.arrayContaining(['券号', '持券人', '状态', '区']));
    expect(
      x.rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(approved.items.map((i: { number: string }) => i.number).sort());
    expect(x.rows.slice(1).every((r) => r.includes('浦东新区') && r.includes('已核准'))).toBe(true);
    expect(x.rows.flat().join('|')).not.toMatch(/学员\d+/);
    expect(x.rows.flat().some((cell) => /^\d{17}[\dX]$/.test(cell))).toBe(false); // no ID number in a cell
    expect((await t.call('GET', '/api/v1/vouchers/export.xlsx', { as: 'finance' })).statusCode).toBe(403);
  });
});
