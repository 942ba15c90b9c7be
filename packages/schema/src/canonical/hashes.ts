/**
 * LM content hashes (§int-content-hashes), reference hashes and event IDs
 * (§int-reference-hashes).
 *
 * Content hash: remove `signatures` and `unsigned`; for an LPDU remove `hashes` as well; for a
 * fully-formed PDU remove every key under `hashes` except `lpdu`; canonical JSON; SHA-256;
 * standard unpadded base64. It covers the *unredacted* event.
 *
 * **Resolved ambiguity:** for a PDU without `hashes.lpdu` (a hub-originated event), the I-D's
 * words leave an empty `hashes: {}` in the hashed object, but only if the event happened to
 * carry `hashes` when the hash was computed. The hash would then depend on whether it was
 * computed before or after `hashes` was added. We drop `hashes` when nothing remains in it,
 * as eigen-server (`src/server/util/hashing.ts`) does; this also equals Matrix's content hash.
 *
 * Reference hash: redact, remove `signatures` and `unsigned`, canonical JSON, SHA-256,
 * URL-safe unpadded base64. The event ID is `$` + the reference hash.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { decodeBase64, encodeBase64, encodeBase64Url } from "./base64.ts";
import { type CanonicalOptions, canonicalBytes } from "./canonical-json.ts";
import { type JsonError, jsonError } from "./json-error.ts";
import { formatJsonPath } from "./json-path.ts";
import {
  emptyJsonObject,
  getOwn,
  isJsonObject,
  type JsonObject,
  jsonObjectFrom,
  omitKeys,
  withKey,
} from "./json-value.ts";
import { LM_REDACTION_RULES, type RedactionRules, redactEvent } from "./redaction.ts";
import { err, ok, type Result } from "./result.ts";

/**
 * Which shape an event has. `"lpdu"`: a limited event as a participant sends it to the hub
 * (no `auth_events`/`prev_events`, only `hashes.lpdu`). `"pdu"`: a fully-formed event.
 */
export type EventForm = "lpdu" | "pdu";

/** Options of the event algorithms: the canonical profile plus the redaction keep-lists. */
export interface EventAlgorithmOptions extends CanonicalOptions {
  /** Keep-lists for redaction. Default {@link LM_REDACTION_RULES}. */
  readonly redaction?: RedactionRules;
}

/** SHA-256 of `bytes`. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}

/** The object whose canonical form the content hash covers (exposed for debugging and tests). */
export function contentHashInput(event: JsonObject, form: EventForm): Result<JsonObject, JsonError> {
  if (!isJsonObject(event)) return err(jsonError("expected-object", "an event must be a JSON object", "$"));
  const stripped = omitKeys(event, ["signatures", "unsigned", "hashes"]);
  if (form === "lpdu") return ok(stripped);
  const hashes = getOwn(event, "hashes");
  if (hashes === undefined) return ok(stripped);
  if (!isJsonObject(hashes)) {
    return err(jsonError("expected-object", "`hashes` must be a JSON object", formatJsonPath(["hashes"])));
  }
  const lpdu = getOwn(hashes, "lpdu");
  return ok(lpdu === undefined ? stripped : withKey(stripped, "hashes", jsonObjectFrom([["lpdu", lpdu]])));
}

/** The content hash of an LPDU or PDU: standard unpadded base64 of a SHA-256. */
export function computeContentHash(
  event: JsonObject,
  form: EventForm,
  options: CanonicalOptions = {},
): Result<string, JsonError> {
  const input = contentHashInput(event, form);
  if (!input.ok) return input;
  const bytes = canonicalBytes(input.value, options);
  return bytes.ok ? ok(encodeBase64(sha256(bytes.value))) : bytes;
}

/**
 * Returns the event with its content hash filled in: `hashes = {lpdu: {sha256}}` for an LPDU
 * (a participant MUST NOT send other hashes), `hashes.sha256` next to the existing `lpdu` for
 * a PDU.
 */
export function withContentHash(
  event: JsonObject,
  form: EventForm,
  options: CanonicalOptions = {},
): Result<JsonObject, JsonError> {
  const hash = computeContentHash(event, form, options);
  if (!hash.ok) return hash;
  const hashes = emptyJsonObject();
  if (form === "lpdu") {
    hashes.lpdu = jsonObjectFrom([["sha256", hash.value]]);
  } else {
    const existing = getOwn(event, "hashes");
    const lpdu = isJsonObject(existing) ? getOwn(existing, "lpdu") : undefined;
    if (lpdu !== undefined) hashes.lpdu = lpdu;
    hashes.sha256 = hash.value;
  }
  return ok(withKey(event, "hashes", hashes));
}

/** The outcome of comparing an event's claimed content hash with the computed one. */
export interface ContentHashCheck {
  /** Whether the claimed hash equals the computed one (compared as bytes). */
  readonly matches: boolean;
  /** The hash as the event states it (padded input is accepted and compared by bytes). */
  readonly claimed: string;
  /** The hash as computed, standard unpadded base64. */
  readonly computed: string;
}

/**
 * Checks the SHA-256 content hash an event claims: `hashes.sha256` for a PDU,
 * `hashes.lpdu.sha256` for an LPDU. To check the LPDU hash carried by a PDU, pass
 * {@link lpduFormOf}(pdu) with form `"lpdu"`. A mismatch is not an error: LM redacts the event
 * and carries on, so the caller decides.
 */
export function verifyContentHash(
  event: JsonObject,
  form: EventForm,
  options: CanonicalOptions = {},
): Result<ContentHashCheck, JsonError> {
  const path = form === "lpdu" ? ["hashes", "lpdu", "sha256"] : ["hashes", "sha256"];
  let claimed: unknown = event;
  for (const key of path) claimed = isJsonObject(claimed) ? getOwn(claimed, key) : undefined;
  if (typeof claimed !== "string") {
    return err(
      jsonError("missing-field", "the event states no SHA-256 content hash here", formatJsonPath(path)),
    );
  }
  const computed = computeContentHash(event, form, options);
  if (!computed.ok) return computed;
  const decoded = decodeBase64(claimed);
  const matches = decoded.ok && encodeBase64(decoded.value) === computed.value;
  return ok({ matches, claimed, computed: computed.value });
}

/**
 * Rebuilds the LPDU a participant signed from the fully-formed PDU: drop `auth_events`,
 * `prev_events` and `unsigned`, and keep only `hashes.lpdu`. The I-D does not spell this out;
 * this is eigen-server's reconstruction (`IDMimiLinearized02.checkValidity`).
 */
export function lpduFormOf(pdu: JsonObject): Result<JsonObject, JsonError> {
  if (!isJsonObject(pdu)) return err(jsonError("expected-object", "an event must be a JSON object", "$"));
  const hashes = getOwn(pdu, "hashes");
  const lpdu = isJsonObject(hashes) ? getOwn(hashes, "lpdu") : undefined;
  if (lpdu === undefined) {
    return err(
      jsonError(
        "missing-field",
        "a PDU without `hashes.lpdu` has no LPDU form",
        formatJsonPath(["hashes", "lpdu"]),
      ),
    );
  }
  const stripped = omitKeys(pdu, ["auth_events", "prev_events", "unsigned", "hashes"]);
  return ok(withKey(stripped, "hashes", jsonObjectFrom([["lpdu", lpdu]])));
}

/** The reference hash: URL-safe unpadded base64 of the SHA-256 of the redacted, unsigned event. */
export function computeReferenceHash(
  event: JsonObject,
  options: EventAlgorithmOptions = {},
): Result<string, JsonError> {
  const redacted = redactEvent(event, options.redaction ?? LM_REDACTION_RULES);
  if (!redacted.ok) return redacted;
  const bytes = canonicalBytes(omitKeys(redacted.value, ["signatures", "unsigned"]), options);
  return bytes.ok ? ok(encodeBase64Url(sha256(bytes.value))) : bytes;
}

/** The event ID: `$` followed by the reference hash (43 characters for SHA-256). */
export function computeEventId(
  event: JsonObject,
  options: EventAlgorithmOptions = {},
): Result<string, JsonError> {
  const hash = computeReferenceHash(event, options);
  return hash.ok ? ok(`$${hash.value}`) : hash;
}
