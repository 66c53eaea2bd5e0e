/**
 * The demo world: seeded on the first `npm start` with an empty database, and marked as demo.
 * Demo passwords exist only here; `skillvoucher user create` bootstraps a real installation.
 * Contents (besides the catalogue, which its migrations seed): staff accounts for every role, district
 * admins for two districts, providers of the three kinds, two enterprises, one assessment body (each with
 * a demo account), 1,000 synthetic persons with valid identifiers, worker accounts for nine of them (they
 * sign in through the e-SSC simulator with their ID number), the social-insurance simulator's records of
 * the persons (some fail the skill-upgrade subsidy's conditions: demoSocialInsurance), and the demo
 * provider's course with an open class and an ended one assigned to the assessment body (./classes.ts), and
 * demo.enterprise's customised vouchers for three employees (demo.worker10–12) trained by demo.provider2, whose
 * claims its 补贴到账 lists: two paid to it, one in its public notice (./enterprise.ts).
 */
import type { Db, Tx } from '../db/index.js';
import { ROLES, type Role } from '../modules/identity/index.js';
import * as analytics from '../modules/analytics/index.js';
import * as identity from '../modules/identity/index.js';
import { SYSTEM } from '../modules/audit/index.js';
import * as orgs from '../modules/orgs/index.js';
import { syntheticBankAccount, syntheticUscc } from '../modules/orgs/index.js';
import * as catalog from '../modules/catalog/index.js';
import * as employment from '../modules/employment/index.js';
import * as persons from '../modules/persons/index.js';
import { setSimulatedRecords, type SimulatedRecord } from '../modules/subsidy/index.js';
import { DEMO_PROGRAMME, demoClassesMissing, type DemoClassLine, ENDED_CLASS_WORKERS, FREE_WORKERS, OPEN_CLASS_WORKERS, seedDemoClasses } from './classes.js';
import { ENTERPRISE_BANNER, ENTERPRISE_WORKERS, seedDemoEnterpriseClaims } from './enterprise.js';
import { REHAB_BANNER, seedDemoRehab } from './rehab.js';
import { syntheticPersons } from './synthetic.js';
import { now as clockNow } from '../lib/clock.js';

export const DEMO_PASSWORD = 'Demo-2026-skillvoucher';
/** Published TOTP secret of the demo city_admin and finance accounts (base32). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const DEMO_PERSONS = 1000;
/** Fixed seed: every demo world has the same synthetic people. */
const DEMO_SEED = 20261126;

export interface DemoSignIn {
  role: Role;
  username: string;
  password?: string;
  totpSecret?: string;
  note?: string;
}

export async function seedDemoWorldIfEmpty(db: Db, log: (msg: string) => void): Promise<DemoSignIn[] | null> {
  if (await identity.hasAccounts(db)) {
    const list = await demoSignIns(db);
    if (!list.length) return null;
    // A first start that stopped between the accounts and the classes: finish the classes now (a failure
    // here is reported, and the platform starts without them).
    if (await demoClassesMissing(db)) {
      log('seeding the demo classes …');
      await seedDemoClasses(db).catch((e: unknown) => log(`demo classes not seeded: ${e instanceof Error ? e.message : String(e)}`));
    }
    return list;
  }
  log('seeding the demo world …');
  const list = await seedDemoWorld(db, log);
  // the statistics of the demo story from its first screen (classes, claims: figures the nightly rebuild keeps)
  await analytics.rebuildCube(db);
  return list;
}

type OrgPlan = orgs.NewOrg & { username: string; serial: number };

const DEMO_ORGS: OrgPlan[] = [
  {
    username: 'demo.provider',
    serial: 101,
    kind: 'provider',
    providerKind: 'social_training_body',
    name: '上海浦东新区职业技能培训中心 (demo)',
    uscc: '',
    districtCode: '310115',
    address: '浦东新区张杨路 1000 号',
    contactName: '陈老师',
    contactPhone: '13916000101',
    bankName: '中国工商银行上海市浦东分行',
  },
  {
    username: 'demo.provider2',
    serial: 102,
    kind: 'provider',
    providerKind: 'vocational_college',
    name: '上海徐汇职业技术学院 (demo)',
    uscc: '',
    districtCode: '310104',
    address: '徐汇区漕宝路 200 号',
    contactName: '刘老师',
    contactPhone: '13916000102',
    bankName: '交通银行上海徐汇支行',
  },
  {
    username: 'demo.provider3',
    serial: 103,
    kind: 'provider',
    providerKind: 'high_skill_base',
    name: '上海闵行高技能人才培养基地 (demo)',
    uscc: '',
    districtCode: '310112',
    address: '闵行区剑川路 950 号',
    contactName: '周工',
    contactPhone: '13916000103',
    bankName: '上海银行闵行支行',
  },
  {
    username: 'demo.provider4',
    serial: 104,
    kind: 'provider',
    providerKind: 'social_training_body',
    name: '上海静安家政养老服务培训学校 (demo)',
    uscc: '',
    districtCode: '310106',
    address: '静安区共和新路 3000 号',
    contactName: '吴老师',
    contactPhone: '13916000104',
    bankName: '中国建设银行上海静安支行',
  },
  {
    username: 'demo.enterprise',
    serial: 201,
    kind: 'enterprise',
    name: '上海浦江精密制造有限公司 (demo)',
    uscc: '',
    districtCode: '310115',
    address: '浦东新区金桥路 58 号',
    contactName: '人事部 孙经理',
    contactPhone: '13916000201',
    bankName: '中国农业银行上海金桥支行',
  },
  {
    username: 'demo.enterprise2',
    serial: 202,
    kind: 'enterprise',
    name: '上海长宁颐养护理服务有限公司 (demo)',
    uscc: '',
    districtCode: '310105',
    address: '长宁区天山路 600 号',
    contactName: '人事部 钱经理',
    contactPhone: '13916000202',
    bankName: '中国银行上海长宁支行',
  },
  {
    username: 'demo.assessor',
    serial: 301,
    kind: 'assessor',
    name: '上海市职业技能鉴定评价中心 (demo)',
    uscc: '',
    districtCode: '310101',
    address: '黄浦区中山南一路 555 号',
    contactName: '鉴定科 郑老师',
    contactPhone: '13916000301',
  },
];

/** `now`: the instant the demo world's calendar is built around (the classes' dates). */
export async function seedDemoWorld(db: Db, log: (msg: string) => void, now: Date = clockNow()): Promise<DemoSignIn[]> {
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  await db.tx(async (tx) => {
    await seedStaff(tx);
    const enterprises = await seedOrgs(tx);
    log(`demo world: staff and ${DEMO_ORGS.length} organisations (${secs()})`);
    const created = await seedPersons(tx, enterprises);
    log(`demo world: ${created.length} synthetic persons (${secs()})`);
    // demo.worker1–3 (no voucher): the first three persons; the classes' trainees: the next ones the demo
    // programme subsidises and who have a bank account for the subsidy.
    const programme = await catalog.getProgrammeByCode(tx, DEMO_PROGRAMME);
    const eligible = (p: persons.Person) => p.bankAccount !== null && p.categories.some((c) => programme?.eligibleCategories.includes(c));
    const workers = [...created.slice(0, FREE_WORKERS.length), ...created.slice(FREE_WORKERS.length).filter(eligible)];
    const usernames = [...FREE_WORKERS, ...OPEN_CLASS_WORKERS, ...ENDED_CLASS_WORKERS];
    for (const [i, username] of usernames.entries()) {
      const p = workers[i];
      if (!p) break;
      await identity.createAccount(tx, SYSTEM, { username, displayName: `${p.name} (demo)`, role: 'worker', personId: p.id, isDemo: true });
    }
    await setSimulatedRecords(tx, demoSocialInsurance(created, new Set(workers.slice(0, usernames.length).map((p) => p.id))));
    log('demo world: the social-insurance simulator’s records (社保记录模拟器, not real records)');
  });
  await seedDemoClasses(db, now);
  log(`demo world: a course and three classes of demo.provider (open, ended, open for registration) (${secs()})`);
  await seedDemoRehab(db, DEMO_PASSWORD, now);
  log(`demo world: the seven designated rehabilitation hospitals’ staff and three injured workers’ recognitions (区工伤认定系统模拟器) (${secs()})`);
  await seedDemoEnterpriseClaims(db, now);
  log(`demo world: demo.enterprise’s customised vouchers, demo.provider2’s ended class and three claims, two paid (银行模拟器) (${secs()})`);
  // 推荐岗位 has something to recommend: demo.city pulls the public employment service's feed (its simulator)
  const city = (await identity.listDemoAccounts(db)).find((a) => a.username === 'demo.city');
  if (city) {
    const feed = await employment.syncFeed(identity.actorOfAccount(city), db);
    log(`demo world: ${feed.created} job postings from ${feed.source} (${secs()})`);
  }
  const list = await demoSignIns(db);
  log(`demo world: ${list.length} sign-ins`);
  return list;
}

async function seedStaff(tx: Tx): Promise<void> {
  const staff: Array<[Role, string, string, string | null]> = [
    ['city_admin', 'demo.city', '市人社局管理员 (demo)', null],
    ['district_admin', 'demo.pudong', '浦东新区人社局 (demo)', '310115'],
    ['district_admin', 'demo.xuhui', '徐汇区人社局 (demo)', '310104'],
    ['finance', 'demo.finance', '资金专员 (demo)', null],
    ['finance', 'demo.finance2', '资金复核员 (demo)', null],
    ['auditor', 'demo.auditor', '监督检查 (demo)', null],
    ['committee', 'demo.committee', '市劳鉴委 (demo)', null],
  ];
  for (const [role, username, displayName, districtCode] of staff) {
    const a = await identity.createAccount(tx, SYSTEM, { username, displayName, role, password: DEMO_PASSWORD, districtCode, isDemo: true });
    if (role === 'city_admin' || role === 'finance') await identity.setTotpSecret(tx, SYSTEM, a.id, DEMO_TOTP_SECRET);
  }
}

/** Providers, enterprises and the assessment body, each with one demo account. Returns the enterprises. */
async function seedOrgs(tx: Tx): Promise<orgs.Org[]> {
  const enterprises: orgs.Org[] = [];
  for (const { username, serial, ...plan } of DEMO_ORGS) {
    const o = await orgs.createOrg(SYSTEM, tx, {
      ...plan,
      uscc: syntheticUscc(plan.districtCode, 31_000_000 + serial, plan.kind === 'enterprise' ? '91' : '52'),
      bankAccount: plan.bankName ? syntheticBankAccount('622202', 900_000 + serial) : null,
      isDemo: true,
    });
    await orgs.createOrgAccount(SYSTEM, tx, o.id, { username, displayName: o.name, password: DEMO_PASSWORD, isDemo: true });
    if (o.kind === 'enterprise') enterprises.push(o);
  }
  return enterprises;
}

/**
 * 1,000 synthetic persons through the person registry's set-based bulk create (validated, encrypted, one
 * audit entry per chunk). Returns the newly created ones in seed order.
 */
async function seedPersons(tx: Tx, enterprises: orgs.Org[]): Promise<persons.Person[]> {
  const inputs: persons.PersonInput[] = syntheticPersons(DEMO_PERSONS, DEMO_SEED).map((p, i) => {
    // About a third of the employed demo persons work for a demo enterprise (enterprise training, 定制发放).
    const employer = p.categories.includes('employed') && i % 3 === 0 ? enterprises[i % enterprises.length] : undefined;
    return {
      ...p,
      ...(employer ? { employerUscc: employer.uscc, employerName: employer.name, districtCode: employer.districtCode } : {}),
      isDemo: true,
    };
  });
  const results = await persons.ensurePersonsBulk(tx, SYSTEM, inputs);
  return results.filter((r) => r.created).map((r) => r.person);
}

/**
 * The records of the SOCIAL-INSURANCE SIMULATOR (社保记录模拟器) and the social security card simulator for the
 * demo persons, deterministic by seed order: the demo workers (`keep`) meet the skill-upgrade subsidy's
 * conditions; of the others, every 7th (i ≡ 3) paid unemployment insurance for fewer than 12 months and every
 * 7th (i ≡ 5) holds a card whose financial function is not active. Simulator data, not anyone's real record.
 */
export function demoSocialInsurance(people: ReadonlyArray<Pick<persons.Person, 'id' | 'idNumber'>>, keep: ReadonlySet<string>): SimulatedRecord[] {
  return people.map((p, i) => {
    const kept = keep.has(p.id);
    return {
      idNumber: p.idNumber,
      uiMonths: !kept && i % 7 === 3 ? 1 + (i % 11) : 12 + (i % 49),
      sscFinancialActive: kept || i % 7 !== 5,
    };
  });
}

/** Every demo account's sign-in, in role order, then by name with numbers in order (demo.worker2 before demo.worker10; printed at start, also on later starts). */
export async function demoSignIns(db: Db): Promise<DemoSignIn[]> {
  const rows = await identity.listDemoAccounts(db);
  rows.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.username.localeCompare(b.username, 'en', { numeric: true }));
  const out: DemoSignIn[] = [];
  for (const r of rows) {
    if (r.role === 'worker') {
      const p = r.person_id ? await persons.getPerson(db, r.person_id) : null;
      out.push({ role: r.role, username: r.username, note: p ? `e-SSC simulator: ID ${p.idNumber} (${p.name})` : 'e-SSC simulator' });
      continue;
    }
    const s: DemoSignIn = { role: r.role, username: r.username, password: DEMO_PASSWORD };
    if (r.totp_enabled) s.totpSecret = DEMO_TOTP_SECRET;
    if (r.org_id) {
      const o = await orgs.getOrg(db, r.org_id);
      if (o) s.note = o.name;
    } else if (r.district_code) s.note = `district ${r.district_code}`;
    out.push(s);
  }
  return out;
}

export function printDemoSignIns(list: DemoSignIn[], url: string, classes: DemoClassLine[] = []): void {
  const w = (s: string) => process.stdout.write(s);
  w('\n  DEMO WORLD — synthetic data, demo passwords; never use in production\n');
  for (const s of list) {
    w(
      `  ${s.role.padEnd(15)} ${s.username.padEnd(22)} ${s.password ?? ''}${s.totpSecret ? `  (TOTP secret ${s.totpSecret}; current code: npm run skillvoucher -- demo totp ${s.username})` : ''}${s.note ? `  ${s.note}` : ''}\n`,
    );
  }
  if (classes.length) w('  demo.provider’s classes:\n');
  for (const c of classes) {
    w(`  ${c.state.padEnd(7)} ${c.name}  ${c.startDate} – ${c.endDate}  trainees ${c.trainees.join(', ') || '—'}\n`);
    if (c.note) w(`          ${c.note}\n`);
  }
  if (list.some((s) => s.username === ENTERPRISE_WORKERS[0])) for (const [i, l] of ENTERPRISE_BANNER.entries()) w(`  ${i ? '  ' : ''}${l}\n`);
  if (list.some((s) => s.username === 'demo.injured1')) for (const [i, l] of REHAB_BANNER.entries()) w(`  ${i ? '  ' : ''}${l}\n`);
  w(`  sign in at ${url}\n\n`);
}
