import { defineConfig } from "vitest/config";

// One config for every suite. Workers run with --expose-gc so tests can force
// the "Unhandled error in Deferred" report (flushUnhandledFailures) and the
// bounded-stack tests get a realistic default stack.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/fixtures/**", "dist/**"],
    pool: "forks",
    execArgv: ["--expose-gc"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
