import { defineConfig } from 'vitest/config';

/** Browser tests: build the web app, start the real server on a free port with a fresh PGlite folder, drive Chromium. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', './src/test/summary-reporter.ts'],
  },
});
