import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RuleCompiler } from "../../../src/engine/compile.ts";
import { GrammarTooLarge } from "../../../src/engine/earley/earley-data.ts";
import { buildEarley } from "../../../src/engine/earley/translate.ts";
import { type Grammar, loadGrammar } from "../../../src/grammar.ts";
import { loadEarley, testEarley } from "../../../src/runtime/earley-runtime.ts";

function grammarOf(text: string): Grammar {
  const grammar = loadGrammar([{ name: "t.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return grammar;
}

const jsonGrammar = grammarOf(
  readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "rfc", "rfc8259-json.abnf"), "utf8"),
);

describe("buildEarley", () => {
  it("keeps only the recursive skeleton of RFC 8259 as productions; the rest are leaf DFAs", () => {
    const data = buildEarley(jsonGrammar, "JSON-text");
    const named = (name: string) => data.nonterminals.indexOf(name);
    const productionsOf = (name: string) => data.productions.filter((p) => p[0] === named(name));
    // false / null / true / number / string become one leaf; object and array stay nonterminals.
    expect(productionsOf("value")).toEqual(
      expect.arrayContaining([
        [named("value"), named("object")],
        [named("value"), named("array")],
      ]),
    );
    expect(productionsOf("value")).toHaveLength(3);
    // ws, begin-array, number, string, … are never nonterminals.
    for (const regular of ["ws", "string", "number", "begin-array", "char"]) expect(named(regular)).toBe(-1);
    expect(data.leaves.length).toBeLessThan(12);
  });

  it("turns `*x` into a left-recursive helper, so long repetitions keep Earley sets small", () => {
    const data = buildEarley(grammarOf('r = "(" *r ")" / "x"\n'), "r");
    const r = data.nonterminals.indexOf("r");
    const helper = data.productions.find((p) => p.length === 3 && p[1] === p[0] && p[2] === r);
    expect(helper, JSON.stringify(data.productions)).toBeDefined();
    expect(data.productions).toContainEqual([helper?.[0]]);
  });

  it("expands bounded repetitions exactly", () => {
    const loaded = loadEarley(buildEarley(grammarOf('r = "(" 2*3r ")" / "x"\n'), "r"));
    const verdicts = ["(x)", "(xx)", "(xxx)", "(xxxx)", "((xx)x)"].map((s) => testEarley(loaded, s));
    expect(verdicts).toEqual([false, true, true, false, true]);
  });

  it("makes a repetition whose minimum exceeds its maximum match nothing", () => {
    const loaded = loadEarley(buildEarley(grammarOf('r = 3*2("a" r) / "b"\n'), "r"));
    expect(["b", "ab", "aabab", "aaabbb"].map((s) => testEarley(loaded, s))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it("makes an undefined rule or a prose value match nothing", () => {
    const loaded = loadEarley(buildEarley(grammarOf('r = "(" r ")" / nothere / <prose> / "x"\n'), "r"));
    expect(["x", "(x)", ""].map((s) => testEarley(loaded, s))).toEqual([true, true, false]);
  });

  it("is plain data: a JSON round trip runs the same", () => {
    const data = buildEarley(jsonGrammar, "JSON-text");
    const copy = loadEarley(JSON.parse(JSON.stringify(data)));
    const original = loadEarley(data);
    for (const s of ['{"a":[1,{"b":null}]}', "[1,]", ' "\\u00e9" ', "[[[]]]]"])
      expect(testEarley(copy, s), s).toBe(testEarley(original, s));
  });

  it("throws GrammarTooLarge past its symbol budget", () => {
    const grammar = grammarOf('r = "(" 1*5000r ")" / "x"\n');
    expect(() => buildEarley(grammar, "r", { maxSymbols: 1000 })).toThrow(GrammarTooLarge);
    expect(() => buildEarley(grammar, "r", { maxSymbols: 1000 })).toThrow(/more than 1000 grammar symbols/);
    expect(() => buildEarley(grammar, "r")).not.toThrow();
  });
});

describe("RuleCompiler on recursive rules", () => {
  it("compiles them for the Earley engine when asked to, or when descent is not proved exact", () => {
    const text = 'r = r2\nr2 = "(" r ")" / "x"\n';
    expect(new RuleCompiler(grammarOf(text), { recursive: "earley" }).compile("r").engine).toBe("earley");
    const ambiguous = new RuleCompiler(grammarOf('r = "(" r ")" / "(" "x" ")"\n')).compile("r");
    expect(ambiguous).toMatchObject({
      engine: "earley",
      descentRefused: expect.stringContaining("two alternatives can both start with"),
    });
  });

  it("reports a rule past the size budget instead of compiling it", () => {
    const compiled = new RuleCompiler(grammarOf('r = "(" 1*1000000r ")" / "x"\n')).compile("r");
    expect(compiled).toMatchObject({ engine: "none", reason: expect.stringContaining("grammar symbols") });
  });

  it("shares leaf automata between the rules of one grammar", () => {
    const compiler = new RuleCompiler(jsonGrammar, { recursive: "earley" });
    const a = compiler.compile("JSON-text");
    const b = compiler.compile("value");
    if (a.engine !== "earley" || b.engine !== "earley") throw new Error("expected Earley rules");
    const shared = a.earley.leaves.filter((leaf) => b.earley.leaves.includes(leaf));
    expect(shared.length).toBeGreaterThan(3);
  });
});
