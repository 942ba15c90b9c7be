/**
 * Code points a generator may emit. A JavaScript string cannot carry a lone surrogate
 * (U+D800–DFFF) as a character of its own, so ranges that cross the surrogate block skip it, and
 * a range inside the block yields nothing. Code points past U+10FFFF do not exist and are dropped.
 *
 * @module
 */
import { MAX_CODE_POINT } from "../engine/charset.ts";

const SURROGATE_FIRST = 0xd800;
const SURROGATE_LAST = 0xdfff;

/** Whether `cp` is a code point a string can hold on its own. */
export function isUsableCodePoint(cp: number): boolean {
  return (
    Number.isInteger(cp) && cp >= 0 && cp <= MAX_CODE_POINT && (cp < SURROGATE_FIRST || cp > SURROGATE_LAST)
  );
}

/** How many usable code points lie in `[low, high]` (0 when the range is empty). */
export function usableCount(low: number, high: number): number {
  const hi = Math.min(high, MAX_CODE_POINT);
  if (low > hi) return 0;
  const overlap = Math.max(0, Math.min(hi, SURROGATE_LAST) - Math.max(low, SURROGATE_FIRST) + 1);
  return hi - low + 1 - overlap;
}

/** The `index`-th usable code point from `low` on, counting from 0 (the caller keeps it in range). */
export function nthUsable(low: number, index: number): number {
  const cp = low + index;
  if (low > SURROGATE_LAST || cp < SURROGATE_FIRST) return cp;
  // The block starts inside or after `low`: skip the part of it that lies at or above `low`.
  return cp + (SURROGATE_LAST - Math.max(low, SURROGATE_FIRST) + 1);
}

/** The smallest usable code point of `[low, high]`, if any. */
export function lowestUsable(low: number, high: number): number | undefined {
  return usableCount(low, high) === 0 ? undefined : nthUsable(low, 0);
}

/** The largest usable code point of `[low, high]`, if any. */
export function highestUsable(low: number, high: number): number | undefined {
  const n = usableCount(low, high);
  return n === 0 ? undefined : nthUsable(low, n - 1);
}

/** The largest usable code point below `cp`, if any. */
export function usableBelow(cp: number): number | undefined {
  let c = Math.min(cp - 1, MAX_CODE_POINT);
  if (c >= SURROGATE_FIRST && c <= SURROGATE_LAST) c = SURROGATE_FIRST - 1;
  return c >= 0 ? c : undefined;
}

/** The smallest usable code point above `cp`, if any. */
export function usableAbove(cp: number): number | undefined {
  let c = Math.max(cp + 1, 0);
  if (c >= SURROGATE_FIRST && c <= SURROGATE_LAST) c = SURROGATE_LAST + 1;
  return c <= MAX_CODE_POINT ? c : undefined;
}

/** A code point for messages: `'a'` when visible ASCII, else `U+0009`. */
export function quoteCodePoint(cp: number): string {
  return cp >= 0x21 && cp <= 0x7e ? `'${String.fromCodePoint(cp)}'` : codePointName(cp);
}

/** `U+0041`. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}
