/**
 * Which rules and nodes can match the empty string: the basis of left-recursion, empty-repetition
 * and FIRST-set analysis. A least fixpoint over the rules, driven by a worklist.
 *
 * Unknowns are taken to consume input: a prose value or a reference to an undefined rule is never
 * nullable, so an unresolved name cannot make other checks fire.
 *
 * @module
 */
import type { Node } from "../ast.ts";
import { type Grammar, ruleKey } from "../grammar.ts";
import { type RuleGraph, ruleGraph } from "./rule-graph.ts";
import { repetitionBounds } from "./walk.ts";

/** The result of {@link nullable}. */
export interface Nullability {
  /** Keys of the rules that can match the empty string. */
  readonly rules: ReadonlySet<string>;
  /** Whether a node (of any rule of the same grammar) can match the empty string. */
  node(node: Node): boolean;
}

/** Whether `node` can match the empty string, given which rules can. */
function nodeNullable(node: Node, rules: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case "alternation":
      return node.alternatives.some((a) => nodeNullable(a, rules));
    case "concatenation":
      return node.elements.every((e) => nodeNullable(e, rules));
    case "repetition":
      return repetitionBounds(node).min === 0 || nodeNullable(node.element, rules);
    case "ruleref":
      return rules.has(ruleKey(node.name));
    case "string":
      return node.value === "";
    case "sequence":
      return node.codePoints.length === 0;
    case "range":
    case "prose":
      return false;
  }
}

/**
 * Computes which rules can match the empty string.
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: 'a = *"x"\nb = a a\nc = "y" a\n' }]);
 * [...nullable(g).rules]; // ["a", "b"]  (plus core LWSP)
 * ```
 */
export function nullable(grammar: Grammar, graph: RuleGraph = ruleGraph(grammar)): Nullability {
  const rules = new Set<string>();
  const queue = [...grammar.rules.keys()];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const key = queue.pop() as string;
    queued.delete(key);
    const rule = grammar.rules.get(key);
    if (rule === undefined || rules.has(key) || !nodeNullable(rule.body, rules)) continue;
    rules.add(key);
    for (const user of graph.reverse.get(key) ?? []) {
      if (!rules.has(user) && !queued.has(user)) {
        queued.add(user);
        queue.push(user);
      }
    }
  }
  const memo = new WeakMap<Node, boolean>();
  return {
    rules,
    node(node) {
      let value = memo.get(node);
      if (value === undefined) {
        value = nodeNullable(node, rules);
        memo.set(node, value);
      }
      return value;
    },
  };
}
