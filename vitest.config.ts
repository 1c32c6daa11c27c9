import { configDefaults, defineConfig } from 'vitest/config';
import LongestFirst from './test/setup/longest-first.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Timing tests run after this run, on a quiet machine (vitest.timing.config.ts).
    exclude: [...configDefaults.exclude, 'test/timing/**'],
    globalSetup: ['test/setup/database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests fork real container processes and a real PostgreSQL: two cores, two workers.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
  },
});
