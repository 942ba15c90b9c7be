/**
 * The drafts' prose limits on grammar strings, restated for JSON Schema. The identifier and event
 * schemas check them in code (`grammarString`'s `maxLength` and `prose` checks), which a grammar
 * annotation does not carry; a JSON Schema without them would accept `@a:b:99999`, a
 * 300-character user ID or a non-canonical event ID. The export test compares ajv with Effect on near-miss strings, so this
 * table cannot drift from the code unnoticed.
 *
 * @module
 */
import { MAX_IDENTIFIER_LENGTH } from "../identifiers/user-id.ts";
import type { RegExpOverride } from "./abnf-regex.ts";

/** What JSON Schema adds to a grammar rule's pattern for one grammar-annotated schema. */
export interface GrammarProseLimits {
  /** The most characters allowed (exact for rules whose strings are all in the BMP). */
  readonly maxLength?: number;
  /** Rules replaced by narrower expressions while building the pattern. */
  readonly overrides?: Readonly<Record<string, RegExpOverride>>;
}

/**
 * A port of one to five digits (the grammar's `1*5DIGIT`) whose value is in 1-65535 (the prose):
 * leading zeros allowed as long as there are at most five digits in all.
 */
export const PORT_1_TO_65535: RegExpOverride = {
  source: [
    "0{0,4}[1-9]",
    "0{0,3}[1-9][0-9]",
    "0{0,2}[1-9][0-9]{2}",
    "0?[1-9][0-9]{3}",
    "[1-5][0-9]{4}",
    "6[0-4][0-9]{3}",
    "65[0-4][0-9]{2}",
    "655[0-2][0-9]",
    "6553[0-5]",
  ].join("|"),
  maxCodePoint: 0x39,
};

/** The longest server name (LM: a host name of at most 255 characters). */
const MAX_SERVER_NAME_LENGTH = 255;

const IDENTIFIERS = "spec/grammar/identifiers.abnf";
const EVENTS = "spec/grammar/events.abnf";

/**
 * `sha256-event-id` as the strict profile's `EventId` checks it: the 43rd character of the hash
 * is a canonical one, whose two unused low bits are zero (URL-safe alphabet index divisible by 4).
 */
export const CANONICAL_SHA256_EVENT_ID: RegExpOverride = {
  source: "\\$[\\-0-9A-Z_a-z]{42}[048AEIMQUYcgkosw]",
  maxCodePoint: 0x7a,
};

/** Prose limits by `file#rule`, as the identifier schemas apply them. */
export const GRAMMAR_PROSE_LIMITS: Readonly<Record<string, GrammarProseLimits>> = {
  [`${IDENTIFIERS}#server_name`]: {
    maxLength: MAX_SERVER_NAME_LENGTH,
    overrides: { port: PORT_1_TO_65535 },
  },
  [`${IDENTIFIERS}#user_id`]: { maxLength: MAX_IDENTIFIER_LENGTH, overrides: { port: PORT_1_TO_65535 } },
  [`${IDENTIFIERS}#room_id`]: { maxLength: MAX_IDENTIFIER_LENGTH, overrides: { port: PORT_1_TO_65535 } },
  [`${EVENTS}#sha256-event-id`]: { overrides: { "sha256-event-id": CANONICAL_SHA256_EVENT_ID } },
};

/** The key of {@link GRAMMAR_PROSE_LIMITS} for a rule of a file. */
export function proseLimitsKey(file: string, rule: string): string {
  return `${file}#${rule}`;
}
