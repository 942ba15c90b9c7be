import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleCompiler } from "../../src/engine/compile.ts";
import { dfaArbitrary, distancesToAccept } from "../../src/generate/dfa-arbitrary.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { loadDfa, testDfa } from "../../src/runtime/dfa-runtime.ts";

function dfaOf(text: string) {
  const compiled = new RuleCompiler(loadGrammar([{ name: "t", text }])).compile("r");
  if (compiled.engine !== "dfa")
    throw new Error(compiled.engine === "none" ? compiled.reason : "expected a DFA rule");
  return compiled.dfa;
}

describe("dfaArbitrary", () => {
  it("generates only strings the rule accepts, including non-BMP ones", () => {
    const dfa = dfaOf('r = 1*( %x61-7A / "-" / %x1F600-1F64F ) ":" 1*5DIGIT\n');
    const loaded = loadDfa(dfa);
    fc.assert(fc.property(dfaArbitrary(dfa), (s) => testDfa(loaded, s)));
  });

  it("shrinks to a shortest string of the rule", () => {
    const dfa = dfaOf('r = 3*( "x" / "y" ) "z"\n');
    const result = fc.check(
      fc.property(dfaArbitrary(dfa), (s) => s.length < 6),
      { seed: 1 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample?.[0]).toHaveLength(6);
    expect(fc.sample(dfaArbitrary(dfa), { numRuns: 1, seed: 3 })[0]).toMatch(/^[xy]{3,}z$/i);
  });

  it("refuses a rule that matches nothing", () => {
    const dfa = dfaOf("r = %x62-61\n");
    expect(distancesToAccept(dfa)[dfa.start]).toBe(Number.POSITIVE_INFINITY);
    expect(() => dfaArbitrary(dfa)).toThrow("matches no string");
  });
});
