import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_MARKER, grammarTarget, projectTargets, runGeneration } from "../src/index.ts";

function tempRepo(grammar: string): string {
  const root = mkdtempSync(join(tmpdir(), "mimi-gen-"));
  mkdirSync(join(root, "spec"));
  writeFileSync(join(root, "spec", "g.abnf"), grammar);
  return root;
}

describe("generation and the freshness check", () => {
  const target = grammarTarget(["spec/g.abnf"], "out/g.grammar.ts", "@mimi-spec/grammar/runtime");

  it("writes a missing file, then finds it fresh, then stale after the grammar changes", () => {
    const root = tempRepo('greeting = "hi"\n');
    expect(runGeneration(root, [target], { check: true })[0]?.status).toBe("missing");
    expect(runGeneration(root, [target], { check: false })[0]?.status).toBe("written");
    expect(runGeneration(root, [target], { check: true })[0]?.status).toBe("unchanged");
    writeFileSync(join(root, "spec", "g.abnf"), 'greeting = "hello"\n');
    expect(runGeneration(root, [target], { check: true })[0]?.status).toBe("stale");
  });

  it("finds a hand edit of a generated file stale", () => {
    const root = tempRepo('greeting = "hi"\n');
    runGeneration(root, [target], { check: false });
    const path = join(root, "out", "g.grammar.ts");
    writeFileSync(path, `${readFileSync(path, "utf8")}// edited\n`);
    expect(runGeneration(root, [target], { check: true })[0]?.status).toBe("stale");
  });

  it("puts the do-not-edit header first and documents each rule with its ABNF", () => {
    const root = tempRepo('greeting = "hi" / "hello" ; a comment\n');
    runGeneration(root, [target], { check: false });
    const text = readFileSync(join(root, "out", "g.grammar.ts"), "utf8");
    expect(text.startsWith(`/**\n * ${GENERATED_MARKER}`)).toBe(true);
    expect(text).toContain("export function greeting(input: string): MatchResult");
    expect(text).toContain("export function isGreeting(input: string): boolean");
    expect(text).toContain('greeting = "hi" / "hello"');
  });

  it("refuses a grammar with errors, naming the problem", () => {
    const root = tempRepo('greeting = ( "hi"\n');
    expect(() => runGeneration(root, [target], { check: false })).toThrow(/never closed/);
  });

  it("the committed generated files are fresh", () => {
    const root = join(import.meta.dirname, "..", "..", "..");
    for (const outcome of runGeneration(root, projectTargets, { check: true }))
      expect(outcome.status, outcome.output).toBe("unchanged");
  });
});
