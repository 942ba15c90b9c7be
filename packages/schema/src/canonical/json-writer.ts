/**
 * The serializer shared by both canonical profiles. A profile supplies two things: how to
 * order object keys and how to write a number. Everything else is common to RFC 8785 and
 * Matrix canonical JSON: no insignificant whitespace, `null`/`true`/`false`, and the shortest
 * string escaping (only `"`, `\` and U+0000–U+001F are escaped; `\b \t \n \f \r` use their
 * short forms, the rest `\u00XX` with lowercase hex; everything else, `/` and non-ASCII
 * included, is written as is).
 *
 * The walk is iterative (an explicit stack), so depth is bounded only by `maxDepth`, never by
 * the JavaScript call stack. In-memory values are checked as they are written: `undefined`,
 * functions, class instances, accessors, cycles and lone surrogates give a {@link JsonError}.
 *
 * @module
 */

import { type JsonError, type JsonErrorCode, jsonError } from "./json-error.ts";
import { formatJsonPath, type JsonPathSegment } from "./json-path.ts";
import { isJsonObject, type JsonObject } from "./json-value.ts";
import { err, ok, type Result } from "./result.ts";
import { DEFAULT_MAX_DEPTH } from "./safe-parse.ts";

/** Why a number cannot be written: an error code and a sentence. */
export interface NumberRejection {
  /** The error code to report, e.g. `float-not-allowed`. */
  readonly code: JsonErrorCode;
  /** What is wrong with the number. */
  readonly message: string;
}

/** What distinguishes one canonical form from another. */
export interface CanonicalWriterProfile {
  /** A total order on keys; object members are written in this order. */
  readonly compareKeys: (a: string, b: string) => number;
  /** The canonical text of a number, or why the profile cannot represent it. */
  readonly formatNumber: (n: number) => string | NumberRejection;
}

/** Options shared by the canonical writers. */
export interface WriterOptions {
  /** Maximum nesting of arrays and objects. Default 512, the reader's default. */
  readonly maxDepth?: number;
}

type Frame =
  | { readonly kind: "array"; readonly items: readonly unknown[]; next: number }
  | { readonly kind: "object"; readonly object: JsonObject; readonly keys: readonly string[]; next: number };

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
};

/**
 * Writes a well-formed string as a JSON string literal with the shortest escaping (see the
 * module notes). Callers check for lone surrogates first ({@link findLoneSurrogate}).
 */
export function quoteJsonString(s: string): string {
  const escaped = s.replace(/["\\\u0000-\u001f]/g, (c) => {
    return ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

/** The index of the first UTF-16 surrogate in `s` that is not part of a pair, or -1. */
export function findLoneSurrogate(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** Serializes `value` canonically under `profile`; see the module notes for what is checked. */
export function writeCanonical(
  value: unknown,
  profile: CanonicalWriterProfile,
  options: WriterOptions = {},
): Result<string, JsonError> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = new Set<object>();

  const pathOf = (extra?: JsonPathSegment): string => {
    const segments: JsonPathSegment[] = [];
    for (const frame of stack) {
      segments.push(frame.kind === "array" ? frame.next - 1 : (frame.keys[frame.next - 1] as string));
    }
    if (extra !== undefined) segments.push(extra);
    return formatJsonPath(segments);
  };
  const fail = (code: JsonErrorCode, message: string, extra?: JsonPathSegment) =>
    err(jsonError(code, message, pathOf(extra)));

  let pending: unknown = value;
  let hasPending = true;
  for (;;) {
    if (hasPending) {
      hasPending = false;
      const v = pending;
      if (v === null) out.push("null");
      else if (v === true) out.push("true");
      else if (v === false) out.push("false");
      else if (typeof v === "string") {
        const bad = findLoneSurrogate(v);
        if (bad >= 0) return fail("lone-surrogate", `the string has a lone surrogate at index ${bad}`);
        out.push(quoteJsonString(v));
      } else if (typeof v === "number") {
        const written = profile.formatNumber(v);
        if (typeof written !== "string") return fail(written.code, written.message);
        out.push(written);
      } else if (typeof v === "object") {
        if (open.has(v)) return fail("cycle", "the value contains itself");
        if (stack.length >= maxDepth) {
          return fail("too-deep", `nesting exceeds the limit of ${maxDepth} arrays/objects`);
        }
        if (Array.isArray(v)) {
          out.push("[");
          stack.push({ kind: "array", items: v, next: 0 });
        } else if (isJsonObject(v)) {
          const keys = Object.keys(v);
          for (const key of keys) {
            const bad = findLoneSurrogate(key);
            if (bad >= 0) return fail("lone-surrogate", `the key has a lone surrogate at index ${bad}`, key);
            if (!("value" in (Object.getOwnPropertyDescriptor(v, key) as PropertyDescriptor))) {
              return fail("not-json", "the property is an accessor, not data", key);
            }
          }
          keys.sort(profile.compareKeys);
          out.push("{");
          stack.push({ kind: "object", object: v, keys, next: 0 });
        } else {
          const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
          return fail(
            "not-json",
            `a ${typeof name === "string" ? name : "non-plain"} object is not JSON data`,
          );
        }
        open.add(v);
      } else {
        return fail(
          "not-json",
          `${typeof v === "undefined" ? "undefined" : `a ${typeof v}`} is not JSON data`,
        );
      }
    }

    const top = stack.at(-1);
    if (top === undefined) break;
    if (top.kind === "array") {
      if (top.next < top.items.length) {
        if (top.next > 0) out.push(",");
        // A sparse array's hole reads as undefined and is rejected as not-json.
        pending = top.items[top.next];
        top.next++;
        hasPending = true;
        continue;
      }
      out.push("]");
      open.delete(top.items);
    } else {
      if (top.next < top.keys.length) {
        const key = top.keys[top.next] as string;
        out.push(top.next > 0 ? "," : "", quoteJsonString(key), ":");
        pending = top.object[key];
        top.next++;
        hasPending = true;
        continue;
      }
      out.push("}");
      open.delete(top.object);
    }
    stack.pop();
  }
  return ok(out.join(""));
}
