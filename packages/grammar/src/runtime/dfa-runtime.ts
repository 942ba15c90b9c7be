/**
 * The runtime that generated parsers use: a table-driven DFA that decides a whole string in one
 * pass, and on failure reports the furthest offset any parse reaches and what was expected there.
 * This file imports nothing, so `mimi grammar gen` can copy it next to generated modules.
 *
 * @module
 */

/** A DFA as generated code stores it (see `DfaData` in the engine). */
export interface DfaSource {
  readonly start: number;
  readonly accepting: ReadonlyArray<0 | 1>;
  readonly transitions: ReadonlyArray<ReadonlyArray<number>>;
  readonly expectedRules: ReadonlyArray<ReadonlyArray<number>>;
  readonly ruleNames: ReadonlyArray<string>;
}

/** A DFA loaded for matching: a dense table over ASCII character classes, range lists for the rest. */
export interface LoadedDfa {
  readonly source: DfaSource;
  readonly start: number;
  readonly accepting: Uint8Array;
  /** `classOf[c]` for c < 128: ASCII characters no transition tells apart share a class. */
  readonly classOf: Uint8Array;
  readonly classCount: number;
  /** `table[state * classCount + classOf[c]]` is the next state, or -1. */
  readonly table: Int32Array;
  /** Per state, flat `low, high, target` triples for code points ≥ 128. */
  readonly wide: ReadonlyArray<Int32Array>;
}

/** The verdict of a whole-string match. */
export type MatchResult = MatchSuccess | MatchFailure;

/** The input matches the rule. */
export interface MatchSuccess {
  readonly ok: true;
}

/** The input does not match: where the furthest parse stopped, and what could have come next. */
export interface MatchFailure {
  readonly ok: false;
  /** UTF-16 offset of the first character no parse can accept (the input length if it ended early). */
  readonly offset: number;
  /** The code point found at `offset`, absent when the input ended too early. */
  readonly found?: number;
  /** What could have come next, ABNF-style: `"a"-"z"`, `%x30-39`, `end of input`. */
  readonly expected: ReadonlyArray<string>;
  /** The rules whose characters were expected there, innermost first. */
  readonly rules: ReadonlyArray<string>;
}

/** Builds the lookup tables of a DFA once, at module load. */
export function loadDfa(source: DfaSource): LoadedDfa {
  const n = source.transitions.length;
  // Split ASCII at every range boundary any state uses: characters between two boundaries behave
  // alike everywhere, so one column serves them all and the table stays small.
  const boundary = new Uint8Array(129);
  for (const flat of source.transitions) {
    for (let i = 0; i < flat.length; i += 3) {
      const lo = flat[i] as number;
      const hi = flat[i + 1] as number;
      if (lo < 128) boundary[lo] = 1;
      if (hi + 1 < 128) boundary[hi + 1] = 1;
    }
  }
  const classOf = new Uint8Array(128);
  let classCount = 0;
  for (let c = 0; c < 128; c++) {
    if (c > 0 && boundary[c] === 1) classCount++;
    classOf[c] = classCount;
  }
  classCount++;
  const table = new Int32Array(n * classCount).fill(-1);
  const accepting = new Uint8Array(n);
  const wide: Int32Array[] = [];
  for (let s = 0; s < n; s++) {
    accepting[s] = source.accepting[s] ?? 0;
    const flat = source.transitions[s] ?? [];
    const rest: number[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      const lo = flat[i] as number;
      const hi = flat[i + 1] as number;
      const target = flat[i + 2] as number;
      for (let c = lo; c <= Math.min(hi, 127); c++) table[s * classCount + (classOf[c] as number)] = target;
      if (hi >= 128) rest.push(Math.max(lo, 128), hi, target);
    }
    wide.push(Int32Array.from(rest));
  }
  return { source, start: source.start, accepting, classOf, classCount, table, wide };
}

function step(dfa: LoadedDfa, state: number, cp: number): number {
  if (cp < 128) return dfa.table[state * dfa.classCount + (dfa.classOf[cp] as number)] as number;
  return wideStep(dfa.wide[state] as Int32Array, cp);
}

/**
 * The target state for code point `cp` (>= 128) in one state's wide transitions (`[low, high,
 * target]` triples sorted by `low`), or -1. Binary search; the other runtimes share it.
 */
export function wideStep(ranges: Int32Array, cp: number): number {
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

/** Decides whether the whole `input` matches. Linear in the input; no recursion. */
export function matchDfa(dfa: LoadedDfa, input: string): MatchResult {
  let state = dfa.start;
  const { table, classOf, classCount } = dfa;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    let cp = input.charCodeAt(i);
    let next: number;
    if (cp < 128) {
      next = table[state * classCount + (classOf[cp] as number)] as number;
    } else {
      const start = i;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const low = input.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      next = step(dfa, state, cp);
      if (next < 0) return failure(dfa, state, start, cp);
    }
    if (next < 0) return failure(dfa, state, i, cp);
    state = next;
  }
  return dfa.accepting[state] === 1 ? { ok: true } : failure(dfa, state, n, undefined);
}

/** Whether the whole `input` matches (the fast path, without building a failure report). */
export function testDfa(dfa: LoadedDfa, input: string): boolean {
  let state = dfa.start;
  const { table, classOf, classCount } = dfa;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    let cp = input.charCodeAt(i);
    if (cp < 128) {
      state = table[state * classCount + (classOf[cp] as number)] as number;
    } else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const low = input.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      state = step(dfa, state, cp);
    }
    if (state < 0) return false;
  }
  return dfa.accepting[state] === 1;
}

/**
 * Calls `onEnd` with every offset `e ≥ from` such that `input.slice(from, e)` matches, in
 * increasing order; returns the offset where the automaton died (or the input length).
 */
export function forEachMatchEnd(
  dfa: LoadedDfa,
  input: string,
  from: number,
  onEnd: (end: number) => void,
): number {
  let state = dfa.start;
  if (dfa.accepting[state] === 1) onEnd(from);
  const n = input.length;
  for (let i = from; i < n; i++) {
    let cp = input.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    state = step(dfa, state, cp);
    if (state < 0) return i - (cp > 0xffff ? 1 : 0);
    if (dfa.accepting[state] === 1) onEnd(i + 1);
  }
  return n;
}

function failure(dfa: LoadedDfa, state: number, offset: number, found: number | undefined): MatchFailure {
  return {
    ok: false,
    offset,
    ...(found === undefined ? {} : { found }),
    expected: expectedAt(dfa, state),
    rules: contextRules(dfa, state),
  };
}

/** The RFC 5234 core rule names, lower case: failure reports prefer the grammar's own rules. */
export const CORE_RULE_NAMES: ReadonlySet<string> = new Set([
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

/** The grammar's own rules expected in `state`; core rules only when nothing else is there. */
function contextRules(dfa: LoadedDfa, state: number): string[] {
  const names = (dfa.source.expectedRules[state] ?? []).map((r) => dfa.source.ruleNames[r] ?? "?");
  const own = names.filter((n) => !CORE_RULE_NAMES.has(n.toLowerCase()));
  return own.length > 0 ? own : names;
}

/** What may come next in `state`, ABNF-style, with `end of input` when the state accepts. */
export function expectedAt(dfa: LoadedDfa, state: number): string[] {
  const flat = dfa.source.transitions[state] ?? [];
  const merged: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 3) {
    const lo = flat[i] as number;
    const hi = flat[i + 1] as number;
    const last = merged.at(-1);
    if (last !== undefined && last[1] + 1 === lo) last[1] = hi;
    else merged.push([lo, hi]);
  }
  const out: string[] = [];
  for (const [lo, hi] of merged) {
    // Cut at digit and letter boundaries, and list short runs one by one, so a person reads
    // "-" / "." / "0"-"9" rather than "-"-"9".
    for (const [a, b] of splitAtClasses(lo, hi)) {
      if (b - a < 3) for (let c = a; c <= b; c++) out.push(describeCodePoint(c));
      else out.push(describeRange(a, b));
    }
  }
  if (dfa.accepting[state] === 1) out.push("end of input");
  return out;
}

const CLASS_BOUNDARIES = [0x30, 0x3a, 0x41, 0x5b, 0x61, 0x7b, 0x80];

function splitAtClasses(lo: number, hi: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = lo;
  for (const b of CLASS_BOUNDARIES) {
    if (b > start && b <= hi) {
      out.push([start, b - 1]);
      start = b;
    }
  }
  out.push([start, hi]);
  return out;
}

function describeCodePoint(cp: number): string {
  if (cp >= 0x20 && cp <= 0x7e && cp !== 0x22) return `"${String.fromCodePoint(cp)}"`;
  return `%x${cp.toString(16).toUpperCase().padStart(2, "0")}`;
}

function describeRange(lo: number, hi: number): string {
  if (lo === hi) return describeCodePoint(lo);
  const printable = (c: number) => c >= 0x20 && c <= 0x7e && c !== 0x22;
  if (printable(lo) && printable(hi)) return `${describeCodePoint(lo)}-${describeCodePoint(hi)}`;
  return `%x${lo.toString(16).toUpperCase().padStart(2, "0")}-${hi.toString(16).toUpperCase().padStart(2, "0")}`;
}

/**
 * A one-line explanation of a failure for people:
 * `unexpected 'A' (U+0041) at column 2 in user_id_localpart; expected "+" / "-"-"9" / …`.
 */
export function explainFailure(input: string, failure: MatchFailure): string {
  let column = 1;
  for (let i = 0; i < failure.offset && i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < input.length) i++;
    column++;
  }
  const what =
    failure.found === undefined
      ? `input ends too early at column ${column}`
      : `unexpected ${describeFound(failure.found)} at column ${column}`;
  const where = failure.rules.length > 0 ? ` in ${failure.rules.join(" or ")}` : "";
  const expected = failure.expected.length > 0 ? `; expected ${failure.expected.join(" / ")}` : "";
  return `${what}${where}${expected}`;
}

function describeFound(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return cp >= 0x21 && cp <= 0x7e ? `'${String.fromCodePoint(cp)}' (${hex})` : hex;
}
