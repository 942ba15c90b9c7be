import { loadGrammar, RuleCompiler, ruleMatcher } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { compareRules, type RuleSide } from "../../src/check/rule-difference.ts";

function side(text: string, rule = "r"): RuleSide {
  const grammar = loadGrammar([{ name: "t.abnf", text }]);
  const compiled = new RuleCompiler(grammar).compile(rule);
  if (compiled.engine === "none") throw new Error(compiled.reason);
  return { grammar, rule, compiled, matcher: ruleMatcher(compiled) };
}

describe("compareRules", () => {
  it("finds a witness in each direction, accepted by one rule and rejected by the other", () => {
    const a = side('r = 1*( %x61-7A / "-" )\n');
    const b = side("r = 1*( %x61-7A / DIGIT )\n");
    const d = compareRules(a, b);
    expect(d.exact).toBe(true);
    expect(d.wider && a.matcher.test(d.wider.text) && !b.matcher.test(d.wider.text)).toBe(true);
    expect(d.narrower && b.matcher.test(d.narrower.text) && !a.matcher.test(d.narrower.text)).toBe(true);
  });

  it("says nothing about rules that accept the same strings, however written", () => {
    const d = compareRules(side('r = "a" / "b" / "c"\n'), side("r = %x61-63 / %x41-43\n"));
    expect(d).toEqual({ exact: true });
  });

  it("finds a bound one apart with the generators (the coverage samples reach both ends)", () => {
    const d = compareRules(side("r = 1*256DIGIT\n"), side("r = 1*255DIGIT\n"));
    expect(d.wider?.text).toBe("0".repeat(256));
    expect(d.wider?.foundBy).not.toBe("automaton");
    expect(d.narrower).toBeUndefined();
  });

  it("falls back to the automata when the generators miss a difference", () => {
    // Coverage samples of `a` take each alternative once; only "ab" in the middle differs.
    const a = side('r = 3( "a" / "b" )\n');
    const b = side('r = "aaa" / "bbb" / "aab" / "abb" / "baa" / "bba" / "bab"\n');
    const d = compareRules(a, b, { nearMisses: 0 });
    expect(d.wider?.text).toBe("aba");
    expect(d.narrower).toBeUndefined();
  });

  it("compares recursive rules with seeded samples, reproducibly", () => {
    const a = side('r = "(" *r ")" / "x"\n');
    const b = side('r = "(" *r ")"\n');
    const first = compareRules(a, b, { seed: 7 });
    expect(first.exact).toBe(false);
    expect(first.wider?.text).toMatch(/^x$/i); // "x" matches case-insensitively
    expect(compareRules(a, b, { seed: 7 })).toEqual(first);
  });
});
