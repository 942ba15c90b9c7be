/**
 * The short strings a rule or node can match: every match cut to its first `maxLength`
 * characters, stored as a prefix tree whose edges are code-point sets. The PEG checks compare
 * these: "alternative 1 can match a proper prefix of what alternative 2 matches" needs actual
 * strings, not only first characters.
 *
 * The trees are hash-consed: every distinct tree exists once, edges out of a node are disjoint and
 * lead to distinct children, so two trees hold the same strings exactly when they are the same
 * object. That makes union and concatenation memoisable and fixpoints cheap to detect.
 *
 * Within the window the result is exact. What is unknown (a prose value, an undefined rule, a
 * grammar too large for the node budget) contributes no strings and clears `exact`, so a finding
 * built on these strings is never a false alarm, and an absence is trusted only when `exact`.
 *
 * @module
 */
import type { Node } from "../ast.ts";
import { type Grammar, ruleKey } from "../grammar.ts";
import { CodePointSet } from "./code-point-set.ts";
import { type RuleGraph, ruleGraph, stronglyConnectedComponents } from "./rule-graph.ts";
import { rangeBounds, repetitionBounds } from "./walk.ts";

/** A node of a prefix tree: the strings that continue from here. */
export interface PrefixTrie {
  /** A unique number per distinct tree. */
  readonly id: number;
  /** Some match ends here. */
  readonly end: boolean;
  /** Only at depth `maxLength`: some match goes on beyond the window. */
  readonly more: boolean;
  /** Disjoint code-point sets, each leading to a distinct subtree. */
  readonly edges: ReadonlyArray<readonly [CodePointSet, PrefixTrie]>;
}

/** The short strings of one node or rule. */
export interface ShortStrings {
  readonly trie: PrefixTrie;
  /** Whether `trie` holds every match's prefix (nothing unknown was left out). */
  readonly exact: boolean;
}

/** Limits for {@link shortStrings}. */
export interface ShortStringOptions {
  readonly graph?: RuleGraph;
  /** How many leading characters to keep (default 5). */
  readonly maxLength?: number;
  /** How many distinct tree nodes to build before giving up on exactness (default 200 000). */
  readonly maxNodes?: number;
}

/** The result of {@link shortStrings}. */
export interface ShortStringTable {
  /** The short strings of each rule, by key. */
  readonly rules: ReadonlyMap<string, ShortStrings>;
  /** The short strings of a node of the same grammar. */
  node(node: Node): ShortStrings;
  /** The short strings of nodes matched one after another. */
  sequence(nodes: ReadonlyArray<Node>): ShortStrings;
  readonly maxLength: number;
}

/** Thrown when the node budget is spent; caught where a rule is evaluated. */
class BudgetSpent extends Error {}

/** Builds hash-consed prefix trees and combines them. */
class TrieAlgebra {
  private readonly table = new Map<string, PrefixTrie>();
  private readonly unions = new Map<string, PrefixTrie>();
  private readonly concats = new Map<string, PrefixTrie>();
  /** No strings at all. */
  readonly empty: PrefixTrie;
  /** Only the empty string. */
  readonly epsilon: PrefixTrie;

  constructor(
    readonly maxLength: number,
    private readonly maxNodes: number,
  ) {
    this.empty = this.make(false, false, []);
    this.epsilon = this.make(true, false, []);
  }

  /** The unique tree with these parts; edges with the same child are joined, dead edges dropped. */
  make(end: boolean, more: boolean, edges: ReadonlyArray<readonly [CodePointSet, PrefixTrie]>): PrefixTrie {
    const byChild = new Map<PrefixTrie, CodePointSet>();
    for (const [set, child] of edges) {
      if (set.isEmpty || child === this.empty) continue;
      byChild.set(child, (byChild.get(child) ?? CodePointSet.empty).union(set));
    }
    const joined = [...byChild]
      .map(([child, set]) => [set, child] as const)
      .sort((a, b) => (a[0].ranges[0]?.[0] ?? 0) - (b[0].ranges[0]?.[0] ?? 0));
    const key = `${end ? 1 : 0}${more ? 1 : 0}${joined.map(([s, c]) => `${s.key}>${c.id}`).join(";")}`;
    let node = this.table.get(key);
    if (node === undefined) {
      if (this.table.size >= this.maxNodes) throw new BudgetSpent("prefix tree budget spent");
      node = { id: this.table.size, end, more, edges: joined };
      this.table.set(key, node);
    }
    return node;
  }

  /** A single string (cut to the window). */
  word(chars: ReadonlyArray<CodePointSet>): PrefixTrie {
    if (chars.some((c) => c.isEmpty)) return this.empty;
    let node = chars.length > this.maxLength ? this.make(false, true, []) : this.epsilon;
    for (let i = Math.min(chars.length, this.maxLength) - 1; i >= 0; i--)
      node = this.make(false, false, [[chars[i] as CodePointSet, node]]);
    return node;
  }

  union(a: PrefixTrie, b: PrefixTrie): PrefixTrie {
    if (a === b || b === this.empty) return a;
    if (a === this.empty) return b;
    const key = a.id < b.id ? `${a.id},${b.id}` : `${b.id},${a.id}`;
    const known = this.unions.get(key);
    if (known !== undefined) return known;
    // Refine the two partitions: where both have an edge, the children are joined.
    let edges: (readonly [CodePointSet, PrefixTrie])[] = [...a.edges];
    for (const [sb, cb] of b.edges) {
      let rest = sb;
      const next: (readonly [CodePointSet, PrefixTrie])[] = [];
      for (const [sa, ca] of edges) {
        const both = sa.intersect(sb);
        if (both.isEmpty) {
          next.push([sa, ca]);
          continue;
        }
        next.push([both, this.union(ca, cb)]);
        const onlyA = sa.minus(sb);
        if (!onlyA.isEmpty) next.push([onlyA, ca]);
        rest = rest.minus(sa);
      }
      if (!rest.isEmpty) next.push([rest, cb]);
      edges = next;
    }
    const result = this.make(a.end || b.end, a.more || b.more, edges);
    this.unions.set(key, result);
    return result;
  }

  /** The strings of `a` followed by those of `b`. */
  concat(a: PrefixTrie, b: PrefixTrie): PrefixTrie {
    if (b === this.empty || a === this.empty) return this.empty;
    if (b === this.epsilon) return a;
    if (a === this.epsilon) return b;
    return this.graft(a, b, this.maxLength);
  }

  /** `a` (whose root has `room` characters left in the window) followed by non-empty `b`. */
  private graft(a: PrefixTrie, b: PrefixTrie, room: number): PrefixTrie {
    const key = `${a.id},${b.id},${room}`;
    const known = this.concats.get(key);
    if (known !== undefined) return known;
    // A match already past the window stays past it, whatever follows.
    let result = this.make(
      false,
      a.more,
      a.edges.map(([s, c]) => [s, this.graft(c, b, room - 1)] as const),
    );
    if (a.end) result = this.union(result, this.cut(b, room));
    this.concats.set(key, result);
    return result;
  }

  /** `b` with only `room` characters kept: longer matches become `more` at the cut. */
  private cut(b: PrefixTrie, room: number): PrefixTrie {
    if (room >= this.maxLength) return b;
    if (room === 0) return this.make(b.end, b.more || b.edges.length > 0, []);
    return this.make(
      b.end,
      b.more,
      b.edges.map(([s, c]) => [s, this.cut(c, room - 1)] as const),
    );
  }
}

function unknown(alg: TrieAlgebra): ShortStrings {
  return { trie: alg.empty, exact: false };
}

function evaluate(node: Node, rules: ReadonlyMap<string, ShortStrings>, alg: TrieAlgebra): ShortStrings {
  switch (node.kind) {
    case "alternation": {
      let trie = alg.empty;
      let exact = true;
      for (const a of node.alternatives) {
        const v = evaluate(a, rules, alg);
        trie = alg.union(trie, v.trie);
        exact &&= v.exact;
      }
      return { trie, exact };
    }
    case "concatenation": {
      let trie = alg.epsilon;
      let exact = true;
      for (const e of node.elements) {
        const v = evaluate(e, rules, alg);
        trie = alg.concat(trie, v.trie);
        exact &&= v.exact;
      }
      return { trie, exact };
    }
    case "repetition": {
      const { min, max } = repetitionBounds(node);
      if (max === 0) return { trie: alg.epsilon, exact: true }; // `0<prose>` is the empty string
      const element = evaluate(node.element, rules, alg);
      const r = repeat(element.trie, min, max, alg);
      return { trie: r.trie, exact: element.exact && r.exact };
    }
    case "ruleref":
      return rules.get(ruleKey(node.name)) ?? unknown(alg);
    case "string":
      return {
        trie: alg.word(
          [...node.value].map((ch) => {
            const c = ch.codePointAt(0) as number;
            return node.caseSensitive ? CodePointSet.of(c) : CodePointSet.caseless(c);
          }),
        ),
        exact: true,
      };
    case "sequence":
      return { trie: alg.word(node.codePoints.map((c) => CodePointSet.of(c))), exact: true };
    case "range": {
      const { low, high } = rangeBounds(node);
      return { trie: alg.word([CodePointSet.range(low, high)]), exact: true };
    }
    case "prose":
      return unknown(alg);
  }
}

/** `min*max` repetitions of `element`, by repeated concatenation until the window stops changing. */
function repeat(element: PrefixTrie, min: number, max: number, alg: TrieAlgebra): ShortStrings {
  if (max === 0) return { trie: alg.epsilon, exact: true };
  let result = min === 0 ? alg.epsilon : alg.empty;
  let current = alg.epsilon;
  // Once no match of i repetitions ends inside the window, i + 1 gives the same prefixes; a
  // nullable element grows monotonically instead. Either way it settles; the limit is a guard.
  const limit = 4 * alg.maxLength + 8;
  for (let i = 1; ; i++) {
    const next = alg.concat(current, element);
    if (next === current) {
      if (i <= min) result = alg.union(result, next);
      return { trie: result, exact: true };
    }
    if (i >= min) result = alg.union(result, next);
    if (i >= max) return { trie: result, exact: true };
    if (i >= limit) return { trie: result, exact: false };
    current = next;
  }
}

/**
 * Computes the short strings of every rule: rules in dependency order, each recursive group
 * iterated from the empty set with a worklist until nothing changes (the window keeps this finite).
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: 'a = "x" / "xy"\n' }]);
 * const a = shortStrings(g).rules.get("a");
 * lookup(a!.trie, [0x58])?.end; // true: "X" (strings ignore case) is a match
 * ```
 */
export function shortStrings(grammar: Grammar, options: ShortStringOptions = {}): ShortStringTable {
  const graph = options.graph ?? ruleGraph(grammar);
  const alg = new TrieAlgebra(options.maxLength ?? 5, options.maxNodes ?? 200_000);
  const rules = new Map<string, ShortStrings>();
  const safely = (node: Node): ShortStrings => {
    try {
      return evaluate(node, rules, alg);
    } catch (e) {
      if (e instanceof BudgetSpent) return unknown(alg);
      throw e;
    }
  };
  const keys = [...grammar.rules.keys()];
  for (const component of stronglyConnectedComponents(keys, (k) => graph.edges.get(k) ?? [])) {
    const first = component[0] as string;
    if (component.length === 1 && !graph.edges.get(first)?.has(first)) {
      rules.set(first, safely(grammar.rules.get(first)?.body as Node));
      continue;
    }
    const members = new Set(component);
    for (const k of component) rules.set(k, { trie: alg.empty, exact: true });
    const queue = [...component];
    const queued = new Set(queue);
    // Values only grow and the window bounds them, so this converges; the budget is a guard.
    let budget = 50 * component.length + 100;
    for (let i = 0; i < queue.length; i++) {
      if (budget-- <= 0) {
        for (const k of component) rules.set(k, { trie: (rules.get(k) as ShortStrings).trie, exact: false });
        break;
      }
      const k = queue[i] as string;
      queued.delete(k);
      const previous = rules.get(k) as ShortStrings;
      const value = safely(grammar.rules.get(k)?.body as Node);
      if (value.trie === previous.trie && value.exact === previous.exact) continue;
      rules.set(k, value);
      for (const user of graph.reverse.get(k) ?? []) {
        if (members.has(user) && !queued.has(user)) {
          queued.add(user);
          queue.push(user);
        }
      }
    }
  }
  const memo = new WeakMap<Node, ShortStrings>();
  const node = (n: Node): ShortStrings => {
    let value = memo.get(n);
    if (value === undefined) {
      value = safely(n);
      memo.set(n, value);
    }
    return value;
  };
  return {
    rules,
    maxLength: alg.maxLength,
    node,
    sequence(nodes) {
      let trie = alg.epsilon;
      let exact = true;
      try {
        for (const n of nodes) {
          const v = node(n);
          trie = alg.concat(trie, v.trie);
          exact &&= v.exact;
        }
      } catch (e) {
        if (e instanceof BudgetSpent) return unknown(alg);
        throw e;
      }
      return { trie, exact };
    },
  };
}

/** Where a string leads in a tree: the node reached, or `undefined` if no match begins with it. */
export function lookup(trie: PrefixTrie, codePoints: ReadonlyArray<number>): PrefixTrie | undefined {
  let node: PrefixTrie | undefined = trie;
  for (const c of codePoints) {
    node = node?.edges.find(([s]) => s.has(c))?.[1];
    if (node === undefined) return undefined;
  }
  return node;
}

/** A witness that `a` matches a proper prefix of a match of `b`: the prefix and one such longer string. */
export interface PrefixWitness {
  /** The shared characters. */
  readonly prefix: ReadonlyArray<number>;
  /** A continuation in the other tree, and whether it goes on past the window. */
  readonly rest: ReadonlyArray<number>;
  readonly beyond: boolean;
}

/** Walks pairs of nodes reached by the same string (breadth-first, so witnesses are shortest). */
function walkPairs(
  a: PrefixTrie,
  b: PrefixTrie,
  visit: (x: PrefixTrie, y: PrefixTrie, path: ReadonlyArray<number>) => PrefixWitness | undefined,
): PrefixWitness | undefined {
  const seen = new Set<string>();
  const queue: { x: PrefixTrie; y: PrefixTrie; path: number[] }[] = [{ x: a, y: b, path: [] }];
  for (let i = 0; i < queue.length; i++) {
    const { x, y, path } = queue[i] as { x: PrefixTrie; y: PrefixTrie; path: number[] };
    const found = visit(x, y, path);
    if (found !== undefined) return found;
    for (const [sx, cx] of x.edges) {
      for (const [sy, cy] of y.edges) {
        const both = sx.intersect(sy);
        const key = `${cx.id},${cy.id}`;
        if (both.isEmpty || seen.has(key)) continue;
        seen.add(key);
        queue.push({ x: cx, y: cy, path: [...path, both.sample() as number] });
      }
    }
  }
  return undefined;
}

/** Some string of the tree: the shortest way to an end, else to the window's edge. */
function someContinuation(trie: PrefixTrie): { rest: number[]; beyond: boolean } {
  const queue: { node: PrefixTrie; rest: number[] }[] = [{ node: trie, rest: [] }];
  let deepest: { rest: number[]; beyond: boolean } | undefined;
  for (let i = 0; i < queue.length; i++) {
    const { node, rest } = queue[i] as { node: PrefixTrie; rest: number[] };
    if (node.end) return { rest, beyond: false };
    if (node.more) deepest ??= { rest, beyond: true };
    for (const [s, c] of node.edges) queue.push({ node: c, rest: [...rest, s.sample() as number] });
  }
  return deepest ?? { rest: [], beyond: false };
}

/**
 * A match of `a` that is a proper prefix of a match of `b`, or `undefined` if the window shows none
 * (`a` ending where `b` goes on, within the window or past it).
 */
export function properPrefixWitness(a: PrefixTrie, b: PrefixTrie): PrefixWitness | undefined {
  return walkPairs(a, b, (x, y, path) => {
    if (!x.end) return undefined;
    const first = y.edges[0];
    if (first !== undefined) {
      const cont = someContinuation(first[1]);
      return { prefix: path, rest: [first[0].sample() as number, ...cont.rest], beyond: cont.beyond };
    }
    return y.more ? { prefix: path, rest: [], beyond: true } : undefined;
  });
}

/**
 * A non-empty string on which a match of `a` and a match of `b` can meet, with one of them ending
 * there: either `a` matches it and `b` goes on from it, or `b` matches it and `a` goes on. Returns
 * the string (as `prefix`); `undefined` if the window shows none.
 */
export function overlapWitness(a: PrefixTrie, b: PrefixTrie): PrefixWitness | undefined {
  return walkPairs(a, b, (x, y, path) => {
    if (path.length === 0) return undefined;
    return x.end || y.end ? { prefix: path, rest: [], beyond: false } : undefined;
  });
}
