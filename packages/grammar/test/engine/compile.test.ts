import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleCompiler } from "../../src/engine/compile.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { explainFailure, loadDfa, matchDfa, testDfa } from "../../src/runtime/dfa-runtime.ts";
import { referenceMatch } from "../support/reference-matcher.ts";

function matcher(text: string, rule: string) {
  const grammar = loadGrammar([{ name: "t.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const compiled = new RuleCompiler(grammar).compile(rule);
  if (compiled.engine !== "dfa")
    throw new Error(compiled.engine === "none" ? compiled.reason : "expected a DFA rule");
  const dfa = loadDfa(compiled.dfa);
  return { grammar, match: (s: string) => matchDfa(dfa, s), test: (s: string) => testDfa(dfa, s) };
}

describe("RFC 5234 semantics (not PEG)", () => {
  it("accepts multi-letter host names under RFC 5321's Ldh-str, which greedy parsers reject", () => {
    const m = matcher('Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig\nLet-dig = ALPHA / DIGIT\n', "Ldh-str");
    for (const ok of ["a", "ab", "example", "ex-ample", "a1"]) expect(m.test(ok), ok).toBe(true);
    for (const bad of ["", "a-", "-"]) expect(m.test(bad), bad).toBe(false);
  });

  it("tries a later alternative when an earlier one matches only a prefix", () => {
    const m = matcher('r = ("a" / "ab") "c"\n', "r");
    expect(m.test("ac")).toBe(true);
    expect(m.test("abc")).toBe(true);
  });

  it("honours bounded repetitions at both ends", () => {
    const m = matcher("r = 2*3%x61\n", "r");
    expect(["a", "aa", "aaa", "aaaa"].map(m.test)).toEqual([false, true, true, false]);
  });

  it("treats quoted strings as case-insensitive and %s strings as case-sensitive", () => {
    expect(matcher('r = "Ab"\n', "r").test("aB")).toBe(true);
    expect(matcher('r = %s"Ab"\n', "r").test("aB")).toBe(false);
    expect(matcher('r = %s"Ab"\n', "r").test("Ab")).toBe(true);
    expect(matcher('r = %i"Ab"\n', "r").test("AB")).toBe(true);
  });

  it("matches non-BMP code points as one character", () => {
    const m = matcher("r = 1*%x1F600-1F64F\n", "r");
    expect(m.test("😀😃")).toBe(true);
    expect(m.test("\ud83d")).toBe(false);
    const failure = m.match("😀x");
    expect(failure.ok).toBe(false);
    if (!failure.ok) expect(failure.offset).toBe(2);
  });
});

describe("failure reports", () => {
  it("points at the first character no parse accepts and lists what was expected", () => {
    const m = matcher('r = "@" 1*%x61-7A ":" 1*ALPHA\n', "r");
    const result = m.match("@Alice:x");
    expect(result).toMatchObject({ ok: false, offset: 1, found: 0x41, expected: ['"a"-"z"'] });
    if (!result.ok)
      expect(explainFailure("@Alice:x", result)).toBe(
        `unexpected 'A' (U+0041) at column 2 in r; expected "a"-"z"`,
      );
  });

  it("reports input that ends too early at its end, expecting more", () => {
    const result = matcher('r = "ab"\n', "r").match("a");
    expect(result).toMatchObject({ ok: false, offset: 1, expected: ['"B"', '"b"'] });
    if (!result.ok) expect(result.found).toBeUndefined();
  });

  it("says the end of input was expected when there is extra text", () => {
    expect(matcher('r = "a"\n', "r").match("ab")).toMatchObject({
      ok: false,
      offset: 1,
      expected: ["end of input"],
    });
  });
});

describe("what cannot be compiled says why", () => {
  it.each([
    ["r = nothere\n", "not defined"],
    ["r = <some prose>\n", "prose value"],
  ])("%s", (text, why) => {
    const compiled = new RuleCompiler(loadGrammar([{ name: "t.abnf", text }])).compile("r");
    expect(compiled.engine).toBe("none");
    if (compiled.engine === "none") expect(compiled.reason).toContain(why);
  });
});

/** Random ABNF bodies over a tiny alphabet, so every construct meets every other. */
const bodyArbitrary: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom('"a"', '"b"', '"ab"', '%s"A"', "%x61-62", "%x61.62", '"A"'),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" / ")})`),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" ")})`),
    fc
      .tuple(fc.nat(2), fc.option(fc.nat(2), { nil: undefined }), tie("node"))
      .map(([min, extra, x]) => `${min}*${extra === undefined ? "" : min + extra}(${x})`),
    tie("node").map((x) => `[${x}]`),
  ),
})).node;

describe("the DFA agrees with the definition of ABNF", () => {
  it("on random grammars and strings", () => {
    fc.assert(
      fc.property(
        bodyArbitrary,
        fc.array(fc.stringMatching(/^[abA]{0,6}$/), { minLength: 1, maxLength: 8 }),
        (body, inputs) => {
          const m = matcher(`r = ${body}\n`, "r");
          for (const input of inputs) {
            expect(m.test(input), `${body} on ${JSON.stringify(input)}`).toBe(
              referenceMatch(m.grammar, "r", input),
            );
            expect(m.match(input).ok).toBe(m.test(input));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
