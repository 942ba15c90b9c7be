/**
 * The proof that a deterministic recursive descent decides a recursive rule exactly, or the first
 * place where the proof fails. A deterministic descent makes three kinds of choice without ever
 * going back; each is checked against what can really follow it in the grammar (see
 * `lookahead.ts`), so that whenever the input has some derivation, the choice made keeps one:
 *
 * 1. **Which alternative.** Alternative `j` is taken when the next code point not in a skip set K
 *    lies in `P_j`, the first-after-skipping-K set of the alternative followed by what can follow
 *    it. If the `P_j` are pairwise disjoint, only alternative `j` can derive the input. K is empty
 *    (ordinary LL(1)) unless the alternatives only differ after a shared run of code points, such as
 *    RFC 8259's white space before `,` or `]`: then K is those code points, looked past at run time.
 * 2. **Another iteration or not** (between the minimum and the maximum of a repetition): the same
 *    test with "iterate" and "stop" as the two alternatives. A repeated part that can match the
 *    empty string is refused.
 * 3. **Where a leaf ends.** A leaf takes its longest match. Let EXTEND be the code points that
 *    extend some match of the leaf, and ABSORB those that keep every match a match. If nothing that
 *    can follow the leaf starts, after passing over empty-able parts written only in ABSORB, with a
 *    code point of EXTEND, then whenever a shorter match works, the longest one works too: the
 *    longer match only swallowed what those empty-able parts derived, and they can derive nothing.
 *
 * When all three hold everywhere, the descent accepts exactly the strings RFC 5234 says the rule
 * matches. The checks are conservative: a refused grammar goes to the Earley engine, still exact.
 *
 * @module
 */
import { CodePointSet } from "../../analysis/code-point-set.ts";
import { type Grammar, ruleKey } from "../../grammar.ts";
import { END_OF_INPUT } from "../../runtime/descent-runtime.ts";
import { describeRange } from "../charset.ts";
import type { LeafCompiler } from "../earley/leaves.ts";
import { type First, Lookahead, leafFacts } from "./lookahead.ts";
import {
  allNodes,
  buildSkeleton,
  type ChoiceNode,
  type RepeatNode,
  type Skeleton,
  type SkeletonNode,
} from "./skeleton.ts";

/** How a choice (or the iterate-or-stop choice of a repetition) is decided at run time. */
export interface PlannedDecision {
  /** Code points looked past before deciding. */
  readonly skip: CodePointSet;
  /**
   * Per option, the next code points (after `skip`) that select it, {@link END_OF_INPUT} for the
   * end of input. For a repetition: `[iterate, stop]`.
   */
  readonly options: ReadonlyArray<CodePointSet>;
}

/** A skeleton with every choice planned: ready to assemble into a program. */
export interface DescentPlan {
  readonly skeleton: Skeleton;
  readonly decisions: ReadonlyMap<SkeletonNode, PlannedDecision>;
}

/** The plan, or why a deterministic descent could not be proved exact. */
export type DescentPlanResult =
  | { readonly ok: true; readonly plan: DescentPlan }
  | { readonly ok: false; readonly reason: string };

/** How many times the skip set may grow while looking for a deterministic decision. */
const MAX_SKIP_ROUNDS = 4;

/** Plans a deterministic descent for rule `key` (which must reach a reference cycle). */
export function planDescent(grammar: Grammar, key: string, leaves: LeafCompiler): DescentPlanResult {
  let skeleton: Skeleton;
  try {
    skeleton = buildSkeleton(grammar, ruleKey(key), leaves);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, reason: "the rule nests groups too deeply" };
    throw e;
  }
  const lookahead = new Lookahead(grammar, skeleton);
  const cycle = leftCycle(skeleton, lookahead);
  if (cycle !== undefined)
    return refuse(
      `rule \`${cycle[0]}\` is left-recursive (${cycle.join(" → ")}): a descent would never stop`,
    );
  const decisions = new Map<SkeletonNode, PlannedDecision>();
  const nameOf = (node: SkeletonNode) => skeleton.rules.get(node.rule)?.rule.name ?? node.rule;
  for (const node of allNodes(skeleton)) {
    if (node.kind === "leaf") {
      const facts = leafFacts(node.dfa);
      if (facts.extend.isEmpty) continue;
      const follow = lookahead.follow(node, (n) => lookahead.absorbFirst(n, facts.absorb));
      const clash = follow.intersect(facts.extend);
      if (!clash.isEmpty)
        return refuse(
          `in rule \`${nameOf(node)}\`, a regular part may be followed by ${describeSet(clash)}, which it could also take: its longest match might not be the one that works`,
        );
    } else if (node.kind === "choice") {
      const decision = decide((skip) => choiceOptions(lookahead, node, skip));
      if ("conflict" in decision)
        return refuse(
          `in rule \`${nameOf(node)}\`, two alternatives can both start with ${describeSet(decision.conflict)}`,
        );
      decisions.set(node, decision);
    } else if (node.kind === "repeat" && node.max > node.min) {
      if (lookahead.nullable(node.body))
        return refuse(
          `in rule \`${nameOf(node)}\`, a repetition repeats something that can match the empty string`,
        );
      const decision = decide((skip) => repeatOptions(lookahead, node, skip));
      if ("conflict" in decision)
        return refuse(
          `in rule \`${nameOf(node)}\`, a repetition may go on or stop at ${describeSet(decision.conflict)}`,
        );
      decisions.set(node, decision);
    }
  }
  return { ok: true, plan: { skeleton, decisions } };
}

/**
 * A cycle of rules that call each other before consuming anything, as rule names: a descent would
 * call them forever. (Where a choice guards such a call the decision check fails too, but a
 * mandatory call, as in `r = 1*(r "a")`, passes every decision.)
 */
function leftCycle(skeleton: Skeleton, lookahead: Lookahead): string[] | undefined {
  const leftCalls = (node: SkeletonNode, out: string[]): void => {
    switch (node.kind) {
      case "call":
        out.push(node.target);
        return;
      case "sequence":
        for (const item of node.items) {
          leftCalls(item, out);
          if (!lookahead.nullable(item)) return;
        }
        return;
      case "choice":
        for (const alt of node.alternatives) leftCalls(alt, out);
        return;
      case "repeat":
        leftCalls(node.body, out);
        return;
      default:
        return;
    }
  };
  const edges = new Map<string, string[]>();
  for (const [key, { body }] of skeleton.rules) {
    const out: string[] = [];
    leftCalls(body, out);
    edges.set(key, out);
  }
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (key: string): string[] | undefined => {
    state.set(key, "open");
    path.push(key);
    for (const next of edges.get(key) ?? []) {
      if (state.get(next) === "open") {
        const cycle = [...path.slice(path.indexOf(next)), next];
        return cycle.map((k) => skeleton.rules.get(k)?.rule.name ?? k);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found !== undefined) return found;
      }
    }
    path.pop();
    state.set(key, "done");
    return undefined;
  };
  for (const key of skeleton.rules.keys()) {
    if (state.has(key)) continue;
    const found = visit(key);
    if (found !== undefined) return found;
  }
  return undefined;
}

function refuse(reason: string): DescentPlanResult {
  return { ok: false, reason };
}

/** The selecting sets of a choice's alternatives, for skip set `skip`. */
function choiceOptions(lookahead: Lookahead, node: ChoiceNode, skip: CodePointSet): CodePointSet[] {
  const first = (n: SkeletonNode): First => lookahead.skipFirst(n, skip);
  let follow: CodePointSet | undefined;
  return node.alternatives.map((alt) => {
    const f = first(alt);
    if (!f.through) return f.set;
    follow ??= lookahead.follow(node, first);
    return f.set.union(follow);
  });
}

/** The selecting sets `[iterate, stop]` of a repetition, for skip set `skip`. */
function repeatOptions(lookahead: Lookahead, node: RepeatNode, skip: CodePointSet): CodePointSet[] {
  const first = (n: SkeletonNode): First => lookahead.skipFirst(n, skip);
  const follow = lookahead.follow(node, first);
  const body = first(node.body);
  return [body.through ? body.set.union(follow) : body.set, follow];
}

/**
 * Finds a skip set under which the options' selecting sets are disjoint: none first, then the
 * code points they share, grown a few times. The end of input cannot be skipped.
 */
function decide(
  options: (skip: CodePointSet) => CodePointSet[],
): PlannedDecision | { readonly conflict: CodePointSet } {
  let skip = CodePointSet.empty;
  let conflict = CodePointSet.empty;
  for (let round = 0; round < MAX_SKIP_ROUNDS; round++) {
    const sets = options(skip);
    conflict = overlapOf(sets);
    if (conflict.isEmpty) return { skip, options: sets };
    if (conflict.has(END_OF_INPUT)) break;
    const wider = skip.union(conflict);
    if (wider.equals(skip)) break;
    skip = wider;
  }
  return { conflict };
}

/** The code points in more than one of the sets. */
function overlapOf(sets: ReadonlyArray<CodePointSet>): CodePointSet {
  let seen = CodePointSet.empty;
  let shared = CodePointSet.empty;
  for (const s of sets) {
    shared = shared.union(seen.intersect(s));
    seen = seen.union(s);
  }
  return shared;
}

/** A set of code points for a message, the end-of-input marker named as such. */
function describeSet(set: CodePointSet): string {
  const parts = set.ranges
    .slice(0, 6)
    .map(([lo, hi]) =>
      lo === END_OF_INPUT ? "the end of input" : describeRange([lo, Math.min(hi, 0x10ffff)]),
    );
  return parts.join(" / ") + (set.ranges.length > 6 ? " / …" : "");
}
