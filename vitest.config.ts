import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Most of a test's time is spent waiting on the CLI, servers and browsers it starts, so two test
    // files at once keep two cores busy; vitest's default on 2 cores is one file at a time.
    poolOptions: { forks: { maxForks: Number(process.env.DOSSIER_TEST_FORKS ?? 2), minForks: 1 } },
  },
});
