/**
 * FIRST sets: the code points a non-empty match of a rule or node can begin with, as sets of
 * code-point ranges. A case-insensitive string contributes both cases of an ASCII letter.
 * Computed as a least fixpoint over the rules with a worklist.
 *
 * Unknowns contribute nothing: a prose value or a reference to an undefined rule has an empty
 * FIRST set, so an unresolved name cannot make an overlap check fire.
 *
 * @module
 */
import type { Node } from "../ast.ts";
import { type Grammar, ruleKey } from "../grammar.ts";
import { CodePointSet } from "./code-point-set.ts";
import { type Nullability, nullable } from "./nullable.ts";
import { type RuleGraph, ruleGraph } from "./rule-graph.ts";
import { rangeBounds, repetitionBounds } from "./walk.ts";

/** The result of {@link firstSets}. */
export interface FirstSets {
  /** FIRST of each rule, by key. */
  readonly rules: ReadonlyMap<string, CodePointSet>;
  /** FIRST of a node of the same grammar. */
  node(node: Node): CodePointSet;
  /** FIRST of nodes matched one after another (a concatenation's tail): through nullable prefixes. */
  sequence(nodes: ReadonlyArray<Node>): CodePointSet;
}

/** Precomputed inputs for {@link firstSets}, when the caller already has them. */
export interface FirstSetOptions {
  readonly graph?: RuleGraph;
  readonly nullability?: Nullability;
}

function nodeFirst(
  node: Node,
  rules: ReadonlyMap<string, CodePointSet>,
  nullability: Nullability,
): CodePointSet {
  switch (node.kind) {
    case "alternation":
      return node.alternatives.reduce(
        (acc, a) => acc.union(nodeFirst(a, rules, nullability)),
        CodePointSet.empty,
      );
    case "concatenation":
      return sequenceFirst(node.elements, rules, nullability);
    case "repetition":
      return repetitionBounds(node).max === 0
        ? CodePointSet.empty
        : nodeFirst(node.element, rules, nullability);
    case "ruleref":
      return rules.get(ruleKey(node.name)) ?? CodePointSet.empty;
    case "string": {
      const c = node.value.codePointAt(0);
      if (c === undefined) return CodePointSet.empty;
      return node.caseSensitive ? CodePointSet.of(c) : CodePointSet.caseless(c);
    }
    case "sequence": {
      const c = node.codePoints[0];
      return c === undefined ? CodePointSet.empty : CodePointSet.of(c);
    }
    case "range": {
      const { low, high } = rangeBounds(node);
      return CodePointSet.range(low, high);
    }
    case "prose":
      return CodePointSet.empty;
  }
}

function sequenceFirst(
  nodes: ReadonlyArray<Node>,
  rules: ReadonlyMap<string, CodePointSet>,
  nullability: Nullability,
): CodePointSet {
  let acc = CodePointSet.empty;
  for (const n of nodes) {
    acc = acc.union(nodeFirst(n, rules, nullability));
    if (!nullability.node(n)) break;
  }
  return acc;
}

/**
 * Computes the FIRST set of every rule.
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: 'word = [SP] "ab"\n' }]);
 * firstSets(g).rules.get("word")?.toString(); // "%x20 / %x41 / %x61"
 * ```
 */
export function firstSets(grammar: Grammar, options: FirstSetOptions = {}): FirstSets {
  const graph = options.graph ?? ruleGraph(grammar);
  const nullability = options.nullability ?? nullable(grammar, graph);
  const rules = new Map<string, CodePointSet>();
  const queue = [...grammar.rules.keys()];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const key = queue.pop() as string;
    queued.delete(key);
    const rule = grammar.rules.get(key);
    if (rule === undefined) continue;
    const before = rules.get(key) ?? CodePointSet.empty;
    const after = nodeFirst(rule.body, rules, nullability);
    if (after.equals(before)) continue;
    rules.set(key, after);
    for (const user of graph.reverse.get(key) ?? []) {
      if (!queued.has(user)) {
        queued.add(user);
        queue.push(user);
      }
    }
  }
  for (const key of grammar.rules.keys()) if (!rules.has(key)) rules.set(key, CodePointSet.empty);
  const memo = new WeakMap<Node, CodePointSet>();
  return {
    rules,
    node(node) {
      let value = memo.get(node);
      if (value === undefined) {
        value = nodeFirst(node, rules, nullability);
        memo.set(node, value);
      }
      return value;
    },
    sequence(nodes) {
      return sequenceFirst(nodes, rules, nullability);
    },
  };
}
