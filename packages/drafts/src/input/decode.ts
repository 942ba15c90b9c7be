/**
 * Turns what a caller read from disk (bytes or a string) into draft text, or a clear error value
 * saying what is wrong and where: binary data (NUL bytes), an empty file, bytes that are not
 * UTF-8 (with the line and column of the first bad byte), or a file too large to check.
 *
 * @module
 */

/** A draft as read: raw bytes (preferred: invalid UTF-8 is then found exactly) or text. */
export type DraftInput = string | Uint8Array;

/** Why an input cannot be checked, or (for `replacement-character`) why it may be damaged. */
export interface InputProblem {
  readonly code:
    | "input-empty"
    | "input-binary"
    | "input-invalid-utf8"
    | "input-too-large"
    | "replacement-character";
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly hint?: string;
}

/** The decoded text, or why there is none. */
export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly warnings: ReadonlyArray<InputProblem> }
  | { readonly ok: false; readonly error: InputProblem };

/** Options for {@link decodeDraftInput}. */
export interface DecodeOptions {
  /** Larger inputs are refused (default {@link DEFAULT_MAX_INPUT_BYTES}). */
  readonly maxBytes?: number;
}

/**
 * The largest draft accepted by default: 16 MiB. The longest RFCs are a few MB even as HTML, so
 * a larger file is a wrong path, a concatenation or a generated file, and is refused with a clear
 * error rather than checked for seconds.
 */
export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Decodes a draft. A UTF-8 byte order mark is dropped (editors do not show it, so columns would
 * be off by one); a UTF-16 one is refused with a hint, since such a file is not UTF-8.
 */
export function decodeDraftInput(input: DraftInput, options: DecodeOptions = {}): DecodeResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  return typeof input === "string" ? decodeString(input, maxBytes) : decodeBytes(input, maxBytes);
}

/** The problem of a draft over the size limit (callers that know the size before reading use it too). */
export function tooLargeProblem(size: number, maxBytes: number, unit = "bytes"): InputProblem {
  return {
    code: "input-too-large",
    message: `the draft is ${size} ${unit}, more than the ${maxBytes} bytes the check accepts`,
    line: 1,
    column: 1,
    hint: "pass one draft, not a concatenation or a generated file; Internet-Drafts are far smaller",
  };
}

function tooLarge(size: number, maxBytes: number, unit: string): DecodeResult {
  return { ok: false, error: tooLargeProblem(size, maxBytes, unit) };
}

/** A byte order mark of UTF-16 or UTF-32, or a UTF-16 text without one, by its NUL bytes. */
function wideEncoding(bytes: Uint8Array): { name: string; how: string } | undefined {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)
    return { name: "UTF-32LE", how: "it starts with a UTF-32 byte order mark" };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
    return { name: "UTF-32BE", how: "it starts with a UTF-32 byte order mark" };
  if (b0 === 0xff && b1 === 0xfe) return { name: "UTF-16LE", how: "it starts with a UTF-16 byte order mark" };
  if (b0 === 0xfe && b1 === 0xff) return { name: "UTF-16BE", how: "it starts with a UTF-16 byte order mark" };
  // ASCII text in UTF-16 puts a NUL next to every character: on the odd bytes (LE) or the even (BE).
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05)
    return { name: "UTF-16LE", how: "every other byte is NUL, as in UTF-16 text without a byte order mark" };
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05)
    return { name: "UTF-16BE", how: "every other byte is NUL, as in UTF-16 text without a byte order mark" };
  return undefined;
}

function empty(): DecodeResult {
  return {
    ok: false,
    error: {
      code: "input-empty",
      message: "the draft is empty (nothing but white space)",
      line: 1,
      column: 1,
      hint: "check the path: an empty file is often a failed download or a wrong name",
    },
  };
}

function decodeBytes(bytes: Uint8Array, maxBytes: number): DecodeResult {
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes, "bytes");
  const wide = wideEncoding(bytes);
  if (wide !== undefined) {
    return {
      ok: false,
      error: {
        code: "input-invalid-utf8",
        message: `the draft is ${wide.name} (${wide.how}), not UTF-8`,
        line: 1,
        column: 1,
        hint: `convert it to UTF-8, e.g. \`iconv -f ${wide.name} -t UTF-8\``,
      },
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = byteLineColumn(bytes, nul);
    return {
      ok: false,
      error: {
        code: "input-binary",
        message: `the draft holds a NUL byte at line ${at.line}, column ${at.column}: it is binary, not text`,
        ...at,
        hint: "pass the draft's source (.md, .xml), its .txt or its .html rendering",
      },
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bom === 0 ? bytes : bytes.subarray(bom);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder("utf-8").decode(body.subarray(0, bad));
    const at = stringLineColumn(prefix, prefix.length);
    const shown = [...body.subarray(bad, Math.min(body.length, bad + 4))]
      .map((b) => b.toString(16).toUpperCase().padStart(2, "0"))
      .join(" ");
    return {
      ok: false,
      error: {
        code: "input-invalid-utf8",
        message: `the draft is not valid UTF-8: byte ${bad + bom} (${shown}) at line ${at.line}, column ${at.column} starts no valid character`,
        ...at,
        hint: "Internet-Drafts are UTF-8; re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
      },
    };
  }
  return checkText(text, false);
}

function decodeString(input: string, maxBytes: number): DecodeResult {
  // Each UTF-16 unit is at least one byte of UTF-8: a string longer than the limit is too large.
  if (input.length > maxBytes) return tooLarge(input.length, maxBytes, "characters");
  const nul = input.indexOf("\u0000");
  if (nul >= 0) {
    const at = stringLineColumn(input, nul);
    return {
      ok: false,
      error: {
        code: "input-binary",
        message: `the draft holds a NUL character at line ${at.line}, column ${at.column}: it is binary, not text`,
        ...at,
        hint: "pass the draft's source (.md, .xml), its .txt or its .html rendering",
      },
    };
  }
  return checkText(input.startsWith("\ufeff") ? input.slice(1) : input, true);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkText(text: string, fromString: boolean): DecodeResult {
  if (text.trim() === "") return empty();
  if (fromString && !text.isWellFormed()) {
    const m = LONE_SURROGATE.exec(text);
    const offset = m?.index ?? 0;
    const at = stringLineColumn(text, offset);
    const unit = text.charCodeAt(offset).toString(16).toUpperCase();
    return {
      ok: false,
      error: {
        code: "input-invalid-utf8",
        message: `the draft holds an unpaired surrogate U+${unit} at line ${at.line}, column ${at.column}, which no UTF-8 file can contain`,
        ...at,
        hint: "pass the file's bytes rather than a string, so the bad bytes are reported exactly",
      },
    };
  }
  const warnings: InputProblem[] = [];
  const replacement = text.indexOf("\ufffd");
  if (replacement >= 0) {
    const at = stringLineColumn(text, replacement);
    warnings.push({
      code: "replacement-character",
      message: `U+FFFD (the replacement character) at line ${at.line}, column ${at.column}: the file may have been decoded from invalid UTF-8`,
      ...at,
      hint: "check the file's encoding; pass its bytes to have invalid UTF-8 reported exactly",
    });
  }
  return { ok: true, text, warnings };
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return n;
}

/** 1-based line and column of a byte offset (columns in bytes: the bytes before are not text). */
function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** 1-based line and code-point column of a string offset. */
function stringLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let i = text.indexOf("\n");
  let lineStart = 0;
  while (i >= 0 && i < offset) {
    line++;
    lineStart = i + 1;
    i = text.indexOf("\n", lineStart);
  }
  let column = 1;
  for (let k = lineStart; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < offset) k++;
    column++;
  }
  return { line, column };
}
