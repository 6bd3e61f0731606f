import { defineConfig } from 'vitest/config';

/** Workspace packages resolve to their TypeScript sources (the "source" export condition), so tests never run stale builds. */
const conditions = ['source', 'import', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          environment: 'node',
          // They run beside the browser tests: a test that takes 2 s on a quiet machine (the Lambda
          // handler's over the in-process DynamoDB) took over 5 s at a load average of 15.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          // Quick modes of the benchmarks: figures produced and sane, no thresholds. They run
          // after the other projects (groupOrder), one file at a time, so nothing competes for the CPU.
          name: 'bench',
          include: ['bench/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
