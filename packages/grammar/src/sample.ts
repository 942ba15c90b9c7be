/**
 * Deterministic samples of a rule for people and scripts (`mimi grammar sample`): valid strings
 * of any rule (recursive ones included), or near misses: single edits of valid strings that the
 * rule's own matcher rejects, each with a description of the edit.
 *
 * @module
 */
import fc from "fast-check";
import { RuleCompiler, ruleMatcher } from "./engine/compile.ts";
import { nearMisses } from "./generate/near-miss.ts";
import { ruleArbitrary } from "./generate/rule-arbitrary.ts";
import type { Grammar } from "./grammar.ts";

/** Options for {@link sampleRule}. */
export interface SampleOptions {
  readonly count: number;
  readonly seed: number;
  /** Near-miss invalid strings instead of valid ones. */
  readonly invalid?: boolean;
}

/** One sample: the string, and for a near miss, what edit made it invalid. */
export interface Sample {
  readonly text: string;
  readonly edit?: string;
}

/** Up to `count` distinct strings of the rule, reproducible from `seed`. */
export function sampleRule(grammar: Grammar, rule: string, options: SampleOptions): Sample[] {
  const compiled = new RuleCompiler(grammar).compile(rule);
  if (compiled.engine === "none") throw new Error(compiled.reason);
  if (options.invalid === true) {
    const matcher = ruleMatcher(compiled);
    // Near misses come in a fixed order; the seed picks which ones to show.
    const all = nearMisses(grammar, rule, matcher.test, { limit: Math.max(options.count * 4, 20) });
    const picked = fc.sample(
      fc.shuffledSubarray(all, {
        minLength: Math.min(options.count, all.length),
        maxLength: Math.min(options.count, all.length),
      }),
      {
        numRuns: 1,
        seed: options.seed,
      },
    )[0];
    return (picked ?? []).map((m) => ({ text: m.text, edit: m.description }));
  }
  const out = new Set<string>();
  const arbitrary = ruleArbitrary(grammar, rule);
  // Oversample, since small rules repeat themselves; stop once `count` distinct strings exist.
  for (const text of fc.sample(arbitrary, { numRuns: options.count * 4 + 4, seed: options.seed })) {
    if (out.size >= options.count) break;
    out.add(text);
  }
  return [...out].map((text) => ({ text }));
}
