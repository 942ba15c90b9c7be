/**
 * Which rules are regular: rules whose every reachable rule is defined, free of prose values and
 * outside any reference cycle. Regular rules compile to finite automata (linear time, exact);
 * the rest need the general context-free engine.
 *
 * @module
 */
import type { Node } from "../ast.ts";
import type { Grammar } from "../grammar.ts";
import { ruleKey } from "../grammar.ts";

/** Why a rule is not regular. */
export type Irregularity =
  | { readonly kind: "recursive" }
  | { readonly kind: "undefined"; readonly rule: string }
  | { readonly kind: "prose"; readonly text: string };

/** Visits every node of a rule body without recursion on the JS stack. */
export function forEachNode(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    visit(node);
    switch (node.kind) {
      case "alternation":
        for (let i = node.alternatives.length - 1; i >= 0; i--) stack.push(node.alternatives[i] as Node);
        break;
      case "concatenation":
        for (let i = node.elements.length - 1; i >= 0; i--) stack.push(node.elements[i] as Node);
        break;
      case "repetition":
        stack.push(node.element);
        break;
      default:
    }
  }
}

/** The keys of the rules a body refers to, in first-use order. */
export function referencedKeys(body: Node): string[] {
  const keys = new Set<string>();
  forEachNode(body, (n) => {
    if (n.kind === "ruleref") keys.add(ruleKey(n.name));
  });
  return [...keys];
}

/** Rule keys that lie on a reference cycle (Tarjan's algorithm, iterative). */
export function recursiveRuleKeys(grammar: Grammar): Set<string> {
  const edges = new Map<string, string[]>();
  for (const [key, rule] of grammar.rules)
    edges.set(
      key,
      referencedKeys(rule.body).filter((k) => grammar.rules.has(k)),
    );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Set<string>();
  let counter = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ key: string; next: number }> = [{ key: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1) as { key: string; next: number };
      const succ = edges.get(frame.key) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ key: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.key, Math.min(low.get(frame.key) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined)
        low.set(parent.key, Math.min(low.get(parent.key) as number, low.get(frame.key) as number));
      if (low.get(frame.key) === index.get(frame.key)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.key);
        const selfLoop = component.length === 1 && (edges.get(frame.key) ?? []).includes(frame.key);
        if (component.length > 1 || selfLoop) for (const k of component) result.add(k);
      }
    }
  }
  return result;
}

/**
 * For every rule, `undefined` when it is regular, or the first reason it is not. Reasons spread
 * to every rule that can reach the offending one.
 */
export function classifyRules(grammar: Grammar): Map<string, Irregularity | undefined> {
  const recursive = recursiveRuleKeys(grammar);
  const own = new Map<string, Irregularity | undefined>();
  const reverse = new Map<string, string[]>();
  for (const [key, rule] of grammar.rules) {
    let reason: Irregularity | undefined = recursive.has(key) ? { kind: "recursive" } : undefined;
    forEachNode(rule.body, (n) => {
      if (reason !== undefined) return;
      if (n.kind === "prose") reason = { kind: "prose", text: n.text };
      if (n.kind === "ruleref" && !grammar.rules.has(ruleKey(n.name)))
        reason = { kind: "undefined", rule: n.name };
    });
    own.set(key, reason);
    for (const ref of referencedKeys(rule.body)) {
      if (!grammar.rules.has(ref)) continue;
      const list = reverse.get(ref) ?? [];
      list.push(key);
      reverse.set(ref, list);
    }
  }
  const work = [...own].filter(([, r]) => r !== undefined).map(([k]) => k);
  while (work.length > 0) {
    const key = work.pop() as string;
    const reason = own.get(key);
    for (const user of reverse.get(key) ?? []) {
      if (own.get(user) === undefined) {
        own.set(user, reason);
        work.push(user);
      }
    }
  }
  return own;
}
