/**
 * The error value of the canonical layer: a stable code, a sentence saying what is wrong, the
 * JSON path of the offending value and, for errors found while reading text, its position.
 *
 * @module
 */

/** A stable error code; {@link JsonErrorCodes} says what each one means. */
export type JsonErrorCode =
  | "unexpected-character"
  | "unexpected-end"
  | "trailing-data"
  | "control-character"
  | "invalid-escape"
  | "invalid-number"
  | "unsafe-integer"
  | "number-overflow"
  | "lone-surrogate"
  | "duplicate-key"
  | "too-deep"
  | "invalid-utf8"
  | "not-json"
  | "cycle"
  | "non-finite-number"
  | "float-not-allowed"
  | "integer-out-of-range"
  | "expected-object"
  | "missing-field";

/** Every error code with a one-line meaning. The codes are stable; messages may change. */
export const JsonErrorCodes: Readonly<Record<JsonErrorCode, string>> = {
  "unexpected-character": "the text has a character that JSON does not allow at this point",
  "unexpected-end": "the text ends before the JSON value is complete",
  "trailing-data": "there is more text after the complete JSON value",
  "control-character": "a string holds an unescaped control character (U+0000 to U+001F)",
  "invalid-escape": "a string holds a backslash escape that JSON does not define",
  "invalid-number": "a number is not written the way JSON requires (e.g. a leading zero)",
  "unsafe-integer": "an integer lies outside [-(2^53)+1, 2^53-1] and would lose precision",
  "number-overflow": "a number is too large to be represented as a finite double",
  "lone-surrogate": "a string holds a UTF-16 surrogate that is not part of a pair",
  "duplicate-key": "an object has the same key twice",
  "too-deep": "arrays and objects are nested deeper than the configured limit",
  "invalid-utf8": "the bytes are not valid UTF-8",
  "not-json": "an in-memory value is not JSON data (undefined, a function, a class instance, ...)",
  cycle: "an in-memory value contains itself",
  "non-finite-number": "a number is NaN or infinite, which JSON cannot represent",
  "float-not-allowed": "the Matrix canonical form allows integers only",
  "integer-out-of-range": "the Matrix canonical form allows integers in [-(2^53)+1, 2^53-1] only",
  "expected-object": "an event algorithm needs a JSON object here",
  "missing-field": "an event algorithm needs a field that is absent",
};

/**
 * What went wrong, and where.
 *
 * `line` and `column` are 1-based and present only when the error was found in source text;
 * `column` counts UTF-16 code units from the start of the line (what editors such as VS Code
 * show). `offset` is the 0-based UTF-16 index into the text (or byte index for
 * {@link JsonErrorCodes | invalid-utf8}).
 */
export interface JsonError {
  /** What kind of problem this is; stable, see {@link JsonErrorCodes}. */
  readonly code: JsonErrorCode;
  /** What is wrong and, where it helps, how to fix it. */
  readonly message: string;
  /** The JSON path of the offending value, e.g. `$.content.body`; `$` is the root. */
  readonly path: string;
  /** 1-based line in the source text (reader errors only). */
  readonly line?: number;
  /** 1-based column in UTF-16 code units (reader errors only). */
  readonly column?: number;
  /** 0-based index into the source text, or byte index for `invalid-utf8` (reader errors only). */
  readonly offset?: number;
}

/** A position in source text. */
export interface TextPosition {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units. */
  readonly column: number;
  /** 0-based UTF-16 index into the text. */
  readonly offset: number;
}

/** Builds a {@link JsonError}, adding the position only when there is one. */
export function jsonError(
  code: JsonErrorCode,
  message: string,
  path: string,
  position?: TextPosition,
): JsonError {
  return position === undefined
    ? { code, message, path }
    : { code, message, path, line: position.line, column: position.column, offset: position.offset };
}

/** One line for logs and CLI output: `$.content.body (3:14) lone-surrogate: …`. */
export function formatJsonError(error: JsonError): string {
  const where = error.line === undefined ? "" : ` (${error.line}:${error.column ?? 0})`;
  return `${error.path}${where} ${error.code}: ${error.message}`;
}

/**
 * Converts a UTF-16 offset into a 1-based line and column. CR, LF and CRLF each end a line.
 * Computed only when an error is reported, so reading valid text never pays for it.
 */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let k = 0; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}
