/** Shared helpers for the generator tests: grammars, exact matchers and random grammars. */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { expect } from "vitest";
import { RuleCompiler } from "../../src/engine/compile.ts";
import { type Grammar, loadGrammar } from "../../src/grammar.ts";
import { loadDfa, testDfa } from "../../src/runtime/dfa-runtime.ts";
import { referenceMatch } from "../support/reference-matcher.ts";

/** Loads one text named `g.abnf` and insists it has no errors. */
export function grammarOf(text: string): Grammar {
  const grammar = loadGrammar([{ name: "g.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return grammar;
}

/** The DFA matcher of a regular rule (fails the test when the rule does not compile to a DFA). */
export function dfaTest(grammar: Grammar, rule: string): (input: string) => boolean {
  const compiled = new RuleCompiler(grammar).compile(rule);
  if (compiled.engine !== "dfa") throw new Error(`${rule} is not regular`);
  const dfa = loadDfa(compiled.dfa);
  return (input) => testDfa(dfa, input);
}

/** The definitional matcher (test/support/reference-matcher.ts), for small grammars. */
export function referenceTest(grammar: Grammar, rule: string): (input: string) => boolean {
  return (input) => referenceMatch(grammar, rule, input);
}

/** An RFC fixture grammar with its imports. */
export function fixtureGrammar(file: string, imports: ReadonlyArray<string> = []): Grammar {
  const read = (name: string) => ({
    name,
    text: readFileSync(new URL(`../fixtures/rfc/${name}`, import.meta.url), "utf8"),
  });
  return loadGrammar([read(file)], { defines: imports.map(read) });
}

/** Balanced parentheses and brackets: recursive in the middle, not on the left. */
export const BALANCED = `balanced = *group
group = "(" balanced ")" / "[" balanced "]"
`;

/** A small JSON after RFC 8259: objects, arrays, strings, numbers, literals, with white space. */
export const MINI_JSON = `text = ws value ws
value = "null" / %s"true" / %s"false" / number / string / array / object
array = "[" ws [ value *( ws "," ws value ) ws ] "]"
object = "{" ws [ member *( ws "," ws member ) ws ] "}"
member = string ws ":" ws value
number = [ "-" ] ( "0" / %x31-39 *DIGIT ) [ "." 1*DIGIT ]
string = DQUOTE *( %x20-21 / %x23-5B / %x5D-7E / "\\" ( DQUOTE / "\\" / "n" ) ) DQUOTE
ws = *( %x20 / %x0A )
`;

/**
 * Random grammars `r0 … rN` over a tiny alphabet, every construct meeting every other. A rule
 * refers to later rules freely and to any rule (itself included) only after `"("`, so grammars
 * recurse but never on the left (the reference matcher cannot do left recursion). Some rules match
 * no finite string (`r0 = "(" r0 ")"`), on purpose.
 */
export function recursiveGrammarArbitrary(maxRules = 3): fc.Arbitrary<string> {
  return fc
    .integer({ min: 1, max: maxRules })
    .chain((n) =>
      fc
        .tuple(...Array.from({ length: n }, (_, i) => bodyArbitrary(i, n)))
        .map((bodies) => bodies.map((body, i) => `r${i} = ${body}\n`).join("")),
    );
}

function bodyArbitrary(rule: number, rules: number): fc.Arbitrary<string> {
  const leaves: Array<fc.Arbitrary<string>> = [
    fc.constantFrom('"a"', '"b"', '"ab"', '%s"A"', "%x61-62", "%x61.62"),
  ];
  if (rule + 1 < rules) leaves.push(fc.integer({ min: rule + 1, max: rules - 1 }).map((j) => `r${j}`));
  leaves.push(fc.nat(rules - 1).map((j) => `"(" r${j} ")"`));
  return fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true, maxDepth: 3 },
      fc.oneof(...leaves),
      fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" / ")})`),
      fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" ")})`),
      fc
        .tuple(fc.nat(2), fc.option(fc.nat(2), { nil: undefined }), tie("node"))
        .map(([min, extra, x]) => `${min}*${extra === undefined ? "" : min + extra}(${x})`),
      tie("node").map((x) => `[${x}]`),
    ),
  })).node;
}
