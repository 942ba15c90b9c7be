import { type DfaData, loadGrammar, RuleCompiler, ruleMatcher } from "@mimi-spec/grammar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shortestDifference } from "../../src/check/dfa-difference.ts";

function dfa(rule: string): { dfa: DfaData; test: (s: string) => boolean } {
  const grammar = loadGrammar([{ name: "t.abnf", text: `r = ${rule}\n` }]);
  const compiled = new RuleCompiler(grammar).compile("r");
  if (compiled.engine !== "dfa") throw new Error(`not a DFA: ${rule}`);
  return { dfa: compiled.dfa, test: ruleMatcher(compiled).test };
}

describe("shortestDifference", () => {
  it("finds the shortest string one DFA accepts and the other rejects", () => {
    const wide = dfa("1*3DIGIT");
    const narrow = dfa("1*2DIGIT");
    expect(shortestDifference(wide.dfa, narrow.dfa)).toEqual({ kind: "witness", text: "000" });
    expect(shortestDifference(narrow.dfa, wide.dfa)).toEqual({ kind: "none" });
  });

  it("prefers readable characters: a letter, then a digit, then upper case", () => {
    expect(shortestDifference(dfa("%x00-7F").dfa, dfa('"!"').dfa)).toEqual({ kind: "witness", text: "a" });
    expect(shortestDifference(dfa("%x00-40").dfa, dfa('"!"').dfa)).toEqual({ kind: "witness", text: "0" });
    expect(shortestDifference(dfa("%x00-09").dfa, dfa('"!"').dfa)).toEqual({
      kind: "witness",
      text: "\u0000",
    });
  });

  it("finds a difference deep in the strings, not only at their ends", () => {
    const a = dfa('"@" 1*%x61-7A ":" 1*ALPHA');
    const b = dfa('"@" 1*%x61-7A ":" 1*%x61-7A');
    expect(shortestDifference(a.dfa, b.dfa)).toEqual({ kind: "witness", text: "@a:A" });
  });

  it("says when the search would grow past its bound", () => {
    expect(shortestDifference(dfa("1*40DIGIT").dfa, dfa("1*39DIGIT").dfa, 10)).toMatchObject({
      kind: "too-large",
    });
  });

  it("every witness is accepted by the first DFA and rejected by the second", () => {
    const rules = ["1*3DIGIT", '"a" / "b"', '*( "a" / "bc" )', "2ALPHA", '%x61-63 [ "-" ]', '"A"', '%s"A"'];
    fc.assert(
      fc.property(fc.constantFrom(...rules), fc.constantFrom(...rules), (x, y) => {
        const a = dfa(x);
        const b = dfa(y);
        const r = shortestDifference(a.dfa, b.dfa);
        if (r.kind === "witness") {
          expect(a.test(r.text)).toBe(true);
          expect(b.test(r.text)).toBe(false);
        }
        expect(r.kind).not.toBe("too-large");
      }),
      { numRuns: 60 },
    );
  });
});
