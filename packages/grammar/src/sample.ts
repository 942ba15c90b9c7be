/**
 * Deterministic samples of a rule for people and scripts (`mimi grammar sample`): valid strings,
 * or near-miss invalid ones (single edits of valid strings that the rule rejects).
 *
 * @module
 */
import fc from "fast-check";
import { RuleCompiler, ruleMatcher } from "./engine/compile.ts";
import { dfaArbitrary } from "./generate/dfa-arbitrary.ts";
import type { Grammar } from "./grammar.ts";

/** Options for {@link sampleRule}. */
export interface SampleOptions {
  readonly count: number;
  readonly seed: number;
  /** Near-miss invalid strings instead of valid ones. */
  readonly invalid?: boolean;
}

/** `count` strings of the rule (distinct where the rule has enough), reproducible from `seed`. */
export function sampleRule(grammar: Grammar, rule: string, options: SampleOptions): string[] {
  const compiled = new RuleCompiler(grammar).compile(rule);
  if (compiled.engine === "none") throw new Error(compiled.reason);
  if (compiled.engine !== "dfa")
    throw new Error(`sampling the recursive rule \`${compiled.name}\` is not supported yet`);
  const matcher = ruleMatcher(compiled);
  const valid = dfaArbitrary(compiled.dfa);
  const arbitrary =
    options.invalid === true
      ? fc
          .tuple(valid, fc.nat(), fc.nat(0x7e - 0x20), fc.constantFrom("insert", "delete", "replace"))
          .map(([s, at, c, edit]) => singleEdit(s, at, String.fromCharCode(0x20 + c), edit))
          .filter((s) => !matcher.test(s))
      : valid;
  const out = new Set<string>();
  let attempts = 0;
  const seeds = fc.sample(fc.nat(), { numRuns: Math.max(1, options.count), seed: options.seed });
  for (const s of seeds) {
    for (const value of fc.sample(arbitrary, { numRuns: 4, seed: s })) {
      if (out.size < options.count) out.add(value);
    }
    attempts++;
    if (out.size >= options.count || attempts > options.count * 4) break;
  }
  return [...out];
}

function singleEdit(s: string, at: number, c: string, edit: "insert" | "delete" | "replace"): string {
  const chars = [...s];
  const i = chars.length === 0 ? 0 : at % (chars.length + (edit === "insert" ? 1 : 0));
  if (edit === "insert") chars.splice(i, 0, c);
  else if (edit === "delete") chars.splice(i, 1);
  else chars.splice(i, 1, c);
  return chars.join("");
}
