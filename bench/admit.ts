/**
 * Admission (补贴学员录取) under load on PostgreSQL: autocannon, 50 connections, against the real app
 * (POST /api/v1/classes/:id/admissions with a voucher number + holder ID number, a different voucher per
 * request: nonce-free path, conditional voucher transition, seat, admissions row, audit entry, one
 * transaction) — beside a bare endpoint served by the same server in the same run (one INSERT per request).
 * Reports req/s, p99 and the ratio ours / bare (goals: ≥ 0.7 × the bare INSERT, p99 ≤ 50 ms).
 */
import { cpuResult, profiled, result, round, type BenchContext, type BenchResult } from './lib.js';
import { DURATION_S, load, trainingWorld } from './verify.js';

export const defaultN = 40_000;
const CLASS_SIZE = 50;
export const description = 'admit (number + ID) vs a bare INSERT, autocannon 50 connections (PostgreSQL)';

export async function run({ n, log }: BenchContext): Promise<BenchResult[]> {
  // Classes of a real size (50 seats, as the bureau's classes are), enough of them for every voucher; the
  // requests go round the classes as a morning of admissions across the city would.
  const w = await trainingWorld(n, Math.max(1, Math.ceil(n / CLASS_SIZE)), log, CLASS_SIZE);
  try {
    let k = 0;
    let b = 0;
    const json = { 'content-type': 'application/json' };
    const bareNext = () => ({ path: '/bench/bare-insert', body: JSON.stringify({ payload: `row ${b++}` }) });
    const ourNext = () => {
      const i = k++;
      const v = w.vouchers[i % w.vouchers.length]!;
      return {
        path: `/api/v1/classes/${w.classIds[i % w.classIds.length]}/admissions`,
        body: JSON.stringify({ voucherNumber: v.number, idNumber: v.idNumber }),
      };
    };
    log('warm-up (bare only: every admission consumes a voucher)');
    await load(w.base, 'POST', json, bareNext, 2);
    log(`bare INSERT: ${DURATION_S} s`);
    const bare = await load(w.base, 'POST', json, bareNext);
    log(`  ${bare.reqPerS} req/s, p99 ${bare.p99} ms, non-2xx ${bare.non2xx}, CPU/request ${JSON.stringify(bare.cpu)} µs`);
    log(`admit: ${DURATION_S} s`);
    const ours = await profiled('admit', () => load(w.base, 'POST', { ...json, authorization: `Bearer ${w.providerToken}` }, ourNext));
    log(`  ${ours.reqPerS} req/s, p99 ${ours.p99} ms, non-2xx ${ours.non2xx}, ${k} requests issued, CPU/request ${JSON.stringify(ours.cpu)} µs`);
    if (k > w.vouchers.length) throw new Error(`ran out of vouchers (${k} requests for ${w.vouchers.length}): raise --n`);
    if (ours.non2xx > 0 || ours.errors > 0) throw new Error(`admit answered ${ours.non2xx} non-2xx and ${ours.errors} errors`);
    // autocannon stops at its deadline with requests in flight; let the node finish them before counting and closing
    const count = async () => (await w.db.query<{ n: number }>("SELECT count(*)::int AS n FROM admissions WHERE status = 'admitted'")).rows[0]!.n;
    let admitted = await count();
    for (let prev = -1; admitted !== prev;) {
      prev = admitted;
      await new Promise((r) => setTimeout(r, 200));
      admitted = await count();
    }
    log(`${admitted} admissions written`);
    return [
      result({
        name: 'admit.req_per_s',
        value: ours.reqPerS,
        unit: 'req/s',
        baseline: bare.reqPerS,
        ratio: round(ours.reqPerS / bare.reqPerS),
        engine: 'postgres',
        n,
      }),
      cpuResult('admit', ours.cpu, bare.cpu, n),
      result({ name: 'admit.p99_ms', value: ours.p99, unit: 'ms', baseline: bare.p99, ratio: round(bare.p99 / Math.max(ours.p99, 1)), engine: 'postgres', n }),
    ];
  } finally {
    await w.app.close();
    await w.db.close();
  }
}
