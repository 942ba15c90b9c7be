/**
 * Whether two rules (each in its own grammar) accept the same strings, and if not, a witness for
 * each direction: a string the first accepts and the second rejects ("wider"), and one the second
 * accepts and the first rejects ("narrower").
 *
 * Witnesses come from the grammar toolkit's generators: each rule's coverage samples (every
 * alternative, both ends of every repetition, both edges of every range) are tried on the other
 * rule's exact matcher, and each rule's near misses (invalid strings one edit away from valid
 * ones) on the first. When both rules compile to DFAs and the generators found nothing in a
 * direction, a search over pairs of DFA states settles it exactly. Otherwise (a recursive rule)
 * random samples from a fixed seed are tried too, so the result is reproducible either way.
 *
 * @module
 */
import {
  type CompiledRule,
  coverageSamples,
  type Grammar,
  nearMisses,
  type RuleMatcher,
  sampleRule,
} from "@mimi-spec/grammar";
import { shortestDifference } from "./dfa-difference.ts";

/** One side of a comparison: a rule, its grammar, and its compiled form and matcher. */
export interface RuleSide {
  readonly grammar: Grammar;
  readonly rule: string;
  readonly compiled: Exclude<CompiledRule, { engine: "none" }>;
  readonly matcher: RuleMatcher;
  /** Caches the side's generated strings (the reference rule is compared with many drafts). */
  readonly memo?: <T>(purpose: string, compute: () => T) => T;
}

/** How a witness was found. */
export type WitnessSource = "sample" | "near-miss" | "automaton";

/** A string on which two rules disagree. */
export interface Witness {
  readonly text: string;
  /** Found among the accepting rule's samples, the rejecting rule's near misses, or by DFA search. */
  readonly foundBy: WitnessSource;
}

/** What {@link compareRules} found. */
export interface RuleDifference {
  /** A string the first rule accepts and the second rejects. */
  readonly wider?: Witness;
  /** A string the second rule accepts and the first rejects. */
  readonly narrower?: Witness;
  /** Whether "no witness" is proven (both rules are DFAs and were searched exhaustively). */
  readonly exact: boolean;
}

/** Options for {@link compareRules}. */
export interface CompareOptions {
  /** The seed of the random samples (default {@link DEFAULT_COMPARE_SEED}). */
  readonly seed?: number;
  /** How many random samples per rule, when a rule is recursive (default 32). */
  readonly samples?: number;
  /** How many near misses per rule (default 64). */
  readonly nearMisses?: number;
}

/** The fixed seed of the comparison's random samples: RFC 5234's number. */
export const DEFAULT_COMPARE_SEED = 5234;

/** Compares rule `a` with rule `b`. */
export function compareRules(a: RuleSide, b: RuleSide, options: CompareOptions = {}): RuleDifference {
  const seed = options.seed ?? DEFAULT_COMPARE_SEED;
  const sampleCount = options.samples ?? 32;
  const missCount = options.nearMisses ?? 64;
  // The automata decide regular rules exactly; random samples only help the context-free ones.
  const exhaustive = a.compiled.engine === "dfa" && b.compiled.engine === "dfa";
  const randomCount = exhaustive ? 0 : sampleCount;
  const generated = (side: RuleSide) =>
    memoOf(side)(`samples/${seed}/${randomCount}`, () => samplesOf(side, seed, randomCount));
  const misses = (side: RuleSide) =>
    memoOf(side)(`near-misses/${missCount}`, () => nearMissesOf(side, missCount));

  const witness = (accepts: RuleSide, rejects: RuleSide): Witness | undefined => {
    const found: Witness[] = [];
    for (const text of generated(accepts))
      if (!rejects.matcher.test(text)) found.push({ text, foundBy: "sample" });
    for (const text of misses(rejects))
      if (accepts.matcher.test(text)) found.push({ text, foundBy: "near-miss" });
    return shortest(found);
  };
  let wider = witness(a, b);
  let narrower = witness(b, a);
  let exact = false;
  // `exhaustive`, spelled out so the type checker knows both carry a DFA.
  if (a.compiled.engine === "dfa" && b.compiled.engine === "dfa") {
    exact = true;
    if (wider === undefined) {
      const r = shortestDifference(a.compiled.dfa, b.compiled.dfa);
      if (r.kind === "witness") wider = { text: r.text, foundBy: "automaton" };
      else if (r.kind === "too-large") exact = false;
    }
    if (narrower === undefined) {
      const r = shortestDifference(b.compiled.dfa, a.compiled.dfa);
      if (r.kind === "witness") narrower = { text: r.text, foundBy: "automaton" };
      else if (r.kind === "too-large") exact = false;
    }
  }
  return {
    ...(wider === undefined ? {} : { wider }),
    ...(narrower === undefined ? {} : { narrower }),
    exact,
  };
}

function memoOf(side: RuleSide): <T>(purpose: string, compute: () => T) => T {
  return side.memo ?? ((_purpose, compute) => compute());
}

/** Coverage samples and seeded random samples of a rule; none when the rule cannot generate. */
function samplesOf(side: RuleSide, seed: number, count: number): string[] {
  const out = new Set<string>();
  try {
    for (const s of coverageSamples(side.grammar, side.rule).samples) out.add(s);
    if (count > 0) for (const s of sampleRule(side.grammar, side.rule, { count, seed })) out.add(s.text);
  } catch {
    // A rule without finite strings, or with a prose value: nothing to generate.
  }
  return [...out];
}

/** Near misses of a rule (strings its matcher rejects); none when the rule cannot generate. */
function nearMissesOf(side: RuleSide, limit: number): string[] {
  try {
    return nearMisses(side.grammar, side.rule, side.matcher.test, { limit }).map((m) => m.text);
  } catch {
    return [];
  }
}

/** The shortest witness (then the first in code-unit order): the easiest to read. */
function shortest(found: ReadonlyArray<Witness>): Witness | undefined {
  let best: Witness | undefined;
  for (const w of found) {
    if (
      best === undefined ||
      w.text.length < best.text.length ||
      (w.text.length === best.text.length && w.text < best.text)
    )
      best = w;
  }
  return best;
}
