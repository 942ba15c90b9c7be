/**
 * The UTF-8 length of a value's RFC 8785 form, measured without writing it. Checking an event
 * against LM's 65536-byte limit needs only the length, and the length does not depend on key
 * order, so there is no sorting, no string building and no encoding: each string's escaped UTF-8
 * size is counted in one pass over its code units.
 *
 * It answers only for plain JSON data nested at most {@link MEASURE_MAX_DEPTH} deep; for anything
 * else (a lone surrogate, a non-finite number, `undefined`, an accessor, a class instance, a
 * cycle, deeper nesting) it returns `undefined`, and the caller asks the writer
 * (`canonicalBytes`), which says exactly what is wrong and where.
 *
 * @module
 */
import { isJsonObject } from "./json-value.ts";

/** The deepest nesting measured here (recursion stays far from the call-stack limit). */
export const MEASURE_MAX_DEPTH = 256;

/** Printable ASCII other than `"` and `\\`: written as is, one byte each. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** The UTF-8 length of `s` as an RFC 8785 string literal, quotes included; `undefined` on a lone surrogate. */
export function jcsStringByteLength(s: string): number | undefined {
  // Most strings of an event (IDs, hashes, signatures) are printable ASCII with nothing to
  // escape: one byte per character, checked by the native regular-expression engine.
  if (PLAIN_ASCII.test(s)) return s.length + 2;
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20) bytes += c === 0x22 || c === 0x5c ? 2 : 1;
      // \b \t \n \f \r have two-character escapes; other controls are \u00XX.
      else bytes += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    } else if (c < 0x800) bytes += 2;
    else if (c < 0xd800 || c > 0xdfff) bytes += 3;
    else if (c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return undefined;
      bytes += 4;
      i++;
    } else return undefined;
  }
  return bytes;
}

/**
 * The UTF-8 length of `value`'s RFC 8785 canonical form, or `undefined` when it is not plain
 * JSON data within {@link MEASURE_MAX_DEPTH} levels (see the module notes).
 */
export function jcsByteLength(value: unknown): number | undefined {
  return measure(value, 0);
}

function measure(value: unknown, depth: number): number | undefined {
  switch (typeof value) {
    case "string":
      return jcsStringByteLength(value);
    case "number":
      // ECMAScript Number::toString, as RFC 8785 writes numbers; always ASCII.
      return Number.isFinite(value) ? String(value).length : undefined;
    case "boolean":
      return value ? 4 : 5;
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return 4;
  if (depth >= MEASURE_MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    let bytes = 2 + Math.max(0, value.length - 1);
    for (let i = 0; i < value.length; i++) {
      // A hole reads as undefined, which is not JSON.
      const item = measure(value[i], depth + 1);
      if (item === undefined) return undefined;
      bytes += item;
    }
    return bytes;
  }
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  let bytes = 2 + Math.max(0, keys.length - 1) + keys.length; // braces, commas, colons
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !("value" in descriptor)) return undefined;
    const name = jcsStringByteLength(key);
    const member = measure(descriptor.value, depth + 1);
    if (name === undefined || member === undefined) return undefined;
    bytes += name + member;
  }
  return bytes;
}

/**
 * The longest text ECMAScript writes for a finite number: 25 characters, as in
 * `-0.0000012345678901234567` (sign, `0.`, five zeros, 17 significant digits); exponent forms
 * such as `-2.2250738585072014e-308` take at most 24.
 */
const LONGEST_NUMBER = 25;

/** Whether `s` has no lone surrogate (native `String.prototype.isWellFormed`, Node 20+). */
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * An upper bound on the UTF-8 length of `value`'s RFC 8785 form, or `undefined` exactly when
 * {@link jcsByteLength} gives `undefined`. Cheaper than the exact length: a string counts as six
 * bytes per UTF-16 unit (a `\u00XX` escape; no unit takes more in UTF-8), so no string is scanned
 * beyond the native well-formedness test. A limit check first asks for the bound and measures
 * exactly only when the bound exceeds the limit.
 */
export function jcsByteLengthBound(value: unknown): number | undefined {
  return bound(value, 0);
}

function bound(value: unknown, depth: number): number | undefined {
  switch (typeof value) {
    case "string":
      return isWellFormed(value) ? 2 + 6 * value.length : undefined;
    case "number":
      return Number.isFinite(value) ? LONGEST_NUMBER : undefined;
    case "boolean":
      return 5;
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return 4;
  if (depth >= MEASURE_MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    let bytes = 2 + value.length;
    for (let i = 0; i < value.length; i++) {
      const item = bound(value[i], depth + 1);
      if (item === undefined) return undefined;
      bytes += item;
    }
    return bytes;
  }
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  let bytes = 2 + 2 * keys.length;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
    if (descriptor.get !== undefined || descriptor.set !== undefined || !isWellFormed(key)) return undefined;
    const member = bound(descriptor.value, depth + 1);
    if (member === undefined) return undefined;
    bytes += 2 + 6 * key.length + member;
  }
  return bytes;
}
