/**
 * The shape of a base64 field as data: which alphabet, how many octets it decodes to, and whether
 * the unused low bits must be zero. From it come the regular expression that accepts exactly what
 * {@link decodeBase64} accepts under those rules (for JSON Schema `pattern`s) and the text of
 * given bytes (for generators). One description, so the checks, the exported documents and the
 * generated values cannot drift apart.
 *
 * @module
 */
import { type Base64Alphabet, encodeBase64, encodeBase64Url } from "./base64.ts";

/** What a base64 field holds. */
export interface Base64Format {
  /** How many octets the text decodes to; absent means any number. */
  readonly octets?: number;
  /** The alphabet (default `"standard"`). */
  readonly alphabet?: Base64Alphabet;
  /** Whether the unused low bits of the last character must be zero (default `false`). */
  readonly canonical?: boolean;
  /**
   * Whether `=` may complete the last group (default `"optional"`, as {@link decodeBase64} allows);
   * `"forbidden"` for texts inside a grammar that has no `=`, such as event IDs.
   */
  readonly padding?: "optional" | "forbidden";
}

/** The alphabets as character classes (Unicode-mode safe). */
const CLASS: Readonly<Record<Base64Alphabet, string>> = {
  standard: "[+/0-9A-Za-z]",
  url: "[\\-0-9A-Z_a-z]",
};

/**
 * The last character of a group of two (one octet): its low four bits are unused. The indices
 * 0, 16, 32 and 48 are the same letters in both alphabets.
 */
const CANONICAL_OF_TWO = "[AQgw]";
/** The last character of a group of three (two octets): its low two bits are unused. */
const CANONICAL_OF_THREE = "[048AEIMQUYcgkosw]";

/**
 * An anchored regular expression (Unicode mode) that accepts exactly the texts {@link decodeBase64}
 * accepts with the format's alphabet and `requireCanonical`, and, when `octets` is set, only those
 * that decode to that many octets. Padding is optional unless the format forbids it, as the
 * decoder allows it: `=` or `==` may complete the last group, never a full one.
 */
export function base64Pattern(format: Base64Format): string {
  const c = CLASS[format.alphabet ?? "standard"];
  const ofTwo = format.canonical === true ? CANONICAL_OF_TWO : c;
  const ofThree = format.canonical === true ? CANONICAL_OF_THREE : c;
  const optional = format.padding !== "forbidden";
  const two = `${c}${ofTwo}${optional ? "(?:==)?" : ""}`;
  const three = `${c}{2}${ofThree}${optional ? "=?" : ""}`;
  const groups = (n: number) => (n === 0 ? "" : `${c}{${4 * n}}`);
  if (format.octets === undefined) return `^(?:${c}{4})*(?:${two}|${three})?$`;
  const full = Math.floor(format.octets / 3);
  switch (format.octets % 3) {
    case 1:
      return `^${groups(full)}${two}$`;
    case 2:
      return `^${groups(full)}${three}$`;
    default:
      return `^${groups(full)}$`;
  }
}

/** The unpadded text of `bytes` in the format's alphabet, padded with `=` when `padded` is set. */
export function formatBase64(bytes: Uint8Array, format: Base64Format, padded = false): string {
  const text = format.alphabet === "url" ? encodeBase64Url(bytes) : encodeBase64(bytes);
  return padded ? text.padEnd(Math.ceil(text.length / 4) * 4, "=") : text;
}
