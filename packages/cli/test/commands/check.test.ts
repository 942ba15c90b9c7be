import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

const fixtures = join(import.meta.dirname, "..", "..", "..", "drafts", "test", "fixtures");

describe("mimi check", () => {
  it("exits 0 on a clean draft and 1 on a draft with errors, naming file:line:col", async () => {
    const good = memoryIo("", fixtures);
    expect(await main(["check", "good.md"], good)).toBe(0);
    const broken = memoryIo("", fixtures);
    expect(await main(["check", "broken.md"], broken)).toBe(1);
    expect(broken.stdout()).toContain("broken.md:15:20: error[undefined-rule]");
  });

  it("exits 2 on unusable input and on a missing file", async () => {
    expect(await main(["check", "unterminated.mkd"], memoryIo("", fixtures))).toBe(2);
    const missing = memoryIo("", fixtures);
    expect(await main(["check", "nope.md"], missing)).toBe(2);
    expect(missing.stderr()).toContain("cannot read nope.md: no such file");
  });

  it("speaks SARIF 2.1.0 and JSON", async () => {
    const sarif = memoryIo("", fixtures);
    await main(["check", "broken.xml", "--format", "sarif"], sarif);
    const log = JSON.parse(sarif.stdout()) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    const json = memoryIo("", fixtures);
    await main(["check", "broken.txt", "--format", "json"], json);
    expect(() => JSON.parse(json.stdout())).not.toThrow();
  });
});
