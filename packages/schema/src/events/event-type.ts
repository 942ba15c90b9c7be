/**
 * Event types and state keys (LM §int-pdu): case-sensitive UTF-8 strings of at most 255
 * characters. Types starting with `m.` are reserved for the protocol; custom types use
 * reverse-DNS (`org.example.app.event`, a SHOULD the schema does not check).
 *
 * @module
 */
import { explainFailure } from "@mimi-spec/grammar/runtime";
import { Schema } from "effect";
import { withArbitraryHint } from "../arbitrary/hints.ts";
import { MODELLED_EVENT_TYPES } from "./event-types.ts";
import { EVENTS_GRAMMAR_FILE, namespacedId as matchNamespacedId } from "./grammar.ts";
import { textAnnotations, textProblem } from "./text.ts";

/** LM: event types and state keys "MUST NOT exceed 255 characters". */
export const MAX_EVENT_TYPE_LENGTH = 255;
/** LM: event types and state keys "MUST NOT exceed 255 characters". */
export const MAX_STATE_KEY_LENGTH = 255;

/** The prefix LM reserves for event types the protocol defines. */
export const PROTOCOL_TYPE_PREFIX = "m.";

/**
 * Why `type` is not a valid event type, or `undefined`. Every type is 1 to 255 characters of
 * UTF-8 text (LM gives no minimum; an empty type names nothing, and Matrix's namespaced grammar
 * requires one character). A type in the protocol's `m.` namespace must also follow Matrix's
 * common namespaced identifier grammar (`namespaced-id` in `spec/grammar/events.abnf`), as
 * every type LM and Matrix define does.
 */
export function eventTypeProblem(type: string): string | undefined {
  const text = textProblem(type, { name: "event type", min: 1, max: MAX_EVENT_TYPE_LENGTH });
  if (text !== undefined) return text;
  if (!type.startsWith(PROTOCOL_TYPE_PREFIX)) return undefined;
  const matched = matchNamespacedId(type);
  return matched.ok
    ? undefined
    : `event types starting with "m." are reserved for the protocol and follow the namespaced-id grammar (${EVENTS_GRAMMAR_FILE}): ${explainFailure(type, matched)}`;
}

/**
 * {@link eventTypeProblem}'s rule as a JSON Schema pattern (Unicode mode; the lengths are separate
 * keywords): no lone surrogates, and after `m.` only the characters `namespaced-id` allows (its
 * first character is the `m` itself).
 */
export const EVENT_TYPE_PATTERN = "^(?:(?!m\\.)[^\\u{D800}-\\u{DFFF}]*|m\\.[\\-.0-9_a-z]*)$";

/** An event type: 1 to 255 characters; `m.` types follow the namespaced identifier grammar. */
export const EventType = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((type: string) => eventTypeProblem(type), {
      expected: "an event type (1-255 characters; m. types follow namespaced-id)",
      ...textAnnotations({ name: "event type", min: 1, max: MAX_EVENT_TYPE_LENGTH }, EVENT_TYPE_PATTERN),
      // The modelled types, so that generated events also meet the rules about create and
      // member events, not only random custom types.
      ...withArbitraryHint({ values: MODELLED_EVENT_TYPES }),
    }),
  ),
  Schema.brand("EventType"),
  Schema.annotate({
    identifier: "EventType",
    description:
      "An event type: 1 to 255 characters of UTF-8 text, case-sensitive. The 'm.' prefix is reserved for the protocol, and such types use only a-z, 0-9, '-', '_' and '.', starting with a letter.",
    examples: ["m.room.member" as never, "org.example.app.event" as never],
  }),
);

/** A valid event type. */
export type EventType = typeof EventType.Type;

/** Why `key` is not a valid state key, or `undefined`: at most 255 characters, may be empty. */
export function stateKeyProblem(key: string): string | undefined {
  return textProblem(key, { name: "state_key", min: 0, max: MAX_STATE_KEY_LENGTH });
}

/**
 * A state key: 0 to 255 characters of UTF-8 text. Its presence, even empty, makes an event a
 * state event; each type says which keys it takes.
 */
export const StateKey = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((key: string) => stateKeyProblem(key), {
      expected: "a state key (0-255 characters)",
      ...textAnnotations({ name: "state_key", min: 0, max: MAX_STATE_KEY_LENGTH }),
    }),
  ),
  Schema.brand("StateKey"),
  Schema.annotate({
    identifier: "StateKey",
    description: "A state key: 0 to 255 characters of UTF-8 text; present (even empty) on state events only.",
    examples: ["" as never, "@alice:example.org" as never],
  }),
);

/** A valid state key. */
export type StateKey = typeof StateKey.Type;
