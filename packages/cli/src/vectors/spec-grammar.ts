/**
 * The reference spec's ABNF files, loaded from the repository and compiled rule by rule, for
 * the generators of the identifier and grammar vectors.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Grammar, loadGrammar, RuleCompiler, ruleMatcher, sampleRule } from "@mimi-spec/grammar";
import { repoRoot } from "../repo.ts";

/** The ABNF files the vectors cover, as repository paths. */
export const SPEC_GRAMMAR_FILES = ["spec/grammar/identifiers.abnf", "spec/grammar/events.abnf"] as const;

/** The seed of every generator behind the vectors (the repository's fixed fast-check seed). */
export const VECTOR_SEED = 20_261_203;

/** One loaded ABNF file. */
export interface SpecGrammar {
  /** Repository path. */
  readonly file: string;
  /** The text, verbatim. */
  readonly text: string;
  readonly grammar: Grammar;
}

const cache = new Map<string, SpecGrammar>();

/** Loads a spec grammar (cached); throws when it has errors, which `pnpm gen` would refuse too. */
export function specGrammar(file: string): SpecGrammar {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const text = readFileSync(join(repoRoot(), file), "utf8");
  const grammar = loadGrammar([{ name: file, text }]);
  const errors = grammar.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${file} has errors: ${errors.map((e) => e.message).join("; ")}`);
  const loaded = { file, text, grammar };
  cache.set(file, loaded);
  return loaded;
}

/** A rule's exact matcher. */
export function ruleTest(loaded: SpecGrammar, rule: string): (input: string) => boolean {
  const compiled = new RuleCompiler(loaded.grammar).compile(rule);
  if (compiled.engine === "none") throw new Error(`${loaded.file} rule ${rule}: ${compiled.reason}`);
  return ruleMatcher(compiled).test;
}

/** A generated string and, for a near miss, the edit that made it. */
export interface GeneratedString {
  readonly text: string;
  readonly edit?: string;
}

/** Up to `count` valid strings of a rule, reproducible from {@link VECTOR_SEED}. */
export function validSamples(loaded: SpecGrammar, rule: string, count: number): GeneratedString[] {
  return sampleRule(loaded.grammar, rule, { count, seed: VECTOR_SEED });
}

/** Up to `count` near misses of a rule (single edits it rejects), with their edits. */
export function nearMissSamples(loaded: SpecGrammar, rule: string, count: number): GeneratedString[] {
  return sampleRule(loaded.grammar, rule, { count, seed: VECTOR_SEED, invalid: true }).map((s) =>
    s.edit === undefined ? { text: s.text } : { text: s.text, edit: s.edit },
  );
}
