import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration and e2e tests share PostgreSQL and Redis: files run one at a time.
export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
