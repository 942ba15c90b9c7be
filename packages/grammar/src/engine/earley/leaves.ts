/**
 * Leaves: regular sub-expressions of recursive rules compiled to DFAs. Equal sub-expressions of
 * the same rule (by structure, not by position) share one automaton, and a {@link LeafCompiler}
 * shared by every rule of a grammar compiles each only once.
 *
 * @module
 */
import type { Node } from "../../ast.ts";
import type { Grammar, ResolvedRule } from "../../grammar.ts";
import { ruleKey } from "../../grammar.ts";
import { DEFAULT_MAX_DFA_STATES, type DfaData, determinize } from "../dfa.ts";
import { buildNfa, DEFAULT_MAX_NFA_STATES } from "../nfa.ts";

/** Budgets for leaf automata. */
export interface LeafBudget {
  readonly maxNfaStates?: number;
  readonly maxDfaStates?: number;
}

// A key no ABNF rule name can have (rule names are letters, digits and hyphens).
const LEAF_KEY = "\u0000leaf";

/** Compiles regular sub-expressions of a grammar's rules to DFAs, caching by structure. */
export class LeafCompiler {
  private readonly cache = new Map<string, DfaData>();
  private readonly rules: Map<string, ResolvedRule>;
  private readonly extended: Grammar;

  constructor(
    grammar: Grammar,
    private readonly budget: LeafBudget = {},
  ) {
    this.rules = new Map(grammar.rules);
    this.extended = { ...grammar, rules: this.rules };
  }

  /**
   * The DFA of `node`, written in rule `owner`. Its characters are attributed to `owner` (or to the
   * innermost rule they come from), for "expected …" messages.
   */
  compile(node: Node, owner: ResolvedRule): DfaData {
    const key = `${owner.name}\u0000${shapeOf(node)}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    // The NFA builder compiles rules: give it one whose body is the sub-expression.
    this.rules.set(LEAF_KEY, { ...owner, key: LEAF_KEY, body: node });
    try {
      const nfa = buildNfa(this.extended, LEAF_KEY, this.budget.maxNfaStates ?? DEFAULT_MAX_NFA_STATES);
      const dfa = determinize(nfa, this.budget.maxDfaStates ?? DEFAULT_MAX_DFA_STATES);
      this.cache.set(key, dfa);
      return dfa;
    } finally {
      this.rules.delete(LEAF_KEY);
    }
  }
}

/** A string that is equal for structurally equal nodes (spans ignored, rule names by key). */
export function shapeOf(node: Node): string {
  switch (node.kind) {
    case "ruleref":
      return `r${JSON.stringify(ruleKey(node.name))}`;
    case "string":
      return `${node.caseSensitive ? "s" : "i"}${JSON.stringify(node.value)}`;
    case "sequence":
      return `x${node.codePoints.join(".")}`;
    case "range":
      return `x${node.low}-${node.high}`;
    case "prose":
      return `p${JSON.stringify(node.text)}`;
    case "alternation":
      return `(${node.alternatives.map(shapeOf).join("/")})`;
    case "concatenation":
      return `(${node.elements.map(shapeOf).join(" ")})`;
    case "repetition":
      return `${node.min}*${node.max}${shapeOf(node.element)}`;
  }
}
