import { loadDfa, testDfa } from "@mimi-spec/grammar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createGrammarRegistry,
  defaultGrammarRegistry,
  GrammarLookupError,
} from "../../src/arbitrary/grammar-registry.ts";
import { rules } from "../../src/generated/identifiers.grammar.ts";

const IDENTIFIERS = "spec/grammar/identifiers.abnf";

describe("defaultGrammarRegistry", () => {
  it("reads spec/grammar files and reuses the generated automata", () => {
    expect(defaultGrammarRegistry.grammar(IDENTIFIERS).ownRuleKeys).toContain("user_id");
    expect(defaultGrammarRegistry.dfa({ file: IDENTIFIERS, rule: "user_id" })).toBe(rules.user_id?.dfa);
    expect(defaultGrammarRegistry.dfa({ file: IDENTIFIERS, rule: "USER_ID" })).toBe(rules.user_id?.dfa);
  });

  it("generates strings the rule accepts", () => {
    const dfa = loadDfa(defaultGrammarRegistry.dfa({ file: IDENTIFIERS, rule: "room_id" }));
    fc.assert(
      fc.property(defaultGrammarRegistry.arbitrary({ file: IDENTIFIERS, rule: "room_id" }), (s) =>
        testDfa(dfa, s),
      ),
    );
  });
});

describe("createGrammarRegistry", () => {
  const texts: Record<string, string> = {
    "g.abnf": 'word = 1*3%x61-62\nnested = "(" [nested] ")"\n',
    "broken.abnf": "x = (\n",
  };
  const registry = createGrammarRegistry({
    readFile: (file) => {
      const text = texts[file];
      if (text === undefined) throw new Error("no such file");
      return text;
    },
    ruleArbitrary: null,
  });

  it("compiles rules of files without generated code", () => {
    const dfa = loadDfa(registry.dfa({ file: "g.abnf", rule: "word" }));
    expect(["a", "bab", "abab", ""].map((s) => testDfa(dfa, s))).toEqual([true, true, false, false]);
  });

  it("explains missing files, broken grammars, unsafe paths, unknown and recursive rules", () => {
    const fail = (file: string, rule: string) => () => registry.dfa({ file, rule });
    expect(fail("none.abnf", "x")).toThrow(GrammarLookupError);
    expect(fail("none.abnf", "x")).toThrow(/none.abnf rule `\*`: cannot read the file \(no such file\)/);
    expect(fail("broken.abnf", "x")).toThrow(/the grammar has errors/);
    expect(fail("../../etc/passwd.abnf", "x")).toThrow(/not a repository-relative .abnf path/);
    expect(fail("/etc/x.abnf", "x")).toThrow(/not a repository-relative .abnf path/);
    expect(fail("g.abnf", "missing")).toThrow(/no rule named `missing`/);
    expect(fail("g.abnf", "nested")).toThrow(/recursive/);
    expect(() => registry.arbitrary({ file: "g.abnf", rule: "nested" })).toThrow(/recursive/);
  });

  it("mixes in an AST-driven generator when one is given, and uses it alone for recursive rules", () => {
    const withAst = createGrammarRegistry({
      readFile: (file) => texts[file] as string,
      ruleArbitrary: (_grammar, rule) => fc.constant(rule === "nested" ? "(())" : "ba"),
    });
    expect(fc.sample(withAst.arbitrary({ file: "g.abnf", rule: "nested" }), 3)).toEqual([
      "(())",
      "(())",
      "(())",
    ]);
    const words = new Set(fc.sample(withAst.arbitrary({ file: "g.abnf", rule: "word" }), 200));
    expect(words.has("ba")).toBe(true);
    expect(words.size).toBeGreaterThan(2);
  });
});
