/**
 * A safe JSON reader (RFC 8259 grammar, I-JSON restrictions from RFC 7493).
 *
 * Why not `JSON.parse`? It recurses (deep input overflows the stack), silently rounds integers
 * beyond 2^53, accepts lone surrogates and keeps the *last* of duplicate keys. Any of these lets
 * two implementations disagree about what a signed event says. This reader:
 *
 * - is iterative, with an explicit nesting limit ({@link DEFAULT_MAX_DEPTH}), so 10 000-deep
 *   input yields a `too-deep` error instead of a crash;
 * - rejects integers outside the safe range, lone surrogates and duplicate keys;
 * - builds null-prototype objects (see `json-value.ts`), so `__proto__` is plain data;
 * - reports every problem as a {@link JsonError} with a JSON path and a line:column.
 *
 * Numbers: an integer literal (no fraction, no exponent) must be a safe integer; a literal with
 * a fraction or exponent is a float and must be finite once read as a double (`1e400` is an
 * error, `1e-400` reads as `0`). Floats are allowed here because JCS allows them; the Matrix
 * canonical writer rejects them later. Note the asymmetry with the JCS writer: RFC 8785 writes
 * the double 2^53 as `9007199254740992`, which this reader refuses, so JCS output that holds
 * integers beyond the safe range does not read back.
 *
 * @module
 */

import { type JsonError, type JsonErrorCode, jsonError, positionAt } from "./json-error.ts";
import { formatJsonPath, type JsonPathSegment } from "./json-path.ts";
import { emptyJsonObject, type JsonValue, type MutableJsonObject } from "./json-value.ts";
import { err, ok, type Result } from "./result.ts";

/** Default nesting limit for arrays and objects (the root container is depth 1). */
export const DEFAULT_MAX_DEPTH = 512;

/** Options for {@link parseJson}. */
export interface ParseOptions {
  /** Maximum nesting of arrays and objects; deeper input gives `too-deep`. Default 512. */
  readonly maxDepth?: number;
}

type Frame =
  | { readonly kind: "array"; readonly value: JsonValue[] }
  | { readonly kind: "object"; readonly value: MutableJsonObject; key: string | undefined };

/** Thrown internally and caught by {@link parseJson}; never escapes this module. */
class ParseFailure {
  constructor(readonly error: JsonError) {}
}

const INTEGER_OR_FLOAT = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** Reads JSON text into a {@link JsonValue}, or explains why the text is not acceptable JSON. */
export function parseJson(text: string, options: ParseOptions = {}): Result<JsonValue, JsonError> {
  try {
    return ok(new Reader(text, options.maxDepth ?? DEFAULT_MAX_DEPTH).readDocument());
  } catch (caught) {
    if (caught instanceof ParseFailure) return err(caught.error);
    throw caught;
  }
}

/**
 * Reads UTF-8 bytes as JSON. Invalid UTF-8 (overlong forms, encoded surrogates, truncated
 * sequences) gives `invalid-utf8` with the byte offset; a byte order mark is not skipped.
 */
export function parseJsonBytes(bytes: Uint8Array, options: ParseOptions = {}): Result<JsonValue, JsonError> {
  const bad = firstInvalidUtf8Offset(bytes);
  if (bad >= 0) {
    const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
    const { line, column } = positionAt(prefix, prefix.length);
    return err(
      jsonError(
        "invalid-utf8",
        `byte ${bad} (0x${hex2(bytes[bad] ?? 0)}) starts no valid UTF-8 sequence`,
        "$",
        {
          line,
          column,
          offset: bad,
        },
      ),
    );
  }
  return parseJson(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), options);
}

class Reader {
  private i = 0;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  readDocument(): JsonValue {
    const root = this.readValue();
    this.skipWhitespace();
    if (this.i < this.text.length) this.fail("trailing-data", "unexpected text after the JSON value");
    return root;
  }

  /**
   * The main loop: read a scalar or open a container, then hand each finished value to its
   * parent frame; closing a container finishes *its* value in turn. No recursion.
   */
  private readValue(): JsonValue {
    for (;;) {
      let value: JsonValue | undefined = this.readScalarOrOpen();
      while (value !== undefined) {
        const top = this.stack.at(-1);
        if (top === undefined) return value;
        value = this.store(top, value);
      }
    }
  }

  /** Reads a scalar, or opens a container (returning its value only when it is empty). */
  private readScalarOrOpen(): JsonValue | undefined {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.i);
    switch (c) {
      case 0x7b /* { */:
        return this.open("object");
      case 0x5b /* [ */:
        return this.open("array");
      case 0x22 /* " */:
        return this.readString(false);
      case 0x74 /* t */:
        return this.readLiteral("true", true);
      case 0x66 /* f */:
        return this.readLiteral("false", false);
      case 0x6e /* n */:
        return this.readLiteral("null", null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.readNumber();
        return this.unexpected("a JSON value");
    }
  }

  private open(kind: "array" | "object"): JsonValue | undefined {
    if (this.stack.length >= this.maxDepth) {
      this.fail("too-deep", `nesting exceeds the limit of ${this.maxDepth} arrays/objects`);
    }
    this.i++;
    const frame: Frame =
      kind === "array" ? { kind, value: [] } : { kind, value: emptyJsonObject(), key: undefined };
    this.stack.push(frame);
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) === (kind === "array" ? 0x5d : 0x7d)) {
      this.i++;
      this.stack.pop();
      return frame.value;
    }
    if (frame.kind === "object") this.readKey(frame);
    return undefined;
  }

  /**
   * Adds a finished value to its parent, then reads `,` or the closing bracket. Returns the
   * parent's value if it closed (so it can be stored in turn), else `undefined`.
   */
  private store(frame: Frame, value: JsonValue): JsonValue | undefined {
    if (frame.kind === "array") frame.value.push(value);
    else frame.value[frame.key as string] = value;
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.i);
    if (c === 0x2c /* , */) {
      this.i++;
      if (frame.kind === "object") {
        frame.key = undefined;
        this.skipWhitespace();
        this.readKey(frame);
      }
      return undefined;
    }
    if (c === (frame.kind === "array" ? 0x5d : 0x7d)) {
      this.i++;
      this.stack.pop();
      return frame.value;
    }
    return this.unexpected(frame.kind === "array" ? "`,` or `]`" : "`,` or `}`", true);
  }

  private readKey(frame: Frame & { kind: "object" }): void {
    if (this.text.charCodeAt(this.i) !== 0x22) this.unexpected("a string key");
    const at = this.i;
    const key = this.readString(true);
    if (Object.hasOwn(frame.value, key)) {
      frame.key = key;
      this.i = at;
      this.fail("duplicate-key", `the key ${JSON.stringify(key)} appears twice in this object`);
    }
    frame.key = key;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) !== 0x3a /* : */) this.unexpected("`:`");
    this.i++;
  }

  private readLiteral<V extends JsonValue>(word: string, value: V): V {
    if (!this.text.startsWith(word, this.i)) {
      if (this.text.length - this.i < word.length && word.startsWith(this.text.slice(this.i))) {
        this.i = this.text.length;
        this.fail("unexpected-end", `the text ends inside \`${word}\``);
      }
      this.fail("unexpected-character", `expected \`${word}\``);
    }
    this.i += word.length;
    return value;
  }

  private readNumber(): number {
    const start = this.i;
    INTEGER_OR_FLOAT.lastIndex = start;
    const match = INTEGER_OR_FLOAT.exec(this.text);
    if (match === null) this.fail("invalid-number", "a `-` must be followed by digits");
    const literal = match[0];
    this.i = start + literal.length;
    // "01", "1.", "1e", "1.5.2": the regex stopped early; report the number, not the next char.
    if (/[0-9.eE+-]/.test(this.text.charAt(this.i))) {
      this.i = start;
      this.fail(
        "invalid-number",
        `malformed number starting ${JSON.stringify(this.text.slice(start, start + 24))}`,
      );
    }
    const value = Number(literal);
    const isFloat = match[1] !== undefined || match[2] !== undefined;
    if (!isFloat && !Number.isSafeInteger(value)) {
      this.i = start;
      this.fail(
        "unsafe-integer",
        `the integer ${literal} is outside [-(2^53)+1, 2^53-1] and would lose precision`,
      );
    }
    if (!Number.isFinite(value)) {
      this.i = start;
      this.fail("number-overflow", `the number ${literal} is too large for a double`);
    }
    return value;
  }

  /**
   * Reads a string starting at the opening quote. Tracks surrogates as it decodes so that a
   * lone one, raw or escaped, is reported at its own position.
   */
  private readString(isKey: boolean): string {
    const text = this.text;
    const what = isKey ? "an object key" : "a string";
    const open = this.i;
    let i = open + 1;
    let out = "";
    let chunk = i;
    let pendingHigh = -1;
    const unit = (u: number, at: number): void => {
      if (pendingHigh >= 0) {
        if (u >= 0xdc00 && u <= 0xdfff) {
          pendingHigh = -1;
          return;
        }
        this.i = pendingHigh;
        this.fail("lone-surrogate", `${what} holds a high surrogate not followed by a low surrogate`);
      }
      if (u >= 0xd800 && u <= 0xdbff) pendingHigh = at;
      else if (u >= 0xdc00 && u <= 0xdfff) {
        this.i = at;
        this.fail("lone-surrogate", `${what} holds a low surrogate not preceded by a high surrogate`);
      }
    };
    for (;;) {
      if (i >= text.length) {
        this.i = i;
        const start = positionAt(text, open);
        this.fail("unexpected-end", `${what} opened at ${start.line}:${start.column} is not closed`);
      }
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        if (pendingHigh >= 0) unit(0, i);
        out += text.slice(chunk, i);
        this.i = i + 1;
        return out;
      }
      if (c < 0x20) {
        this.i = i;
        this.fail(
          "control-character",
          `${what} holds U+${hex4(c)} unescaped; write it as \\u${hex4(c).toLowerCase()}`,
        );
      }
      if (c !== 0x5c) {
        if (c >= 0xd800 && c <= 0xdfff) unit(c, i);
        else if (pendingHigh >= 0) unit(c, i);
        i++;
        continue;
      }
      out += text.slice(chunk, i);
      const escapeAt = i;
      const e = text.charCodeAt(i + 1);
      let decoded: number;
      let length = 2;
      switch (e) {
        case 0x22:
        case 0x5c:
        case 0x2f:
          decoded = e;
          break;
        case 0x62:
          decoded = 0x08;
          break;
        case 0x66:
          decoded = 0x0c;
          break;
        case 0x6e:
          decoded = 0x0a;
          break;
        case 0x72:
          decoded = 0x0d;
          break;
        case 0x74:
          decoded = 0x09;
          break;
        case 0x75: {
          const digits = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(digits)) {
            this.i = escapeAt;
            this.fail("invalid-escape", `\\u must be followed by four hex digits in ${what}`);
          }
          decoded = Number.parseInt(digits, 16);
          length = 6;
          break;
        }
        default:
          this.i = escapeAt;
          if (Number.isNaN(e)) this.fail("unexpected-end", `${what} ends inside an escape`);
          this.fail("invalid-escape", `\\${text.charAt(i + 1)} is not a JSON escape`);
      }
      unit(decoded, escapeAt);
      out += String.fromCharCode(decoded);
      i += length;
      chunk = i;
    }
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  /** Fails at the current character; `atContainer` reports the innermost container's path. */
  private unexpected(expected: string, atContainer = false): never {
    if (this.i >= this.text.length) {
      this.fail("unexpected-end", `the text ends where ${expected} was expected`, atContainer);
    }
    const code = this.text.codePointAt(this.i) ?? 0;
    const shown =
      code === 0xfeff ? "a byte order mark (U+FEFF)" : `${JSON.stringify(String.fromCodePoint(code))}`;
    return this.fail("unexpected-character", `found ${shown} where ${expected} was expected`, atContainer);
  }

  private fail(code: JsonErrorCode, message: string, atContainer = false): never {
    throw new ParseFailure(
      jsonError(code, message, this.currentPath(atContainer), positionAt(this.text, this.i)),
    );
  }

  /** The path of the value being read: each open container's current key or index. */
  private currentPath(atContainer: boolean): string {
    const segments: JsonPathSegment[] = [];
    const frames = atContainer ? this.stack.slice(0, -1) : this.stack;
    for (const frame of frames) {
      if (frame.kind === "array") segments.push(frame.value.length);
      else if (frame.key !== undefined) segments.push(frame.key);
    }
    return formatJsonPath(segments);
  }
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, "0");
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, "0");
}

/** The index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[k];
    return b !== undefined && b >= lo && b <= hi;
  };
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      // E0 excludes overlong forms; ED excludes encoded surrogates (U+D800–DFFF).
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      // F0 excludes overlong forms; F4 caps the range at U+10FFFF.
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}
