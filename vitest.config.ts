import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The machine is shared and small; timing belongs to `npm run bench`, not to tests.
    testTimeout: 30_000,
  },
});
