/**
 * Ed25519 signing and verification of JSON objects and events (LM §int-signing, Matrix
 * appendices "Signing JSON"), on `node:crypto`.
 *
 * - Key IDs are `ed25519:<key_version>`, `key_version = 1*(ALPHA / DIGIT / "_")`.
 * - Signing an object: remove `signatures` and `unsigned`, encode as canonical JSON, sign, and
 *   store the unpadded base64 signature at `signatures[entity][keyId]`; `unsigned` and the
 *   other signatures are kept.
 * - Signing an event: redact it, sign the redacted copy as an object, and add that signature to
 *   the unredacted event.
 * - Checking: fail when `signatures` is missing or malformed, has no entry for the entity, or
 *   has no `ed25519:` key ID we hold a key for; when base64 decoding fails; or when the
 *   signature does not verify over the (redacted, for events) stripped canonical form.
 *   **Policy:** every `ed25519:` signature of the entity for which a key is supplied must
 *   verify (the I-D leaves "all or some?" open; we pick the strict reading).
 * - The sender's server signs the LPDU, not the PDU: to check that signature on a PDU with
 *   `hub_server`, verify `lpduFormOf(pdu)` (see `hashes.ts`).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from "node:crypto";
import { type Base64Error, decodeBase64, encodeBase64 } from "./base64.ts";
import { canonicalBytes } from "./canonical-json.ts";
import type { EventAlgorithmOptions } from "./hashes.ts";
import { type JsonError, jsonError } from "./json-error.ts";
import { formatJsonPath } from "./json-path.ts";
import {
  emptyJsonObject,
  getOwn,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  omitKeys,
  withKey,
} from "./json-value.ts";
import { LM_REDACTION_RULES, redactEvent } from "./redaction.ts";
import { err, ok, type Result } from "./result.ts";

/** An Ed25519 key pair with its key ID. */
export interface SigningKey {
  /** `ed25519:<version>`. */
  readonly keyId: string;
  /** The private half, for {@link signObject} and {@link signEvent}. */
  readonly privateKey: KeyObject;
  /** The public half, for the {@link VerifyKeys} map of verifiers. */
  readonly publicKey: KeyObject;
  /** The raw 32-byte public key, standard unpadded base64 (as servers publish it). */
  readonly publicKeyBase64: string;
}

/** Why a key could not be made. */
export interface KeyError {
  /** `invalid-seed` (not 32 bytes), `invalid-key-version` (outside the LM grammar) or `invalid-public-key`. */
  readonly code: "invalid-seed" | "invalid-key-version" | "invalid-public-key";
  /** What is wrong. */
  readonly message: string;
}

/** The LM grammar for a key version: `1*(ALPHA / DIGIT / "_")`. */
export const KEY_VERSION_PATTERN = /^[A-Za-z0-9_]+$/;

// DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS#8) or public key (SPKI), RFC 8410.
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const SPKI_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Makes a key from a 32-byte Ed25519 seed, as the Matrix test vectors do. */
export function signingKeyFromSeed(seed: Uint8Array, version: string): Result<SigningKey, KeyError> {
  if (seed.length !== 32) {
    return err({ code: "invalid-seed", message: `an Ed25519 seed is 32 bytes, not ${seed.length}` });
  }
  if (!KEY_VERSION_PATTERN.test(version)) {
    return err({
      code: "invalid-key-version",
      message: `key version ${JSON.stringify(version)} must be letters, digits and "_" only`,
    });
  }
  const privateKey = createPrivateKey({
    key: Buffer.from(concat(PKCS8_ED25519_PREFIX, seed)),
    format: "der",
    type: "pkcs8",
  });
  const publicKey = createPublicKey(privateKey);
  const raw = new Uint8Array(publicKey.export({ format: "der", type: "spki" })).subarray(
    SPKI_ED25519_PREFIX.length,
  );
  return ok({ keyId: `ed25519:${version}`, privateKey, publicKey, publicKeyBase64: encodeBase64(raw) });
}

/** Makes a fresh random key. */
export function generateSigningKey(version: string): Result<SigningKey, KeyError> {
  return signingKeyFromSeed(new Uint8Array(randomBytes(32)), version);
}

/** Reads a published public key (32 raw bytes, base64, padded or not) for verification. */
export function verifyKeyFromBase64(publicKeyBase64: string): Result<KeyObject, KeyError> {
  const raw = decodeBase64(publicKeyBase64);
  if (!raw.ok)
    return err({ code: "invalid-public-key", message: `the key is not base64: ${raw.error.message}` });
  if (raw.value.length !== 32) {
    return err({
      code: "invalid-public-key",
      message: `an Ed25519 public key is 32 bytes, not ${raw.value.length}`,
    });
  }
  return ok(
    createPublicKey({
      key: Buffer.from(concat(SPKI_ED25519_PREFIX, raw.value)),
      format: "der",
      type: "spki",
    }),
  );
}

/** The bytes a signature covers: the canonical form of the object without `signatures` and `unsigned`. */
export function signingPayload(
  object: JsonObject,
  options: EventAlgorithmOptions = {},
): Result<Uint8Array, JsonError> {
  if (!isJsonObject(object))
    return err(jsonError("expected-object", "only a JSON object can be signed", "$"));
  return canonicalBytes(omitKeys(object, ["signatures", "unsigned"]), options);
}

/** Signs an object and returns a copy with the signature at `signatures[entity][key.keyId]`. */
export function signObject(
  object: JsonObject,
  entity: string,
  key: SigningKey,
  options: EventAlgorithmOptions = {},
): Result<JsonObject, JsonError> {
  const payload = signingPayload(object, options);
  if (!payload.ok) return payload;
  return addSignature(
    object,
    entity,
    key.keyId,
    encodeBase64(new Uint8Array(sign(null, payload.value, key.privateKey))),
  );
}

/** Signs an event: the signature covers the redacted event; it is added to the unredacted one. */
export function signEvent(
  event: JsonObject,
  entity: string,
  key: SigningKey,
  options: EventAlgorithmOptions = {},
): Result<JsonObject, JsonError> {
  const redacted = redactEvent(event, options.redaction ?? LM_REDACTION_RULES);
  if (!redacted.ok) return redacted;
  const signed = signObject(redacted.value, entity, key, options);
  if (!signed.ok) return signed;
  const signature = ((signed.value.signatures as JsonObject)[entity] as JsonObject)[key.keyId] as string;
  return addSignature(event, entity, key.keyId, signature);
}

function addSignature(
  object: JsonObject,
  entity: string,
  keyId: string,
  signature: string,
): Result<JsonObject, JsonError> {
  const existing = getOwn(object, "signatures");
  if (existing !== undefined && !isJsonObject(existing)) {
    return err(
      jsonError("expected-object", "`signatures` must be a JSON object", formatJsonPath(["signatures"])),
    );
  }
  const entry = existing === undefined ? undefined : getOwn(existing, entity);
  if (entry !== undefined && !isJsonObject(entry)) {
    return err(
      jsonError(
        "expected-object",
        "a signatures entry must be a JSON object",
        formatJsonPath(["signatures", entity]),
      ),
    );
  }
  const signatures = emptyJsonObject();
  if (existing !== undefined) for (const k of Object.keys(existing)) signatures[k] = existing[k] as JsonValue;
  signatures[entity] = withKey(entry ?? emptyJsonObject(), keyId, signature);
  return ok(withKey(object, "signatures", signatures));
}

/** A stable reason for a failed signature check; {@link SignatureFailureCodes} explains each. */
export type SignatureFailureCode =
  | "missing-signatures"
  | "malformed-signatures"
  | "no-entity-signatures"
  | "no-known-key"
  | "unusable-key"
  | "bad-base64"
  | "bad-signature"
  | "invalid-object";

/** Every signature-check failure code with a one-line meaning. */
export const SignatureFailureCodes: Readonly<Record<SignatureFailureCode, string>> = {
  "missing-signatures": "the object has no `signatures` field",
  "malformed-signatures": "`signatures`, the entity's entry or a signature has the wrong JSON type",
  "no-entity-signatures": "`signatures` has no entry for the expected entity",
  "no-known-key": "the entity's entry has no `ed25519:` key ID for which a key was supplied",
  "unusable-key": "the key supplied for a key ID is not an Ed25519 public key",
  "bad-base64": "a signature is not valid base64",
  "bad-signature": "a signature is not 64 bytes or does not verify over the canonical form",
  "invalid-object": "the object (or event) cannot be redacted or canonicalized",
};

/** Why a signature check failed. The optional fields are set where they apply to the code. */
export interface SignatureFailure {
  /** What went wrong; see {@link SignatureFailureCodes}. */
  readonly code: SignatureFailureCode;
  /** A sentence for humans. */
  readonly message: string;
  /** `malformed-signatures`: the JSON path of the value with the wrong type. */
  readonly path?: string;
  /** `no-entity-signatures`, `no-known-key`: the entity that was expected to sign. */
  readonly entity?: string;
  /** `no-known-key`: the key IDs the entity's entry does have. */
  readonly keyIds?: readonly string[];
  /** `unusable-key`, `bad-base64`, `bad-signature`: the key ID concerned. */
  readonly keyId?: string;
  /** `bad-base64`: the decoder's error. */
  readonly base64Error?: Base64Error;
  /** `invalid-object`: the redaction or canonicalization error. */
  readonly jsonError?: JsonError;
}

/** Public keys by key ID (`ed25519:1` → key), for one entity. */
export type VerifyKeys = ReadonlyMap<string, KeyObject>;

/** Checks `entity`'s signature on an object. On success, the key IDs that verified. */
export function verifyObjectSignature(
  object: JsonObject,
  entity: string,
  keys: VerifyKeys,
  options: EventAlgorithmOptions = {},
): Result<readonly string[], SignatureFailure> {
  if (!isJsonObject(object)) {
    const error = jsonError("expected-object", "only a JSON object can carry signatures", "$");
    return err({ code: "invalid-object", message: error.message, jsonError: error });
  }
  const signatures = getOwn(object, "signatures");
  if (signatures === undefined)
    return err({ code: "missing-signatures", message: "the object has no `signatures`" });
  if (!isJsonObject(signatures)) {
    const path = formatJsonPath(["signatures"]);
    return err({ code: "malformed-signatures", message: "`signatures` is not an object", path });
  }
  const entry = getOwn(signatures, entity);
  if (entry === undefined) {
    return err({
      code: "no-entity-signatures",
      message: `no signatures from ${JSON.stringify(entity)}`,
      entity,
    });
  }
  if (!isJsonObject(entry)) {
    const path = formatJsonPath(["signatures", entity]);
    return err({ code: "malformed-signatures", message: "the entity's signatures are not an object", path });
  }
  const keyIds = Object.keys(entry);
  const usable = keyIds.filter((id) => id.startsWith("ed25519:") && keys.has(id));
  if (usable.length === 0) {
    const message = `none of ${JSON.stringify(keyIds)} is an ed25519 key ID with a known key`;
    return err({ code: "no-known-key", message, entity, keyIds });
  }
  const signatureBytes: Uint8Array[] = [];
  for (const keyId of usable) {
    const value = entry[keyId];
    if (typeof value !== "string") {
      const path = formatJsonPath(["signatures", entity, keyId]);
      return err({ code: "malformed-signatures", message: "a signature must be a base64 string", path });
    }
    const decoded = decodeBase64(value);
    if (!decoded.ok) {
      return err({
        code: "bad-base64",
        message: `${keyId}: ${decoded.error.message}`,
        keyId,
        base64Error: decoded.error,
      });
    }
    signatureBytes.push(decoded.value);
  }
  const payload = signingPayload(object, options);
  if (!payload.ok)
    return err({ code: "invalid-object", message: payload.error.message, jsonError: payload.error });
  for (const [index, keyId] of usable.entries()) {
    const key = keys.get(keyId) as KeyObject;
    if (key.type !== "public" || key.asymmetricKeyType !== "ed25519") {
      return err({
        code: "unusable-key",
        message: `the key for ${keyId} is not an Ed25519 public key`,
        keyId,
      });
    }
    const signature = signatureBytes[index] as Uint8Array;
    if (signature.length !== 64) {
      return err({
        code: "bad-signature",
        message: `${keyId}: an Ed25519 signature is 64 bytes, not ${signature.length}`,
        keyId,
      });
    }
    if (!verify(null, payload.value, key, signature)) {
      return err({
        code: "bad-signature",
        message: `${keyId}: the signature does not match the object`,
        keyId,
      });
    }
  }
  return ok(usable);
}

/** Checks `entity`'s signature on an event: the signature covers the redacted event. */
export function verifyEventSignature(
  event: JsonObject,
  entity: string,
  keys: VerifyKeys,
  options: EventAlgorithmOptions = {},
): Result<readonly string[], SignatureFailure> {
  const redacted = redactEvent(event, options.redaction ?? LM_REDACTION_RULES);
  if (!redacted.ok)
    return err({ code: "invalid-object", message: redacted.error.message, jsonError: redacted.error });
  return verifyObjectSignature(redacted.value, entity, keys, options);
}
