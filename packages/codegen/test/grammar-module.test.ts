import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadGrammar } from "@mimi-spec/grammar";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import {
  defaultDescentRuntimeImport,
  defaultEarleyRuntimeImport,
  generateGrammarModule,
} from "../src/grammar-module.ts";

const root = join(import.meta.dirname, "..", "..", "..");
const runtimeDir = join(root, "packages", "grammar", "src", "runtime");
const jsonAbnf = readFileSync(
  join(root, "packages", "grammar", "test", "fixtures", "rfc", "rfc8259-json.abnf"),
  "utf8",
);
const json = loadGrammar([{ name: "rfc8259-json.abnf", text: jsonAbnf }]);

/** The generated JSON module, written to a fresh directory with a copy of the runtime beside it. */
function generate(): { text: string; path: string } {
  const result = generateGrammarModule(json, {
    sources: ["rfc8259-json.abnf"],
    runtimeImport: "./runtime/dfa-runtime.ts",
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const dir = mkdtempSync(join(tmpdir(), "mimi-grammar-module-"));
  mkdirSync(join(dir, "runtime"));
  for (const f of ["dfa-runtime.ts", "earley-runtime.ts", "descent-runtime.ts"])
    copyFileSync(join(runtimeDir, f), join(dir, "runtime", f));
  const path = join(dir, "json.grammar.ts");
  writeFileSync(path, result.text);
  return { text: result.text, path };
}

interface GeneratedJson {
  jSONText(input: string): { ok: boolean; offset?: number };
  isJSONText(input: string): boolean;
  isValue(input: string): boolean;
  isNumber(input: string): boolean;
  falseRule(input: string): { ok: boolean };
  isFalse(input: string): boolean;
  rules: Record<string, { engine: string; test: (input: string) => boolean }>;
}

describe("generateGrammarModule with recursive rules", () => {
  const { text, path } = generate();

  it("imports the descent and Earley runtimes next to the DFA runtime and emits each leaf automaton once", () => {
    expect(text).toContain(
      'import { loadEarley, matchEarley, testEarley } from "./runtime/earley-runtime.ts";',
    );
    expect(text).toContain('import { loadDescent, testDescent } from "./runtime/descent-runtime.ts";');
    expect(text).toContain("export const JSON_TEXT_DESCENT: DescentSource");
    // The Earley form stays, to explain failures.
    expect(text).toContain("export const JSON_TEXT_EARLEY: EarleySource");
    expect(text).toContain("export const NUMBER_DFA: DfaSource");
    const leaves = text.match(/^const LEAF_\d+: DfaSource/gm) ?? [];
    expect(leaves.length).toBeGreaterThan(3);
    expect(new Set(leaves).size).toBe(leaves.length);
  });

  it("generates code that type-checks under the repository's strict settings", () => {
    const project = new Project({
      tsConfigFilePath: join(root, "tsconfig.json"),
      skipAddingFilesFromTsConfig: true,
    });
    const file = project.addSourceFileAtPath(path);
    project.resolveSourceFileDependencies();
    const messages = file.getPreEmitDiagnostics().map((d) => d.getMessageText().toString());
    expect(messages).toEqual([]);
  });

  it("generates working matchers for recursive and regular rules alike", async () => {
    const m = (await import(path)) as GeneratedJson;
    expect(m.isJSONText('{"a":[1,{"b":null}]}')).toBe(true);
    expect(m.jSONText("[1,]")).toMatchObject({ ok: false, offset: 3 });
    expect(m.isValue("[[]]")).toBe(true);
    expect(m.isNumber("-1.5e3")).toBe(true);
    // `false` cannot name a function: the matcher is `falseRule`, the predicate `isFalse`.
    expect(m.falseRule("false")).toEqual({ ok: true });
    expect(m.isFalse("False")).toBe(false);
    expect(m.rules["JSON-text"]?.engine).toBe("descent");
    expect(m.isJSONText(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toBe(true);
    expect(m.rules.number?.engine).toBe("dfa");
    expect(m.rules.value?.test("[true]")).toBe(true);
  });
});

describe("defaultDescentRuntimeImport", () => {
  it.each([
    ["@mimi-spec/grammar/runtime", "@mimi-spec/grammar/runtime/descent"],
    ["./runtime/index.ts", "./runtime/index.ts"],
    ["../runtime/dfa-runtime.ts", "../runtime/descent-runtime.ts"],
  ])("%s → %s", (dfa, descent) => {
    expect(defaultDescentRuntimeImport(dfa)).toBe(descent);
  });
});

describe("defaultEarleyRuntimeImport", () => {
  it.each([
    ["@mimi-spec/grammar/runtime", "@mimi-spec/grammar/runtime/earley"],
    ["./runtime/index.ts", "./runtime/index.ts"],
    ["../runtime/dfa-runtime.ts", "../runtime/earley-runtime.ts"],
  ])("%s → %s", (dfa, earley) => {
    expect(defaultEarleyRuntimeImport(dfa)).toBe(earley);
  });
});
