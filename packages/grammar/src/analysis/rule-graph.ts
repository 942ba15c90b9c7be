/**
 * Who refers to whom: every reference site an author wrote, and the graph of rules with the graph
 * algorithms the checks need (reachability, strongly connected components). Every algorithm here
 * runs on explicit worklists, so a grammar of any size cannot exhaust the JavaScript stack.
 *
 * @module
 */
import type { Node, RuleRef } from "../ast.ts";
import { type Grammar, ruleKey } from "../grammar.ts";
import type { SourceText, Span } from "../source.ts";
import { authoredDefinitions, forEachNode } from "./walk.ts";

/** One place where a rule is referenced. */
export interface RuleReference {
  /** The name as written at this site. */
  readonly name: string;
  /** The lower-case key of the referenced rule. */
  readonly key: string;
  /** The key of the rule whose definition holds the reference. */
  readonly from: string;
  readonly source: SourceText;
  readonly span: Span;
}

/** Every rule reference in a node, in source order. */
export function ruleRefsIn(node: Node): RuleRef[] {
  const out: RuleRef[] = [];
  forEachNode(node, (n) => {
    if (n.kind === "ruleref") out.push(n);
  });
  return out;
}

/**
 * Every reference site in the definitions an author wrote (grammar texts and `--define`; the
 * core rules' references among themselves are not sites anyone can edit), grouped by the key of
 * the referenced rule, in source order. Keys of undefined rules are included.
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: "a = b b\nb = %x62\n" }]);
 * referencedRules(g).get("b")?.length; // 2
 * ```
 */
export function referencedRules(grammar: Grammar): ReadonlyMap<string, ReadonlyArray<RuleReference>> {
  const out = new Map<string, RuleReference[]>();
  for (const { rule, def, source } of authoredDefinitions(grammar)) {
    for (const ref of ruleRefsIn(def.body)) {
      const key = ruleKey(ref.name);
      let list = out.get(key);
      if (list === undefined) {
        list = [];
        out.set(key, list);
      }
      list.push({ name: ref.name, key, from: rule.key, source, span: ref.span });
    }
  }
  return out;
}

/** The rules of a grammar as a directed graph: an edge from each rule to every rule it references. */
export interface RuleGraph {
  /** Every rule key of the grammar, in the grammar's order. */
  readonly keys: ReadonlyArray<string>;
  /** The keys each rule references directly (including keys no rule defines). */
  readonly edges: ReadonlyMap<string, ReadonlySet<string>>;
  /** The rules that reference each key directly. */
  readonly reverse: ReadonlyMap<string, ReadonlySet<string>>;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Builds the {@link RuleGraph} of every rule, core rules included.
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: "a = b DIGIT\nb = %x62\n" }]);
 * [...(ruleGraph(g).edges.get("a") ?? [])]; // ["b", "digit"]
 * ```
 */
export function ruleGraph(grammar: Grammar): RuleGraph {
  const edges = new Map<string, Set<string>>();
  const reverse = new Map<string, Set<string>>();
  for (const [key, rule] of grammar.rules) {
    const targets = new Set(ruleRefsIn(rule.body).map((r) => ruleKey(r.name)));
    edges.set(key, targets);
    for (const t of targets) {
      let from = reverse.get(t);
      if (from === undefined) {
        from = new Set();
        reverse.set(t, from);
      }
      from.add(key);
    }
  }
  return { keys: [...grammar.rules.keys()], edges, reverse };
}

/** The keys reachable from `starts` along `edges` (the starts included), found breadth-first. */
export function reachableFrom(graph: Pick<RuleGraph, "edges">, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.edges.get(queue[i] as string) ?? NO_KEYS) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The strongly connected components of a graph over `nodes` (Tarjan's algorithm, iterative).
 * Components come out dependencies first: every edge leaving a component leads to one listed
 * earlier. Edges to keys outside `nodes` are ignored.
 */
export function stronglyConnectedComponents(
  nodes: ReadonlyArray<string>,
  successors: (key: string) => Iterable<string>,
): string[][] {
  const member = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  const open = (key: string, frames: { key: string; next: Iterator<string> }[]) => {
    index.set(key, counter);
    low.set(key, counter);
    counter++;
    stack.push(key);
    onStack.add(key);
    frames.push({ key, next: successors(key)[Symbol.iterator]() });
  };

  for (const root of nodes) {
    if (index.has(root)) continue;
    const frames: { key: string; next: Iterator<string> }[] = [];
    open(root, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { key: string; next: Iterator<string> };
      const step = frame.next.next();
      if (!step.done) {
        const w = step.value;
        if (!member.has(w)) continue;
        if (!index.has(w)) open(w, frames);
        else if (onStack.has(w))
          low.set(frame.key, Math.min(low.get(frame.key) as number, index.get(w) as number));
        continue;
      }
      frames.pop();
      const v = frame.key;
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        for (;;) {
          const w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
          if (w === v) break;
        }
        components.push(component.reverse());
      }
      const parent = frames[frames.length - 1];
      if (parent !== undefined)
        low.set(parent.key, Math.min(low.get(parent.key) as number, low.get(v) as number));
    }
  }
  return components;
}
