import { type Grammar, loadDfa, loadGrammar, RuleCompiler, testDfa } from "@mimi-spec/grammar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGrammarRegistry, defaultGrammarRegistry } from "../../src/arbitrary/grammar-registry.ts";
import { rules as identifierRules } from "../../src/generated/identifiers.grammar.ts";
import { RegExpConversionError, ruleToRegExp } from "../../src/json-schema/abnf-regex.ts";
import { applyEdit, EDIT_CHARACTERS, stringEditArbitrary } from "./near-miss.ts";

const IDENTIFIERS = "spec/grammar/identifiers.abnf";

function grammarOf(text: string): Grammar {
  const grammar = loadGrammar([{ name: "test.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return grammar;
}

function regExpOf(grammar: Grammar, rule: string): RegExp {
  return new RegExp(ruleToRegExp(grammar, rule).pattern, "u");
}

function automatonOf(grammar: Grammar, rule: string): (input: string) => boolean {
  const compiled = new RuleCompiler(grammar).compile(rule);
  if (compiled.engine !== "dfa") throw new Error(`${rule} did not compile to a DFA`);
  const dfa = loadDfa(compiled.dfa);
  return (input) => testDfa(dfa, input);
}

describe("ruleToRegExp agrees with the DFA on every rule of identifiers.abnf", () => {
  const grammar = defaultGrammarRegistry.grammar(IDENTIFIERS);
  const printable = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...EDIT_CHARACTERS),
      fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
    ),
    maxLength: 12,
  });
  for (const rule of grammar.ownRuleKeys) {
    it(rule, () => {
      const re = regExpOf(grammar, rule);
      const generated = identifierRules[grammar.rules.get(rule)?.name ?? rule];
      if (generated === undefined) throw new Error(`no generated parser for ${rule}`);
      const valid = defaultGrammarRegistry.arbitrary({ file: IDENTIFIERS, rule });
      const verdicts = new Set<boolean>();
      const agree = (input: string) => {
        const expected = generated.test(input);
        expect(re.test(input), JSON.stringify(input)).toBe(expected);
        verdicts.add(expected);
      };
      fc.assert(fc.property(valid, agree), { numRuns: 300 });
      fc.assert(
        fc.property(valid, stringEditArbitrary, (input, edit) => agree(applyEdit(input, edit) as string)),
        { numRuns: 1000 },
      );
      fc.assert(fc.property(printable, agree), { numRuns: 1000 });
      expect([...verdicts].sort()).toEqual([false, true]);
    });
  }

  it("keeps the grammar's bounds: a 255-character host name, 1 to 5 port digits", () => {
    const re = regExpOf(grammar, "server_name");
    expect(re.test("a".repeat(255))).toBe(true);
    expect(re.test("a".repeat(256))).toBe(false);
    expect(re.test("a:12345")).toBe(true);
    expect(re.test("a:123456")).toBe(false);
  });
});

describe("ruleToRegExp on empty alternatives", () => {
  // Found by the random-grammar property below (seed 1374969268): an empty first alternative
  // lost its `|`, so `0*0"a" / "aa"` rejected the empty string.
  for (const [text, empty, aa] of [
    ['r0 = 0*0"a" / "aa"\n', true, true],
    ['r0 = "aa" / 0*0"a"\n', true, true],
    ['r0 = 0*0"a" / 0*0"b" / "aa"\n', true, true],
    ['r0 = "b" (0*0"a" / "aa")\n', false, false],
  ] as const) {
    it(JSON.stringify(text), () => {
      const re = regExpOf(grammarOf(text), "r0");
      expect(re.test("")).toBe(empty);
      expect(re.test("aa")).toBe(aa);
      expect(re.test("a")).toBe(false);
    });
  }
});

describe("ruleToRegExp on random regular grammars", () => {
  // Characters that are special in regular expressions, letters in both cases, and beyond.
  const QUOTABLE = [..."aAbB-.^$\\*+?()[]{}|/ 0"];
  const ALPHABET = [...QUOTABLE, "c", "C", "\u0000", "é", "😀", "\u{1F601}"];
  const quote = (chars: string[]) => `"${chars.join("")}"`;
  const char = fc.constantFrom(...QUOTABLE);

  const { element } = fc.letrec<{ element: string; atom: string }>((tie) => ({
    atom: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.array(char, { minLength: 1, maxLength: 3 }).map(quote),
      fc.array(char, { minLength: 1, maxLength: 3 }).map((cs) => `%s${quote(cs)}`),
      fc.constantFrom(
        "%x61-63",
        "%x41.62",
        "%x1F600-1F601",
        "%x0",
        "%xE9",
        "%x63-61",
        "ALPHA",
        "DIGIT",
        "r1",
      ),
      tie("element").map((e) => `(${e})`),
      tie("element").map((e) => `[${e}]`),
    ),
    element: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      tie("atom"),
      fc.tuple(tie("atom"), tie("atom")).map(([a, b]) => `${a} ${b}`),
      fc.tuple(tie("atom"), tie("atom")).map(([a, b]) => `${a} / ${b}`),
      fc
        .tuple(fc.nat(2), fc.option(fc.nat(2), { nil: undefined }), tie("atom"))
        .map(([min, extra, a]) => `${min}*${extra === undefined ? "" : min + extra}${a}`),
      fc.tuple(fc.integer({ min: 1, max: 3 }), tie("atom")).map(([n, a]) => `${n}${a}`),
    ),
  }));
  const grammarText = fc
    .tuple(element, element)
    .map(([r0, r1]) => `r0 = ${r0}\nr1 = ${r1.replaceAll("r1", '"z"')}\n`);
  const input = fc.string({ unit: fc.constantFrom(...ALPHABET, "z", "Z"), maxLength: 8 });

  it("accepts exactly what the compiled DFA accepts", () => {
    const verdicts = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(
        grammarText,
        fc.array(input, { minLength: 20, maxLength: 20 }),
        fc.nat(),
        (text, inputs, seed) => {
          const grammar = grammarOf(text);
          const re = regExpOf(grammar, "r0");
          const dfa = automatonOf(grammar, "r0");
          // Random strings, and strings the rule derives (through the registry's generator).
          const registry = createGrammarRegistry({ readFile: () => text, ruleArbitrary: null });
          let derived: string[] = [];
          try {
            derived = fc.sample(registry.arbitrary({ file: "random.abnf", rule: "r0" }), {
              numRuns: 10,
              seed,
            });
          } catch (e) {
            // A rule like 1%x63-61 matches no string at all.
            expect((e as Error).message).toMatch(/matches no string/);
          }
          for (const s of [...inputs, ...derived]) {
            const expected = dfa(s);
            expect(re.test(s), `${text} on ${JSON.stringify(s)}`).toBe(expected);
            verdicts[expected ? "accepted" : "rejected"]++;
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(verdicts.accepted).toBeGreaterThan(200);
    expect(verdicts.rejected).toBeGreaterThan(200);
  });

  it("agrees with the DFA on every string of up to two characters", () => {
    const alphabet = [...ALPHABET, "z"];
    const all = ["", ...alphabet, ...alphabet.flatMap((a) => alphabet.map((b) => a + b))];
    fc.assert(
      fc.property(grammarText, (text) => {
        const grammar = grammarOf(text);
        const re = regExpOf(grammar, "r0");
        const dfa = automatonOf(grammar, "r0");
        for (const s of all) expect(re.test(s), `${text} on ${JSON.stringify(s)}`).toBe(dfa(s));
      }),
      { numRuns: 150 },
    );
  });
});

describe("ruleToRegExp's output", () => {
  it("writes case-insensitive letters as classes, escapes specials, uses \\u{...} beyond ASCII", () => {
    const grammar = grammarOf('r = "aB-" %s"x.y" %x1F600-1F64F %xE9 2*4"." [%x0]\n');
    expect(ruleToRegExp(grammar, "r").pattern).toBe(
      "^[Aa][Bb]-x\\.y[\\u{1F600}-\\u{1F64F}]\\u{E9}\\.{2,4}\\u{0}?$",
    );
    const re = regExpOf(grammar, "r");
    expect(re.test("Ab-x.y😀é..")).toBe(true);
    expect(re.test("Ab-X.y😀é..")).toBe(false);
    expect(re.test("Ab-x.y😀é.....")).toBe(false);
    expect(ruleToRegExp(grammar, "r").maxCodePoint).toBe(0x1f64f);
  });

  it("merges single-character alternatives into one class", () => {
    const grammar = grammarOf('r = DIGIT / "a" / %x62-66 / "-" / "]"\n');
    // "a" is case-insensitive (A, a); %x62-66 is not (b-f only).
    expect(ruleToRegExp(grammar, "r").pattern).toBe("^[\\-0-9A\\]a-f]$");
  });

  it("groups alternatives and quantified sequences", () => {
    const grammar = grammarOf('r = *("ab" / "c") 1*("d" "e") 3%s"f"\n');
    expect(ruleToRegExp(grammar, "r").pattern).toBe("^(?:[Cc]|[Aa][Bb])*(?:[Dd][Ee])+f{3}$");
  });

  it("applies overrides in place of a rule", () => {
    const grammar = grammarOf('r = "x:" port\nport = 1*5DIGIT\n');
    const { pattern } = ruleToRegExp(grammar, "r", {
      overrides: { PORT: { source: "1|2", maxCodePoint: 0x32 } },
    });
    expect(pattern).toBe("^[Xx]:(?:1|2)$");
  });

  it("refuses recursive, undefined, prose-based and oversized rules with a reason", () => {
    expect(() => ruleToRegExp(grammarOf('r = "(" [r] ")"\n'), "r")).toThrow(
      /refers back to itself \(r → r\)/,
    );
    expect(() => ruleToRegExp(grammarOf("r = q\n"), "r")).toThrow(/rule `q` is not defined/);
    expect(() => ruleToRegExp(grammarOf("r = <a host name>\n"), "r")).toThrow(/prose value <a host name>/);
    expect(() => ruleToRegExp(grammarOf("r = s\n"), "nothing")).toThrow(RegExpConversionError);
    const doubling = Array.from({ length: 30 }, (_, i) => `r${i} = r${i + 1} r${i + 1}\n`).join("");
    expect(() => ruleToRegExp(grammarOf(`${doubling}r30 = "ab"\n`), "r0")).toThrow(
      /would exceed 100000 characters/,
    );
  });
});
