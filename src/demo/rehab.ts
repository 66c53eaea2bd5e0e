/**
 * The demo world's work-injury rehabilitation (issue 18): a staff account for each of the seven designated
 * hospitals (demo.hospital1–7, in the bulletin's order), three injured employees of demo.enterprise with worker
 * accounts (demo.injured1–3), and their recognitions handed to the DISTRICT RECOGNITION SYSTEM SIMULATOR
 * (区工伤认定系统模拟器, not real records) and synced in by demo.pudong:
 * demo.injured1 — 骨折, inside the paid injury-leave period: eligible;
 * demo.injured2 — 手外伤, the leave period ended 20 days ago: OUTSIDE_LEAVE_PERIOD;
 * demo.injured3 — 职业性尘肺, not among the nine: CONDITION_NOT_LISTED.
 */
import type { Db } from '../db/index.js';
import { idCheckChar } from '../lib/identifiers.js';
import { addDays, businessDate } from '../lib/time.js';
import { SYSTEM } from '../modules/audit/index.js';
import * as identity from '../modules/identity/index.js';
import * as orgs from '../modules/orgs/index.js';
import * as persons from '../modules/persons/index.js';
import { recognitionSimulator, syncRecognitions, type RecognitionInput } from '../modules/rehab/index.js';

/** The bulletin's order of the seven designated hospitals (names as in the reference data). */
export const DEMO_HOSPITALS = [
  '上海中医药大学附属岳阳中西医结合医院',
  '上海市徐汇区中心医院',
  '上海市第八人民医院',
  '上海市第一康复医院',
  '上海市养志康复医院',
  '上海中冶医院',
  '上海安达医院',
] as const;

const INJURED: ReadonlyArray<{ username: string; first17: string; name: string; plan: (today: string) => Partial<RecognitionInput> }> = [
  {
    username: 'demo.injured1',
    first17: '31011519880415231',
    name: '陈建国',
    plan: (d) => ({ diagnosis: '右胫骨平台骨折（术后）', icd10: 'S82.1', injuryDate: addDays(d, -35), leaveStart: addDays(d, -35), leaveEnd: addDays(d, 55) }),
  },
  {
    username: 'demo.injured2',
    first17: '31011519791102452',
    name: '刘海燕',
    plan: (d) => ({
      diagnosis: '左手示指、中指离断伤再植术后',
      icd10: 'S68.1',
      injuryDate: addDays(d, -210),
      leaveStart: addDays(d, -210),
      leaveEnd: addDays(d, -20),
    }),
  },
  {
    username: 'demo.injured3',
    first17: '31011519700823673',
    name: '周卫东',
    plan: (d) => ({ diagnosis: '职业性尘肺（矽肺壹期）', icd10: 'J62.8', injuryDate: addDays(d, -60), leaveStart: addDays(d, -60), leaveEnd: addDays(d, 120) }),
  },
];

export async function seedDemoRehab(db: Db, password: string, now: Date): Promise<void> {
  const today = businessDate(now);
  const accounts = await identity.listDemoAccounts(db);
  const officer = accounts.find((a) => a.username === 'demo.pudong');
  const employerAccount = accounts.find((a) => a.username === 'demo.enterprise');
  const employer = employerAccount?.org_id ? await orgs.getOrg(db, employerAccount.org_id) : null;
  if (!officer || !employer) throw new Error('the demo world’s district officer and enterprise come first');
  const hospitals = await orgs.listHospitals(db);
  await db.tx(async (tx) => {
    for (const [i, name] of DEMO_HOSPITALS.entries()) {
      const h = hospitals.find((x) => x.name === name);
      if (!h) continue;
      await orgs.createOrgAccount(SYSTEM, tx, h.id, { username: `demo.hospital${i + 1}`, displayName: `${h.name} 康复科 (demo)`, password, isDemo: true });
    }
  });
  recognitionSimulator.put(
    INJURED.map((w, i) => ({
      decisionNumber: `浦人社认〔${today.slice(0, 4)}〕第9${String(i + 1).padStart(3, '0')}号 (demo)`,
      idNumber: w.first17 + idCheckChar(w.first17),
      name: w.name,
      employerUscc: employer.uscc,
      employerName: employer.name,
      districtCode: '310115',
      decisionDate: addDays(today, -10),
      kind: 'recognised',
      injuryDate: today,
      diagnosis: '',
      leaveStart: today,
      leaveEnd: today,
      ...w.plan(today),
    })) as RecognitionInput[],
  );
  const report = await syncRecognitions(identity.actorOfAccount(officer), db, '310115');
  if (report.failed) throw new Error(`demo recognitions: ${JSON.stringify(report.errors)}`);
  await db.tx(async (tx) => {
    for (const w of INJURED) {
      const p = await persons.findPersonByIdNumber(tx, w.first17 + idCheckChar(w.first17));
      if (p) await identity.createAccount(tx, SYSTEM, { username: w.username, displayName: `${w.name} (demo)`, role: 'worker', personId: p.id, isDemo: true });
    }
  });
}

/** The start banner's lines on rehabilitation (printed when the demo world has its injured workers). */
export const REHAB_BANNER: readonly string[] = [
  'work-injury rehabilitation (工伤康复):',
  'demo.injured1  eligible (骨折, inside the paid injury-leave period): applies; demo.committee places; demo.hospitalN admits and discharges',
  'demo.injured2  not eligible: the leave period (停工留薪期) ended 20 days ago',
  'demo.injured3  not eligible: 职业性尘肺 is not among the nine conditions',
  'recognitions synced by demo.pudong from 区工伤认定系统模拟器 (simulator); hospitals demo.hospital1–7 in the bulletin’s order',
];
