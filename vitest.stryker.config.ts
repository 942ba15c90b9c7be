import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against mutants of `@mimi-spec/machine`: the machine's own tests and the
 * checker's model-based runs (`fc.commands` over every action kind, every invariant after every
 * step). A mutant that survives runs every test that covers it, so the heavier checker suites
 * (exhaustive exploration, seeded bugs, the random-mode campaign, guard coverage) stay out: they
 * would multiply the run's time for few extra kills, and leaving them out can only lower the
 * score, never flatter it. A single project, because Stryker's vitest runner maps coverage per
 * test within one project. Test files share one module graph (`isolate: false`): Stryker starts
 * vitest once per mutant, and re-importing the machine and its schemas for every test file was
 * most of each run's time (the tests keep no module state between files). Tests that mock a
 * module (`*.mocked.test.ts`) need a module graph of their own, so they run in the normal suite only.
 */
export default defineConfig({
  test: {
    include: ["packages/machine/test/**/*.test.ts", "packages/checker/test/commands/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.mocked.test.ts"],
    testTimeout: 60_000,
    isolate: false,
    setupFiles: ["./vitest.stryker.setup.ts"],
  },
});
