/**
 * Chooses an engine per rule and compiles it. Regular rules become DFAs: exact RFC 5234
 * semantics (every choice of alternatives and repetition counts is considered at once) in linear
 * time. Rules that cannot be compiled say why.
 *
 * @module
 */
import type { Grammar } from "../grammar.ts";
import { ruleKey } from "../grammar.ts";
import { type DfaData, determinize } from "./dfa.ts";
import { AutomatonTooLarge, buildNfa } from "./nfa.ts";
import { classifyRules, type Irregularity } from "./regularity.ts";

/** A rule compiled to a deterministic automaton. */
export interface DfaRule {
  readonly engine: "dfa";
  readonly key: string;
  readonly name: string;
  readonly dfa: DfaData;
}

/** A rule that could not be compiled, and why. */
export interface UncompilableRule {
  readonly engine: "none";
  readonly key: string;
  readonly name: string;
  readonly reason: string;
}

/** The result of compiling one rule. */
export type CompiledRule = DfaRule | UncompilableRule;

/** Compiles rules of a grammar on demand, sharing the regularity analysis. */
export class RuleCompiler {
  private readonly classes: Map<string, Irregularity | undefined>;
  private readonly cache = new Map<string, CompiledRule>();

  constructor(readonly grammar: Grammar) {
    this.classes = classifyRules(grammar);
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
    const irregular = this.classes.get(key);
    if (irregular !== undefined)
      return { engine: "none", key, name: rule.name, reason: describeIrregularity(rule.name, irregular) };
    try {
      return { engine: "dfa", key, name: rule.name, dfa: determinize(buildNfa(this.grammar, key)) };
    } catch (e) {
      if (e instanceof AutomatonTooLarge) return { engine: "none", key, name: rule.name, reason: e.message };
      throw e;
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
