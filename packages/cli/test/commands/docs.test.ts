import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDocs } from "../../src/commands/docs.ts";

describe("mimi docs", () => {
  it("builds the site with no warnings and a page for every package", async () => {
    const out = mkdtempSync(join(tmpdir(), "mimi-docs-"));
    const result = await buildDocs(out);
    expect(result).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(existsSync(join(out, "index.html"))).toBe(true);
    const modules = readFileSync(join(out, "modules.html"), "utf8");
    for (const pkg of ["grammar", "schema", "machine", "checker", "codegen", "cli"])
      expect(modules).toContain(`@mimi-spec/${pkg}`);
  }, 180_000);

  it("fails on an undocumented export", async () => {
    const fixture = join(import.meta.dirname, "..", "fixtures", "undocumented");
    const result = await buildDocs(mkdtempSync(join(tmpdir(), "mimi-docs-out-")), {
      entryPoints: [join(fixture, "src", "index.ts")],
      tsconfig: join(fixture, "tsconfig.json"),
      readme: join(fixture, "README.md"),
      packages: ["undocumented-fixture"],
    });
    expect(result.ok).toBe(false);
    expect(result.warnings + result.errors).toBe(1);
  }, 180_000);
});
