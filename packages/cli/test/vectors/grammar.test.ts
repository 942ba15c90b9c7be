import { loadDfa, testDfa } from "@mimi-spec/grammar";
import { defaultGrammarRegistry } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { GRAMMAR_SAMPLES_PER_RULE, grammarVectorFile } from "../../src/vectors/grammar.ts";
import { SPEC_GRAMMAR_FILES, specGrammar } from "../../src/vectors/spec-grammar.ts";

const file = grammarVectorFile();

describe("grammar vectors", () => {
  it("ship each ABNF file verbatim", () => {
    for (const f of SPEC_GRAMMAR_FILES) expect(file.grammars[f]).toBe(specGrammar(f).text);
  });

  it("cover every rule of every file with matching and non-matching strings", () => {
    for (const f of SPEC_GRAMMAR_FILES) {
      const { grammar } = specGrammar(f);
      for (const key of grammar.ownRuleKeys) {
        const of = file.vectors.filter((v) => v.file === f && v.rule.toLowerCase() === key);
        expect(
          of.some((v) => v.expected.matches),
          `${f} ${key}`,
        ).toBe(true);
        expect(of.length, `${f} ${key}`).toBeLessThanOrEqual(2 * GRAMMAR_SAMPLES_PER_RULE);
      }
    }
    // A rule of one fixed literal has no near misses to speak of beyond edits; most rules do.
    expect(file.vectors.filter((v) => !v.expected.matches).length).toBeGreaterThan(150);
  });

  it("agree with the parsers generated from identifiers.abnf by `pnpm gen`", () => {
    const ids = file.vectors.filter((v) => v.file === "spec/grammar/identifiers.abnf");
    expect(ids.length).toBeGreaterThan(100);
    for (const v of ids) {
      const dfa = loadDfa(defaultGrammarRegistry.dfa({ file: v.file, rule: v.rule }));
      expect(testDfa(dfa, v.input), v.id).toBe(v.expected.matches);
    }
  });

  it("describe each near miss by its edit", () => {
    const misses = file.vectors.filter((v) => v.source === "near-miss");
    expect(misses.every((v) => !v.expected.matches && typeof v.note === "string")).toBe(true);
    expect(misses.map((v) => v.note)).toContainEqual(expect.stringMatching(/^(inserted|deleted|replaced) /));
  });
});
