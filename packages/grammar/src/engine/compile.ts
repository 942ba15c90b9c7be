/**
 * Chooses an engine per rule and compiles it, with exact RFC 5234 semantics either way (every
 * choice of alternatives and repetition counts is considered at once). Regular rules become DFAs
 * (linear time); recursive rules become Earley grammars whose regular parts are DFA leaves. Rules
 * that cannot be compiled say why.
 *
 * Only live parts of rules count: a repetition whose maximum is 0 (RFC 3986's `0<pchar>`) matches
 * the empty string whatever it names, so its prose value or undefined rule is no obstacle.
 *
 * @module
 */
import type { Grammar } from "../grammar.ts";
import { ruleKey } from "../grammar.ts";
import { loadDfa, type MatchResult, matchDfa, testDfa } from "../runtime/dfa-runtime.ts";
import { type EarleySource, loadEarley, matchEarley, testEarley } from "../runtime/earley-runtime.ts";
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
}

/** A rule that could not be compiled, and why. */
export interface UncompilableRule {
  readonly engine: "none";
  readonly key: string;
  readonly name: string;
  readonly reason: string;
}

/** The result of compiling one rule. */
export type CompiledRule = DfaRule | EarleyRule | UncompilableRule;

/** Compiles rules of a grammar on demand, sharing leaf automata between recursive rules. */
export class RuleCompiler {
  private readonly cache = new Map<string, CompiledRule>();
  private readonly leaves: LeafCompiler;

  constructor(readonly grammar: Grammar) {
    this.leaves = new LeafCompiler(grammar);
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
    try {
      if (live.reachesCycle.has(key))
        return {
          engine: "earley",
          key,
          name: rule.name,
          earley: buildEarley(this.grammar, key, { leafCompiler: this.leaves }),
        };
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
export function ruleMatcher(rule: DfaRule | EarleyRule): RuleMatcher {
  if (rule.engine === "dfa") {
    const dfa = loadDfa(rule.dfa);
    return { match: (input) => matchDfa(dfa, input), test: (input) => testDfa(dfa, input) };
  }
  const earley = loadEarley(rule.earley satisfies EarleySource);
  return { match: (input) => matchEarley(earley, input), test: (input) => testEarley(earley, input) };
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
