/**
 * Grammar vectors: for every rule written in `spec/grammar/*.abnf`, strings generated from the
 * rule (valid) and near misses one edit away (invalid), from a fixed seed. The verdict is the
 * rule's exact matcher's (RFC 5234 semantics: some choice of alternatives and repetition counts
 * matches), checked again here so a generator bug cannot slip a wrong verdict into the file.
 *
 * @module
 */
import {
  type GrammarVector,
  type GrammarVectorFile,
  VECTOR_FORMAT,
  VECTOR_FORMAT_VERSION,
} from "./shapes.ts";
import {
  nearMissSamples,
  ruleTest,
  SPEC_GRAMMAR_FILES,
  specGrammar,
  VECTOR_SEED,
  validSamples,
} from "./spec-grammar.ts";

/** Strings per rule: this many samples and this many near misses. */
export const GRAMMAR_SAMPLES_PER_RULE = 8;

function stem(file: string): string {
  return (file.split("/").at(-1) ?? file).replace(/\.abnf$/u, "");
}

/** The vectors of one ABNF file. */
export function grammarVectorsOf(file: string): GrammarVector[] {
  const loaded = specGrammar(file);
  const out: GrammarVector[] = [];
  for (const key of loaded.grammar.ownRuleKeys) {
    const rule = loaded.grammar.rules.get(key)?.name ?? key;
    const test = ruleTest(loaded, rule);
    const base = `grammar/${stem(file)}/${rule.toLowerCase()}`;
    const number = (i: number) => String(i + 1).padStart(2, "0");
    validSamples(loaded, rule, GRAMMAR_SAMPLES_PER_RULE).forEach((s, i) => {
      if (!test(s.text))
        throw new Error(`${file} rule ${rule}: generated ${JSON.stringify(s.text)} does not match`);
      out.push({
        id: `${base}/valid/${number(i)}`,
        file,
        rule,
        input: s.text,
        expected: { matches: true },
        source: "sample",
      });
    });
    nearMissSamples(loaded, rule, GRAMMAR_SAMPLES_PER_RULE).forEach((s, i) => {
      if (test(s.text)) throw new Error(`${file} rule ${rule}: near miss ${JSON.stringify(s.text)} matches`);
      out.push({
        id: `${base}/invalid/${number(i)}`,
        file,
        rule,
        input: s.text,
        expected: { matches: false },
        source: "near-miss",
        ...(s.edit === undefined ? {} : { note: s.edit }),
      });
    });
  }
  return out;
}

/** The grammar file (of every spec grammar, or of the files given). */
export function grammarVectorFile(files: ReadonlyArray<string> = SPEC_GRAMMAR_FILES): GrammarVectorFile {
  const grammars: Record<string, string> = {};
  for (const file of files) grammars[file] = specGrammar(file).text;
  return {
    $schema: "./grammar.schema.json",
    format: VECTOR_FORMAT,
    version: VECTOR_FORMAT_VERSION,
    kind: "grammar",
    description:
      "Strings per ABNF rule with the exact RFC 5234 verdict (RFC 7405 case rules: quoted literals are case-insensitive). The rule names are the grammar's own; match them case-insensitively.",
    seed: VECTOR_SEED,
    grammars,
    vectors: files.flatMap(grammarVectorsOf),
  };
}
