/**
 * Under concurrency (real on PostgreSQL, serialised on PGlite): decisions taken at once get consecutive numbers
 * without gaps or duplicates; a bed is taken exactly once — the same admission sent several times admits once,
 * and two patients racing for the last bed leave one admitted and one refused (REHAB_NO_BED).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { addDays, businessDate } from '../../test/factories/index.js';
import { idCheckChar } from '../../lib/identifiers.js';
import { SYSTEM } from '../audit/service.js';
import * as identity from '../identity/service.js';
import { createSession } from '../identity/sessions.js';

let t: TestApp;
const today = businessDate(new Date());
const tokens: string[] = [];
const caseIds: string[] = [];
let hospitalId: string;

/** A recognition in 310115 for the person, and a worker account (bearer token) for them. */
async function injured(n: number, idNumber: string, name: string, account?: string): Promise<void> {
  const r = await t.call('POST', '/api/v1/rehab/recognitions', {
    as: 'district_admin',
    body: {
      decisionNumber: `浦人社认〔2026〕第09${n}号`,
      idNumber,
      name,
      employerName: '某公司',
      districtCode: '310115',
      injuryDate: addDays(today, -10),
      decisionDate: addDays(today, -2),
      kind: 'recognised',
      diagnosis: '骨折',
      conditionCode: 'fracture',
      leaveStart: addDays(today, -10),
      leaveEnd: addDays(today, 60),
    },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  let token: string;
  if (account) token = await t.token(account);
  else {
    const a = await t.db.tx((tx) =>
      identity.createAccount(tx, SYSTEM, { username: `test.injured${n}`, displayName: name, role: 'worker', personId: r.json().personId }),
    );
    token = (await createSession(t.db, a.id, 'bearer', true)).token;
  }
  const c = await t.call('POST', '/api/v1/rehab/cases', {
    headers: { authorization: `Bearer ${token}` },
    body: {
      recognitionId: r.json().id,
      conditionCode: 'fracture',
      treatmentSummary: '术后',
      homeAddress: '浦东新区',
      homeLocation: { lat: 31.22, lng: 121.54 },
      preferences: [{ hospitalId, reason: '近' }],
    },
  });
  if (c.statusCode !== 201) throw new Error(c.body);
  tokens.push(token);
  caseIds.push(c.json().id);
}

beforeAll(async () => {
  t = await createTestApp();
  hospitalId = t.fx.orgs.hospital!.id;
  await injured(1, t.fx.persons.worker!.idNumber, '李小明', 'worker');
  await injured(2, t.fx.persons.worker_b!.idNumber, '王小红', 'worker_b');
  const first17 = '31011519881122441';
  await injured(3, first17 + idCheckChar(first17), '孙三');
});
afterAll(async () => t?.close());

describe('rehab under concurrency', () => {
  it('decisions taken at once are numbered consecutively, without gaps', async () => {
    const rs = await Promise.all(
      caseIds.map((id) =>
        t.call('POST', `/api/v1/rehab/cases/${id}/decisions`, { as: 'committee', body: { outcome: 'place', hospitalId, plannedDays: 21, reason: '安排' } }),
      ),
    );
    for (const r of rs) expect(r.statusCode, r.body).toBe(201);
    const year = today.slice(0, 4);
    const numbers = rs.map((r) => r.json().decisions[0].number).sort();
    expect(numbers).toEqual([1, 2, 3].map((n) => `沪劳鉴康〔${year}〕000${n}号`));
  });

  it('a bed is taken exactly once: repeated admissions admit once, two patients racing for the last bed leave one refused', async () => {
    // Two beds left in all (a ward closed after the placements): case 0 takes one; cases 1 and 2 race for the other.
    await t.db.query('UPDATE hospital_profiles SET rehab_beds = 2 WHERE org_id = $1', [hospitalId]);
    const admit = (id: string) => t.call('POST', `/api/v1/rehab/cases/${id}/admit`, { as: 'hospital', body: {} });
    const rs = await Promise.all([admit(caseIds[0]!), admit(caseIds[0]!), admit(caseIds[1]!), admit(caseIds[0]!), admit(caseIds[2]!), admit(caseIds[0]!)]);
    const codes = rs.map((r) => (r.statusCode === 200 ? 'ok' : r.json().code));
    const first = [codes[0], codes[1], codes[3], codes[5]];
    expect(first.filter((c) => c === 'ok')).toHaveLength(1);
    expect(first.filter((c) => c !== 'ok').every((c) => c === 'CONFLICT')).toBe(true);
    expect([codes[2], codes[4]].sort()).toEqual(['REHAB_NO_BED', 'ok']);
    expect(await t.count('rehab_cases', "status = 'admitted'")).toBe(2);
    const occupied = (await t.db.query<{ occupied: number }>('SELECT occupied FROM rehab_bed_use WHERE hospital_id = $1', [hospitalId])).rows[0]!.occupied;
    expect(Number(occupied)).toBe(2);
    expect(await t.count('rehab_events', "kind = 'admitted'")).toBe(2);
  });
});
