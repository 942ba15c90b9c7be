/**
 * Base64 fields of events: content hashes and signatures, in the standard alphabet (RFC 4648 §4).
 * LM writes them unpadded; it also says implementations SHOULD accept padded input, so the
 * schemas do too (the value is kept as written). Each field decodes to a fixed number of octets,
 * which catches truncated or mistyped values before any cryptography runs.
 *
 * @module
 */
import { Schema } from "effect";
import { withArbitraryHint } from "../arbitrary/hints.ts";
import { base64DecodedLength, isBase64OfLength } from "../canonical/base64.ts";
import { type Base64Format, base64Pattern } from "../canonical/base64-format.ts";

/** Why `text` is not standard base64 of exactly `octets` octets, or `undefined`. */
export function base64OctetsProblem(text: string, octets: number, what: string): string | undefined {
  if (isBase64OfLength(text, octets)) return undefined;
  const length = base64DecodedLength(text);
  if (!length.ok) return `${what} is not base64: ${length.error.message} (index ${length.error.offset})`;
  return length.value === octets
    ? undefined
    : `${what} decodes to ${length.value} octets; a ${what} has ${octets}`;
}

/**
 * What a base64 check accepts, told to the tools that cannot run it: generators draw random
 * octets of the format, and the JSON Schema export gets the format's exact pattern.
 */
function base64Annotations(format: Base64Format) {
  const pattern = base64Pattern(format);
  return { ...withArbitraryHint({ base64: format }), toJsonSchema: () => ({ pattern }) };
}

function base64Of(octets: number, what: string) {
  return Schema.String.pipe(
    Schema.check(
      Schema.makeFilter((text: string) => base64OctetsProblem(text, octets, what), {
        expected: `unpadded base64 of ${octets} octets (${what})`,
        ...base64Annotations({ octets }),
      }),
    ),
  );
}

/** A SHA-256 content hash: 32 octets, 43 characters of unpadded base64. */
export const Sha256Hash = base64Of(32, "SHA-256 hash").pipe(
  Schema.brand("Sha256Hash"),
  Schema.annotate({
    identifier: "Sha256Hash",
    description: "A SHA-256 digest in unpadded standard base64 (43 characters; padded input accepted).",
    examples: ["5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos" as never],
  }),
);

/** A SHA-256 hash in base64. */
export type Sha256Hash = typeof Sha256Hash.Type;

/** An Ed25519 signature: 64 octets, 86 characters of unpadded base64. */
export const Ed25519Signature = base64Of(64, "Ed25519 signature").pipe(
  Schema.brand("Ed25519Signature"),
  Schema.annotate({
    identifier: "Ed25519Signature",
    description: "An Ed25519 signature in unpadded standard base64 (86 characters; padded input accepted).",
    examples: [
      "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ" as never,
    ],
  }),
);

/** An Ed25519 signature in base64. */
export type Ed25519Signature = typeof Ed25519Signature.Type;

/** Why `text` is not standard base64 (of any length), or `undefined`. */
export function unpaddedBase64Problem(text: string): string | undefined {
  const length = base64DecodedLength(text);
  return length.ok ? undefined : `not base64: ${length.error.message} (index ${length.error.offset})`;
}

/**
 * Standard base64 of any length: MLS messages and ciphertexts in event content. LM writes it
 * unpadded; padded input is accepted, like every base64 field here.
 */
export const UnpaddedBase64 = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((text: string) => unpaddedBase64Problem(text), {
      expected: "unpadded base64",
      ...base64Annotations({}),
    }),
  ),
  Schema.brand("UnpaddedBase64"),
  Schema.annotate({
    identifier: "UnpaddedBase64",
    description:
      "Bytes in standard base64 (RFC 4648 §4), written without '=' padding (padded input accepted).",
    examples: ["AAEC" as never],
  }),
);

/** Unpadded base64 text. */
export type UnpaddedBase64 = typeof UnpaddedBase64.Type;
