import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against mutants of `@mimi-spec/machine`: the machine's own tests and the
 * checker's model-based tests (which drive the machine through every action). A single project,
 * because Stryker's vitest runner maps coverage per test within one project.
 */
export default defineConfig({
  test: {
    include: ["packages/machine/test/**/*.test.ts", "packages/checker/test/**/*.test.ts"],
    testTimeout: 60_000,
    setupFiles: ["./vitest.setup.ts"],
  },
});
