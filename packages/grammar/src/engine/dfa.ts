/**
 * Subset construction: an {@link Nfa} to a deterministic automaton whose transitions are
 * disjoint code-point ranges. The DFA decides a regular rule exactly and in linear time, and its
 * dead state is the furthest point any parse could reach, which makes error messages precise.
 *
 * @module
 */
import { AutomatonTooLarge, type Nfa } from "./nfa.ts";

/** A deterministic automaton in plain data, ready to serialize into generated code. */
export interface DfaData {
  readonly start: number;
  /** `accepting[s]` is 1 when state `s` accepts. */
  readonly accepting: ReadonlyArray<0 | 1>;
  /** Per state, flat triples `low, high, target`, sorted by `low`, disjoint. */
  readonly transitions: ReadonlyArray<ReadonlyArray<number>>;
  /** Names of the rules that may continue from each state, for "expected …" messages. */
  readonly expectedRules: ReadonlyArray<ReadonlyArray<number>>;
  /** The rule names `expectedRules` indexes into. */
  readonly ruleNames: ReadonlyArray<string>;
}

/** Default budget of DFA states per rule. */
export const DEFAULT_MAX_DFA_STATES = 50_000;

/** Determinizes an NFA; throws {@link AutomatonTooLarge} past `maxStates`. */
export function determinize(nfa: Nfa, maxStates = DEFAULT_MAX_DFA_STATES): DfaData {
  const mark = new Int32Array(nfa.epsilon.length).fill(-1);
  let generation = 0;
  const closure = (seeds: Iterable<number>): number[] => {
    generation++;
    const out: number[] = [];
    const stack = [...seeds];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (mark[s] === generation) continue;
      mark[s] = generation;
      out.push(s);
      for (const t of nfa.epsilon[s] ?? []) if (mark[t] !== generation) stack.push(t);
    }
    // Only states with character edges (and the accepting state) decide the future, so sets that
    // agree on those are the same DFA state; keying on them keeps the DFA near its minimal size.
    return out.filter((q) => q === nfa.accept || (nfa.edges[q]?.length ?? 0) > 0).sort((a, b) => a - b);
  };

  const ids = new Map<string, number>();
  const sets: number[][] = [];
  const intern = (set: number[]): number => {
    const key = set.join(",");
    let id = ids.get(key);
    if (id === undefined) {
      if (sets.length >= maxStates)
        throw new AutomatonTooLarge(`the automaton needs more than ${maxStates} states`);
      id = sets.length;
      ids.set(key, id);
      sets.push(set);
    }
    return id;
  };

  const ruleIndex = new Map<string, number>();
  const ruleNames: string[] = [];
  const accepting: Array<0 | 1> = [];
  const transitions: number[][] = [];
  const expectedRules: number[][] = [];
  const start = intern(closure([nfa.start]));

  for (let id = 0; id < sets.length; id++) {
    const set = sets[id] as number[];
    accepting.push(set.includes(nfa.accept) ? 1 : 0);
    const bounds = new Set<number>();
    const rules = new Set<number>();
    for (const s of set) {
      for (const e of nfa.edges[s] ?? []) {
        let r = ruleIndex.get(e.rule);
        if (r === undefined) {
          r = ruleNames.length;
          ruleIndex.set(e.rule, r);
          ruleNames.push(e.rule);
        }
        rules.add(r);
        for (const [lo, hi] of e.ranges) {
          bounds.add(lo);
          bounds.add(hi + 1);
        }
      }
    }
    const points = [...bounds].sort((a, b) => a - b);
    const flat: number[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const lo = points[i] as number;
      const hi = (points[i + 1] as number) - 1;
      const targets: number[] = [];
      for (const s of set) {
        for (const e of nfa.edges[s] ?? []) {
          if (e.ranges.some(([a, b]) => a <= lo && hi <= b)) targets.push(e.target);
        }
      }
      if (targets.length === 0) continue;
      const target = intern(closure(targets));
      const n = flat.length;
      if (n >= 3 && flat[n - 1] === target && (flat[n - 2] as number) + 1 === lo) flat[n - 2] = hi;
      else flat.push(lo, hi, target);
    }
    transitions.push(flat);
    expectedRules.push([...rules].sort((a, b) => a - b));
  }
  return { start, accepting, transitions, expectedRules, ruleNames };
}
