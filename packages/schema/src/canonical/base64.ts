/**
 * Unpadded base64 (LM §int-unpadded-base64, Matrix appendices "Unpadded Base64"): RFC 4648 §4
 * base64 without `=` padding, and the URL-safe alphabet of RFC 4648 §5 (`-` and `_` for the
 * 62nd and 63rd characters) for event IDs.
 *
 * Encoding never pads. Decoding accepts input with or without padding, as LM and Matrix say
 * implementations SHOULD, but is otherwise strict: no whitespace, no characters from the other
 * alphabet, and padding only at the end and only to complete a 4-character group.
 *
 * Non-zero unused low bits in the last character (RFC 4648 §3.5) are ignored by default,
 * because published data has them: the Matrix test-vector seed
 * `YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1` ends in `1`, whose two unused bits are `01`.
 * Pass `requireCanonical: true` to reject such input.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { err, ok, type Result } from "./result.ts";

/** The two RFC 4648 alphabets: `"standard"` (§4, `+` `/`) and `"url"` (§5, `-` `_`). */
export type Base64Alphabet = "standard" | "url";

/** A stable base64 error code; {@link Base64ErrorCodes} says what each one means. */
export type Base64ErrorCode = "invalid-character" | "invalid-length" | "invalid-padding" | "non-canonical";

/** Every base64 error code with a one-line meaning. */
export const Base64ErrorCodes: Readonly<Record<Base64ErrorCode, string>> = {
  "invalid-character": "a character outside the alphabet",
  "invalid-length": "a length that no byte string encodes to (one character left over)",
  "invalid-padding": "`=` somewhere other than completing the last 4-character group",
  "non-canonical": "the unused low bits of the last character are not zero (with requireCanonical only)",
};

/** Why a string is not acceptable base64. `offset` is the index of the offending character. */
export interface Base64Error {
  /** What kind of problem this is; see {@link Base64ErrorCodes}. */
  readonly code: Base64ErrorCode;
  /** What is wrong. */
  readonly message: string;
  /** 0-based index of the offending character. */
  readonly offset: number;
}

const ALPHABETS: Readonly<Record<Base64Alphabet, string>> = {
  standard: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
};

/** Encodes bytes as standard base64 without padding. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64").replace(/=+$/, "");
}

/** Encodes bytes as URL-safe base64 without padding (the event-ID encoding). */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

/** Options for {@link decodeBase64}. */
export interface Base64DecodeOptions {
  /** Which alphabet the input uses. Default `"standard"`. */
  readonly alphabet?: Base64Alphabet;
  /** Reject non-zero unused bits in the last character (`non-canonical`). Default `false`. */
  readonly requireCanonical?: boolean;
}

/** Each alphabet's characters by code unit: the index (0-63), or -1 for characters outside it. */
const INDEX: Readonly<Record<Base64Alphabet, Int8Array>> = {
  standard: indexTable(ALPHABETS.standard),
  url: indexTable(ALPHABETS.url),
};

function indexTable(chars: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = i;
  return table;
}

/**
 * How many octets `text` decodes to, checked exactly as {@link decodeBase64} checks it but
 * without decoding: schemas that only need the length (a 32-octet hash) skip the copy.
 */
export function base64DecodedLength(
  text: string,
  options: Base64DecodeOptions = {},
): Result<number, Base64Error> {
  const alphabet = options.alphabet ?? "standard";
  const index = INDEX[alphabet];
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */) end--;
  const padding = text.length - end;

  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && (index[code] as number) >= 0) continue;
    const c = text.charAt(i);
    if (c === "=") return fail("invalid-padding", "`=` may only appear at the end", i);
    const other: Base64Alphabet = alphabet === "standard" ? "url" : "standard";
    const hint = ALPHABETS[other].includes(c) ? ` (it belongs to the ${other} alphabet)` : "";
    return fail(
      "invalid-character",
      `${JSON.stringify(c)} is not in the ${alphabet} base64 alphabet${hint}`,
      i,
    );
  }
  const remainder = end % 4;
  if (remainder === 1) {
    return fail(
      "invalid-length",
      `${end} characters leave one character over; no byte string encodes to that`,
      end - 1,
    );
  }
  if (padding > 0 && (padding > 2 || (end + padding) % 4 !== 0 || remainder === 0)) {
    return fail("invalid-padding", "padding must complete the last 4-character group", end);
  }
  if (remainder > 0 && options.requireCanonical === true) {
    const last = index[text.charCodeAt(end - 1)] as number;
    const unusedBits = remainder === 2 ? 0b1111 : 0b11;
    if ((last & unusedBits) !== 0) {
      return fail("non-canonical", "the last character has non-zero unused bits", end - 1);
    }
  }
  return ok(((end - remainder) / 4) * 3 + (remainder === 0 ? 0 : remainder - 1));
}

/**
 * Whether `text` is base64 of exactly `octets` octets, as {@link base64DecodedLength} would
 * say, answered without allocating: the length must be one of the two an encoding of that many
 * octets has (unpadded or padded), and every character must be in the alphabet.
 */
export function isBase64OfLength(text: string, octets: number, options: Base64DecodeOptions = {}): boolean {
  const unpadded = Math.ceil((octets * 4) / 3);
  const padding = text.length - unpadded;
  if (padding !== 0 && !(padding === (4 - (unpadded % 4)) % 4 && padding > 0)) return false;
  const index = INDEX[options.alphabet ?? "standard"];
  for (let i = 0; i < unpadded; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || (index[code] as number) < 0) return false;
  }
  for (let i = unpadded; i < text.length; i++) if (text.charCodeAt(i) !== 0x3d) return false;
  if (options.requireCanonical === true && unpadded % 4 !== 0) {
    const last = index[text.charCodeAt(unpadded - 1)] as number;
    if ((last & (unpadded % 4 === 2 ? 0b1111 : 0b11)) !== 0) return false;
  }
  return true;
}

/** Decodes standard or URL-safe base64, padded or unpadded; see the module notes for what is rejected. */
export function decodeBase64(
  text: string,
  options: Base64DecodeOptions = {},
): Result<Uint8Array, Base64Error> {
  const length = base64DecodedLength(text, options);
  if (!length.ok) return length;
  const end = text.length - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);
  const alphabet = options.alphabet ?? "standard";
  return ok(Uint8Array.from(Buffer.from(text.slice(0, end), alphabet === "url" ? "base64url" : "base64")));
}

/** Decodes URL-safe base64, padded or unpadded (trailing bits as in {@link decodeBase64}). */
export function decodeBase64Url(text: string): Result<Uint8Array, Base64Error> {
  return decodeBase64(text, { alphabet: "url" });
}

function fail(code: Base64ErrorCode, message: string, offset: number): Result<never, Base64Error> {
  return err({ code, message, offset });
}
