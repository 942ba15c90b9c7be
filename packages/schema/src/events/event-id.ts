/**
 * Event IDs: `"$"` and the event's reference hash in URL-safe unpadded base64 (LM §int-pdu,
 * §int-reference-hashes). Events carry no ID field; the ID is computed (`computeEventId` in the
 * canonical module), and events cite each other by it in `auth_events` and `prev_events`.
 *
 * @module
 */
import { Schema } from "effect";
import { base64DecodedLength, isBase64OfLength } from "../canonical/base64.ts";
import { grammarString } from "../identifiers/grammar-string.ts";
import {
  EVENTS_GRAMMAR_FILE,
  eventId as matchEventId,
  sha256EventId as matchSha256EventId,
} from "./grammar.ts";

/** A SHA-256 digest is 32 octets, which unpadded base64 writes in 43 characters. */
export const SHA256_EVENT_ID_HASH_LENGTH = 43;

/**
 * The characters that can end the canonical 43-character encoding of 32 octets: those whose two
 * low bits, unused by the 256 bits of the digest, are zero (alphabet indices 0, 4, 8, ..., 60).
 */
const CANONICAL_LAST_CHARACTERS = "AEIMQUYcgkosw048";

/**
 * Checks that the 43 characters after `$` are the canonical encoding of 32 octets: the two unused
 * low bits of the last character are zero. Otherwise two different strings would name the same
 * digest, and an event would have two IDs. A prose check: it runs on IDs the grammar accepted
 * (`$` and 43 URL-safe characters), where only the last character can break the rule.
 */
export function canonicalHashProblem(id: string): string | undefined {
  if (
    id.length === SHA256_EVENT_ID_HASH_LENGTH + 1 &&
    CANONICAL_LAST_CHARACTERS.includes(id.charAt(id.length - 1))
  )
    return undefined;
  if (isBase64OfLength(id.slice(1), 32, { alphabet: "url", requireCanonical: true })) return undefined;
  const decoded = base64DecodedLength(id.slice(1), { alphabet: "url", requireCanonical: true });
  return decoded.ok
    ? undefined
    : `the reference hash is not the canonical encoding of a SHA-256 digest: ${decoded.error.message} (column ${decoded.error.offset + 2})`;
}

/**
 * Any event ID LM's grammar allows: `"$"` and one or more URL-safe base64 characters. LM sets
 * no length limit. Use it to read IDs from other implementations; the event schemas use the
 * stricter {@link EventId}.
 */
export const LmEventId = grammarString({
  grammar: { file: EVENTS_GRAMMAR_FILE, rule: "event_id" },
  match: matchEventId,
}).pipe(
  Schema.brand("LmEventId"),
  Schema.annotate({
    identifier: "LmEventId",
    description: "An event ID as LM's grammar allows it: '$' and one or more of A-Z a-z 0-9 - _.",
    examples: ["$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc" as never, "$first" as never],
  }),
);

/** An event ID that LM's grammar allows. */
export type LmEventId = typeof LmEventId.Type;

/**
 * The event ID of this project's strict profile: `"$"` and exactly 43 URL-safe characters that
 * canonically encode a 32-octet SHA-256 reference hash, the only hash LM uses. LM's grammar
 * (`1*` characters, see {@link LmEventId}) also admits placeholders such as `$first` from its own
 * examples; an ID like that can never be the reference hash of an event, so the strict profile
 * rejects it.
 */
export const EventId = grammarString({
  grammar: { file: EVENTS_GRAMMAR_FILE, rule: "sha256-event-id" },
  match: matchSha256EventId,
  prose: [canonicalHashProblem],
  // A grammar walk meets the canonical last character one time in four: draw the digest instead.
  arbitrary: { base64: { octets: 32, alphabet: "url", canonical: true, padding: "forbidden" }, prefix: "$" },
}).pipe(
  Schema.brand("EventId"),
  Schema.annotate({
    identifier: "EventId",
    description:
      "An event ID: '$' and the 43-character URL-safe unpadded base64 SHA-256 reference hash of the event.",
    examples: ["$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc" as never],
  }),
);

/** A valid event ID of the strict profile. */
export type EventId = typeof EventId.Type;
