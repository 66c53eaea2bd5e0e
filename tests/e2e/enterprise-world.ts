/**
 * Run against a STOPPED demo server's data folder (DATA_DIR) by enterprise.e2e.ts: adds the claims that concern the
 * demo enterprises (补贴到账) through the modules' own services (the subsidy test world): customised issuances by
 * demo.enterprise and demo.enterprise2, their employees' passes and claims, one paid through a batch; then exits.
 * It prints them, and what demo.enterprise's list held before (the demo world's own claims: src/demo/enterprise.ts).
 */
import { loadConfig } from '../../src/config.js';
import { openPlatformDb } from '../../src/platform.js';
import * as identity from '../../src/modules/identity/service.js';
import * as orgs from '../../src/modules/orgs/service.js';
import { listEnterpriseClaims } from '../../src/modules/subsidy/claims/enterprise.js';
import { enterpriseClaimsWorld, type EnterpriseSide } from '../../src/modules/subsidy/test-world.js';

const db = await openPlatformDb(loadConfig(process.env));
try {
  const accounts = new Map((await identity.listDemoAccounts(db)).map((a) => [a.username, a]));
  const account = (u: string) => {
    const a = accounts.get(u);
    if (!a) throw new Error(`the demo world has no account ${u}`);
    return a;
  };
  const side = async (u: string): Promise<EnterpriseSide> => {
    const actor = identity.actorOfAccount(account(u));
    const org = await orgs.getOrg(db, actor.orgId!);
    if (!org) throw new Error(`${u} has no organisation`);
    return { actor, org };
  };
  const financeOf = (u: string) => ({ ...identity.actorOfAccount(account(u)), mfaPassed: true });
  const before = await listEnterpriseClaims(identity.actorOfAccount(account('demo.enterprise')), db, { limit: 1, offset: 0 });
  const claims = await enterpriseClaimsWorld(
    db,
    await side('demo.enterprise'),
    await side('demo.enterprise2'),
    { maker: financeOf('demo.finance'), checker: financeOf('demo.finance2') },
    { n: 8600, districtCode: '310115', providerId: account('demo.provider').org_id },
  );
  const { rows } = await db.query<{ id: string; number: string; amount_fen: number; status: string }>(
    'SELECT id, number, amount_fen, status FROM subsidy_claims WHERE id = ANY($1::uuid[])',
    [Object.values(claims)],
  );
  const byId = new Map(rows.map((r) => [r.id, { number: r.number, amountFen: Number(r.amount_fen), status: r.status }]));
  const world = Object.fromEntries(Object.entries(claims).map(([k, id]) => [k, byId.get(id)]));
  process.stdout.write(`${JSON.stringify({ ...world, demo: { count: before.total, paidFen: before.paidToEnterpriseFen } })}\n`);
} finally {
  await db.close();
}
