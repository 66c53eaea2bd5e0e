/**
 * The web's typed API client is generated from the server's OpenAPI document (issue 16):
 *
 *   npm run api:gen    builds the app (no listening, an in-memory database), takes `app.swagger()` and writes
 *                      web/src/api/schema.d.ts through openapi-typescript;
 *   npm run api:check  generates the same text in memory and fails when the checked-in file differs (CI).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import * as prettier from 'prettier';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/index.js';
import { configureProcess } from '../src/platform.js';
import { buildApp } from '../src/http/app.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = join(root, 'web', 'src', 'api', 'schema.d.ts');

const HEADER = `/**
 * GENERATED FILE — do not edit. The server's OpenAPI document (app.swagger()) through openapi-typescript 7,
 * written by scripts/gen-api.ts: \`npm run api:gen\` rewrites it, \`npm run api:check\` (CI) fails when it is stale.
 */
`;

/** The server's OpenAPI document, from the app built on an empty in-memory database with the default configuration. */
async function openApiDocument(): Promise<OpenAPI3> {
  // a fixed environment: the document must not depend on the shell that runs the script
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  await configureProcess(config);
  const db = await openDb({ dataDir: 'memory://' });
  try {
    const app = await buildApp(db, config);
    await app.ready();
    const served = app.swagger() as unknown as OpenAPI3;
    await app.close();
    return served;
  } finally {
    await db.close();
  }
}

/** The text of web/src/api/schema.d.ts for the server as it is now. */
export async function generateSchema(): Promise<string> {
  const doc = await openApiDocument();
  const ast = await openapiTS(doc, { alphabetize: false });
  const text = HEADER + '\n' + astToString(ast);
  const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
  return prettier.format(text, { ...options, filepath: SCHEMA_FILE });
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'write';
  const text = await generateSchema();
  if (mode === 'check') {
    let current = '';
    try {
      current = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      /* missing: stale */
    }
    if (current !== text) {
      console.error(
        "web/src/api/schema.d.ts is stale: the server's OpenAPI document changed (a route, operationId or schema). " +
          'Run `npm run api:gen` and commit web/src/api/schema.d.ts.',
      );
      process.exit(1);
    }
    console.warn('web/src/api/schema.d.ts is up to date.');
    return;
  }
  mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
  writeFileSync(SCHEMA_FILE, text);
  console.warn(`wrote ${SCHEMA_FILE}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
