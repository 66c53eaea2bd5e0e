import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('catalogue data migrations', () => {
  it('are exactly what scripts/gen-catalog-seed.mjs generates from the committed CSVs', () => {
    const out = execFileSync(process.execPath, ['scripts/gen-catalog-seed.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/^checked 2 files: 16 districts, 2047 classification rows \(1632 occupations\), 4 programmes, 8 ratios/);
  });
});
