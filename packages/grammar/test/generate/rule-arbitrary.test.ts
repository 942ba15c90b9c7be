import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleCompiler } from "../../src/engine/compile.ts";
import { GenerationError } from "../../src/generate/generation-error.ts";
import { ruleArbitrary } from "../../src/generate/rule-arbitrary.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { referenceMatch } from "../support/reference-matcher.ts";
import {
  BALANCED,
  dfaTest,
  fixtureGrammar,
  grammarOf,
  MINI_JSON,
  recursiveGrammarArbitrary,
  referenceTest,
} from "./support.ts";

const FIXTURES: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["rfc3339-datetime.abnf", []],
  ["rfc3986-uri.abnf", []],
  ["rfc5234-abnf.abnf", []],
  ["rfc5321-domain.abnf", []],
  ["rfc5322-addr-spec.abnf", []],
  ["rfc8259-json.abnf", []],
  ["rfc9110-media-type.abnf", []],
  ["rfc3261-sip-uri.abnf", ["rfc3261-sip-uri.define.abnf"]],
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Paren/bracket nesting depth of a string of `BALANCED`. */
function nesting(s: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of s) {
    depth += c === "(" || c === "[" ? 1 : c === ")" || c === "]" ? -1 : 0;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

describe("ruleArbitrary generates only strings the rule accepts", () => {
  it.each(FIXTURES)(
    "for every rule of %s (DFA for regular rules, the definition for recursive ones)",
    (file, imports) => {
      const grammar = fixtureGrammar(file, imports);
      const compiler = new RuleCompiler(grammar);
      for (const key of grammar.ownRuleKeys) {
        const compiled = compiler.compile(key);
        const accepts = compiled.engine === "dfa" ? dfaTest(grammar, key) : referenceTest(grammar, key);
        fc.assert(
          fc.property(ruleArbitrary(grammar, key), (s) => {
            expect(accepts(s), `${key}: ${JSON.stringify(s)}`).toBe(true);
            expect(LONE_SURROGATE.test(s)).toBe(false);
          }),
          { numRuns: 25 },
        );
      }
    },
  );

  it("for balanced parentheses and a small JSON (recursive; checked by the definition)", () => {
    for (const [text, rule] of [
      [BALANCED, "balanced"],
      [MINI_JSON, "text"],
    ] as const) {
      const grammar = grammarOf(text);
      fc.assert(
        fc.property(ruleArbitrary(grammar, rule), (s) => referenceMatch(grammar, rule, s)),
        { numRuns: 200 },
      );
    }
  });

  it("for random recursive grammars", () => {
    fc.assert(
      fc.property(recursiveGrammarArbitrary(), fc.nat(), (text, seed) => {
        const grammar = loadGrammar([{ name: "g.abnf", text }]);
        let arbitrary: fc.Arbitrary<string>;
        try {
          arbitrary = ruleArbitrary(grammar, "r0", { maxDepth: 5, maxExtraRepetitions: 2 });
        } catch (e) {
          // Only a rule without a finite string may be refused; plan.test.ts checks that claim.
          expect(e).toBeInstanceOf(GenerationError);
          expect((e as Error).message).toContain("matches no finite string");
          return;
        }
        const compiled = new RuleCompiler(grammar).compile("r0");
        const dfa = compiled.engine === "dfa" ? dfaTest(grammar, "r0") : undefined;
        for (const s of fc.sample(arbitrary, { numRuns: 10, seed })) {
          expect(referenceMatch(grammar, "r0", s), `${text} → ${JSON.stringify(s)}`).toBe(true);
          if (dfa !== undefined) expect(dfa(s)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("generation is varied but bounded", () => {
  it("reaches every alternative of a recursive rule, not just the way out", () => {
    const grammar = grammarOf(MINI_JSON);
    const starts = new Set(
      fc.sample(ruleArbitrary(grammar, "value"), { numRuns: 300, seed: 7 }).map((s) => s[0]),
    );
    for (const c of ["n", "t", "f", "0", '"', "[", "{"])
      expect([...starts].some((s) => s?.toLowerCase() === c)).toBe(true);
  });

  it("stops recursing at the depth budget", () => {
    const grammar = grammarOf(BALANCED);
    expect(new Set(fc.sample(ruleArbitrary(grammar, "balanced", { maxDepth: 0 }), 50))).toEqual(
      new Set([""]),
    );
    for (const maxDepth of [2, 6, 12]) {
      const depths = fc
        .sample(ruleArbitrary(grammar, "balanced", { maxDepth }), { numRuns: 300, seed: maxDepth })
        .map(nesting);
      // Each level of nesting passes two recursive choices (`*group` and `group`'s alternation).
      expect(Math.max(...depths)).toBeLessThanOrEqual(maxDepth / 2);
      expect(Math.max(...depths)).toBeGreaterThan(maxDepth === 2 ? 0 : 1);
    }
  });

  it("keeps repetitions within [min, min + maxExtraRepetitions] and within max", () => {
    const grammar = grammarOf('r = 2*(%s"x") 1*2(%s"y")\n');
    const lengths = new Set(
      fc
        .sample(ruleArbitrary(grammar, "r", { maxExtraRepetitions: 3 }), { numRuns: 300, seed: 1 })
        .map((s) => [s.split("x").length - 1, s.split("y").length - 1])
        .map(([x, y]) => `${x},${y}`),
    );
    expect([...lengths].sort()).toEqual(["2,1", "2,2", "3,1", "3,2", "4,1", "4,2", "5,1", "5,2"]);
  });

  it("writes case-insensitive letters in either case and %s strings as written", () => {
    const grammar = grammarOf('r = "ab-" %s"Cd"\n');
    const samples = new Set(fc.sample(ruleArbitrary(grammar, "r"), { numRuns: 200, seed: 3 }));
    expect([...samples].sort()).toEqual(["AB-Cd", "Ab-Cd", "aB-Cd", "ab-Cd"]);
  });

  it("picks code points across a range that crosses the surrogate block, never a lone surrogate", () => {
    const grammar = grammarOf("r = 1*%xD7F0-E00F\n");
    const accepts = dfaTest(grammar, "r");
    const samples = fc.sample(ruleArbitrary(grammar, "r"), { numRuns: 300, seed: 5 });
    for (const s of samples) {
      expect(LONE_SURROGATE.test(s)).toBe(false);
      expect(accepts(s)).toBe(true);
    }
    const cps = new Set(samples.flatMap((s) => [...s].map((c) => c.codePointAt(0) as number)));
    expect([...cps].some((cp) => cp < 0xd800)).toBe(true);
    expect([...cps].some((cp) => cp > 0xdfff)).toBe(true);
  });

  it("uses the caller's strings for a prose value", () => {
    const grammar = grammarOf('r = %s"x" <digit run>\n');
    const arbitrary = ruleArbitrary(grammar, "r", { prose: { "digit run": fc.constantFrom("1", "22") } });
    expect(new Set(fc.sample(arbitrary, { numRuns: 100, seed: 1 }))).toEqual(new Set(["x1", "x22"]));
  });

  it("refuses options out of range", () => {
    const grammar = grammarOf('r = "x"\n');
    expect(() => ruleArbitrary(grammar, "r", { maxDepth: -1 })).toThrow(
      "option `maxDepth` must be a whole number ≥ 0, got -1",
    );
    expect(() => ruleArbitrary(grammar, "r", { maxExtraRepetitions: 1.5 })).toThrow(GenerationError);
  });

  it("ties rules named like Object.prototype members", () => {
    const grammar = grammarOf('constructor = "(" [constructor] ")"\n');
    const accepts = referenceTest(grammar, "constructor");
    for (const s of fc.sample(ruleArbitrary(grammar, "constructor"), 50)) expect(accepts(s)).toBe(true);
  });
});

describe("determinism and shrinking", () => {
  it("gives the same strings for the same seed, from separately built arbitraries", () => {
    const grammar = grammarOf(MINI_JSON);
    const first = fc.sample(ruleArbitrary(grammar, "text"), { numRuns: 50, seed: 42 });
    const second = fc.sample(ruleArbitrary(grammar, "text"), { numRuns: 50, seed: 42 });
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(20);
  });

  it("shrinks a counterexample to a shortest string with the property", () => {
    const grammar = grammarOf(MINI_JSON);
    const result = fc.check(
      fc.property(ruleArbitrary(grammar, "text"), (s) => !s.includes("[")),
      { seed: 11 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample?.[0]).toBe("[]");
  });

  it("shrinks a long string down to the shortest long one", () => {
    const grammar = grammarOf('r = 3*( "x" / "y" ) "z"\n');
    const result = fc.check(
      fc.property(ruleArbitrary(grammar, "r"), (s) => s.length < 6),
      { seed: 1 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample?.[0]).toBe("xxxxxz");
  });

  it("shrinks nested brackets to a shortest nesting", () => {
    const grammar = grammarOf(BALANCED);
    const result = fc.check(
      fc.property(ruleArbitrary(grammar, "balanced"), (s) => nesting(s) < 2),
      { seed: 4 },
    );
    expect(result.failed).toBe(true);
    const shrunk = result.counterexample?.[0] ?? "";
    expect(shrunk).toHaveLength(4);
    expect(nesting(shrunk)).toBe(2);
  });
});
