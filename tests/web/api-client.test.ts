/**
 * Issue 16: the web talks to the API only through the client generated from the OpenAPI document — no hand-typed
 * response (`api.get<T>(…)`) and no URL built by hand; every path it calls is a key of the generated `paths`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', 'web', 'src');
const sources = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f) && !f.startsWith('api'))
  .map((f) => ({ file: f, text: readFileSync(join(root, f), 'utf8') }));
const schema = readFileSync(join(root, 'api', 'schema.d.ts'), 'utf8');
const pathKeys = new Set([...schema.matchAll(/^ {2}'(\/api\/[^']+)': \{$/gm)].map((m) => m[1]));

describe('the web’s API calls', () => {
  it('the generated file lists the API’s paths', () => {
    expect(pathKeys.size).toBeGreaterThan(100);
    expect(pathKeys.has('/api/v1/subsidy/batches/{id}')).toBe(true);
  });

  it('no hand-typed call and no URL assembled by hand', () => {
    const offending = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/\bapi\.(get|post|postOnce|put|patch|del|upload)\s*</g), ...text.matchAll(/`\/api\/[^`]*\$\{/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(offending).toEqual([]);
  });

  it('every /api/ path the pages name is a path of the generated client', () => {
    // (lib/api.ts, the client itself, names the prefix of the sign-in routes)
    const named = sources
      .filter((s) => s.file !== join('lib', 'api.ts'))
      .flatMap(({ file, text }) => [...text.matchAll(/'(\/api\/v1\/[^']*)'/g)].map((m) => ({ file, path: m[1]! })));
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((n) => !pathKeys.has(n.path))).toEqual([]);
  });
});
