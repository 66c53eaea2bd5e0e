/**
 * Benchmark runner: `npm run bench -- <name> [--n N] [--dry]` runs bench/<name>.ts, prints its results and writes
 * bench/results/<name>.json (an array of {name, value, unit, baseline, ratio, engine, n, date}); `--dry` only
 * prints them (a partial or trial run leaves the recorded results as they are).
 * Benchmarks are not tests: they measure, side by side with a bare baseline in the same run.
 * `npm run bench -- --table` prints the latest results of all benchmarks as a Markdown table.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults, type BenchContext, type BenchResult } from './lib.js';

interface BenchModule {
  defaultN: number;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f) && !f.endsWith('.d.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

function usage(): never {
  process.stderr.write(`usage: npm run bench -- <name> [--n N] [--dry]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(2);
}

/** `npm run bench -- --table`: the latest results of every benchmark as a Markdown table (for the README). */
function table(): void {
  const dir = join(here, 'results');
  const rows = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchResult[]);
  process.stdout.write('| benchmark | value | unit | baseline | ratio | engine | n | date |\n|---|---|---|---|---|---|---|---|\n');
  for (const r of rows)
    process.stdout.write(`| ${r.name} | ${r.value} | ${r.unit} | ${r.baseline ?? '–'} | ${r.ratio ?? '–'} | ${r.engine} | ${r.n} | ${r.date.slice(0, 10)} |\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--table')) return table();
  const name = args.find((a) => !a.startsWith('--') && !/^\d/.test(a));
  if (!name || !available.includes(name)) usage();
  const ni = args.indexOf('--n');
  const nArg = ni >= 0 ? Number(args[ni + 1]?.replace(/_/g, '')) : undefined;
  if (nArg !== undefined && (!Number.isInteger(nArg) || nArg < 1)) usage();
  process.env.SV_BENCH_NAME = name;
  const mod = (await import(`./${name}.ts`)) as BenchModule;
  const n = nArg ?? mod.defaultN;
  const log = (line: string) => process.stdout.write(`[${name}] ${line}\n`);
  log(`${mod.description} — n = ${n}`);
  const dry = args.includes('--dry');
  const results = await mod.run({ n, log, dry });
  const file = dry ? null : writeResults(name, results);
  const w = (s: string, k: number) => s.padEnd(k);
  process.stdout.write(`\n${w('name', 40)}${w('value', 16)}${w('unit', 14)}${w('baseline', 16)}${w('ratio', 10)}${w('engine', 10)}n\n`);
  for (const r of results)
    process.stdout.write(
      `${w(r.name, 40)}${w(String(r.value), 16)}${w(r.unit, 14)}${w(r.baseline === null ? '-' : String(r.baseline), 16)}${w(r.ratio === null ? '-' : String(r.ratio), 10)}${w(r.engine, 10)}${r.n}\n`,
    );
  process.stdout.write(file ? `\nwritten to ${file}\n` : '\n--dry: not written\n');
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
