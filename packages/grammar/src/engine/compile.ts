/**
 * Chooses an engine per rule and compiles it, with exact RFC 5234 semantics (every choice of
 * alternatives and repetition counts is considered at once):
 *
 * - a rule that reaches no reference cycle is regular and becomes a DFA (linear time);
 * - a rule that does becomes a deterministic descent program (`"descent"`, linear time, no
 *   backtracking) when `engine/descent/plan.ts` proves that such a program decides it exactly:
 *   every choice is decided by the next code point (looking past a set of code points where needed)
 *   and every regular part may take its longest match;
 * - otherwise it becomes an Earley grammar whose regular parts are DFA leaves (`"earley"`, exact
 *   for every context-free grammar).
 *
 * Failure reports of descent rules come from the Earley engine, so all exact engines word them
 * alike. With `semantics: "peg"` every rule is instead compiled to a backtracking PEG program
 * (`"peg"`): first-match alternatives and greedy repetitions, which is NOT RFC 5234 but what
 * apg-js and Peggy parsers do. Rules that cannot be compiled say why.
 *
 * Only live parts of rules count: a repetition whose maximum is 0 (RFC 3986's `0<pchar>`) matches
 * the empty string whatever it names, so its prose value or undefined rule is no obstacle.
 *
 * @module
 */
import type { Grammar } from "../grammar.ts";
import { ruleKey } from "../grammar.ts";
import { loadDescent, matchDescent, testDescent } from "../runtime/descent-runtime.ts";
import { loadDfa, type MatchResult, matchDfa, testDfa } from "../runtime/dfa-runtime.ts";
import {
  type EarleySource,
  type LoadedEarley,
  loadEarley,
  matchEarley,
  testEarley,
} from "../runtime/earley-runtime.ts";
import { assembleDescent } from "./descent/assemble.ts";
import { compilePeg } from "./descent/peg.ts";
import { planDescent } from "./descent/plan.ts";
import type { DescentData } from "./descent/program.ts";
import { type DfaData, determinize } from "./dfa.ts";
import { type EarleyData, GrammarTooLarge } from "./earley/earley-data.ts";
import { LeafCompiler } from "./earley/leaves.ts";
import { liveDependencies } from "./earley/live-rules.ts";
import { buildEarley } from "./earley/translate.ts";
import { AutomatonTooLarge, buildNfa } from "./nfa.ts";
import type { Irregularity } from "./regularity.ts";

/** A rule compiled to a deterministic automaton. */
export interface DfaRule {
  readonly engine: "dfa";
  readonly key: string;
  readonly name: string;
  readonly dfa: DfaData;
}

/** A recursive rule compiled for the Earley runtime. */
export interface EarleyRule {
  readonly engine: "earley";
  readonly key: string;
  readonly name: string;
  readonly earley: EarleyData;
  /** Why the deterministic descent engine was not used (absent when it was not tried). */
  readonly descentRefused?: string;
}

/**
 * A recursive rule proved to be decided exactly by a deterministic descent program. The Earley
 * form is kept for failure reports (where and what was expected), which it words like every engine.
 */
export interface DescentRule {
  readonly engine: "descent";
  readonly key: string;
  readonly name: string;
  readonly descent: DescentData;
  readonly earley: EarleyData;
}

/** A rule compiled with PEG semantics (first-match alternatives, greedy repetitions): NOT RFC 5234. */
export interface PegRule {
  readonly engine: "peg";
  readonly key: string;
  readonly name: string;
  readonly peg: DescentData;
}

/** A rule that could not be compiled, and why. */
export interface UncompilableRule {
  readonly engine: "none";
  readonly key: string;
  readonly name: string;
  readonly reason: string;
}

/** The result of compiling one rule. */
export type CompiledRule = DfaRule | EarleyRule | DescentRule | PegRule | UncompilableRule;

/** A compiled rule that can match. */
export type MatchableRule = Exclude<CompiledRule, UncompilableRule>;

/** Options for {@link RuleCompiler}. */
export interface RuleCompilerOptions {
  /**
   * `"cfg"` (the default): RFC 5234 semantics, exact. `"peg"`: the PEG reading of ABNF that apg-js
   * and Peggy parsers use (first alternative that matches wins, repetitions are greedy); it rejects
   * valid strings of real grammars and is only for predicting what such parsers do.
   */
  readonly semantics?: "cfg" | "peg";
  /**
   * For recursive rules under `"cfg"`: `"auto"` (the default) uses the deterministic descent engine
   * where it is proved exact and Earley elsewhere; `"earley"` always uses Earley.
   */
  readonly recursive?: "auto" | "earley";
}

/** Compiles rules of a grammar on demand, sharing leaf automata between recursive rules. */
export class RuleCompiler {
  private readonly cache = new Map<string, CompiledRule>();
  private readonly leaves: LeafCompiler;
  private readonly semantics: "cfg" | "peg";
  private readonly recursive: "auto" | "earley";

  constructor(
    readonly grammar: Grammar,
    options: RuleCompilerOptions = {},
  ) {
    this.leaves = new LeafCompiler(grammar);
    this.semantics = options.semantics ?? "cfg";
    this.recursive = options.recursive ?? "auto";
  }

  /** Compiles the rule named `name` (any case). */
  compile(name: string): CompiledRule {
    const key = ruleKey(name);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const compiled = this.compileUncached(key, name);
    this.cache.set(key, compiled);
    return compiled;
  }

  private compileUncached(key: string, name: string): CompiledRule {
    const rule = this.grammar.rules.get(key);
    if (rule === undefined) return { engine: "none", key, name, reason: `no rule named \`${name}\`` };
    const live = liveDependencies(this.grammar, key);
    const missing: Irregularity | undefined =
      live.undefinedRule !== undefined
        ? { kind: "undefined", rule: live.undefinedRule }
        : live.prose !== undefined
          ? { kind: "prose", text: live.prose }
          : undefined;
    if (missing !== undefined)
      return { engine: "none", key, name: rule.name, reason: describeIrregularity(rule.name, missing) };
    if (this.semantics === "peg") {
      const peg = compilePeg(this.grammar, key);
      return peg.ok
        ? { engine: "peg", key, name: rule.name, peg: peg.peg }
        : { engine: "none", key, name: rule.name, reason: peg.reason };
    }
    try {
      if (live.reachesCycle.has(key)) {
        const earley = buildEarley(this.grammar, key, { leafCompiler: this.leaves });
        if (this.recursive === "earley") return { engine: "earley", key, name: rule.name, earley };
        const plan = planDescent(this.grammar, key, this.leaves);
        if (!plan.ok) return { engine: "earley", key, name: rule.name, earley, descentRefused: plan.reason };
        return { engine: "descent", key, name: rule.name, descent: assembleDescent(plan.plan), earley };
      }
      return { engine: "dfa", key, name: rule.name, dfa: determinize(buildNfa(this.grammar, key)) };
    } catch (e) {
      if (e instanceof AutomatonTooLarge || e instanceof GrammarTooLarge)
        return { engine: "none", key, name: rule.name, reason: e.message };
      throw e;
    }
  }
}

/** A compiled rule ready to match, whichever engine it uses. */
export interface RuleMatcher {
  /** Matches the whole input; on failure, says where and what was expected. */
  readonly match: (input: string) => MatchResult;
  /** Whether the whole input matches. */
  readonly test: (input: string) => boolean;
}

/** Loads a compiled rule's tables and returns its matcher. */
export function ruleMatcher(rule: MatchableRule): RuleMatcher {
  switch (rule.engine) {
    case "dfa": {
      const dfa = loadDfa(rule.dfa);
      return { match: (input) => matchDfa(dfa, input), test: (input) => testDfa(dfa, input) };
    }
    case "earley": {
      const earley = loadEarley(rule.earley satisfies EarleySource);
      return { match: (input) => matchEarley(earley, input), test: (input) => testEarley(earley, input) };
    }
    case "descent": {
      const descent = loadDescent(rule.descent);
      let earley: LoadedEarley | undefined;
      const explain = (input: string) => {
        earley ??= loadEarley(rule.earley);
        return matchEarley(earley, input);
      };
      return {
        // The descent decides; the Earley engine, loaded on the first failure, explains.
        match: (input) => (testDescent(descent, input) ? { ok: true } : explain(input)),
        test: (input) => testDescent(descent, input),
      };
    }
    case "peg": {
      const peg = loadDescent(rule.peg);
      return { match: (input) => matchDescent(peg, input), test: (input) => testDescent(peg, input) };
    }
  }
}

function describeIrregularity(name: string, why: Irregularity): string {
  switch (why.kind) {
    case "recursive":
      return `rule \`${name}\` is recursive, and recursive rules need the context-free engine`;
    case "undefined":
      return `rule \`${name}\` depends on \`${why.rule}\`, which is not defined (supply it with --define)`;
    case "prose":
      return `rule \`${name}\` depends on the prose value <${why.text}>, which no machine can match (supply a definition with --define)`;
  }
}
