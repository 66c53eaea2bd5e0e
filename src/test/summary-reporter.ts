/**
 * Prints the closing `N passed, N failed` line that CI reads, preceded by one `FAILED <file> > <test>: <first error line>` line per
 * failure, so the tail of a long CI log names what failed.
 */
import type { Reporter, TestModule } from 'vitest/node';
import { testLabel } from '../config.js';

function firstLine(message: string | undefined): string {
  return (message ?? '').split('\n')[0]!.slice(0, 300);
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const lines: string[] = [];
    for (const m of modules) {
      const tests = [...m.children.allTests()];
      for (const t of tests) {
        const r = t.result();
        if (r.state === 'passed') passed++;
        else if (r.state === 'failed') {
          failed++;
          lines.push(`FAILED ${m.moduleId.replace(process.cwd() + '/', '')} > ${t.fullName}: ${firstLine(r.errors?.[0]?.message)}`);
        } else skipped++;
      }
      // a file that failed with no failed test (its set-up threw: its tests were skipped, or it has none) counts once
      if (m.state() === 'failed' && !tests.some((t) => t.result().state === 'failed')) {
        failed++;
        lines.push(`FAILED ${m.moduleId.replace(process.cwd() + '/', '')}: ${firstLine(m.errors()[0]?.message)}`);
      }
    }
    const engine = testLabel();
    const list = lines.length ? `\n${lines.map((l) => `${engine}: ${l}`).join('\n')}\n` : '';
    process.stdout.write(`${list}\n${engine}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
