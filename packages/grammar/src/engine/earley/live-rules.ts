/**
 * What a rule really depends on. A part of a rule that can match zero times at most (`0elem`,
 * `0*0elem`) can never match anything, so what it names does not matter: RFC 3986 writes
 * `path-empty = 0<pchar>`, whose prose value needs no definition. Walking only the live parts of
 * the rules a rule reaches tells which engine it needs: none (a live undefined rule or prose value),
 * a DFA (no live reference cycle) or the Earley engine (a live cycle).
 *
 * @module
 */
import type { Node } from "../../ast.ts";
import type { Grammar } from "../../grammar.ts";
import { ruleKey } from "../../grammar.ts";

/** The live dependencies of one rule. */
export interface LiveDependencies {
  /** Every defined rule the rule reaches through live references, itself included. */
  readonly reachable: ReadonlySet<string>;
  /** The first live reference to an undefined rule, as written. */
  readonly undefinedRule?: string;
  /** The text of the first live prose value. */
  readonly prose?: string;
  /** The reachable rules from which a live reference cycle can be reached. */
  readonly reachesCycle: ReadonlySet<string>;
}

/** Visits the live nodes of `root` (skipping repetitions whose maximum is 0), without JS recursion. */
export function forEachLiveNode(root: Node, visit: (node: Node) => void): void {
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
        if (node.max > 0) stack.push(node.element);
        break;
      default:
    }
  }
}

/** The keys of the defined rules `body` refers to through live references, in first-use order. */
export function liveReferences(grammar: Grammar, body: Node): string[] {
  const keys = new Set<string>();
  forEachLiveNode(body, (n) => {
    if (n.kind === "ruleref" && grammar.rules.has(ruleKey(n.name))) keys.add(ruleKey(n.name));
  });
  return [...keys];
}

/** Walks the live parts of every rule `key` reaches. */
export function liveDependencies(grammar: Grammar, key: string): LiveDependencies {
  const edges = new Map<string, string[]>();
  const order: string[] = [];
  let undefinedRule: string | undefined;
  let prose: string | undefined;
  const queue = grammar.rules.has(key) ? [key] : [];
  const seen = new Set(queue);
  for (let head = 0; head < queue.length; head++) {
    const k = queue[head] as string;
    order.push(k);
    const rule = grammar.rules.get(k);
    if (rule === undefined) continue;
    const out: string[] = [];
    forEachLiveNode(rule.body, (n) => {
      if (n.kind === "prose") prose ??= n.text;
      if (n.kind !== "ruleref") return;
      const target = ruleKey(n.name);
      if (!grammar.rules.has(target)) {
        undefinedRule ??= n.name;
        return;
      }
      if (!out.includes(target)) out.push(target);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    });
    edges.set(k, out);
  }
  return {
    reachable: seen,
    ...(undefinedRule === undefined ? {} : { undefinedRule }),
    ...(prose === undefined ? {} : { prose }),
    reachesCycle: rulesReachingCycles(order, edges),
  };
}

/**
 * The nodes of a graph from which a cycle (a self-loop or a strongly connected component of two or
 * more nodes) can be reached: Tarjan's algorithm, iterative, then backward propagation.
 */
function rulesReachingCycles(
  nodes: ReadonlyArray<string>,
  edges: ReadonlyMap<string, string[]>,
): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cyclic = new Set<string>();
  let counter = 0;
  for (const root of nodes) {
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
        if (component.length > 1 || succ.includes(frame.key)) for (const k of component) cyclic.add(k);
      }
    }
  }
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of edges)
    for (const to of targets) {
      const list = reverse.get(to) ?? [];
      list.push(from);
      reverse.set(to, list);
    }
  const result = new Set(cyclic);
  const work = [...cyclic];
  while (work.length > 0) {
    const k = work.pop() as string;
    for (const user of reverse.get(k) ?? [])
      if (!result.has(user)) {
        result.add(user);
        work.push(user);
      }
  }
  return result;
}
