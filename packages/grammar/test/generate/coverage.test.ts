import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleCompiler } from "../../src/engine/compile.ts";
import { type CoverageReport, coverageSamples, formatCoverageReport } from "../../src/generate/coverage.ts";
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

/** `rule: description → sample text` for reached targets, `rule: description ✗ reason` for the rest. */
function outcomes(report: CoverageReport, samples: ReadonlyArray<string>): string[] {
  return report.outcomes.map((o) =>
    o.status === "reached"
      ? `${o.target.rule}: ${o.target.description} → ${samples[o.sample]}`
      : `${o.target.rule}: ${o.target.description} ✗ ${o.reason}`,
  );
}

describe("coverageSamples", () => {
  it("reaches every listed target of a small grammar with the shortest strings", () => {
    const grammar = grammarOf('r = "a" / 2*3b / c\nb = %x30-32\nc = "x" [ "y" ]\n');
    const { samples, report } = coverageSamples(grammar, "r");
    expect(samples).toEqual(["a", "00", "x", "000", "20", "xy"]);
    expect(outcomes(report, samples)).toEqual([
      'r: alternative 1 of 3: "a" → a',
      "r: alternative 2 of 3: 2*3b → 00",
      "r: alternative 3 of 3: c → x",
      "r: 2*3b repeated 2 times → 00",
      "r: 2*3b repeated 3 times → 000",
      "b: %x30-32 at its low edge '0' (U+0030) → 00",
      "b: %x30-32 at its high edge '2' (U+0032) → 20",
      'c: option [ "y" ] left out → x',
      'c: option [ "y" ] taken → xy',
    ]);
    expect(report).toMatchObject({ rule: "r", samples: 6, reached: 9, unreachable: 0 });
    const accepts = dfaTest(grammar, "r");
    for (const s of samples) expect(accepts(s)).toBe(true);
  });

  it("covers min, min + 1 and a finite max of repetitions, and the edges of ranges across surrogates", () => {
    const grammar = grammarOf("r = 1*4%xD7FE-E001\n");
    const { samples, report } = coverageSamples(grammar, "r");
    expect(outcomes(report, samples)).toEqual([
      "r: 1*4%xD7FE-E001 repeated 1 time → \ud7fe",
      "r: 1*4%xD7FE-E001 repeated 2 times → \ud7fe\ud7fe",
      "r: 1*4%xD7FE-E001 repeated 4 times → \ud7fe\ud7fe\ud7fe\ud7fe",
      "r: %xD7FE-E001 at its low edge U+D7FE → \ud7fe",
      "r: %xD7FE-E001 at its high edge U+E001 → \ue001",
    ]);
  });

  it("says why a target cannot be reached", () => {
    const grammar = grammarOf(
      'r = "a" / s / "(" r ")" / big / "<" d1 ">" / "a" *s\ns = %x62-61\nbig = 5000"x"\nd1 = "1" d2\nd2 = "2" d3\nd3 = "3" / "4"\n',
    );
    const { samples, report } = coverageSamples(grammar, "r", { maxNesting: 2 });
    const unreachable = outcomes(report, samples).filter((o) => o.includes("✗"));
    expect(unreachable).toEqual([
      "r: alternative 2 of 6: s ✗ this alternative matches no finite string: the range %x62-61 (g.abnf:2:5) is empty",
      "r: alternative 4 of 6: big ✗ the shortest string that reaches it has 5000 characters (maxLength is 4096)",
      "r: *s repeated 1 time ✗ its element matches no finite string: the range %x62-61 (g.abnf:2:5) is empty",
      'big: 5000"x" repeated 5000 times ✗ the shortest string that reaches it has 5000 characters (maxLength is 4096)',
      'd3: alternative 2 of 2: "4" ✗ it is reached only through 3 nested rules (maxNesting is 2)',
    ]);
    expect(report.unreachable).toBe(5);
    // The shortest derivation of `"<" d1 ">"` takes d3's first alternative on the way, beyond
    // the nesting limit: a target some sample does reach counts as reached.
    expect(outcomes(report, samples)).toContain('d3: alternative 1 of 2: "3" → <123>');
    const accepts = referenceTest(grammar, "r");
    for (const s of samples) expect(accepts(s)).toBe(true);
    expect(coverageSamples(grammar, "r", { maxLength: 6000 }).report.unreachable).toBe(2);
  });

  it("prints a report with the summary, the reasons and the samples", () => {
    const grammar = grammarOf('r = "a" / s\ns = %x62-61\n');
    const { samples, report } = coverageSamples(grammar, "r");
    expect(formatCoverageReport(report, samples)).toBe(
      [
        "coverage of `r`: 1 of 2 targets reached by 1 sample",
        "unreachable:",
        "  r (g.abnf:1:5) alternative 2 of 2: s: this alternative matches no finite string: the range %x62-61 (g.abnf:2:5) is empty",
        "reached:",
        '  [0] r (g.abnf:1:5) alternative 1 of 2: "a"',
        "samples:",
        '  [0] "a"',
      ].join("\n"),
    );
  });

  it("covers a recursive grammar completely with strings the definition accepts", () => {
    for (const [text, rule] of [
      [BALANCED, "balanced"],
      [MINI_JSON, "text"],
    ] as const) {
      const grammar = grammarOf(text);
      const { samples, report } = coverageSamples(grammar, rule);
      expect(report.unreachable).toBe(0);
      for (const s of samples) expect(referenceMatch(grammar, rule, s), JSON.stringify(s)).toBe(true);
    }
    const json = coverageSamples(grammarOf(MINI_JSON), "value").samples;
    for (const expected of [
      "null",
      "true",
      "false",
      "0",
      '""',
      "[]",
      "{}",
      "[0,0]",
      '{"":0}',
      "-0",
      "0.0",
      "1",
    ])
      expect(json).toContain(expected);
  });

  it("covers the RFC 8259 and RFC 3986 grammars completely", () => {
    const json = fixtureGrammar("rfc8259-json.abnf");
    const jsonCoverage = coverageSamples(json, "JSON-text");
    expect(jsonCoverage.report.unreachable).toBe(0);
    for (const s of jsonCoverage.samples) expect(referenceMatch(json, "JSON-text", s)).toBe(true);

    const uri = fixtureGrammar("rfc3986-uri.abnf");
    const uriCoverage = coverageSamples(uri, "URI-reference");
    expect(uriCoverage.report.unreachable).toBe(0);
    expect(uriCoverage.report.outcomes.length).toBeGreaterThan(150);
    // Small: far fewer strings than targets, because the shortest derivations share targets.
    expect(uriCoverage.samples.length).toBeLessThan(uriCoverage.report.outcomes.length * 0.7);
    const accepts = dfaTest(uri, "URI-reference");
    for (const s of uriCoverage.samples) expect(accepts(s), s).toBe(true);
  });

  it("quotes alternatives added with =/ from their own file, and uses the caller's prose strings", () => {
    const grammar = loadGrammar([
      { name: "a.abnf", text: 'r = "a"\n' },
      { name: "b.abnf", text: 'r =/ %s"b" <word>\n' },
    ]);
    const { samples, report } = coverageSamples(grammar, "r", { prose: { word: fc.constantFrom("x", "y") } });
    expect(outcomes(report, samples)).toEqual([
      'r: alternative 1 of 2: "a" → a',
      expect.stringMatching(/^r: alternative 2 of 2: %s"b" <word> → b[xy]$/),
    ]);
    expect(report.outcomes[1]?.target.location).toBe("a.abnf:1:5");
  });

  it("is deterministic", () => {
    const grammar = fixtureGrammar("rfc3986-uri.abnf");
    expect(coverageSamples(grammar, "URI")).toEqual(coverageSamples(grammar, "URI"));
  });

  it("reaches every target it does not explain, on random recursive grammars", () => {
    fc.assert(
      fc.property(recursiveGrammarArbitrary(), (text) => {
        const grammar = loadGrammar([{ name: "g.abnf", text }]);
        let result: ReturnType<typeof coverageSamples>;
        try {
          result = coverageSamples(grammar, "r0");
        } catch (e) {
          expect((e as Error).message).toContain("matches no finite string");
          return;
        }
        const compiled = new RuleCompiler(grammar).compile("r0");
        const dfa = compiled.engine === "dfa" ? dfaTest(grammar, "r0") : undefined;
        for (const s of result.samples) {
          expect(referenceMatch(grammar, "r0", s), `${text} → ${JSON.stringify(s)}`).toBe(true);
          if (dfa !== undefined) expect(dfa(s)).toBe(true);
        }
        for (const o of result.report.outcomes)
          if (o.status === "unreachable") expect(o.reason).toContain("matches no finite string");
        expect(new Set(result.samples).size).toBe(result.samples.length);
      }),
      { numRuns: 300 },
    );
  });
});
