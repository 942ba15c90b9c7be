/**
 * What the reference computes for one event vector: canonical JSON, content hash, reference
 * hash, event ID and redacted form, or the first error. Shared by the vector generator (the
 * expected answers) and the reference adapter (its answers), so the two cannot drift apart.
 *
 * @module
 */
import {
  type CanonicalProfile,
  canonicalize,
  computeContentHash,
  computeEventId,
  computeReferenceHash,
  type EventForm,
  type JsonObject,
  redactEvent,
} from "@mimi-spec/schema";
import type { EventResults } from "./shapes.ts";

/** The results, or why the event cannot be processed in this profile. */
export type EventOutcome =
  | { readonly ok: true; readonly results: EventResults }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Runs the event algorithms. Any failure (a float under the Matrix profile, `content` that is not
 * an object, …) makes the whole answer a rejection: partial results would invite implementations
 * to agree on half an event.
 */
export function eventOutcome(event: JsonObject, form: EventForm, profile: CanonicalProfile): EventOutcome {
  const options = { profile };
  const canonical = canonicalize(event, options);
  if (!canonical.ok) return { ok: false, code: canonical.error.code, message: canonical.error.message };
  const contentHash = computeContentHash(event, form, options);
  if (!contentHash.ok) return { ok: false, code: contentHash.error.code, message: contentHash.error.message };
  const redacted = redactEvent(event);
  if (!redacted.ok) return { ok: false, code: redacted.error.code, message: redacted.error.message };
  if (form === "lpdu")
    return {
      ok: true,
      results: { canonical: canonical.value, contentHash: contentHash.value, redacted: redacted.value },
    };
  const referenceHash = computeReferenceHash(event, options);
  if (!referenceHash.ok)
    return { ok: false, code: referenceHash.error.code, message: referenceHash.error.message };
  const eventId = computeEventId(event, options);
  if (!eventId.ok) return { ok: false, code: eventId.error.code, message: eventId.error.message };
  return {
    ok: true,
    results: {
      canonical: canonical.value,
      contentHash: contentHash.value,
      referenceHash: referenceHash.value,
      eventId: eventId.value,
      redacted: redacted.value,
    },
  };
}
