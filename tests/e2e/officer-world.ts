/**
 * Run against a STOPPED demo server's data folder (DATA_DIR) by officer.e2e.ts: adds what the officers'
 * screens need and the demo world does not hold yet — claims in review that fail a rule (Pudong and Xuhui) and
 * approved claims whose public notice has ended (payable: a batch can be built) — through the modules' own
 * services (the subsidy test world), then exits.
 */
import { loadConfig } from '../../src/config.js';
import { openPlatformDb } from '../../src/platform.js';
import { SYSTEM } from '../../src/modules/audit/service.js';
import { createClaimForPass } from '../../src/modules/subsidy/claims.js';
import { anyOccupation, approvedClaims, assessedVoucher, endNotice, passFacts, setBudget, skillUpgrade } from '../../src/modules/subsidy/test-world.js';

const db = await openPlatformDb(loadConfig(process.env));
try {
  const programmeId = (await skillUpgrade(db)).id;
  const occupation = await anyOccupation(db);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  await setBudget(db, programmeId, 50_000_000, year, '310115');
  await setBudget(db, programmeId, 50_000_000, year, '310104');
  const payable = await approvedClaims(db, 3, programmeId, occupation, 900);
  await endNotice(db, payable);
  const failing: string[] = [];
  for (const [n, district] of [
    [910, '310115'],
    [911, '310115'],
    [912, '310104'],
  ] as const) {
    const c = await db.tx(async (tx) => {
      const w = await assessedVoucher(tx, n, { programmeId, occupationCode: occupation, districtCode: district });
      return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId, { attendancePct: 10, certificateNumber: `ZS-2026-31-0${n}` }));
    });
    failing.push(c.number);
  }
  process.stdout.write(`${JSON.stringify({ payable: payable.length, failing })}\n`);
} finally {
  await db.close();
}
