import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleCompiler, ruleMatcher } from "../../../src/engine/compile.ts";
import { buildEarley } from "../../../src/engine/earley/translate.ts";
import { type Grammar, loadGrammar } from "../../../src/grammar.ts";
import { loadDfa, matchDfa } from "../../../src/runtime/dfa-runtime.ts";
import { loadEarley, matchEarley, testEarley } from "../../../src/runtime/earley-runtime.ts";
import { referenceMatch } from "../../support/reference-matcher.ts";
import { fixpointMatch } from "./fixpoint-matcher.ts";

function grammarOf(text: string): Grammar {
  const grammar = loadGrammar([{ name: "t.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return grammar;
}

/** Both leaf modes of the Earley engine for rule `r`. */
function earleyMatchers(grammar: Grammar) {
  return (["maximal", "atomic"] as const).map((leaves) => {
    const loaded = loadEarley(buildEarley(grammar, "r", { leaves }));
    return {
      leaves,
      match: (s: string) => matchEarley(loaded, s),
      test: (s: string) => testEarley(loaded, s),
    };
  });
}

/** The reference matcher's verdict, or undefined where it cannot decide (left recursion). */
function referenceVerdict(grammar: Grammar, input: string): boolean | undefined {
  try {
    return referenceMatch(grammar, "r", input);
  } catch (e) {
    if (e instanceof Error && e.message.includes("too deep")) return undefined;
    throw e;
  }
}

/** Random bodies over three rules `r`, `s`, `t` that may refer to each other in any way. */
const recursiveBody: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom('"a"', '"b"', '"ab"', '""', "%x61-62", "r", "s", "t", "r", "s"),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" / ")})`),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" ")})`),
    fc
      .tuple(fc.nat(2), fc.option(fc.nat(2), { nil: undefined }), tie("node"))
      .map(([min, extra, x]) => `${min}*${extra === undefined ? "" : min + extra}(${x})`),
    tie("node").map((x) => `[${x}]`),
  ),
})).node;

/**
 * Random grammars whose leaves overlap like white space between tokens: many sets start runs of
 * the same leaf over the same characters, which is what the runtime's run-joining shortcut is for.
 */
const spacedBody: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom('*" "', '*" " "a"', '*" " "a" *" "', '"a" *" "', '" "', '"1"', '"2"', "r", "s", "t"),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" / ")})`),
    fc.array(tie("node"), { minLength: 2, maxLength: 4 }).map((xs) => `(${xs.join(" ")})`),
    tie("node").map((x) => `*(${x})`),
    tie("node").map((x) => `[${x}]`),
  ),
})).node;

const inputs = fc.array(fc.stringMatching(/^[abA]{0,6}$/), { minLength: 1, maxLength: 8 });

describe("the Earley engine agrees with the definition of ABNF", () => {
  it("on random recursive grammars (left recursion and empty cycles included)", () => {
    fc.assert(
      fc.property(recursiveBody, recursiveBody, recursiveBody, inputs, (r, s, t, strings) => {
        const text = `r = ${r}\ns = ${s}\nt = ${t}\n`;
        const grammar = grammarOf(text);
        const engines = earleyMatchers(grammar);
        for (const input of strings) {
          const expected = fixpointMatch(grammar, "r", input);
          const reference = referenceVerdict(grammar, input);
          if (reference !== undefined)
            expect(reference, `oracles disagree: ${text} on ${input}`).toBe(expected);
          for (const engine of engines) {
            expect(engine.test(input), `${engine.leaves}: ${text} on ${JSON.stringify(input)}`).toBe(
              expected,
            );
            expect(engine.match(input).ok).toBe(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("on random grammars whose leaves overlap like white space", () => {
    fc.assert(
      fc.property(
        spacedBody,
        spacedBody,
        spacedBody,
        fc.array(fc.stringMatching(/^[ a12]{0,8}$/), { minLength: 1, maxLength: 8 }),
        (r, s, t, strings) => {
          const text = `r = ${r}\ns = ${s}\nt = ${t}\n`;
          const grammar = grammarOf(text);
          const engines = earleyMatchers(grammar);
          for (const input of strings) {
            const expected = fixpointMatch(grammar, "r", input);
            for (const engine of engines)
              expect(engine.test(input), `${engine.leaves}: ${text} on ${JSON.stringify(input)}`).toBe(
                expected,
              );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("through RuleCompiler, whichever engine it picks", () => {
    fc.assert(
      fc.property(recursiveBody, recursiveBody, inputs, (r, s, strings) => {
        const text = `r = ${r}\ns = ${s}\nt = "b" s\n`;
        const grammar = grammarOf(text);
        const compiled = new RuleCompiler(grammar).compile("r");
        if (compiled.engine === "none") throw new Error(compiled.reason);
        const m = ruleMatcher(compiled);
        for (const input of strings)
          expect(m.test(input), `${text} on ${input}`).toBe(fixpointMatch(grammar, "r", input));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['r = "a" r "b" / ""\n', ["", "ab", "aabb", "aaabbb"], ["a", "b", "abab", "aab", "ba"]],
    ['r = "(" r ")" r / ""\n', ["", "()", "(())", "()()", "(()())()"], ["(", ")", "(()", "())(", ")("]],
    ['r = r "a" / "b"\n', ["b", "ba", "baaaa"], ["", "a", "ab", "bab"]],
    ['r = r r / "a" / ""\n', ["", "a", "aaaa"], ["b", "ab"]],
    ['r = r / "a"\n', ["a"], ["", "aa"]],
    ['r = x r "a" / "b"\nx = ""\n', ["b", "baa"], ["", "ab"]],
    ['r = *r "a"\n', ["a", "aaa"], ["", "b"]],
    ['r = s "c"\ns = "a" s / "a" / r "b"\n', ["ac", "aac", "acbc", "aacbc"], ["c", "ab", "acb"]],
    ['r = 2*3( "a" r / "b" )\n', ["bb", "bbb", "abbb", "ababbbb"], ["b", "bbbb", "ab"]],
    ['r = "a" [ r ] "a" / "b"\n', ["b", "aa", "aba", "aaaa", "aabaa"], ["a", "aaa", "ab"]],
    // The second `s` starts inside the spaces the first one's leaf already ran over.
    [
      'r = "x" s "1" / "x " s "2"\ns = *" " "a" / "(" r ")"\n',
      ["x  a2", "x a1", "x a2", "x(x a2)1"],
      ["xa2", "x(x a2)2 "],
    ],
  ])("%s", (text, valid, invalid) => {
    const grammar = grammarOf(text);
    const engines = earleyMatchers(grammar);
    for (const engine of engines) {
      for (const s of valid) expect(engine.test(s), `${engine.leaves} ${JSON.stringify(s)}`).toBe(true);
      for (const s of invalid) expect(engine.test(s), `${engine.leaves} ${JSON.stringify(s)}`).toBe(false);
    }
    for (const s of [...valid, ...invalid]) expect(fixpointMatch(grammar, "r", s), s).toBe(valid.includes(s));
  });
});

/** Random regular bodies (the DFA engine's test arbitrary). */
const regularBody: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
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

describe("Earley failure reports", () => {
  it("equal the DFA's (offset, character found, what was expected) on regular rules", () => {
    fc.assert(
      fc.property(regularBody, inputs, (body, strings) => {
        const grammar = grammarOf(`r = ${body}\n`);
        const compiled = new RuleCompiler(grammar).compile("r");
        if (compiled.engine !== "dfa") throw new Error(`expected a DFA for ${body}`);
        const dfa = loadDfa(compiled.dfa);
        const earley = loadEarley(buildEarley(grammar, "r", { leaves: "atomic" }));
        for (const input of strings) {
          const want = matchDfa(dfa, input);
          const got = matchEarley(earley, input);
          const { rules: _wantRules, ...wantCore } = want.ok ? { ...want, rules: [] } : want;
          const { rules: _gotRules, ...gotCore } = got.ok ? { ...got, rules: [] } : got;
          expect(gotCore, `${body} on ${JSON.stringify(input)}`).toEqual(wantCore);
        }
      }),
      { numRuns: 300 },
    );
  });
});
