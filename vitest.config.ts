import { defineConfig } from "vitest/config";

const packages = ["grammar", "schema", "machine", "checker", "codegen", "drafts", "cli"] as const;

/** One root config, one project per package: `test/` mirrors `src/` in each. */
export default defineConfig({
  test: {
    projects: packages.map((name) => ({
      test: {
        name,
        root: `packages/${name}`,
        include: ["test/**/*.test.ts"],
        testTimeout: 60_000,
        setupFiles: ["../../vitest.setup.ts"],
      },
    })),
  },
});
