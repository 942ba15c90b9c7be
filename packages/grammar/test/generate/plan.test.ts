import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Alternation } from "../../src/ast.ts";
import { GenerationError } from "../../src/generate/generation-error.ts";
import { planGeneration } from "../../src/generate/plan.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { referenceMatch } from "../support/reference-matcher.ts";
import { grammarOf, recursiveGrammarArbitrary } from "./support.ts";

function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(GenerationError);
    return (e as Error).message;
  }
  throw new Error("expected a GenerationError");
}

describe("shortest derivations", () => {
  it("order alternatives shortest first, then shallowest, then as written", () => {
    const grammar = grammarOf('r = "abc" / "(" r ")" / x / "y"\nx = "z"\n');
    const plan = planGeneration(grammar, "r");
    const body = plan.root.body as Alternation;
    expect(plan.choices(body).map((n) => plan.textOf(n))).toEqual(['"y"', "x", '"abc"', '"(" r ")"']);
    expect(plan.minLength(body)).toBe(1);
    expect(plan.minHeight(body)).toBe(0);
  });

  it("leave out alternatives that produce no finite string", () => {
    const grammar = grammarOf('r = %x62-61 / loop / "a"\nloop = "(" loop ")"\n');
    const plan = planGeneration(grammar, "r");
    expect(plan.choices(plan.root.body as Alternation).map((n) => plan.textOf(n))).toEqual(['"a"']);
  });

  it("mark only the choices that can lead back into their own rule as recursive", () => {
    const grammar = grammarOf('r = ("a" / "b") ("(" r ")" / "c") *DIGIT\n');
    const plan = planGeneration(grammar, "r");
    const choices = plan
      .liveNodes(plan.root)
      .filter((n) => n.kind === "alternation" || n.kind === "repetition");
    expect(choices.map((n) => [plan.textOf(n), plan.isRecursiveChoice(n)])).toEqual([
      ['("a" / "b")', false],
      ['("(" r ")" / "c")', true],
      ["*DIGIT", false],
    ]);
  });

  it("agree with brute force on random recursive grammars", () => {
    // Every string over the alphabet up to length 4: none shorter than the computed minimum
    // matches, and one of exactly that length does (when it is at most 4).
    const alphabet = ["a", "b", "A", "(", ")"];
    const strings: string[][] = [[""]];
    for (let n = 1; n <= 4; n++)
      strings.push((strings[n - 1] as string[]).flatMap((s) => alphabet.map((c) => s + c)));
    fc.assert(
      fc.property(recursiveGrammarArbitrary(), (text) => {
        const grammar = loadGrammar([{ name: "g.abnf", text }]);
        let minimum = Number.POSITIVE_INFINITY;
        try {
          minimum = planGeneration(grammar, "r0").minLength(grammar.rules.get("r0")?.body as Alternation);
        } catch (e) {
          expect((e as Error).message).toContain("matches no finite string");
        }
        for (let n = 0; n <= 4; n++) {
          const matches = (strings[n] as string[]).some((s) => referenceMatch(grammar, "r0", s));
          if (n < minimum) expect(matches, `${text} has a string of length ${n}`).toBe(false);
          if (n === minimum) expect(matches, `${text} has no string of length ${n}`).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("what cannot be generated says what, where and why", () => {
  it("a rule that does not exist", () => {
    expect(failure(() => planGeneration(grammarOf('r = "a"\n'), "nope"))).toBe(
      "no rule named `nope` in the grammar",
    );
  });

  it("a recursion with no way out, naming the cycle", () => {
    const message = failure(() => planGeneration(grammarOf('a = "(" b ")"\nb = "[" a "]"\n'), "a"));
    expect(message).toBe(
      "rule `a` matches no finite string: every derivation of `a` leads back to it (a → b → a) with no alternative that ends the recursion",
    );
  });

  it("an empty range or a range of surrogates", () => {
    expect(failure(() => planGeneration(grammarOf("r = %x62-61\n"), "r"))).toBe(
      "rule `r` matches no finite string: the range %x62-61 (g.abnf:1:5) is empty",
    );
    expect(failure(() => planGeneration(grammarOf("r = %xD800-DFFF\n"), "r"))).toContain(
      "holds only surrogates",
    );
  });

  it("a prose value without a definition, unless it cannot be used", () => {
    const message = failure(() => planGeneration(grammarOf('r = "x" / <a user name>\n'), "r"));
    expect(message).toContain("<a user name> (g.abnf:1:11)");
    expect(message).toContain('options.prose["a user name"]');
    expect(() => planGeneration(grammarOf('r = "x" 0<never used>\n'), "r")).not.toThrow();
    expect(() =>
      planGeneration(grammarOf('r = "x" / <a user name>\n'), "r", {
        prose: { "a user name": fc.constant("u") },
      }),
    ).not.toThrow();
  });

  it("an undefined rule in use", () => {
    const grammar = loadGrammar([{ name: "g.abnf", text: "r = a / b\na = %x61\n" }]);
    expect(failure(() => planGeneration(grammar, "r"))).toContain(
      "rule `r` refers to `b` (g.abnf:1:9), which is not defined",
    );
  });
});
