/**
 * The opt-in PEG reading of ABNF, compiled to a backtracking descent program: an alternation takes
 * the first alternative that succeeds and never reconsiders it, and a repetition takes as many
 * iterations as it can (up to its maximum) and never gives one back. This is what apg-js and the
 * Peggy parsers of the `abnf` package do. It is NOT RFC 5234: it rejects valid strings of real
 * grammars (RFC 5321's `Ldh-str` rejects every multi-letter host name, RFC 3986's IPv6address
 * rejects `1::2`). It exists for people who need to predict what such parsers do.
 *
 * Every rule is compiled this way, regular or not (a DFA would accept what a PEG parser rejects).
 * A repetition stops after an iteration that consumed nothing, as PEG tools do. Left recursion
 * would loop forever in a PEG parser, so it is refused, naming the cycle. Like PEG parsers without
 * memoization, a program can take exponential time on contrived grammars.
 *
 * @module
 */

import { CodePointSet } from "../../analysis/code-point-set.ts";
import type { Node } from "../../ast.ts";
import type { Grammar, ResolvedRule } from "../../grammar.ts";
import { ruleKey } from "../../grammar.ts";
import { DescentOp, UNBOUNDED } from "../../runtime/descent-runtime.ts";
import { forEachLiveNode } from "../earley/live-rules.ts";
import { type DescentData, type Label, ProgramBuilder } from "./program.ts";

/** The PEG program, or why the rule cannot run as a PEG. */
export type PegResult =
  | { readonly ok: true; readonly peg: DescentData }
  | { readonly ok: false; readonly reason: string };

/** Compiles rule `key` and every rule it reaches with PEG semantics. */
export function compilePeg(grammar: Grammar, key: string): PegResult {
  const root = grammar.rules.get(ruleKey(key));
  if (root === undefined) return { ok: false, reason: `no rule named \`${key}\`` };
  const rules = reachableRules(grammar, root.key);
  const cycle = leftRecursion(grammar, rules);
  if (cycle !== undefined)
    return {
      ok: false,
      reason: `rule \`${cycle[0]}\` is left-recursive (${cycle.join(" → ")}): a PEG parser would never stop`,
    };
  const b = new ProgramBuilder();
  const entries = new Map(rules.map((k) => [k, b.label()]));
  const emit = (node: Node): void => {
    switch (node.kind) {
      case "string":
        for (const ch of node.value) {
          const cp = ch.codePointAt(0) as number;
          b.emit(DescentOp.Set, b.set(node.caseSensitive ? CodePointSet.of(cp) : CodePointSet.caseless(cp)));
        }
        return;
      case "sequence":
        for (const cp of node.codePoints) b.emit(DescentOp.Set, b.set(CodePointSet.of(cp)));
        return;
      case "range":
        if (node.low > node.high) b.emit(DescentOp.Fail);
        else b.emit(DescentOp.Set, b.set(CodePointSet.range(node.low, node.high)));
        return;
      case "prose":
        b.emit(DescentOp.Fail);
        return;
      case "ruleref": {
        const label = entries.get(ruleKey(node.name));
        if (label === undefined) b.emit(DescentOp.Fail);
        else b.emit(DescentOp.Call, label);
        return;
      }
      case "concatenation":
        for (const e of node.elements) emit(e);
        return;
      case "alternation": {
        const end = b.label();
        node.alternatives.forEach((alt, i) => {
          if (i + 1 === node.alternatives.length) {
            emit(alt);
            return;
          }
          const next = b.label();
          b.emit(DescentOp.Choice, next);
          emit(alt);
          b.emit(DescentOp.Commit, end);
          b.place(next);
        });
        b.place(end);
        return;
      }
      case "repetition":
        emitRepetition(b, node.min, node.max, () => emit(node.element));
        return;
    }
  };
  try {
    b.startRule(root.name);
    b.emit(DescentOp.Call, entries.get(root.key) as Label);
    b.emit(DescentOp.End);
    for (const k of rules) {
      const rule = grammar.rules.get(k) as ResolvedRule;
      if (k !== root.key) b.startRule(rule.name);
      b.place(entries.get(k) as Label);
      emit(rule.body);
      b.emit(DescentOp.Return);
    }
  } catch (e) {
    if (e instanceof RangeError)
      return { ok: false, reason: `rule \`${root.name}\` nests groups too deeply` };
    throw e;
  }
  return { ok: true, peg: b.finish("peg") };
}

/** Greedy, possessive `min*max element`. */
function emitRepetition(b: ProgramBuilder, min: number, max: number, element: () => void): void {
  if (min > max) {
    b.emit(DescentOp.Fail);
    return;
  }
  if (max === 0) return;
  if (min === 1 && max === 1) {
    element();
    return;
  }
  if (min === 0 && max === 1) {
    const end = b.label();
    b.emit(DescentOp.Choice, end);
    element();
    b.emit(DescentOp.Commit, end);
    b.place(end);
    return;
  }
  const head = b.label();
  const next = b.label();
  const exit = b.label();
  b.emit(DescentOp.RepPush);
  b.place(head);
  b.emit(DescentOp.RepTest, max === Number.POSITIVE_INFINITY ? UNBOUNDED : max, exit);
  b.emit(DescentOp.Choice, exit);
  element();
  b.emit(DescentOp.Commit, next);
  b.place(next);
  b.emit(DescentOp.RepNext, head, exit);
  b.place(exit);
  b.emit(DescentOp.RepEnd, min);
}

/** The defined rules `key` reaches through live references, itself first. */
function reachableRules(grammar: Grammar, key: string): string[] {
  const order = [key];
  const seen = new Set(order);
  for (let head = 0; head < order.length; head++) {
    const rule = grammar.rules.get(order[head] as string) as ResolvedRule;
    forEachLiveNode(rule.body, (n) => {
      if (n.kind !== "ruleref") return;
      const k = ruleKey(n.name);
      if (grammar.rules.has(k) && !seen.has(k)) {
        seen.add(k);
        order.push(k);
      }
    });
  }
  return order;
}

/**
 * A cycle of rules that call each other before consuming anything, as rule names, or undefined.
 * "Before consuming" uses RFC 5234 nullability, which covers every way a PEG can succeed empty.
 */
function leftRecursion(grammar: Grammar, rules: ReadonlyArray<string>): string[] | undefined {
  const ruleNullable = new Map<string, boolean>();
  // Least fixpoint of rule nullability over the reachable rules.
  const nodeNullable = (node: Node): boolean => {
    switch (node.kind) {
      case "alternation":
        return node.alternatives.some(nodeNullable);
      case "concatenation":
        return node.elements.every(nodeNullable);
      case "repetition":
        return node.min <= node.max && (node.min === 0 || nodeNullable(node.element));
      case "ruleref":
        return ruleNullable.get(ruleKey(node.name)) ?? false;
      case "string":
        return node.value === "";
      case "sequence":
        return node.codePoints.length === 0;
      default:
        return false;
    }
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const k of rules) {
      if (ruleNullable.get(k) === true) continue;
      if (nodeNullable((grammar.rules.get(k) as ResolvedRule).body)) {
        ruleNullable.set(k, true);
        changed = true;
      }
    }
  }
  const leftCalls = (node: Node, out: Set<string>): void => {
    switch (node.kind) {
      case "ruleref":
        if (grammar.rules.has(ruleKey(node.name))) out.add(ruleKey(node.name));
        return;
      case "alternation":
        for (const a of node.alternatives) leftCalls(a, out);
        return;
      case "concatenation":
        for (const e of node.elements) {
          leftCalls(e, out);
          if (!nodeNullable(e)) return;
        }
        return;
      case "repetition":
        if (node.max > 0 && node.min <= node.max) leftCalls(node.element, out);
        return;
      default:
        return;
    }
  };
  const edges = new Map<string, string[]>();
  for (const k of rules) {
    const out = new Set<string>();
    leftCalls((grammar.rules.get(k) as ResolvedRule).body, out);
    edges.set(k, [...out]);
  }
  // Depth-first search for a back edge, iteratively.
  const state = new Map<string, 1 | 2>();
  for (const start of rules) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const work: Array<{ key: string; next: number }> = [{ key: start, next: 0 }];
    state.set(start, 1);
    path.push(start);
    while (work.length > 0) {
      const frame = work.at(-1) as { key: string; next: number };
      const succ = edges.get(frame.key) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++] as string;
        if (state.get(w) === 1) {
          const cycle = path.slice(path.indexOf(w));
          cycle.push(w);
          return cycle.map((k) => grammar.rules.get(k)?.name ?? k);
        }
        if (!state.has(w)) {
          state.set(w, 1);
          path.push(w);
          work.push({ key: w, next: 0 });
        }
        continue;
      }
      state.set(frame.key, 2);
      path.pop();
      work.pop();
    }
  }
  return undefined;
}
