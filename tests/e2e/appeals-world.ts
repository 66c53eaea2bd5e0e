/**
 * Run against a STOPPED demo server's data folder (DATA_DIR) by appeals.e2e.ts: adds a worker of Pudong with a
 * subsidy claim (her voucher assessed, the claim made by the subsidy service from a pass), which the district
 * officer then rejects in the browser test — through the modules' own services (the subsidy test world). Prints
 * the worker's e-SSC sign-in and the claim's number.
 */
import { loadConfig } from '../../src/config.js';
import { openPlatformDb } from '../../src/platform.js';
import { SYSTEM } from '../../src/modules/audit/service.js';
import { createClaimForPass } from '../../src/modules/subsidy/claims.js';
import { anyOccupation, assessedVoucher, fakeIdNumber, passFacts, setBudget, skillUpgrade } from '../../src/modules/subsidy/test-world.js';

const N = 960;
const db = await openPlatformDb(loadConfig(process.env));
try {
  const programmeId = (await skillUpgrade(db)).id;
  const occupation = await anyOccupation(db);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  await setBudget(db, programmeId, 50_000_000, year, '310115');
  const claim = await db.tx(async (tx) => {
    const w = await assessedVoucher(tx, N, { programmeId, occupationCode: occupation, districtCode: '310115' });
    return createClaimForPass(tx, SYSTEM, passFacts(w.voucherId));
  });
  process.stdout.write(`${JSON.stringify({ claimId: claim.id, claimNumber: claim.number, idNumber: fakeIdNumber(N), name: `学员${N}` })}\n`);
} finally {
  await db.close();
}
