import { defineConfig } from 'vitest/config';

// `lab check` runs one exercise's test file with this config against the learner's folder
// (LAB_EXERCISE_SOURCE=exercises). `npm test` runs the same files through vitest.config.ts
// against lab/solutions/. Same database setup as every other test.
export default defineConfig({
  test: {
    include: ['test/exercises/[0-9][0-9]-*.test.ts'],
    globalSetup: ['test/setup/database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
