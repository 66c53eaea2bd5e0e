/**
 * The demo world's enterprise training (企业职工职业培训) and its subsidy, for demo.enterprise's 补贴到账 — built
 * through the services their users act through, at the days of the story (the services' `now` in the past, as
 * ./classes.ts does):
 *  - 40 days before the seed demo.enterprise's HR defines a customised issuance (企业定制券: 车工 四级) and uploads
 *    the list of three employees (定制发放) — the registry creates them; they sign in as demo.worker10–12;
 *  - demo.provider2 (approved for it by demo.xuhui) reports a five-day class 28–24 days before the seed and
 *    admits them ten days before its start; they check in at its venue (100 %, 90 %, 100 %);
 *  - demo.xuhui assigns the ended class to the demo assessment body; demo.assessor records demo.worker10's and
 *    demo.worker12's passes 21 days before the seed: their claims are approved at once (paid to the enterprise,
 *    the employer) and their public notice (公示) has ended; demo.worker11 passed the make-up assessment (补考) the
 *    day before the seed: the claim is approved and in its notice;
 *  - at the seed demo.finance makes the batch of the payable claims, demo.finance2 approves it, the bank file goes
 *    to the BANK SIMULATOR (银行模拟器, not a real bank) and its answer is imported: two claims paid to the enterprise.
 * Every claim paid to an enterprise goes to the employer: no claim of the story is paid to the employee.
 */
import { PassThrough, Readable } from 'node:stream';
import type { Db, Tx } from '../db/index.js';
import { idCheckChar } from '../lib/identifiers.js';
import { now as clockNow } from '../lib/clock.js';
import { SYSTEM } from '../modules/audit/index.js';
import * as assessment from '../modules/assessment/index.js';
import * as catalog from '../modules/catalog/index.js';
import * as identity from '../modules/identity/index.js';
import * as orgs from '../modules/orgs/index.js';
import * as persons from '../modules/persons/index.js';
import * as subsidy from '../modules/subsidy/index.js';
import * as training from '../modules/training/index.js';
import { addDays, businessDate, businessInstant } from '../modules/training/index.js';
import * as vouchers from '../modules/vouchers/index.js';
import { checkInPast, DAY_SLOTS, days, demoAccounts, sessionsOn, type Trainee } from './classes.js';

export const ENTERPRISE_PROGRAMME = 'SH-ENTERPRISE-TRAINING';
export const ENTERPRISE_OCCUPATION = '6-18-01-01'; // 车工
export const ENTERPRISE_CLASS_NAME = '车工(四级) 浦江精密定制班 (demo)';
/** demo.enterprise's employees on its customised vouchers (worker accounts, in the list's order). */
export const ENTERPRISE_WORKERS = ['demo.worker10', 'demo.worker11', 'demo.worker12'] as const;
/** The employee who passed the make-up assessment (补考) the day before the seed: the claim in its notice. */
export const MAKE_UP_WORKER = 'demo.worker11';

const EMPLOYEES = [
  { first17: '31011519880312341', name: '王志强', phone: '13916000211' },
  { first17: '31011519920725362', name: '张丽萍', phone: '13916000212' },
  { first17: '31011519851108375', name: '赵俊杰', phone: '13916000213' },
] as const;

/** The venue of demo.provider2 (漕宝路, 徐汇), GCJ-02 as a Chinese map app shows it. */
const VENUE = { lat: 31.1687, lng: 121.4236, radiusM: 300 } as const;

const idNumberOf = (e: (typeof EMPLOYEES)[number]) => e.first17 + idCheckChar(e.first17);

/** The HR clerk's upload: the person-import columns, one row per employee (the CSV a spreadsheet would save). */
function employeeList(employer: orgs.Org): Buffer {
  const rows = [
    ['姓名', '身份证号', '手机号', '社保卡银行账号', '开户银行', '区代码', '户籍', '人员类别', '单位统一社会信用代码', '单位名称'],
    ...EMPLOYEES.map((e) => [e.name, idNumberOf(e), e.phone, '', '', employer.districtCode, '本市', 'employed', employer.uscc, employer.name]),
  ];
  return Buffer.from(`${rows.map((r) => r.join(',')).join('\n')}\n`, 'utf8');
}

/** The bank file of a batch as the finance officer downloads it (generateFiles' tee). */
async function bankFile(maker: identity.Actor, db: Db, batchId: string): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await subsidy.generateFiles(maker, db, batchId, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** The budget of the programme in the enterprise's district for each year the story's claims fall in (set by demo.city if missing). */
async function ensureBudgets(db: Db, city: identity.Actor, programme: catalog.Programme, districtCode: string, years: number[]): Promise<void> {
  for (const year of new Set(years)) {
    if (await catalog.getBudget(db, programme.id, districtCode, year)) continue;
    await db.tx((tx) => catalog.setBudget(city, tx, { programmeId: programme.id, districtCode, year, amountFen: 500_000_000 }));
  }
}

/** Who acts in the story, and its programme and enterprise. */
interface Cast {
  hr: identity.Actor;
  provider: identity.Actor;
  xuhui: identity.Actor;
  assessor: identity.Actor;
  maker: identity.Actor;
  checker: identity.Actor;
  employer: orgs.Org;
  programme: catalog.Programme;
}

/** The cast, with the programme's budget in the enterprise's district for each year of the story's passes (`passedOn`). */
async function castOf(db: Db, passedOn: string[]): Promise<Cast> {
  const accounts = await demoAccounts(db);
  const actor = (u: string): identity.Actor => {
    const a = accounts.get(u);
    if (!a) throw new Error(`the demo world has no account ${u}`);
    return identity.actorOfAccount(a);
  };
  const hr = actor('demo.enterprise');
  const employer = await orgs.getOrg(db, hr.orgId!);
  const programme = await catalog.getProgrammeByCode(db, ENTERPRISE_PROGRAMME);
  if (!employer || !programme) throw new Error(`the demo enterprise and the ${ENTERPRISE_PROGRAMME} programme come first`);
  await ensureBudgets(
    db,
    actor('demo.city'),
    programme,
    employer.districtCode,
    passedOn.map((d) => Number(d.slice(0, 4))),
  );
  return {
    hr,
    provider: actor('demo.provider2'),
    xuhui: actor('demo.xuhui'),
    assessor: actor('demo.assessor'),
    // the demo finance officers, signed in with their second factor
    maker: { ...actor('demo.finance'), mfaPassed: true },
    checker: { ...actor('demo.finance2'), mfaPassed: true },
    employer,
    programme,
  };
}

/** 企业定制券: the issuance and the uploaded list of employees (the registry creates them), then their sign-ins. */
async function issueToEmployees(db: Db, c: Cast, issuedAt: Date): Promise<Trainee[]> {
  const issuance = await db.tx((tx) =>
    vouchers.createIssuance(
      c.hr,
      tx,
      { mode: 'custom', name: '车工(四级) 员工技能提升定制培训券 (demo)', programmeId: c.programme.id, occupationCode: ENTERPRISE_OCCUPATION, level: 4 },
      issuedAt,
    ),
  );
  const report = await vouchers.uploadCustomList(c.hr, db, issuance.id, employeeList(c.employer), 'csv', new Date(issuedAt.getTime() + 10 * 60_000));
  if (report.issued !== EMPLOYEES.length) throw new Error(`demo customised issuance: ${JSON.stringify(report)}`);
  return db.tx(async (tx) => {
    const out: Trainee[] = [];
    for (const [i, e] of EMPLOYEES.entries()) {
      const person = (await persons.findPersonByIdNumber(tx, idNumberOf(e)))!;
      const a = await identity.createAccount(tx, SYSTEM, {
        username: ENTERPRISE_WORKERS[i]!,
        displayName: `${e.name} (demo)`,
        role: 'worker',
        personId: person.id,
        isDemo: true,
      });
      out.push({ me: identity.actorOfAccount(a), person });
    }
    return out;
  });
}

/** The employee's customised voucher. */
async function voucherOf(db: Db | Tx, c: Cast, t: Trainee): Promise<vouchers.VoucherView> {
  return (await vouchers.listMyVouchers(t.me, db)).find((x) => x.programme?.id === c.programme.id)!;
}

/** demo.provider2's approval, venue, course and class, reported on `reportedOn` with the employees admitted. */
async function reportClass(tx: Tx, c: Cast, trainees: Trainee[], reportedOn: string, start: string): Promise<training.TrainingClass> {
  const { provider } = c;
  await training.grantApproval(c.xuhui, tx, provider.orgId!, { programmeId: c.programme.id, occupationCode: ENTERPRISE_OCCUPATION });
  const venue = await training.createVenue(provider, tx, {
    name: '漕宝路实训楼 (demo)',
    address: '徐汇区漕宝路 200 号 实训楼 2 楼数控车间',
    districtCode: '310104',
    coordSystem: 'gcj02',
    lat: VENUE.lat,
    lng: VENUE.lng,
    geofenceRadiusM: VENUE.radiusM,
  });
  const course = await training.createCourse(provider, tx, {
    programmeId: c.programme.id,
    occupationCode: ENTERPRISE_OCCUPATION,
    level: 4,
    name: '车工(四级) 企业定制培训',
    description: '普通车床与数控车床操作、零件加工与精度检测 — 为合作企业职工开设 (demo)',
    hours: 40,
    feeFen: 180_000,
  });
  const cls = await training.createClass(
    provider,
    tx,
    {
      courseId: course.id,
      name: ENTERPRISE_CLASS_NAME,
      venueId: venue.id,
      online: false,
      capacity: 20,
      startDate: start,
      endDate: addDays(start, 4),
      sessions: sessionsOn(days(start, 5), DAY_SLOTS),
    },
    businessInstant(reportedOn, 9, 0, 0, 0),
  );
  for (const t of trainees) {
    const v = await voucherOf(tx, c, t);
    await training.admit(provider, tx, cls.id, { voucherNumber: v.number, idNumber: t.person.idNumber }, businessInstant(reportedOn, 10, 0, 0, 0));
  }
  return (await training.fileOpeningReport(provider, tx, cls.id, businessInstant(reportedOn, 11, 0, 0, 0))).class;
}

/** demo.assessor records the employee's pass on `on` (at 16:00): the claim is decided at once. */
async function pass(db: Db, c: Cast, t: Trainee, on: string, serial: number): Promise<void> {
  const v = await voucherOf(db, c, t);
  const input = {
    voucherNumber: v.number,
    passed: true,
    score: 82 + serial * 3,
    level: 4,
    certificateNumber: `S31000${on.replace(/-/g, '').slice(2)}${String(serial).padStart(4, '0')}`,
    certificateType: 'skill_level' as const,
    assessedOn: on,
  };
  await db.tx((tx) => assessment.recordResult(c.assessor, tx, input, businessInstant(on, 16, 0, 0, 0)));
}

/** 代发: the batch of the payable claims made and approved, its bank file answered by the bank simulator and imported. */
async function payBatch(db: Db, c: Cast, now: Date): Promise<void> {
  const batch = await db.tx((tx) => subsidy.createBatch(c.maker, tx, { districtCode: c.employer.districtCode }));
  const built = await subsidy.buildBatch(c.maker, db, batch.id, now);
  if (built.paymentCount === 0) throw new Error('demo enterprise claims: no payable claim (is the public notice over?)');
  await db.tx((tx) => subsidy.approveBatch(c.checker, tx, batch.id, now));
  const pain = await bankFile(c.maker, db, batch.id);
  const camt = new PassThrough();
  const answer: Buffer[] = [];
  camt.on('data', (b: Buffer) => answer.push(b));
  await subsidy.simulateBank(Readable.from([pain]), camt, { at: now });
  camt.end();
  await subsidy.importResults(c.maker, db, () => Readable.from([Buffer.concat(answer)]), 'camt054');
}

/** Seeds the story of the file's comment. `now`: the seed's instant. */
export async function seedDemoEnterpriseClaims(db: Db, now: Date = clockNow()): Promise<void> {
  const today = businessDate(now);
  const [assessedOn, makeUpOn] = [addDays(today, -21), addDays(today, -1)];
  const c = await castOf(db, [assessedOn, makeUpOn]);
  const trainees = await issueToEmployees(db, c, businessInstant(addDays(today, -40), 14, 0, 0, 0));
  const cls = await db.tx((tx) => reportClass(tx, c, trainees, addDays(today, -38), addDays(today, -28)));
  await training.runClassJob(db, businessInstant(cls.startDate, 0, 0, 1, 0));
  await checkInPast(db, cls.id, trainees, businessInstant(addDays(cls.endDate, 1), 0, 0, 0, 0), [[], [6], []], VENUE);
  await training.runClassJob(db, businessInstant(addDays(cls.endDate, 1), 0, 0, 1, 0));
  await db.tx((tx) => assessment.assignClass(c.xuhui, tx, { classId: cls.id, assessorOrgId: c.assessor.orgId!, note: '浦江精密定制班结业考核 (demo)' }));
  // the passes: two at the class's assessment, one at the make-up the day before the seed
  await pass(db, c, trainees[0]!, assessedOn, 1);
  await pass(db, c, trainees[2]!, assessedOn, 3);
  await pass(db, c, trainees[1]!, makeUpOn, 2);
  await payBatch(db, c, now);
}

/** The start banner's line on demo.enterprise's 补贴到账 (printed when the demo world has the enterprise's employees). */
export const ENTERPRISE_BANNER: readonly string[] = [
  'enterprise training (企业定制券, 补贴到账):',
  `demo.enterprise issued customised vouchers to demo.worker10–12 (${ENTERPRISE_CLASS_NAME}, demo.provider2, ended); its 补贴到账 lists their claims:`,
  'demo.worker10 and demo.worker12 paid to the enterprise (bank simulator, at the seed); demo.worker11 approved, in its public notice (补考 the day before)',
];
