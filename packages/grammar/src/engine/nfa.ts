/**
 * Thompson construction: a regular rule (references inlined) to a nondeterministic automaton
 * over code-point ranges. Each character edge remembers the innermost rule it came from, so a
 * failed match can say what it expected in the grammar's own words.
 *
 * @module
 */
import type { Node } from "../ast.ts";
import type { Grammar } from "../grammar.ts";
import { ruleKey } from "../grammar.ts";
import { type CodePointRange, codePointRanges, normalizeRanges } from "./charset.ts";

/** A character edge of an {@link Nfa}. */
export interface NfaEdge {
  readonly ranges: ReadonlyArray<CodePointRange>;
  readonly target: number;
  /** The name of the innermost rule whose text produced this edge. */
  readonly rule: string;
}

/** A nondeterministic finite automaton with one start and one accepting state. */
export interface Nfa {
  readonly start: number;
  readonly accept: number;
  readonly epsilon: ReadonlyArray<ReadonlyArray<number>>;
  readonly edges: ReadonlyArray<ReadonlyArray<NfaEdge>>;
}

/** The automaton would exceed its size budget (huge bounded repetitions, deep inlining). */
export class AutomatonTooLarge extends Error {
  override readonly name = "AutomatonTooLarge";
}

/** Default budget of NFA states per rule. */
export const DEFAULT_MAX_NFA_STATES = 200_000;

/**
 * Builds the NFA of a regular rule. The caller must have checked that the rule is regular
 * (see `classifyRules`); a reference cycle would otherwise inline forever (the budget stops it).
 */
export function buildNfa(grammar: Grammar, key: string, maxStates = DEFAULT_MAX_NFA_STATES): Nfa {
  const epsilon: number[][] = [];
  const edges: NfaEdge[][] = [];
  const newState = (): number => {
    if (epsilon.length >= maxStates) {
      throw new AutomatonTooLarge(
        `rule \`${grammar.rules.get(key)?.name ?? key}\` needs more than ${maxStates} automaton states`,
      );
    }
    epsilon.push([]);
    edges.push([]);
    return epsilon.length - 1;
  };
  const link = (from: number, to: number) => (epsilon[from] as number[]).push(to);
  const edge = (from: number, ranges: ReadonlyArray<CodePointRange>, to: number, rule: string) =>
    (edges[from] as NfaEdge[]).push({ ranges, target: to, rule });

  /** Builds `node` between fresh states and returns [entry, exit]. */
  const build = (node: Node, rule: string): [number, number] => {
    switch (node.kind) {
      case "ruleref": {
        const target = grammar.rules.get(ruleKey(node.name));
        if (target === undefined) throw new Error(`undefined rule ${node.name}`);
        return build(target.body, target.name);
      }
      case "string":
      case "sequence": {
        const codePoints =
          node.kind === "string" ? [...node.value].map((c) => c.codePointAt(0) as number) : node.codePoints;
        const caseInsensitive = node.kind === "string" && !node.caseSensitive;
        const entry = newState();
        let at = entry;
        for (const cp of codePoints) {
          const next = newState();
          edge(at, codePointRanges(cp, caseInsensitive), next, rule);
          at = next;
        }
        return [entry, at];
      }
      case "range": {
        const entry = newState();
        const exit = newState();
        if (node.low <= node.high) edge(entry, [[node.low, node.high]], exit, rule);
        return [entry, exit];
      }
      case "prose": {
        // A prose value matches nothing until someone defines it: an entry with no way out.
        const entry = newState();
        return [entry, newState()];
      }
      case "concatenation": {
        const parts = node.elements.map((e) => build(e, rule));
        for (let i = 0; i + 1 < parts.length; i++)
          link((parts[i] as [number, number])[1], (parts[i + 1] as [number, number])[0]);
        return [(parts[0] as [number, number])[0], (parts.at(-1) as [number, number])[1]];
      }
      case "alternation": {
        const entry = newState();
        const exit = newState();
        for (const alt of node.alternatives) {
          const [s, e] = build(alt, rule);
          link(entry, s);
          link(e, exit);
        }
        return [entry, exit];
      }
      case "repetition": {
        const entry = newState();
        // `5*3x` (minimum above maximum) matches nothing, like a reversed range.
        if (node.min > node.max) return [entry, newState()];
        let at = entry;
        for (let i = 0; i < node.min; i++) {
          const [s, e] = build(node.element, rule);
          link(at, s);
          at = e;
        }
        if (node.max === Number.POSITIVE_INFINITY) {
          const [s, e] = build(node.element, rule);
          const exit = newState();
          link(at, s);
          link(e, s);
          link(at, exit);
          link(e, exit);
          return [entry, exit];
        }
        const exit = newState();
        for (let i = node.min; i < node.max; i++) {
          link(at, exit);
          const [s, e] = build(node.element, rule);
          link(at, s);
          at = e;
        }
        link(at, exit);
        return [entry, exit];
      }
    }
  };

  const rule = grammar.rules.get(key);
  if (rule === undefined) throw new Error(`undefined rule ${key}`);
  let start: number;
  let accept: number;
  try {
    [start, accept] = build(rule.body, rule.name);
  } catch (e) {
    // Inlining a very long chain of rules can run out of stack: report it as too large.
    if (e instanceof RangeError)
      throw new AutomatonTooLarge(`rule \`${rule.name}\` nests rules too deeply to inline`);
    throw e;
  }
  return {
    start,
    accept,
    epsilon,
    edges: edges.map((list) => list.map((e) => ({ ...e, ranges: normalizeRanges(e.ranges) }))),
  };
}
