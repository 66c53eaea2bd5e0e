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
    // a screen answers after a round trip and a re-render; on two busy cores that can take seconds, not the default one
    expect: { poll: { timeout: 20_000, interval: 100 } },
    // one more try for a screen step that timed out on a loaded machine; a test that fails twice fails the run
    retry: 1,
    hookTimeout: 300_000,
    reporters: ['default', './src/test/summary-reporter.ts'],
  },
});
