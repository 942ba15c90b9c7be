import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverageSamples } from "../../src/generate/coverage.ts";
import { ruleArbitrary } from "../../src/generate/rule-arbitrary.ts";
import { ruleCycles } from "../../src/generate/rule-cycles.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { grammarOf } from "./support.ts";

describe("ruleCycles", () => {
  it("groups mutually recursive rules and numbers callees before callers", () => {
    const grammar = grammarOf('top = a / self\na = "(" b ")" / "x"\nb = a\nself = "-" [self]\nleaf = "l"\n');
    const { component, cyclic } = ruleCycles(grammar);
    const of = (name: string) => component.get(name) as number;
    expect(of("a")).toBe(of("b"));
    expect(of("a")).not.toBe(of("self"));
    expect(cyclic.has(of("a")) && cyclic.has(of("self"))).toBe(true);
    expect(cyclic.has(of("top")) || cyclic.has(of("leaf"))).toBe(false);
    expect(of("a")).toBeLessThan(of("top"));
    expect(of("self")).toBeLessThan(of("top"));
  });
});

describe("long rule chains", () => {
  it("are planned, covered and sampled without exhausting the stack", () => {
    const n = 3000;
    const text = Array.from({ length: n }, (_, i) =>
      i + 1 < n ? `r${i} = "a" r${i + 1} / "b"\n` : `r${i} = "z"\n`,
    ).join("");
    const grammar = loadGrammar([{ name: "g.abnf", text }]);
    expect(ruleCycles(grammar).cyclic.size).toBe(0);
    const { report } = coverageSamples(grammar, "r0");
    expect(report.outcomes.find((o) => o.status === "unreachable")).toMatchObject({
      reason: "it is reached only through 33 nested rules (maxNesting is 32)",
    });
    for (const s of fc.sample(ruleArbitrary(grammar, "r0"), 20)) expect(s).toMatch(/^a*[bz]$/i);
  });
});
