/**
 * Signing key IDs (LM §int-signing): `ed25519:` and a key version. Signatures on events are
 * keyed by server name, then by key ID.
 *
 * @module
 */
import { Schema } from "effect";
import { grammarString } from "../identifiers/grammar-string.ts";
import { EVENTS_GRAMMAR_FILE, keyId as matchKeyId, keyVersion as matchKeyVersion } from "./grammar.ts";

/** A key version: one or more of `A-Z a-z 0-9 _` (LM's `key_version`). */
export const KeyVersion = grammarString({
  grammar: { file: EVENTS_GRAMMAR_FILE, rule: "key_version" },
  match: matchKeyVersion,
}).pipe(
  Schema.brand("KeyVersion"),
  Schema.annotate({
    identifier: "KeyVersion",
    description: "A signing key version: one or more letters, digits and '_'.",
    examples: ["1" as never, "a_bcd" as never],
  }),
);

/** A valid key version. */
export type KeyVersion = typeof KeyVersion.Type;

/** The one key algorithm LM defines, in the spelling its text uses. */
export const ED25519 = "ed25519";

/** How every key ID LM allows begins. */
const KEY_ID_PREFIX = `${ED25519}:`;

/**
 * RFC 5234 §2.3 makes the literal `"ed25519"` case-insensitive, so the grammar also accepts
 * `ED25519:1`. Signatures are looked up by key ID as a string, so a second spelling would name
 * a different key; we require LM's lower case.
 */
export function keyAlgorithmCaseProblem(id: string): string | undefined {
  return id.startsWith(KEY_ID_PREFIX)
    ? undefined
    : `write the key algorithm as "${ED25519}": key IDs are compared as strings, although the ABNF literal is case-insensitive`;
}

/**
 * A key ID: `"ed25519" ":" key_version`, with the algorithm in lower case. LM allows no other algorithm ("Signing keys MUST use an
 * algorithm of ed25519"); later documents may add some.
 */
export const KeyId = grammarString({
  grammar: { file: EVENTS_GRAMMAR_FILE, rule: "key_id" },
  match: matchKeyId,
  prose: [keyAlgorithmCaseProblem],
  // The grammar's case-insensitive "ed25519" comes out in lower case once in 128 walks.
  arbitrary: { prefix: `${ED25519}:`, from: [KeyVersion] },
}).pipe(
  Schema.brand("KeyId"),
  Schema.annotate({
    identifier: "KeyId",
    description: "A signing key ID: 'ed25519:' followed by a key version.",
    examples: ["ed25519:1" as never, "ed25519:a_bcd" as never],
  }),
);

/** A valid key ID. */
export type KeyId = typeof KeyId.Type;
