import { defineConfig } from 'vitest/config';

// The tests that measure time (test/timing/), run by `npm test` after the main run, alone: on the
// 2-core CI machine the main run keeps both cores busy with browser and Lambda tests, and a bound
// in seconds would measure those neighbours, not the code. One file at a time, for the same reason.
export default defineConfig({
  test: {
    include: ['test/timing/**/*.test.ts'],
    globalSetup: ['test/setup/database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
