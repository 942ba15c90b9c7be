/**
 * Sets of Unicode code points as sorted, disjoint, non-adjacent inclusive ranges: the alphabet of
 * the automata. Ranges keep `%x80-10FFFF` one entry instead of a million.
 *
 * @module
 */

/** An inclusive range of code points. */
export type CodePointRange = readonly [low: number, high: number];

/** The largest Unicode code point. */
export const MAX_CODE_POINT = 0x10ffff;

/** Sorts, merges overlapping and adjacent ranges. */
export function normalizeRanges(ranges: ReadonlyArray<CodePointRange>): CodePointRange[] {
  const sorted = [...ranges].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The ranges for one code point, adding the other ASCII case when `caseInsensitive`. */
export function codePointRanges(cp: number, caseInsensitive: boolean): CodePointRange[] {
  if (caseInsensitive) {
    if (cp >= 0x41 && cp <= 0x5a)
      return [
        [cp, cp],
        [cp + 0x20, cp + 0x20],
      ];
    if (cp >= 0x61 && cp <= 0x7a)
      return [
        [cp - 0x20, cp - 0x20],
        [cp, cp],
      ];
  }
  return [[cp, cp]];
}

/** Whether `ranges` (normalized) contains `cp`. */
export function rangesContain(ranges: ReadonlyArray<CodePointRange>, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as CodePointRange;
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** One code point as ABNF would write it: `"a"` when printable ASCII (but not `"`), else `%x..`. */
export function describeCodePoint(cp: number): string {
  if (cp >= 0x20 && cp <= 0x7e && cp !== 0x22) return `"${String.fromCodePoint(cp)}"`;
  return `%x${cp.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** A range as ABNF would write it: `"a"`, `"a"-"z"` or `%x80-10FFFF`. */
export function describeRange([lo, hi]: CodePointRange): string {
  if (lo === hi) return describeCodePoint(lo);
  const printable = (c: number) => c >= 0x20 && c <= 0x7e && c !== 0x22;
  if (printable(lo) && printable(hi)) return `${describeCodePoint(lo)}-${describeCodePoint(hi)}`;
  return `%x${lo.toString(16).toUpperCase().padStart(2, "0")}-${hi.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** A character found in input, for messages: `'A' (U+0041)`. */
export function describeInputChar(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return cp >= 0x21 && cp <= 0x7e ? `'${String.fromCodePoint(cp)}' (${hex})` : hex;
}
