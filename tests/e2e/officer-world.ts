/**
 * Run against a STOPPED demo server's data folder (DATA_DIR) by officer.e2e.ts: adds what the officers'
 * screens need and the demo world does not hold yet — claims in review that fail a rule (Pudong and Xuhui) and
 * approved claims whose public notice has ended (payable: a batch can be built), and a claim whose payment the bank
 * returned (Xuhui: paid by the demo finance officers, its account closed) — through the modules' own services (the
 * subsidy test world), then exits.
 */
import { loadConfig } from '../../src/config.js';
import { openPlatformDb } from '../../src/platform.js';
import { SYSTEM } from '../../src/modules/audit/service.js';
import { createClaimForPass } from '../../src/modules/subsidy/claims.js';
import { actorOfAccount } from '../../src/modules/identity/index.js';
import { demoAccounts } from '../../src/demo/classes.js';
import {
  anyOccupation,
  approvedClaims,
  assessedVoucher,
  endNotice,
  passFacts,
  payClaims,
  setBudget,
  skillUpgrade,
} from '../../src/modules/subsidy/test-world.js';

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
  // a payment the bank returned: the claim failed, waiting for its account to be corrected (重新拨付)
  const accounts = await demoAccounts(db);
  const finance = (u: string) => ({ ...actorOfAccount(accounts.get(u)!), mfaPassed: true });
  const returned = await db.tx(async (tx) => {
    const w = await assessedVoucher(tx, 913, { programmeId, occupationCode: occupation, districtCode: '310104' });
    return { claim: await createClaimForPass(tx, SYSTEM, passFacts(w.voucherId)), account: w.bankAccount };
  });
  await payClaims(db, [returned.claim.id], '310104', finance('demo.finance'), finance('demo.finance2'), [returned.account]);
  process.stdout.write(
    `${JSON.stringify({ payable: payable.length, failing, returned: { number: returned.claim.number, tail: returned.account.slice(-4) } })}\n`,
  );
} finally {
  await db.close();
}
