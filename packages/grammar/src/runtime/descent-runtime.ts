/**
 * The runtime of the descent engines: a small parsing machine that runs a recursive-descent program
 * over the input with an explicit stack, so nesting depth costs heap, never JS stack (a megabyte of
 * `[[[[…` is fine). One machine serves two kinds of program:
 *
 * - `"cfg"` programs are deterministic: every choice is decided by the next code point (after
 *   skipping a set of code points, when the program says so) and every regular part is one leaf
 *   DFA taking its longest match. The compiler emits them only for grammars where it has proved
 *   that these choices never lose a match (see `engine/descent/`), so they decide exactly what
 *   RFC 5234 says, in linear time, without backtracking.
 * - `"peg"` programs are the opt-in PEG reading of ABNF (what apg-js and Peggy parsers do): ordered
 *   choice with backtracking to the first alternative that succeeds, and greedy repetitions that
 *   never give back. That is NOT RFC 5234 semantics; it exists so people can predict such parsers.
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

/** Instruction codes of a descent program. Operands follow the code in the program array. */
export const DescentOp = {
  /** Succeed when the whole input has been consumed, fail otherwise. */
  End: 0,
  /** `Call target`: push the return address, jump to `target` (a rule's code). */
  Call: 1,
  /** Pop a return address and jump to it. */
  Return: 2,
  /** `Jump target`. */
  Jump: 3,
  /** `Leaf index`: run leaf DFA `index` from here and move to the end of its longest match, or fail. */
  Leaf: 4,
  /** `Switch decision`: look at the next code point (see {@link DecisionSource}) and jump, or fail. */
  Switch: 5,
  /** `Set index`: consume one code point of set `index`, or fail. */
  Set: 6,
  /** `Choice alternative`: remember (alternative, offset, stack) to go back to on failure. */
  Choice: 7,
  /** `Commit target`: forget the last remembered alternative and jump to `target`. */
  Commit: 8,
  /** Fail here. */
  Fail: 9,
  /** Push a repetition counter of 0 (deterministic counted repetitions). */
  CountPush: 10,
  /**
   * `CountTest min max decision exit`: with the counter below `min`, fall through into the body;
   * at `max`, pop it and jump to `exit`; in between let `decision` choose the body or `exit`.
   */
  CountTest: 11,
  /** `CountNext head`: add one to the counter and jump to `head`. */
  CountNext: 12,
  /** Pop the counter (the exit of a counted repetition). */
  CountPop: 13,
  /** Push a PEG repetition frame: a counter of 0 and the current offset. */
  RepPush: 14,
  /** `RepTest max exit`: jump to `exit` once the counter reached `max`. */
  RepTest: 15,
  /** `RepNext head exit`: count the iteration; jump to `exit` if it consumed nothing, else to `head`. */
  RepNext: 16,
  /** `RepEnd min`: pop the repetition frame; fail if it ran fewer than `min` times. */
  RepEnd: 17,
} as const;

/** The number of operands each instruction takes, by code. */
export const OPERAND_COUNTS: ReadonlyArray<number> = [0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 4, 1, 0, 0, 2, 2, 1];

/** The counter value that stands for an unbounded maximum (`*x`). */
export const UNBOUNDED = 0x7fffffff;

/** The code point that stands for the end of the input in lookahead sets. */
export const END_OF_INPUT = 0x110000;

/** One deterministic choice of a `"cfg"` program. */
export interface DecisionSource {
  /**
   * Code points to look past before deciding, as flat `low, high` pairs (empty: decide on the next
   * code point). They are not consumed: the chosen branch matches them itself.
   */
  readonly skip: ReadonlyArray<number>;
  /** Flat `low, high, target` triples: where to jump on each code point. */
  readonly cases: ReadonlyArray<number>;
  /** Where to jump at the end of the input, or -1 to fail there. */
  readonly end: number;
}

/** A descent program as generated code stores it (see `DescentData` in the engine). */
export interface DescentSource {
  /** `"cfg"`: exact and deterministic; `"peg"`: first-match PEG semantics (not RFC 5234). */
  readonly semantics: "cfg" | "peg";
  /** The instructions and their operands. Execution starts at 0. */
  readonly code: ReadonlyArray<number>;
  /** Names of the rules whose code the program holds, for failure reports. */
  readonly rules: ReadonlyArray<string>;
  /** Where each rule's code starts, increasing (rule `i` runs to the start of rule `i + 1`). */
  readonly ruleStarts: ReadonlyArray<number>;
  /** The decisions `Switch` and `CountTest` name. */
  readonly decisions: ReadonlyArray<DecisionSource>;
  /** The code-point sets `Set` names, as flat `low, high` pairs. */
  readonly sets: ReadonlyArray<ReadonlyArray<number>>;
  /** The leaf automata `Leaf` names. */
  readonly leaves: ReadonlyArray<DfaSource>;
}

/** A code-point set for fast membership: a bitmap for ASCII, sorted ranges above. */
interface LoadedSet {
  readonly ascii: Uint8Array;
  readonly wide: Int32Array;
  readonly source: ReadonlyArray<number>;
}

/** A decision with its tables built. */
interface LoadedDecision {
  readonly skip: LoadedSet | undefined;
  /** The target for each ASCII code point, or -1. */
  readonly ascii: Int32Array;
  /** Flat `low, high, target` triples for code points ≥ 128. */
  readonly wide: Int32Array;
  readonly end: number;
}

/** A {@link DescentSource} with its lookup tables built (once, at module load). */
export interface LoadedDescent {
  readonly source: DescentSource;
  readonly peg: boolean;
  readonly code: Int32Array;
  readonly decisions: ReadonlyArray<LoadedDecision>;
  readonly sets: ReadonlyArray<LoadedSet>;
  readonly leaves: ReadonlyArray<LoadedDfa>;
}

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

function loadSet(flat: ReadonlyArray<number>): LoadedSet {
  const ascii = new Uint8Array(128);
  const wide: number[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const lo = flat[i] as number;
    const hi = flat[i + 1] as number;
    for (let c = lo; c <= Math.min(hi, 127); c++) ascii[c] = 1;
    if (hi >= 128) wide.push(Math.max(lo, 128), hi);
  }
  return { ascii, wide: Int32Array.from(wide), source: flat };
}

function loadDecision(d: DecisionSource, codeLength: number): LoadedDecision {
  const ascii = new Int32Array(128).fill(-1);
  const wide: number[] = [];
  for (let i = 0; i + 2 < d.cases.length; i += 3) {
    const lo = d.cases[i] as number;
    const hi = d.cases[i + 1] as number;
    const target = d.cases[i + 2] as number;
    if (target < 0 || target >= codeLength)
      throw new Error("descent data: a decision jumps outside the code");
    for (let c = lo; c <= Math.min(hi, 127); c++) ascii[c] = target;
    if (hi >= 128) wide.push(Math.max(lo, 128), hi, target);
  }
  return {
    skip: d.skip.length > 0 ? loadSet(d.skip) : undefined,
    ascii,
    wide: Int32Array.from(wide),
    end: d.end,
  };
}

/** Builds the lookup tables of a descent program; throws on malformed data. */
export function loadDescent(source: DescentSource): LoadedDescent {
  const code = Int32Array.from(source.code);
  // Check every operand once here, so the machine itself need not.
  for (let pc = 0; pc < code.length; ) {
    const op = code[pc] as number;
    const count = OPERAND_COUNTS[op];
    if (count === undefined || pc + count >= code.length)
      throw new Error(`descent data: bad instruction at ${pc}`);
    pc += count + 1;
  }
  return {
    source,
    peg: source.semantics === "peg",
    code,
    decisions: source.decisions.map((d) => loadDecision(d, code.length)),
    sets: source.sets.map(loadSet),
    leaves: source.leaves.map(loadLeaf),
  };
}

function inSet(set: LoadedSet, cp: number): boolean {
  if (cp < 128) return set.ascii[cp] === 1;
  const w = set.wide;
  let lo = 0;
  let hi = (w.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < (w[mid * 2] as number)) hi = mid - 1;
    else if (cp > (w[mid * 2 + 1] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The code point at `i` (a whole surrogate pair when there is one). */
function codePointAt(input: string, i: number): number {
  const c = input.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < input.length) {
    const low = input.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return c;
}

/** Where a decision jumps for the input at `pos`, or -1. */
function decide(d: LoadedDecision, input: string, pos: number): number {
  const n = input.length;
  let p = pos;
  const skip = d.skip;
  if (skip !== undefined) {
    while (p < n) {
      const cp = codePointAt(input, p);
      if (!inSet(skip, cp)) break;
      p += cp > 0xffff ? 2 : 1;
    }
  }
  if (p >= n) return d.end;
  const c = input.charCodeAt(p);
  if (c < 128) return d.ascii[c] as number;
  return wideStep(d.wide, codePointAt(input, p));
}

/** Failure bookkeeping of a reporting run: the furthest offset any step failed at, and why. */
class FailureLog {
  furthest = -1;
  /** Flat `low, high` pairs of what was expected at `furthest`. */
  readonly ranges: number[] = [];
  readonly rules: string[] = [];
  endExpected = false;

  constructor(private readonly loaded: LoadedDescent) {}

  /** Starts a new furthest point when `at` is past it; returns whether `at` is the furthest. */
  private at(at: number): boolean {
    if (at > this.furthest) {
      this.furthest = at;
      this.ranges.length = 0;
      this.rules.length = 0;
      this.endExpected = false;
    }
    return at === this.furthest;
  }

  private rule(pc: number): void {
    const starts = this.loaded.source.ruleStarts;
    let k = 0;
    while (k + 1 < starts.length && (starts[k + 1] as number) <= pc) k++;
    const name = this.loaded.source.rules[k];
    if (name !== undefined && !this.rules.includes(name)) this.rules.push(name);
  }

  expectSet(at: number, flat: ReadonlyArray<number>, pc: number): void {
    if (!this.at(at)) return;
    for (const v of flat) this.ranges.push(v);
    this.rule(pc);
  }

  expectLeaf(at: number, leaf: LoadedDfa, state: number, pc: number): void {
    if (!this.at(at)) return;
    const flat = leaf.source.transitions[state] ?? [];
    for (let t = 0; t + 2 < flat.length; t += 3) this.ranges.push(flat[t] as number, flat[t + 1] as number);
    if (leaf.accepting[state] === 1) this.endExpected = true;
    this.rule(pc);
  }

  expectDecision(at: number, d: LoadedDecision, source: DecisionSource, pc: number): void {
    if (!this.at(at)) return;
    for (let t = 0; t + 2 < source.cases.length; t += 3)
      this.ranges.push(source.cases[t] as number, source.cases[t + 1] as number);
    if (d.end >= 0) this.endExpected = true;
    this.rule(pc);
  }

  expectEnd(at: number): void {
    if (this.at(at)) this.endExpected = true;
  }
}

/**
 * Runs leaf `dfa` from `pos`; returns the end of its longest match, or -1. In a reporting run, the
 * offset where the automaton stopped and what it could have taken there go to `log`.
 */
function longestMatch(
  dfa: LoadedDfa,
  input: string,
  pos: number,
  log: FailureLog | undefined,
  pc: number,
): number {
  const { table, classOf, classCount, accepting, wide } = dfa;
  const n = input.length;
  let state = dfa.start;
  let last = accepting[state] === 1 ? pos : -1;
  let i = pos;
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
      next = wideStep(wide[state] as Int32Array, cp);
    }
    if (next < 0) break;
    state = next;
    i += width;
    if (accepting[state] === 1) last = i;
  }
  if (log !== undefined) log.expectLeaf(i, dfa, state, pc);
  return last;
}

/** A growable stack of integers. */
function grownStack(stack: Int32Array, size: number): Int32Array {
  if (size <= stack.length) return stack;
  const bigger = new Int32Array(Math.max(size, stack.length * 2));
  bigger.set(stack);
  return bigger;
}

/** Runs the program; returns whether the whole input matched. */
function run(m: LoadedDescent, input: string, log: FailureLog | undefined): boolean {
  const { code, decisions, leaves, sets } = m;
  const n = input.length;
  let stack: Int32Array = new Int32Array(64);
  let sp = 0;
  // Backtrack entries of PEG programs: (alternative, offset, stack height) triples.
  let back: Int32Array = new Int32Array(m.peg ? 48 : 0);
  let bp = 0;
  let pc = 0;
  let pos = 0;
  while (true) {
    let ok = true;
    switch (code[pc]) {
      case DescentOp.Leaf: {
        const end = longestMatch(leaves[code[pc + 1] as number] as LoadedDfa, input, pos, log, pc);
        if (end < 0) ok = false;
        else {
          pos = end;
          pc += 2;
        }
        break;
      }
      case DescentOp.Call:
        if (sp === stack.length) stack = grownStack(stack, sp + 1);
        stack[sp++] = pc + 2;
        pc = code[pc + 1] as number;
        break;
      case DescentOp.Return:
        pc = stack[--sp] as number;
        break;
      case DescentOp.Jump:
        pc = code[pc + 1] as number;
        break;
      case DescentOp.Switch: {
        const d = decisions[code[pc + 1] as number] as LoadedDecision;
        const target = decide(d, input, pos);
        if (target < 0) {
          if (log !== undefined)
            log.expectDecision(
              skipped(d, input, pos),
              d,
              m.source.decisions[code[pc + 1] as number] as DecisionSource,
              pc,
            );
          ok = false;
        } else pc = target;
        break;
      }
      case DescentOp.CountPush:
        if (sp === stack.length) stack = grownStack(stack, sp + 1);
        stack[sp++] = 0;
        pc += 1;
        break;
      case DescentOp.CountTest: {
        const count = stack[sp - 1] as number;
        if (count < (code[pc + 1] as number)) {
          pc += 5;
          break;
        }
        const exit = code[pc + 4] as number;
        if (count >= (code[pc + 2] as number)) {
          pc = exit;
          break;
        }
        const index = code[pc + 3] as number;
        const d = decisions[index] as LoadedDecision;
        const target = decide(d, input, pos);
        if (target < 0) {
          if (log !== undefined)
            log.expectDecision(skipped(d, input, pos), d, m.source.decisions[index] as DecisionSource, pc);
          ok = false;
        } else pc = target;
        break;
      }
      case DescentOp.CountNext:
        stack[sp - 1] = (stack[sp - 1] as number) + 1;
        pc = code[pc + 1] as number;
        break;
      case DescentOp.CountPop:
        sp--;
        pc += 1;
        break;
      case DescentOp.Set: {
        const set = sets[code[pc + 1] as number] as LoadedSet;
        if (pos < n) {
          const cp = codePointAt(input, pos);
          if (inSet(set, cp)) {
            pos += cp > 0xffff ? 2 : 1;
            pc += 2;
            break;
          }
        }
        if (log !== undefined) log.expectSet(pos, set.source, pc);
        ok = false;
        break;
      }
      case DescentOp.Choice:
        if (bp + 3 > back.length) back = grownStack(back, bp + 3);
        back[bp] = code[pc + 1] as number;
        back[bp + 1] = pos;
        back[bp + 2] = sp;
        bp += 3;
        pc += 2;
        break;
      case DescentOp.Commit:
        bp -= 3;
        pc = code[pc + 1] as number;
        break;
      case DescentOp.RepPush:
        if (sp + 2 > stack.length) stack = grownStack(stack, sp + 2);
        stack[sp] = 0;
        stack[sp + 1] = pos;
        sp += 2;
        pc += 1;
        break;
      case DescentOp.RepTest:
        if ((stack[sp - 2] as number) >= (code[pc + 1] as number)) pc = code[pc + 2] as number;
        else pc += 3;
        break;
      case DescentOp.RepNext:
        stack[sp - 2] = (stack[sp - 2] as number) + 1;
        // An iteration that consumed nothing would repeat forever: stop here, as PEG tools do.
        if (stack[sp - 1] === pos) pc = code[pc + 2] as number;
        else {
          stack[sp - 1] = pos;
          pc = code[pc + 1] as number;
        }
        break;
      case DescentOp.RepEnd:
        sp -= 2;
        if ((stack[sp] as number) < (code[pc + 1] as number)) ok = false;
        else pc += 2;
        break;
      case DescentOp.End:
        if (pos === n) return true;
        if (log !== undefined) log.expectEnd(pos);
        ok = false;
        break;
      default:
        // DescentOp.Fail
        ok = false;
    }
    if (ok) continue;
    if (bp === 0) return false;
    bp -= 3;
    pc = back[bp] as number;
    pos = back[bp + 1] as number;
    sp = back[bp + 2] as number;
  }
}

/** The offset a decision looked at: `pos` after the code points it skips. */
function skipped(d: LoadedDecision, input: string, pos: number): number {
  let p = pos;
  if (d.skip === undefined) return p;
  while (p < input.length) {
    const cp = codePointAt(input, p);
    if (!inSet(d.skip, cp)) break;
    p += cp > 0xffff ? 2 : 1;
  }
  return p;
}

/** Whether the whole `input` matches. */
export function testDescent(loaded: LoadedDescent, input: string): boolean {
  return run(loaded, input, undefined);
}

/**
 * Decides whether the whole `input` matches; on failure, the furthest offset where a step of the
 * program failed and what it expected there. (Exact `"cfg"` rules report through the Earley
 * runtime instead, so that every exact engine words failures alike; see `compile.ts`.)
 */
export function matchDescent(loaded: LoadedDescent, input: string): MatchResult {
  const log = new FailureLog(loaded);
  if (run(loaded, input, log)) return { ok: true };
  const offset = Math.max(0, log.furthest);
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k + 1 < log.ranges.length; k += 2)
    pairs.push([log.ranges[k] as number, log.ranges[k + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = flat.length;
    if (last > 0 && lo <= (flat[last - 2] as number) + 1)
      flat[last - 2] = Math.max(flat[last - 2] as number, hi);
    else flat.push(lo, hi, 0);
  }
  // One state whose edges are everything expected: the DFA runtime then words it the same way.
  const summary = loadDfa({
    start: 0,
    accepting: [log.endExpected ? 1 : 0],
    transitions: [flat],
    expectedRules: [[]],
    ruleNames: [],
  });
  const own = log.rules.filter((name) => !CORE_RULE_NAMES.has(name.toLowerCase()));
  const found = offset < input.length ? input.codePointAt(offset) : undefined;
  return {
    ok: false,
    offset,
    ...(found === undefined ? {} : { found }),
    expected: expectedAt(summary, 0),
    rules: own.length > 0 ? own : log.rules,
  };
}
