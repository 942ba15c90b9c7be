/**
 * Exact matchers for the rules of `spec/grammar/events.abnf`: the parsers generated from it
 * (`pnpm gen`), under the names the event schemas use.
 *
 * @module
 */
export {
  eventId,
  keyId,
  keyVersion,
  namespacedId,
  roomVersion,
  rules,
  sha256EventId,
} from "../generated/events.grammar.ts";

/** Repository path of the grammar these matchers come from. */
export const EVENTS_GRAMMAR_FILE = "spec/grammar/events.abnf";
