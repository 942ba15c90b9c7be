import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEquivalents } from "../../src/mutation/equivalents.ts";

const repo = join(import.meta.dirname, "..", "..", "..", "..");

describe("packages/machine/equivalent-mutants.json", () => {
  const list = readEquivalents(readFileSync(join(repo, "packages/machine/equivalent-mutants.json"), "utf8"));

  it("reads, every entry giving its reason", () => {
    expect(list.ok, list.ok ? "" : `${list.path}: ${list.message}`).toBe(true);
  });

  // Without a Stryker run (40 minutes), this is what can rot: an entry whose line was edited away.
  it("names only source lines that still exist, in machine source files", () => {
    if (!list.ok) return;
    const missing: string[] = [];
    const sources = new Map<string, ReadonlySet<string>>();
    for (const e of list.equivalents) {
      expect(e.file.startsWith("packages/machine/src/"), e.file).toBe(true);
      let lines = sources.get(e.file);
      if (lines === undefined) {
        lines = new Set(
          readFileSync(join(repo, e.file), "utf8")
            .split(/\r?\n/u)
            .map((l) => l.trim()),
        );
        sources.set(e.file, lines);
      }
      if (!lines.has(e.line)) missing.push(`${e.file}: ${e.line}`);
    }
    expect(missing).toEqual([]);
  });

  it("lists each mutant once", () => {
    if (!list.ok) return;
    const keys = list.equivalents.map((e) => JSON.stringify([e.file, e.mutator, e.replacement, e.line]));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
