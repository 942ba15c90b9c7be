/**
 * The runtime of the context-free engine: an Earley recognizer whose terminals are whole regular
 * sub-expressions ("leaves"), each matched by its own DFA at every end offset at once. It decides
 * recursive rules with exact RFC 5234 semantics (every choice of alternatives and repetition counts,
 * left recursion and empty rules included) and reports failures exactly like the DFA runtime, so
 * callers never care which engine ran.
 *
 * The loop is iterative: nesting depth and input size cost heap, never JS stack. Empty (nullable)
 * nonterminals follow Aycock and Horspool: predicting a nullable nonterminal also steps over it, so
 * a completion never has to revisit the set it ends in. Four measures keep the work linear on the
 * grammars RFCs write, including ambiguous ones such as RFC 8259 (whose `ws` may split between
 * neighbouring tokens in every way):
 * - each leaf runs once per offset, and a run stops when it joins an earlier run of the same leaf;
 * - an item is moved over the ends shared with an earlier run only once;
 * - finished sets that wait on the same things are merged as origins;
 * - Leo's optimization collapses chains of completions (right recursion).
 * Truly ambiguous grammars (`r = r r / "a"`) still cost what Earley costs: up to cubic time.
 *
 * This file imports only `./dfa-runtime.ts`, so it can be copied next to generated modules.
 *
 * @module
 */
import {
  CORE_RULE_NAMES,
  type DfaSource,
  expectedAt,
  type LoadedDfa,
  loadDfa,
  type MatchResult,
  wideStep,
} from "./dfa-runtime.ts";

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

/** Marks a Leo memo entry not computed yet. */
const LEO_UNKNOWN = -2;

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
    if (this.length === this.data.length) this.data = grown(this.data, this.length + 1);
    this.data[this.length++] = v;
  }
}

/** A copy of `data` with room for at least `size` entries. */
function grown(data: Int32Array, size: number): Int32Array {
  let capacity = Math.max(16, data.length);
  while (capacity < size) capacity *= 2;
  if (capacity === data.length) return data;
  const bigger = new Int32Array(capacity);
  bigger.set(data);
  return bigger;
}

/**
 * A run of one leaf automaton, kept so that a later run from an offset it passed through can stop
 * as soon as it is in the same state at the same offset: from there on both runs are the same. This
 * keeps runs of white space linear, where every offset starts a new run of the same leaf (ambiguous
 * grammars such as RFC 8259's split `ws` between neighbouring tokens in every way). The trace holds
 * offsets `[base, stop]` of one run; a run that joins it leaves it as it is.
 */
class LeafTrace {
  base = 0;
  stop = -1;
  stopState = 0;
  /** The state at each offset, or -1 between the halves of a surrogate pair. */
  states: Int32Array = new Int32Array(16);
  /** The first offset `≥ x` where the run accepts, or -1. */
  nextEnd: Int32Array = new Int32Array(16);
  /**
   * Items already moved to every end `≥ m` of this run, keyed `origin * dotCount + dot`: a later
   * run that joins this one at or after `m` need not move them to the shared ends again.
   */
  readonly moved = new Map<number, number>();
}

/** Bucketed hash set of (dot, origin) pairs for the current Earley set; no allocation per item. */
class PairSet {
  private dots = new Int32Array(256);
  private origins = new Int32Array(256);
  private marks = new Int32Array(256).fill(-1);
  private count = 0;
  private generation = 0;

  /** Empties the set (in O(1): entries of older generations count as empty). */
  clear(): void {
    this.generation++;
    this.count = 0;
  }

  /** Adds the pair; returns false when it was already there. */
  add(dot: number, origin: number): boolean {
    if (this.count * 2 >= this.marks.length) this.rehash();
    const mask = this.marks.length - 1;
    let slot = (Math.imul(dot, 0x9e3779b1) ^ Math.imul(origin, 0x85ebca6b)) & mask;
    while (this.marks[slot] === this.generation) {
      if (this.dots[slot] === dot && this.origins[slot] === origin) return false;
      slot = (slot + 1) & mask;
    }
    this.marks[slot] = this.generation;
    this.dots[slot] = dot;
    this.origins[slot] = origin;
    this.count++;
    return true;
  }

  private rehash(): void {
    const { dots, origins, marks, generation } = this;
    const size = marks.length * 2;
    this.dots = new Int32Array(size);
    this.origins = new Int32Array(size);
    this.marks = new Int32Array(size).fill(-1);
    this.generation = 0;
    this.count = 0;
    for (let k = 0; k < marks.length; k++)
      if (marks[k] === generation) this.add(dots[k] as number, origins[k] as number);
  }
}

/**
 * One run of the recognizer. Sets are processed in increasing offset. A set's items live in a work
 * list while it is processed; afterwards only the items waiting on a nonterminal are kept (sorted
 * by that nonterminal), because completions look nothing else up. Items that a leaf moves to a
 * later offset wait in per-offset linked lists until their set is processed.
 */
class Recognizer {
  private readonly n: number;
  private readonly dotCount: number;
  private pos = 0;
  private acceptedAt = -1;
  items = 0;
  sets = 0;
  leafSteps = 0;

  // Items waiting for a later offset: linked lists of (dot, origin) with a free list.
  private readonly pendingHead: Int32Array;
  private readonly pendDot = new IntList();
  private readonly pendOrigin = new IntList();
  private readonly pendNext = new IntList();
  private freeNode = -1;
  private pendingCount = 0;

  // Finished sets keep their items that wait on a nonterminal, sorted by it: [segStart, segEnd).
  private readonly segStart: Int32Array;
  private readonly segEnd: Int32Array;
  /**
   * The set each origin stands for. Two finished sets whose waiting items are the same (items that
   * started in the set itself counted alike) are interchangeable as origins: completing a
   * nonterminal from either moves the same items. Merging them keeps Earley sets small where an
   * ambiguous grammar lets white space split between tokens in every way (RFC 8259's `ws`):
   * otherwise every split would survive as another origin until the enclosing structure closes,
   * and nested structures would multiply them.
   */
  private readonly representative: Int32Array;
  private previousSet = -1;
  private readonly waitSymbol = new IntList();
  private readonly waitDot = new IntList();
  private readonly waitOrigin = new IntList();
  /**
   * Leo's memo, per waiting item: the completed item at the top of its deterministic chain (see
   * `complete`), or `LEO_UNKNOWN` until asked. Computed only for finished sets, so never stale.
   */
  private readonly leoDot = new IntList();
  private readonly leoOrigin = new IntList();
  private readonly chain = new IntList();
  private readonly leoSeen: Int32Array;
  private leoStamp = 0;

  // The set being processed. Most dotted productions occur with one origin per set: that one is
  // remembered in flat arrays, and the hash set is consulted only from the second origin on.
  private readonly curDot = new IntList();
  private readonly curOrigin = new IntList();
  private readonly seenAt: Int32Array;
  private readonly seenOrigin: Int32Array;
  private readonly multiAt: Int32Array;
  private readonly pairs = new PairSet();
  private readonly predictedAt: Int32Array;
  private readonly scannedAt: Int32Array;
  private readonly endsFrom: Int32Array;
  private readonly endsTo: Int32Array;
  /** Where this set's run of each leaf joined the previous run (-1: it did not). */
  private readonly joinedAt: Int32Array;
  private readonly ends = new IntList();
  private readonly traces: Array<LeafTrace | undefined>;
  /** `leafNullable[l]` is 1 when leaf `l` matches the empty string. */
  private readonly leafNullable: Uint8Array;
  private ownStates: Int32Array = new Int32Array(64);

  // Failure bookkeeping: the furthest offset any leaf reached, and the leaf states stuck there.
  furthest = 0;
  readonly stuckLeaf: number[] = [];
  readonly stuckState: number[] = [];

  constructor(
    private readonly loaded: LoadedEarley,
    private readonly input: string,
    private readonly report: boolean,
  ) {
    const n = input.length;
    this.n = n;
    this.dotCount = loaded.dotSymbol.length;
    this.pendingHead = new Int32Array(n + 1).fill(-1);
    this.segStart = new Int32Array(n + 1);
    this.segEnd = new Int32Array(n + 1);
    this.representative = new Int32Array(n + 1);
    this.seenAt = new Int32Array(this.dotCount).fill(-1);
    this.seenOrigin = new Int32Array(this.dotCount);
    this.multiAt = new Int32Array(this.dotCount).fill(-1);
    this.predictedAt = new Int32Array(loaded.nullable.length).fill(-1);
    this.leoSeen = new Int32Array(loaded.nullable.length);
    const leafCount = loaded.leaves.length;
    this.scannedAt = new Int32Array(leafCount).fill(-1);
    this.endsFrom = new Int32Array(leafCount);
    this.endsTo = new Int32Array(leafCount);
    this.joinedAt = new Int32Array(leafCount);
    this.traces = new Array<LeafTrace | undefined>(leafCount).fill(undefined);
    this.leafNullable = Uint8Array.from(loaded.leaves, (leaf) => leaf.accepting[leaf.start] as number);
  }

  /** Runs to the end of the input (or until no parse survives); returns whether it matched. */
  run(): boolean {
    const { loaded, n, pendingHead, curDot, curOrigin, waitSymbol, waitDot, waitOrigin } = this;
    const { dotSymbol, dotLhs, predictStart, predictDots, nullable } = loaded;
    const deferred = new IntList();
    this.pend(0, predictDots[predictStart[loaded.source.start] as number] as number, 0);
    while (true) {
      let pos = this.pos;
      while (pos <= n && pendingHead[pos] === -1) pos++;
      if (pos > n) return false;
      this.pos = pos;
      this.sets++;
      this.representative[pos] = pos;
      curDot.length = 0;
      curOrigin.length = 0;
      this.pairs.clear();
      this.ends.length = 0;
      this.drainPending(pos);
      const waitFrom = waitSymbol.length;
      for (let w = 0; w < curDot.length; w++) {
        const dot = curDot.data[w] as number;
        const origin = curOrigin.data[w] as number;
        const symbol = dotSymbol[dot] as number;
        if (symbol === COMPLETE) {
          // Empty completions (origin = here) were already stepped over at prediction time.
          if (origin !== pos) this.complete(dotLhs[dot] as number, origin);
        } else if (symbol >= 0) {
          waitSymbol.push(symbol);
          waitDot.push(dot);
          waitOrigin.push(origin);
          this.leoDot.push(LEO_UNKNOWN);
          this.leoOrigin.push(0);
          if (this.predictedAt[symbol] !== pos) {
            this.predictedAt[symbol] = pos;
            const last = predictStart[symbol + 1] as number;
            for (let k = predictStart[symbol] as number; k < last; k++)
              this.add(predictDots[k] as number, pos);
          }
          if (nullable[symbol] === 1) this.add(dot + 1, origin);
        } else {
          // An empty match of the leaf steps over it here; longer ones wait until the set is
          // finished and its origin possibly merged, so fewer distinct items move ahead.
          const leaf = -symbol - 1;
          if (this.leafNullable[leaf] === 1) this.add(dot + 1, origin);
          deferred.push(leaf);
          deferred.push(dot + 1);
          deferred.push(origin);
        }
      }
      this.items += curDot.length;
      sortSegment(waitSymbol, waitDot, waitOrigin, waitFrom, pos);
      this.segStart[pos] = waitFrom;
      this.segEnd[pos] = waitSymbol.length;
      const previous = this.previousSet;
      if (previous >= 0 && this.sameWaiting(previous, pos))
        this.representative[pos] = this.representative[previous] as number;
      this.previousSet = pos;
      const rep = this.representative;
      for (let k = 0; k < deferred.length; k += 3)
        this.advanceOverLeaf(
          deferred.data[k] as number,
          deferred.data[k + 1] as number,
          rep[deferred.data[k + 2] as number] as number,
        );
      deferred.length = 0;
      if (pos === n) return this.acceptedAt === n;
      if (this.pendingCount === 0) return false;
      this.pos = pos + 1;
    }
  }

  /** Whether a whole match ended at `offset` (meaningful once that set was processed). */
  acceptedAtOffset(offset: number): boolean {
    return this.acceptedAt === offset;
  }

  private add(dot: number, rawOrigin: number): void {
    const pos = this.pos;
    const origin = this.representative[rawOrigin] as number;
    if (this.seenAt[dot] !== pos) {
      this.seenAt[dot] = pos;
      this.seenOrigin[dot] = origin;
    } else {
      if (this.seenOrigin[dot] === origin) return;
      if (this.multiAt[dot] !== pos) {
        this.multiAt[dot] = pos;
        this.pairs.add(dot, this.seenOrigin[dot] as number);
      }
      if (!this.pairs.add(dot, origin)) return;
    }
    this.curDot.push(dot);
    this.curOrigin.push(origin);
    if (dot === this.loaded.acceptDot && origin === 0) this.acceptedAt = pos;
  }

  private pend(at: number, dot: number, origin: number): void {
    const { pendDot, pendOrigin, pendNext } = this;
    let node = this.freeNode;
    if (node >= 0) {
      this.freeNode = pendNext.data[node] as number;
      pendDot.data[node] = dot;
      pendOrigin.data[node] = origin;
      pendNext.data[node] = this.pendingHead[at] as number;
    } else {
      node = pendDot.length;
      pendDot.push(dot);
      pendOrigin.push(origin);
      pendNext.push(this.pendingHead[at] as number);
    }
    this.pendingHead[at] = node;
    this.pendingCount++;
  }

  private drainPending(pos: number): void {
    const { pendDot, pendOrigin, pendNext } = this;
    for (let node = this.pendingHead[pos] as number; node !== -1; ) {
      this.add(pendDot.data[node] as number, pendOrigin.data[node] as number);
      const next = pendNext.data[node] as number;
      pendNext.data[node] = this.freeNode;
      this.freeNode = node;
      this.pendingCount--;
      node = next;
    }
    this.pendingHead[pos] = -1;
  }

  /** Whether finished sets `a` and `b` wait on the same things (their own offsets counted alike). */
  private sameWaiting(a: number, b: number): boolean {
    const { segStart, segEnd } = this;
    const startA = segStart[a] as number;
    const startB = segStart[b] as number;
    const count = (segEnd[a] as number) - startA;
    if (count !== (segEnd[b] as number) - startB) return false;
    const symbols = this.waitSymbol.data;
    const dots = this.waitDot.data;
    const origins = this.waitOrigin.data;
    for (let k = 0; k < count; k++) {
      const i = startA + k;
      const j = startB + k;
      if (symbols[i] !== symbols[j] || dots[i] !== dots[j]) return false;
      const oa = origins[i] as number;
      const ob = origins[j] as number;
      if (oa === a ? ob !== b : ob === b || oa !== ob) return false;
    }
    return true;
  }

  /** The entries `[lo, hi)` of finished set `set` that wait on `symbol`. */
  private waitingRange(set: number, symbol: number): number {
    const symbols = this.waitSymbol.data;
    let lo = this.segStart[set] as number;
    let hi = this.segEnd[set] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((symbols[mid] as number) < symbol) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Steps every item of set `origin` that waits on `lhs` over it. When exactly one item waits and
   * `lhs` is its last symbol, stepping completes it, which completes the next one down, and so on:
   * Leo's optimization adds only the completed item at the top of that chain (memoized), so right
   * recursion (`r = "a" r / ""`) costs one item per set instead of one per level.
   */
  private complete(lhs: number, origin: number): void {
    const symbols = this.waitSymbol.data;
    const lo = this.waitingRange(origin, lhs);
    const end = this.segEnd[origin] as number;
    if (lo < end && symbols[lo] === lhs && (lo + 1 === end || symbols[lo + 1] !== lhs)) {
      const dot = this.waitDot.data[lo] as number;
      if (this.loaded.dotSymbol[dot + 1] === COMPLETE) {
        this.leoTop(lo, origin);
        this.add(this.leoDot.data[lo] as number, this.leoOrigin.data[lo] as number);
        return;
      }
    }
    for (let k = lo; k < end && symbols[k] === lhs; k++)
      this.add((this.waitDot.data[k] as number) + 1, this.waitOrigin.data[k] as number);
  }

  /**
   * Fills Leo's memo for waiting entry `entry` of finished set `set` (the only item there waiting
   * on its symbol, with that symbol last), following the chain down without recursion.
   */
  private leoTop(entry: number, set: number): void {
    const { waitSymbol, waitDot, waitOrigin, leoDot, leoOrigin, chain } = this;
    const { dotSymbol, dotLhs } = this.loaded;
    chain.length = 0;
    let k = entry;
    let at = set;
    let topDot: number;
    let topOrigin: number;
    // Within one set a chain may loop through rules that derive each other (via empty rules):
    // the nonterminals met in the current set are stamped so that a loop ends the chain.
    const seen = this.leoSeen;
    seen[waitSymbol.data[k] as number] = ++this.leoStamp;
    while (true) {
      if (leoDot.data[k] !== LEO_UNKNOWN) {
        topDot = leoDot.data[k] as number;
        topOrigin = leoOrigin.data[k] as number;
        break;
      }
      chain.push(k);
      const completed = (waitDot.data[k] as number) + 1;
      const below = waitOrigin.data[k] as number;
      topDot = completed;
      topOrigin = below;
      const lhs = dotLhs[completed] as number;
      if (below === at) {
        if (seen[lhs] === this.leoStamp) break;
      } else {
        this.leoStamp++;
      }
      seen[lhs] = this.leoStamp;
      const lo = this.waitingRange(below, lhs);
      const end = this.segEnd[below] as number;
      const unique =
        lo < end && waitSymbol.data[lo] === lhs && (lo + 1 === end || waitSymbol.data[lo + 1] !== lhs);
      if (!unique || dotSymbol[(waitDot.data[lo] as number) + 1] !== COMPLETE) break;
      k = lo;
      at = below;
    }
    for (let c = 0; c < chain.length; c++) {
      const member = chain.data[c] as number;
      leoDot.data[member] = topDot;
      leoOrigin.data[member] = topOrigin;
    }
  }

  /** Moves the item `(next, origin)` to every offset where leaf `leaf` can end, starting here. */
  private advanceOverLeaf(leaf: number, next: number, origin: number): void {
    const pos = this.pos;
    if (this.scannedAt[leaf] !== pos) {
      this.scannedAt[leaf] = pos;
      this.endsFrom[leaf] = this.ends.length;
      this.scan(leaf);
      this.endsTo[leaf] = this.ends.length;
    }
    const data = this.ends.data;
    const first = this.endsFrom[leaf] as number;
    const last = this.endsTo[leaf] as number;
    const joinedAt = this.joinedAt[leaf] as number;
    const trace = this.traces[leaf] as LeafTrace;
    let shared = joinedAt >= 0;
    if (shared || last - first >= 2) {
      // White space that neighbouring leaves may split in every way makes many sets move the same
      // item over the same trace: move it over the trace's ends only once.
      const key = origin * this.dotCount + next;
      const movedFrom = trace.moved.get(key);
      if (shared && movedFrom !== undefined && movedFrom <= joinedAt) shared = false;
      else trace.moved.set(key, shared ? joinedAt : pos);
    }
    // The empty match (end = here) was taken when the item was processed.
    for (let k = first; k < last; k++) {
      const end = data[k] as number;
      if (end !== pos) this.pend(end, next, origin);
    }
    if (!shared) return;
    const { nextEnd, base, stop } = trace;
    for (
      let e = nextEnd[joinedAt - base] as number;
      e >= 0;
      e = e < stop ? (nextEnd[e + 1 - base] as number) : -1
    ) {
      if (e !== pos) this.pend(e, next, origin);
    }
  }

  /**
   * Runs leaf `leaf` from the current offset, pushing every offset where it accepts onto `ends`,
   * until it joins the leaf's trace (same state at the same offset; the rest of the ends are then
   * the trace's, recorded in `joinedAt`). A run that does not join becomes the new trace.
   */
  private scan(leaf: number): void {
    const dfa = this.loaded.leaves[leaf] as LoadedDfa;
    const { table, classOf, classCount, accepting, wide } = dfa;
    const { input, n, ends } = this;
    const from = this.pos;
    let trace = this.traces[leaf];
    if (trace === undefined) {
      trace = new LeafTrace();
      this.traces[leaf] = trace;
    }
    const { base, stop: traceStop, states: traceStates } = trace;
    let own = this.ownStates;
    let state = dfa.start;
    let i = from;
    let joined = false;
    while (true) {
      if (i <= traceStop && traceStates[i - base] === state) {
        joined = true;
        break;
      }
      if (i - from + 2 > own.length) {
        own = grown(own, i - from + 2);
        this.ownStates = own;
      }
      own[i - from] = state;
      if (accepting[state] === 1) ends.push(i);
      if (i >= n) break;
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
        next = wideStep(wide[state] as Int32Array, cp);
      }
      if (next < 0) break;
      if (width === 2) own[i + 1 - from] = -1;
      state = next;
      i += width;
      this.leafSteps++;
    }
    if (joined) {
      // The ends from here on are the trace's: `advanceOverLeaf` follows them when needed.
      this.joinedAt[leaf] = i;
    } else {
      this.joinedAt[leaf] = -1;
      this.retrace(trace, from, i, state, accepting);
    }
    if (this.report) this.noteStop(leaf, trace.stop, trace.stopState);
  }

  /** Makes the run just scanned (its states in `ownStates`) the trace of its leaf. */
  private retrace(
    trace: LeafTrace,
    from: number,
    stop: number,
    stopState: number,
    accepting: Uint8Array,
  ): void {
    const size = stop - from + 2;
    if (size > trace.states.length) {
      trace.states = grown(new Int32Array(0), size);
      trace.nextEnd = new Int32Array(trace.states.length);
    }
    const { states, nextEnd } = trace;
    const own = this.ownStates;
    for (let x = stop - from; x >= 0; x--) states[x] = own[x] as number;
    // Link each offset to the next offset where the run accepts, back to front.
    let following = accepting[stopState] === 1 ? stop : -1;
    nextEnd[stop - from] = following;
    for (let x = stop - 1; x >= from; x--) {
      const s = states[x - from] as number;
      if (s >= 0 && accepting[s] === 1) following = x;
      nextEnd[x - from] = following;
    }
    trace.base = from;
    trace.stop = stop;
    trace.stopState = stopState;
    if (trace.moved.size > 0) trace.moved.clear();
  }

  private noteStop(leaf: number, stop: number, state: number): void {
    if (stop > this.furthest) {
      this.furthest = stop;
      this.stuckLeaf.length = 0;
      this.stuckState.length = 0;
    }
    if (stop === this.furthest) {
      this.stuckLeaf.push(leaf);
      this.stuckState.push(state);
    }
  }
}

function recognize(
  loaded: LoadedEarley,
  input: string,
  report: boolean,
  stats: EarleyStats | undefined,
): MatchResult {
  const recognizer = new Recognizer(loaded, input, report);
  const accepted = recognizer.run();
  if (stats !== undefined) {
    stats.items += recognizer.items;
    stats.sets += recognizer.sets;
    stats.leafSteps += recognizer.leafSteps;
  }
  if (accepted) return { ok: true };
  if (!report) return { ok: false, offset: 0, expected: [], rules: [] };
  const offset = recognizer.furthest;
  return failure(
    loaded,
    input,
    offset,
    recognizer.stuckLeaf,
    recognizer.stuckState,
    recognizer.acceptedAtOffset(offset),
  );
}

/**
 * Sorts the entries `[from, end)` of the parallel lists by symbol, then dot, then origin (the
 * set's own offset `self` first), so that equal sets of waiting items come out in the same order.
 */
function sortSegment(symbol: IntList, dot: IntList, origin: IntList, from: number, self: number): void {
  const count = symbol.length - from;
  if (count < 2) return;
  const s = symbol.data;
  const d = dot.data;
  const o = origin.data;
  if (count <= 24) {
    for (let i = from + 1; i < symbol.length; i++) {
      for (let j = i; j > from && entryBefore(s, d, o, self, j, j - 1); j--) {
        const ts = s[j] as number;
        const td = d[j] as number;
        const to = o[j] as number;
        s[j] = s[j - 1] as number;
        d[j] = d[j - 1] as number;
        o[j] = o[j - 1] as number;
        s[j - 1] = ts;
        d[j - 1] = td;
        o[j - 1] = to;
      }
    }
    return;
  }
  const order = Array.from({ length: count }, (_, k) => from + k);
  order.sort((a, b) => (entryBefore(s, d, o, self, a, b) ? -1 : entryBefore(s, d, o, self, b, a) ? 1 : 0));
  const ss = order.map((k) => s[k] as number);
  const dd = order.map((k) => d[k] as number);
  const oo = order.map((k) => o[k] as number);
  s.set(ss, from);
  d.set(dd, from);
  o.set(oo, from);
}

function entryBefore(
  s: Int32Array,
  d: Int32Array,
  o: Int32Array,
  self: number,
  i: number,
  j: number,
): boolean {
  const si = s[i] as number;
  const sj = s[j] as number;
  if (si !== sj) return si < sj;
  const di = d[i] as number;
  const dj = d[j] as number;
  if (di !== dj) return di < dj;
  const oi = o[i] === self ? -1 : (o[i] as number);
  const oj = o[j] === self ? -1 : (o[j] as number);
  return oi < oj;
}

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
