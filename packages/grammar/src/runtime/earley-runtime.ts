/**
 * The runtime of the context-free engine: an Earley recognizer whose terminals are whole regular
 * sub-expressions ("leaves"), each matched by its own DFA at every end offset at once. It decides
 * recursive rules with exact RFC 5234 semantics (every choice of alternatives and repetition counts,
 * left recursion and empty rules included) and reports failures exactly like the DFA runtime, so
 * callers never care which engine ran.
 *
 * The loop is iterative: nesting depth and input size cost heap, never JS stack. Empty (nullable)
 * nonterminals follow Aycock and Horspool: predicting a nullable nonterminal also steps over it, so
 * a completion never has to revisit the set it ends in. This file imports only `./dfa-runtime.ts`,
 * so it can be copied next to generated modules.
 *
 * @module
 */
import { type DfaSource, expectedAt, type LoadedDfa, loadDfa, type MatchResult } from "./dfa-runtime.ts";

/**
 * A context-free rule as generated code stores it (see `EarleyData` in the engine): a BNF grammar
 * whose terminals are leaf DFAs.
 */
export interface EarleySource {
  /** The augmented start nonterminal; its one production is `start → <the rule>`. */
  readonly start: number;
  /** Names of the nonterminals (rule names, or `rule/n` for helpers), for people reading the data. */
  readonly nonterminals: ReadonlyArray<string>;
  /**
   * Each production as `[lhs, ...rhs]`. A symbol `s ≥ 0` is nonterminal `s`; `s < 0` is leaf
   * `-s - 1`.
   */
  readonly productions: ReadonlyArray<ReadonlyArray<number>>;
  /** The leaf automata; a leaf matches any span its DFA accepts, possibly the empty one. */
  readonly leaves: ReadonlyArray<DfaSource>;
}

/** An {@link EarleySource} with its lookup tables built (once, at module load). */
export interface LoadedEarley {
  readonly source: EarleySource;
  /** Per dotted production: the symbol after the dot, or {@link COMPLETE}. */
  readonly dotSymbol: Int32Array;
  /** Per dotted production: the nonterminal it defines. */
  readonly dotLhs: Int32Array;
  /** The dotted productions at dot 0 of each nonterminal `b`: `predictDots[predictStart[b] …]`. */
  readonly predictStart: Int32Array;
  readonly predictDots: Int32Array;
  /** `nullable[b]` is 1 when nonterminal `b` derives the empty string. */
  readonly nullable: Uint8Array;
  /** The dotted production `start → rule •`: its presence at the end with origin 0 means a match. */
  readonly acceptDot: number;
  readonly leaves: ReadonlyArray<LoadedDfa>;
}

/** Counters of the work one match did, for measuring (pass an object to {@link matchEarley}). */
export interface EarleyStats {
  /** Earley items added (after de-duplication). */
  items: number;
  /** Characters stepped through by leaf automata. */
  leafSteps: number;
  /** Earley sets processed. */
  sets: number;
}

/** The `dotSymbol` of a dotted production with nothing after the dot. */
export const COMPLETE = -0x40000000;

// Loaded leaf automata are shared between the rules of a generated module that use the same leaf.
const loadedLeaves = new WeakMap<DfaSource, LoadedDfa>();

function loadLeaf(source: DfaSource): LoadedDfa {
  let loaded = loadedLeaves.get(source);
  if (loaded === undefined) {
    loaded = loadDfa(source);
    loadedLeaves.set(source, loaded);
  }
  return loaded;
}

/** Builds the lookup tables of a context-free rule; throws on malformed data. */
export function loadEarley(source: EarleySource): LoadedEarley {
  const n = source.nonterminals.length;
  const leafCount = source.leaves.length;
  let dots = 0;
  for (const p of source.productions) {
    const lhs = p[0];
    if (lhs === undefined || lhs < 0 || lhs >= n) throw new Error("earley data: a production has a bad lhs");
    for (let k = 1; k < p.length; k++) {
      const s = p[k] as number;
      if (s >= n || -s - 1 >= leafCount) throw new Error("earley data: a production names a missing symbol");
    }
    dots += p.length;
  }
  const dotSymbol = new Int32Array(dots);
  const dotLhs = new Int32Array(dots);
  const counts = new Int32Array(n + 1);
  let acceptDot = -1;
  let d = 0;
  for (const p of source.productions) {
    const lhs = p[0] as number;
    counts[lhs + 1] = (counts[lhs + 1] as number) + 1;
    for (let k = 1; k <= p.length; k++) {
      dotSymbol[d] = k < p.length ? (p[k] as number) : COMPLETE;
      dotLhs[d] = lhs;
      d++;
    }
    if (lhs === source.start) acceptDot = d - 1;
  }
  if (acceptDot < 0) throw new Error("earley data: the start symbol has no production");
  const predictStart = new Int32Array(n + 1);
  for (let b = 0; b < n; b++) predictStart[b + 1] = (predictStart[b] as number) + (counts[b + 1] as number);
  const predictDots = new Int32Array(source.productions.length);
  const fill = predictStart.slice(0, n);
  d = 0;
  for (const p of source.productions) {
    const lhs = p[0] as number;
    predictDots[fill[lhs] as number] = d;
    fill[lhs] = (fill[lhs] as number) + 1;
    d += p.length;
  }
  const leaves = source.leaves.map(loadLeaf);
  return {
    source,
    dotSymbol,
    dotLhs,
    predictStart,
    predictDots,
    nullable: nullableNonterminals(source, leaves),
    acceptDot,
    leaves,
  };
}

/** Which nonterminals derive the empty string: a worklist fixpoint, linear in the grammar. */
function nullableNonterminals(source: EarleySource, leaves: ReadonlyArray<LoadedDfa>): Uint8Array {
  const n = source.nonterminals.length;
  const nullable = new Uint8Array(n);
  const missing = new Int32Array(source.productions.length);
  const uses: number[][] = Array.from({ length: n }, () => []);
  const work: number[] = [];
  source.productions.forEach((p, index) => {
    let count = 0;
    for (let k = 1; k < p.length; k++) {
      const s = p[k] as number;
      if (s >= 0) {
        count++;
        (uses[s] as number[]).push(index);
      } else {
        const leaf = leaves[-s - 1] as LoadedDfa;
        // A leaf that cannot match the empty string makes the whole production non-nullable.
        if (leaf.accepting[leaf.start] !== 1) count = Number.POSITIVE_INFINITY;
      }
    }
    missing[index] = count === Number.POSITIVE_INFINITY ? 0x7fffffff : count;
    if (count === 0) work.push(p[0] as number);
  });
  while (work.length > 0) {
    const b = work.pop() as number;
    if (nullable[b] === 1) continue;
    nullable[b] = 1;
    for (const index of uses[b] as number[]) {
      missing[index] = (missing[index] as number) - 1;
      if (missing[index] === 0) work.push((source.productions[index] as ReadonlyArray<number>)[0] as number);
    }
  }
  return nullable;
}

/** Decides whether the whole `input` matches; on failure, says where and what was expected. */
export function matchEarley(loaded: LoadedEarley, input: string, stats?: EarleyStats): MatchResult {
  return recognize(loaded, input, true, stats);
}

/** Whether the whole `input` matches (without building a failure report). */
export function testEarley(loaded: LoadedEarley, input: string): boolean {
  return recognize(loaded, input, false, undefined).ok;
}

/** A growable Int32Array. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

// Result of the last `scan`: where the leaf automaton stopped and in which state.
let scanStop = 0;
let scanState = 0;
let scanSteps = 0;

/**
 * Runs `dfa` from `from`, pushing every offset where it accepts (including `from` itself) onto
 * `ends`. Sets `scanStop` to the offset of the first code point it could not take (or the input
 * length) and `scanState` to the state it was in there.
 */
function scan(dfa: LoadedDfa, input: string, from: number, ends: IntList): void {
  const { table, classOf, classCount, accepting, wide } = dfa;
  const n = input.length;
  let state = dfa.start;
  if (accepting[state] === 1) ends.push(from);
  let i = from;
  while (i < n) {
    let cp = input.charCodeAt(i);
    let width = 1;
    let next: number;
    if (cp < 128) {
      next = table[state * classCount + (classOf[cp] as number)] as number;
    } else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const low = input.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      next = stepWide(wide[state] as Int32Array, cp);
    }
    if (next < 0) break;
    state = next;
    i += width;
    scanSteps++;
    if (accepting[state] === 1) ends.push(i);
  }
  scanStop = i;
  scanState = state;
}

function stepWide(ranges: Int32Array, cp: number): number {
  let lo = 0;
  let hi = ranges.length / 3 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < (ranges[mid * 3] as number)) hi = mid - 1;
    else if (cp > (ranges[mid * 3 + 1] as number)) lo = mid + 1;
    else return ranges[mid * 3 + 2] as number;
  }
  return -1;
}

/**
 * The recognizer. Sets are processed in increasing offset. A set's items live in a work list while
 * it is processed; afterwards only the items waiting on a nonterminal are kept (sorted by that
 * nonterminal), because completions look nothing else up. Items that a leaf moves to a later offset
 * wait in per-offset linked lists until their set is processed.
 */
function recognize(
  loaded: LoadedEarley,
  input: string,
  report: boolean,
  stats: EarleyStats | undefined,
): MatchResult {
  const { dotSymbol, dotLhs, predictStart, predictDots, nullable, acceptDot, leaves } = loaded;
  const n = input.length;
  const dotCount = dotSymbol.length;
  const nonterminalCount = nullable.length;

  // Items waiting for a later offset: linked lists of (dot, origin) with a free list.
  const pendingHead = new Int32Array(n + 1).fill(-1);
  const pendDot = new IntList();
  const pendOrigin = new IntList();
  const pendNext = new IntList();
  let freeNode = -1;
  let pendingCount = 0;
  const pend = (at: number, dot: number, origin: number): void => {
    let node: number;
    if (freeNode >= 0) {
      node = freeNode;
      freeNode = pendNext.data[node] as number;
      pendDot.data[node] = dot;
      pendOrigin.data[node] = origin;
      pendNext.data[node] = pendingHead[at] as number;
    } else {
      node = pendDot.length;
      pendDot.push(dot);
      pendOrigin.push(origin);
      pendNext.push(pendingHead[at] as number);
    }
    pendingHead[at] = node;
    pendingCount++;
  };

  // Finished sets keep their items that wait on a nonterminal, sorted by it: [segStart, segEnd).
  const segStart = new Int32Array(n + 1);
  const segEnd = new Int32Array(n + 1);
  const waitSymbol = new IntList();
  const waitDot = new IntList();
  const waitOrigin = new IntList();

  // The set being processed.
  const curDot = new IntList();
  const curOrigin = new IntList();
  const seenAt = new Int32Array(dotCount).fill(-1);
  const seenOrigin = new Int32Array(dotCount);
  const multiAt = new Int32Array(dotCount).fill(-1);
  const seenPairs = new Set<number>();
  const predictedAt = new Int32Array(nonterminalCount).fill(-1);
  const scannedAt = new Int32Array(leaves.length).fill(-1);
  const endsFrom = new Int32Array(leaves.length);
  const endsTo = new Int32Array(leaves.length);
  const ends = new IntList();

  let pos = 0;
  let accepted = false;
  let acceptedAt = -1;
  let items = 0;
  let sets = 0;

  // Most dotted productions occur with one origin per set: remember that one in flat arrays and
  // fall back to a hash set only for the second origin on.
  const add = (dot: number, origin: number): void => {
    if (seenAt[dot] !== pos) {
      seenAt[dot] = pos;
      seenOrigin[dot] = origin;
    } else {
      if (seenOrigin[dot] === origin) return;
      if (multiAt[dot] !== pos) {
        multiAt[dot] = pos;
        seenPairs.add((seenOrigin[dot] as number) * dotCount + dot);
      }
      const key = origin * dotCount + dot;
      if (seenPairs.has(key)) return;
      seenPairs.add(key);
    }
    curDot.push(dot);
    curOrigin.push(origin);
    if (dot === acceptDot && origin === 0) acceptedAt = pos;
  };

  // Failure bookkeeping: the furthest offset any leaf reached, and the leaf states stuck there.
  let furthest = 0;
  const stuckLeaf: number[] = [];
  const stuckState: number[] = [];

  scanSteps = 0;
  const startDot = predictDots[predictStart[loaded.source.start] as number] as number;
  pend(0, startDot, 0);

  while (true) {
    while (pos <= n && pendingHead[pos] === -1) pos++;
    if (pos > n) break;
    sets++;
    curDot.length = 0;
    curOrigin.length = 0;
    seenPairs.clear();
    ends.length = 0;
    for (let node = pendingHead[pos] as number; node !== -1; ) {
      add(pendDot.data[node] as number, pendOrigin.data[node] as number);
      const next = pendNext.data[node] as number;
      pendNext.data[node] = freeNode;
      freeNode = node;
      pendingCount--;
      node = next;
    }
    pendingHead[pos] = -1;
    const waitFrom = waitSymbol.length;

    for (let w = 0; w < curDot.length; w++) {
      const dot = curDot.data[w] as number;
      const origin = curOrigin.data[w] as number;
      const symbol = dotSymbol[dot] as number;
      if (symbol === COMPLETE) {
        // Empty completions (origin = here) were already stepped over at prediction time.
        if (origin === pos) continue;
        const lhs = dotLhs[dot] as number;
        let lo = segStart[origin] as number;
        let hi = segEnd[origin] as number;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((waitSymbol.data[mid] as number) < lhs) lo = mid + 1;
          else hi = mid;
        }
        const end = segEnd[origin] as number;
        for (let k = lo; k < end && waitSymbol.data[k] === lhs; k++)
          add((waitDot.data[k] as number) + 1, waitOrigin.data[k] as number);
      } else if (symbol >= 0) {
        waitSymbol.push(symbol);
        waitDot.push(dot);
        waitOrigin.push(origin);
        if (predictedAt[symbol] !== pos) {
          predictedAt[symbol] = pos;
          const last = predictStart[symbol + 1] as number;
          for (let k = predictStart[symbol] as number; k < last; k++) add(predictDots[k] as number, pos);
        }
        if (nullable[symbol] === 1) add(dot + 1, origin);
      } else {
        const leaf = -symbol - 1;
        if (scannedAt[leaf] !== pos) {
          scannedAt[leaf] = pos;
          endsFrom[leaf] = ends.length;
          scan(leaves[leaf] as LoadedDfa, input, pos, ends);
          endsTo[leaf] = ends.length;
          if (report) {
            if (scanStop > furthest) {
              furthest = scanStop;
              stuckLeaf.length = 0;
              stuckState.length = 0;
            }
            if (scanStop === furthest) {
              stuckLeaf.push(leaf);
              stuckState.push(scanState);
            }
          }
        }
        const last = endsTo[leaf] as number;
        for (let k = endsFrom[leaf] as number; k < last; k++) {
          const end = ends.data[k] as number;
          if (end === pos) add(dot + 1, origin);
          else pend(end, dot + 1, origin);
        }
      }
    }
    items += curDot.length;
    sortSegment(waitSymbol, waitDot, waitOrigin, waitFrom);
    segStart[pos] = waitFrom;
    segEnd[pos] = waitSymbol.length;
    if (pos === n) accepted = acceptedAt === n;
    if (pendingCount === 0) break;
    pos++;
  }

  if (stats !== undefined) {
    stats.items += items;
    stats.sets += sets;
    stats.leafSteps += scanSteps;
  }
  if (accepted) return { ok: true };
  if (!report) return { ok: false, offset: 0, expected: [], rules: [] };
  return failure(loaded, input, furthest, stuckLeaf, stuckState, acceptedAt === furthest);
}

/** Sorts the entries `[from, end)` of the parallel lists by `symbol` (stable). */
function sortSegment(symbol: IntList, dot: IntList, origin: IntList, from: number): void {
  const count = symbol.length - from;
  if (count < 2) return;
  const s = symbol.data;
  const d = dot.data;
  const o = origin.data;
  if (count <= 24) {
    for (let i = from + 1; i < symbol.length; i++) {
      const ks = s[i] as number;
      const kd = d[i] as number;
      const ko = o[i] as number;
      let j = i - 1;
      while (j >= from && (s[j] as number) > ks) {
        s[j + 1] = s[j] as number;
        d[j + 1] = d[j] as number;
        o[j + 1] = o[j] as number;
        j--;
      }
      s[j + 1] = ks;
      d[j + 1] = kd;
      o[j + 1] = ko;
    }
    return;
  }
  const order = Array.from({ length: count }, (_, k) => from + k);
  order.sort((a, b) => (s[a] as number) - (s[b] as number) || a - b);
  const ss = order.map((k) => s[k] as number);
  const dd = order.map((k) => d[k] as number);
  const oo = order.map((k) => o[k] as number);
  s.set(ss, from);
  d.set(dd, from);
  o.set(oo, from);
}

const CORE_RULE_NAMES = new Set([
  "alpha",
  "bit",
  "char",
  "cr",
  "crlf",
  "ctl",
  "digit",
  "dquote",
  "hexdig",
  "htab",
  "lf",
  "lwsp",
  "octet",
  "sp",
  "vchar",
  "wsp",
]);

/**
 * The failure report: the furthest offset any leaf reached, what the leaves stuck there could have
 * taken next (merged into one ABNF-style list), and `end of input` when a whole match ended there.
 */
function failure(
  loaded: LoadedEarley,
  input: string,
  offset: number,
  stuckLeaf: ReadonlyArray<number>,
  stuckState: ReadonlyArray<number>,
  endExpected: boolean,
): MatchResult {
  const ranges: Array<[number, number]> = [];
  const names: string[] = [];
  for (let k = 0; k < stuckLeaf.length; k++) {
    const leaf = loaded.leaves[stuckLeaf[k] as number] as LoadedDfa;
    const state = stuckState[k] as number;
    const flat = leaf.source.transitions[state] ?? [];
    for (let t = 0; t < flat.length; t += 3) ranges.push([flat[t] as number, flat[t + 1] as number]);
    for (const r of leaf.source.expectedRules[state] ?? []) {
      const name = leaf.source.ruleNames[r] ?? "?";
      if (!names.includes(name)) names.push(name);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [lo, hi] of ranges) {
    const n = flat.length;
    if (n > 0 && lo <= (flat[n - 2] as number) + 1) flat[n - 2] = Math.max(flat[n - 2] as number, hi);
    else flat.push(lo, hi, 0);
  }
  // One state whose edges are everything expected: the DFA runtime then words it the same way.
  const summary = loadDfa({
    start: 0,
    accepting: [endExpected ? 1 : 0],
    transitions: [flat],
    expectedRules: [[]],
    ruleNames: [],
  });
  const own = names.filter((name) => !CORE_RULE_NAMES.has(name.toLowerCase()));
  const found = offset < input.length ? input.codePointAt(offset) : undefined;
  return {
    ok: false,
    offset,
    ...(found === undefined ? {} : { found }),
    expected: expectedAt(summary, 0),
    rules: own.length > 0 ? own : names,
  };
}
