/**
 * Lookahead facts about a skeleton, at the level of code points, on which the proof that a
 * deterministic descent is exact rests (see `plan.ts`):
 *
 * - **first after skipping K** (`skipFirst`): the first code point not in K of the strings a node
 *   matches, and whether a string can lie wholly in K*. A language-level fact, computed on the
 *   leaf automata directly. With K empty it is the ordinary FIRST set and nullability.
 * - **first after absorbing S** (`absorbFirst`): FIRST, except that parts of the derivation that
 *   can match the empty string and use only code points of S are passed over. A derivation-level
 *   fact (such parts can always be dropped from a derivation), computed on the ABNF inside leaves.
 * - **what can follow** a node (`follow`), through the rest of its sequence, further iterations of
 *   a repetition, every call site of its rule and, after the rule being compiled, the end of input,
 *   which these sets hold as the code point {@link END_OF_INPUT}.
 *
 * @module
 */

import { CodePointSet } from "../../analysis/code-point-set.ts";
import type { Node } from "../../ast.ts";
import type { Grammar } from "../../grammar.ts";
import { ruleKey } from "../../grammar.ts";
import { END_OF_INPUT } from "../../runtime/descent-runtime.ts";
import type { DfaData } from "../dfa.ts";
import type { Skeleton, SkeletonNode } from "./skeleton.ts";

/** What a node can start with, and whether it can be passed over (see the module comment). */
export interface First {
  readonly set: CodePointSet;
  readonly through: boolean;
}

const NONE: First = { set: CodePointSet.empty, through: false };
const PASS: First = { set: CodePointSet.empty, through: true };

/** Every Unicode code point. */
export const ALL_CODE_POINTS = CodePointSet.range(0, 0x10ffff);

/** The set holding only the end-of-input marker. */
export const END_SET = CodePointSet.of(END_OF_INPUT);

/** Facts about one leaf automaton. */
export interface LeafFacts {
  /** Whether it matches the empty string. */
  readonly nullable: boolean;
  /** Every code point on any transition. */
  readonly alphabet: CodePointSet;
  /** The code points that leave an accepting state: those that can extend a match. */
  readonly extend: CodePointSet;
  /**
   * The code points that lead every accepting state to an accepting state: a match followed by
   * any of them is still a match ("absorbed"). Empty when no state accepts.
   */
  readonly absorb: CodePointSet;
}

const leafFactCache = new WeakMap<DfaData, LeafFacts>();

function rangesOf(flat: ReadonlyArray<number>, keep: (target: number) => boolean): CodePointSet {
  const ranges: Array<readonly [number, number]> = [];
  for (let t = 0; t + 2 < flat.length; t += 3)
    if (keep(flat[t + 2] as number)) ranges.push([flat[t] as number, flat[t + 1] as number]);
  return CodePointSet.fromRanges(ranges);
}

/** Facts about a leaf automaton (cached). */
export function leafFacts(dfa: DfaData): LeafFacts {
  const cached = leafFactCache.get(dfa);
  if (cached !== undefined) return cached;
  let alphabet = CodePointSet.empty;
  let extend = CodePointSet.empty;
  let absorb: CodePointSet | undefined;
  dfa.transitions.forEach((flat, state) => {
    const all = rangesOf(flat, () => true);
    alphabet = alphabet.union(all);
    if (dfa.accepting[state] !== 1) return;
    extend = extend.union(all);
    const toAccepting = rangesOf(flat, (target) => dfa.accepting[target] === 1);
    absorb = absorb === undefined ? toAccepting : absorb.intersect(toAccepting);
  });
  const facts: LeafFacts = {
    nullable: dfa.accepting[dfa.start] === 1,
    alphabet,
    extend,
    absorb: absorb ?? CodePointSet.empty,
  };
  leafFactCache.set(dfa, facts);
  return facts;
}

/** `skipFirst` of a leaf: walks the states reachable through code points of `skip`. */
function leafSkipFirst(dfa: DfaData, skip: CodePointSet): First {
  const seen = new Set([dfa.start]);
  const stack = [dfa.start];
  let set = CodePointSet.empty;
  let through = false;
  while (stack.length > 0) {
    const state = stack.pop() as number;
    if (dfa.accepting[state] === 1) through = true;
    const flat = dfa.transitions[state] ?? [];
    for (let t = 0; t + 2 < flat.length; t += 3) {
      const range = CodePointSet.range(flat[t] as number, flat[t + 1] as number);
      set = set.union(range.minus(skip));
      const target = flat[t + 2] as number;
      if (!seen.has(target) && range.overlaps(skip)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return { set, through };
}

function union(a: First, b: First): First {
  return { set: a.set.union(b.set), through: a.through || b.through };
}

function sameFirst(a: First, b: First): boolean {
  return a.through === b.through && a.set.equals(b.set);
}

/** Lookahead facts about one skeleton (one compiled rule and the rules it calls). */
export class Lookahead {
  private readonly ruleNullable = new Map<string, boolean>();
  private readonly ruleAlphabet = new Map<string, CodePointSet>();
  private readonly skipCache = new Map<string, Map<string, First>>();
  private readonly absorbCache = new Map<string, Map<string, First>>();
  private readonly astNullable = new WeakMap<Node, boolean>();
  private readonly astAlphabet = new WeakMap<Node, CodePointSet>();
  private readonly astAbsorb = new Map<string, WeakMap<Node, First>>();

  constructor(
    readonly grammar: Grammar,
    readonly skeleton: Skeleton,
  ) {
    this.fixpoint(
      this.ruleNullable,
      false,
      (body) => this.nullable(body),
      (a, b) => a === b,
    );
    this.fixpoint(
      this.ruleAlphabet,
      CodePointSet.empty,
      (body) => this.alphabet(body),
      (a, b) => a.equals(b),
    );
  }

  /** Iterates a per-rule value from `bottom` until no rule's value changes. */
  private fixpoint<T>(
    table: Map<string, T>,
    bottom: T,
    evaluate: (body: SkeletonNode) => T,
    same: (a: T, b: T) => boolean,
  ): void {
    for (const key of this.skeleton.rules.keys()) table.set(key, bottom);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [key, { body }] of this.skeleton.rules) {
        const value = evaluate(body);
        if (!same(value, table.get(key) as T)) {
          table.set(key, value);
          changed = true;
        }
      }
    }
  }

  /** Whether `node` matches the empty string. */
  nullable(node: SkeletonNode): boolean {
    switch (node.kind) {
      case "leaf":
        return leafFacts(node.dfa).nullable;
      case "call":
        return this.ruleNullable.get(node.target) ?? false;
      case "sequence":
        return node.items.every((i) => this.nullable(i));
      case "choice":
        return node.alternatives.some((a) => this.nullable(a));
      case "repeat":
        return node.min === 0 || this.nullable(node.body);
      case "nothing":
        return false;
    }
  }

  /** Every code point `node` can match (an over-approximation). */
  alphabet(node: SkeletonNode): CodePointSet {
    switch (node.kind) {
      case "leaf":
        return leafFacts(node.dfa).alphabet;
      case "call":
        return this.ruleAlphabet.get(node.target) ?? CodePointSet.empty;
      case "sequence":
        return node.items.reduce((acc, i) => acc.union(this.alphabet(i)), CodePointSet.empty);
      case "choice":
        return node.alternatives.reduce((acc, a) => acc.union(this.alphabet(a)), CodePointSet.empty);
      case "repeat":
        return this.alphabet(node.body);
      case "nothing":
        return CodePointSet.empty;
    }
  }

  /** The first code points not in `skip` of what `node` matches, and whether all of it can be in `skip`. */
  skipFirst(node: SkeletonNode, skip: CodePointSet): First {
    const step = (n: SkeletonNode, rule: (key: string) => First): First =>
      n.kind === "leaf" ? leafSkipFirst(n.dfa, skip) : this.structural(n, rule, (c) => step(c, rule));
    return this.evaluate(this.skipCache, skip, node, step);
  }

  /** The first code points of `node`, passing over empty-able parts that use only code points of `absorb`. */
  absorbFirst(node: SkeletonNode, absorb: CodePointSet): First {
    const step = (n: SkeletonNode, rule: (key: string) => First): First => {
      if (this.nullable(n) && absorb.covers(this.alphabet(n))) return PASS;
      if (n.kind === "leaf") return this.astAbsorbFirst(n.node, absorb);
      return this.structural(n, rule, (c) => step(c, rule));
    };
    return this.evaluate(this.absorbCache, absorb, node, step);
  }

  /** The rule-level fixpoint of a parametrised first function, then its value at `node`. */
  private evaluate(
    caches: Map<string, Map<string, First>>,
    parameter: CodePointSet,
    node: SkeletonNode,
    step: (node: SkeletonNode, rule: (key: string) => First) => First,
  ): First {
    let table = caches.get(parameter.key);
    if (table === undefined) {
      const rules = new Map<string, First>();
      const rule = (key: string) => rules.get(key) ?? NONE;
      const evalNode = (n: SkeletonNode): First => step(n, rule);
      this.fixpoint(rules, NONE, evalNode, sameFirst);
      table = rules;
      caches.set(parameter.key, table);
    }
    const rules = table;
    return step(node, (key) => rules.get(key) ?? NONE);
  }

  /** The first function on calls, sequences, choices and repetitions, given its value on rules. */
  private structural(
    node: SkeletonNode,
    rule: (key: string) => First,
    recur: (n: SkeletonNode) => First,
  ): First {
    switch (node.kind) {
      case "call":
        return rule(node.target);
      case "sequence": {
        let set = CodePointSet.empty;
        for (const item of node.items) {
          const f = recur(item);
          set = set.union(f.set);
          if (!f.through) return { set, through: false };
        }
        return { set, through: true };
      }
      case "choice":
        return node.alternatives.reduce((acc, a) => union(acc, recur(a)), NONE);
      case "repeat": {
        const f = recur(node.body);
        return { set: f.set, through: f.through || node.min === 0 };
      }
      case "nothing":
        return NONE;
      case "leaf":
        throw new Error("leaves are handled by the caller");
    }
  }

  // ---- ABNF inside leaves --------------------------------------------------------------------

  /** Whether an ABNF node (inside a leaf: no reference cycles below it) matches the empty string. */
  private nodeNullable(node: Node): boolean {
    const cached = this.astNullable.get(node);
    if (cached !== undefined) return cached;
    let value: boolean;
    switch (node.kind) {
      case "alternation":
        value = node.alternatives.some((a) => this.nodeNullable(a));
        break;
      case "concatenation":
        value = node.elements.every((e) => this.nodeNullable(e));
        break;
      case "repetition":
        value = node.min <= node.max && (node.min === 0 || this.nodeNullable(node.element));
        break;
      case "ruleref": {
        const rule = this.grammar.rules.get(ruleKey(node.name));
        value = rule !== undefined && this.nodeNullable(rule.body);
        break;
      }
      case "string":
        value = node.value === "";
        break;
      case "sequence":
        value = node.codePoints.length === 0;
        break;
      default:
        value = false;
    }
    this.astNullable.set(node, value);
    return value;
  }

  /** Every code point an ABNF node (inside a leaf) can match, an over-approximation. */
  private nodeAlphabet(node: Node): CodePointSet {
    const cached = this.astAlphabet.get(node);
    if (cached !== undefined) return cached;
    let value: CodePointSet;
    switch (node.kind) {
      case "alternation":
        value = node.alternatives.reduce((acc, a) => acc.union(this.nodeAlphabet(a)), CodePointSet.empty);
        break;
      case "concatenation":
        value = node.elements.reduce((acc, e) => acc.union(this.nodeAlphabet(e)), CodePointSet.empty);
        break;
      case "repetition":
        value = node.max === 0 || node.min > node.max ? CodePointSet.empty : this.nodeAlphabet(node.element);
        break;
      case "ruleref": {
        const rule = this.grammar.rules.get(ruleKey(node.name));
        value = rule === undefined ? CodePointSet.empty : this.nodeAlphabet(rule.body);
        break;
      }
      case "string":
        value = [...node.value].reduce((acc, ch) => {
          const cp = ch.codePointAt(0) as number;
          return acc.union(node.caseSensitive ? CodePointSet.of(cp) : CodePointSet.caseless(cp));
        }, CodePointSet.empty);
        break;
      case "sequence":
        value = CodePointSet.of(...node.codePoints);
        break;
      case "range":
        value = CodePointSet.range(node.low, node.high);
        break;
      case "prose":
        value = CodePointSet.empty;
    }
    this.astAlphabet.set(node, value);
    return value;
  }

  /** `absorbFirst` on the ABNF of a leaf. */
  private astAbsorbFirst(node: Node, absorb: CodePointSet): First {
    let memo = this.astAbsorb.get(absorb.key);
    if (memo === undefined) {
      memo = new WeakMap();
      this.astAbsorb.set(absorb.key, memo);
    }
    const cached = memo.get(node);
    if (cached !== undefined) return cached;
    let value: First;
    if (this.nodeNullable(node) && absorb.covers(this.nodeAlphabet(node))) value = PASS;
    else {
      switch (node.kind) {
        case "alternation":
          value = node.alternatives.reduce((acc, a) => union(acc, this.astAbsorbFirst(a, absorb)), NONE);
          break;
        case "concatenation": {
          let set = CodePointSet.empty;
          let through = true;
          for (const e of node.elements) {
            const f = this.astAbsorbFirst(e, absorb);
            set = set.union(f.set);
            if (!f.through) {
              through = false;
              break;
            }
          }
          value = { set, through };
          break;
        }
        case "repetition":
          if (node.min > node.max) value = NONE;
          else if (node.max === 0) value = PASS;
          else {
            const f = this.astAbsorbFirst(node.element, absorb);
            value = { set: f.set, through: f.through || node.min === 0 };
          }
          break;
        case "ruleref": {
          const rule = this.grammar.rules.get(ruleKey(node.name));
          value = rule === undefined ? NONE : this.astAbsorbFirst(rule.body, absorb);
          break;
        }
        case "string": {
          const cp = node.value.codePointAt(0);
          value =
            cp === undefined
              ? PASS
              : { set: node.caseSensitive ? CodePointSet.of(cp) : CodePointSet.caseless(cp), through: false };
          break;
        }
        case "sequence": {
          const cp = node.codePoints[0];
          value = cp === undefined ? PASS : { set: CodePointSet.of(cp), through: false };
          break;
        }
        case "range":
          value = { set: CodePointSet.range(node.low, node.high), through: false };
          break;
        case "prose":
          value = NONE;
      }
    }
    memo.set(node, value);
    return value;
  }

  // ---- what follows --------------------------------------------------------------------------

  /**
   * The first code points (by `first`) of whatever can come right after `node`, the end of input
   * included as {@link END_OF_INPUT}.
   */
  follow(node: SkeletonNode, first: (n: SkeletonNode) => First): CodePointSet {
    let set = CodePointSet.empty;
    const seen = new Set<SkeletonNode>();
    const stack = [node];
    while (stack.length > 0) {
      const x = stack.pop() as SkeletonNode;
      if (seen.has(x)) continue;
      seen.add(x);
      const parent = x.parent;
      if (parent === undefined) {
        for (const site of this.skeleton.callSites.get(x.rule) ?? []) stack.push(site);
        if (x.rule === this.skeleton.root) set = set.union(END_SET);
        continue;
      }
      switch (parent.kind) {
        case "sequence": {
          let through = true;
          for (let k = x.index + 1; k < parent.items.length && through; k++) {
            const f = first(parent.items[k] as SkeletonNode);
            set = set.union(f.set);
            through = f.through;
          }
          if (through) stack.push(parent);
          break;
        }
        case "repeat":
          // Another iteration may come (the counter is not known statically), or the repetition ends.
          if (parent.max > 1) set = set.union(first(parent.body).set);
          stack.push(parent);
          break;
        default:
          stack.push(parent);
      }
    }
    return set;
  }
}
