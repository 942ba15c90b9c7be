/**
 * The exact difference of two regular rules: a breadth-first search over pairs of DFA states
 * finds the shortest string one automaton accepts and the other rejects. The reference check
 * uses it after the generators: when they find no witness, this either finds one or proves that
 * there is none, so "no finding" means the languages agree.
 *
 * @module
 */
import type { DfaData } from "@mimi-spec/grammar";

/** What {@link shortestDifference} found. */
export type DifferenceResult =
  | { readonly kind: "none" }
  | { readonly kind: "witness"; readonly text: string }
  | { readonly kind: "too-large"; readonly pairs: number };

/** The default most state pairs searched: far beyond identifier grammars, and bounded work. */
export const DEFAULT_MAX_PAIRS = 500_000;

/**
 * The shortest string `a` accepts and `b` rejects (`kind: "witness"`), or proof that every
 * string `a` accepts `b` accepts too (`kind: "none"`). Among strings of the shortest length,
 * characters are picked to be readable: a lower-case letter, then a digit, then an upper-case
 * letter, then any other visible ASCII character where the range allows.
 */
export function shortestDifference(a: DfaData, b: DfaData, maxPairs = DEFAULT_MAX_PAIRS): DifferenceResult {
  // A pair is (state of a, state of b or -1 once b has rejected), numbered a * width + b + 1.
  const width = b.transitions.length + 1;
  const pairOf = (sa: number, sb: number) => sa * width + sb + 1;
  const parent = new Map<number, { from: number; cp: number }>();
  const start = pairOf(a.start, b.start);
  parent.set(start, { from: -1, cp: -1 });
  let frontier = [start];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const pair of frontier) {
      const sa = Math.floor(pair / width);
      const sb = (pair % width) - 1;
      if (a.accepting[sa] === 1 && (sb < 0 || b.accepting[sb] !== 1))
        return { kind: "witness", text: spell(parent, pair) };
      // Readable characters first, so that among the shortest witnesses a readable one is found.
      const moves = [...steps(a.transitions[sa] ?? [], sb < 0 ? [] : (b.transitions[sb] ?? []))].sort(
        (x, y) => readability(x[0]) - readability(y[0]),
      );
      for (const [cp, ta, tb] of moves) {
        const target = pairOf(ta, tb);
        if (parent.has(target)) continue;
        parent.set(target, { from: pair, cp });
        if (parent.size > maxPairs) return { kind: "too-large", pairs: parent.size };
        next.push(target);
      }
    }
    frontier = next;
  }
  return { kind: "none" };
}

/** The string that leads from the start pair to `pair`. */
function spell(parent: ReadonlyMap<number, { from: number; cp: number }>, pair: number): string {
  const cps: number[] = [];
  for (let p = parent.get(pair); p !== undefined && p.from >= 0; p = parent.get(p.from)) cps.push(p.cp);
  return String.fromCodePoint(...cps.reverse());
}

/**
 * The moves from a pair: for each piece of `a`'s ranges, split where `b`'s ranges start and
 * end, one representative character, `a`'s target and `b`'s (-1 where `b` has no move).
 */
function* steps(
  ta: ReadonlyArray<number>,
  tb: ReadonlyArray<number>,
): Generator<[cp: number, targetA: number, targetB: number]> {
  let k = 0;
  for (let i = 0; i < ta.length; i += 3) {
    let low = ta[i] as number;
    const high = ta[i + 1] as number;
    const targetA = ta[i + 2] as number;
    while (k < tb.length && (tb[k + 1] as number) < low) k += 3;
    let j = k;
    while (low <= high) {
      const bLow = j < tb.length ? (tb[j] as number) : Number.POSITIVE_INFINITY;
      const bHigh = j < tb.length ? (tb[j + 1] as number) : Number.POSITIVE_INFINITY;
      if (bLow > low) {
        // A gap in b's ranges: b rejects here.
        const end = Math.min(high, bLow - 1);
        const cp = representative(low, end);
        if (cp !== undefined) yield [cp, targetA, -1];
        low = end + 1;
        continue;
      }
      const end = Math.min(high, bHigh);
      const cp = representative(low, end);
      if (cp !== undefined) yield [cp, targetA, tb[j + 2] as number];
      low = end + 1;
      if (end === bHigh) j += 3;
    }
  }
}

const PREFERRED: ReadonlyArray<[number, number]> = [
  [0x61, 0x7a], // a-z
  [0x30, 0x39], // 0-9
  [0x41, 0x5a], // A-Z
  [0x21, 0x7e], // visible ASCII
];

/** The rank of a code point among {@link PREFERRED} (lower is more readable). */
function readability(cp: number): number {
  const k = PREFERRED.findIndex(([low, high]) => cp >= low && cp <= high);
  return k < 0 ? PREFERRED.length : k;
}

/** A readable code point of `[low, high]`, skipping surrogates; `undefined` when none exists. */
function representative(low: number, high: number): number | undefined {
  for (const [pLow, pHigh] of PREFERRED) {
    const cp = Math.max(low, pLow);
    if (cp <= Math.min(high, pHigh)) return cp;
  }
  if (low < 0xd800 || low > 0xdfff) return low;
  return high > 0xdfff ? 0xe000 : undefined;
}
