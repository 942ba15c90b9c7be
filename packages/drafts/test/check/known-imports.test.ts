import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDfa, loadGrammar, RuleCompiler, testDfa } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { KNOWN_IMPORTS, knownImport, MIMI_SERVER_NAME_ABNF } from "../../src/check/known-imports.ts";

const identifiers = readFileSync(
  fileURLToPath(new URL("../../../../spec/grammar/identifiers.abnf", import.meta.url)),
  "utf8",
);

describe("known imports", () => {
  it("hold the project's server_name grammar, rule for rule", () => {
    const mine = loadGrammar([{ name: "mine", text: MIMI_SERVER_NAME_ABNF }]);
    const project = loadGrammar([{ name: "spec", text: identifiers }]);
    const compile = (g: typeof mine) => {
      const c = new RuleCompiler(g).compile("server_name");
      if (c.engine !== "dfa") throw new Error("server_name should be regular");
      return loadDfa(c.dfa);
    };
    const a = compile(mine);
    const b = compile(project);
    for (const s of [
      "example.org",
      "example.org:8448",
      "a",
      "1.2.3.4",
      "example.org:",
      "ex ample",
      "x:123456",
      "",
    ]) {
      expect(testDfa(a, s), s).toBe(testDfa(b, s));
    }
  });

  it("look rules up case-insensitively", () => {
    expect(knownImport("uri")?.from).toContain("RFC 3986");
    expect(knownImport("SERVER_NAME")?.abnf).toBe(MIMI_SERVER_NAME_ABNF);
    expect(knownImport("no-such-rule")).toBeUndefined();
  });

  it("name each rule in one source only", () => {
    const all = KNOWN_IMPORTS.flatMap((s) => s.rules.map((r) => r.toLowerCase()));
    expect(new Set(all).size).toBe(all.length);
  });
});
