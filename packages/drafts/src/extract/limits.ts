/**
 * Stated length limits: "at most 255 characters", "MUST NOT exceed 65536 bytes", "≤255",
 * "255 bytes or less", each with the unit and what it limits (user IDs, room IDs, events…), as
 * far as the sentence says.
 *
 * @module
 */
import type { DraftSpan } from "../text/span.ts";
import { normalizeSpace, type Sentence } from "./prose.ts";

/** What a limit can be about. */
export type LimitSubject =
  | "user_id"
  | "room_id"
  | "event_id"
  | "event_type"
  | "state_key"
  | "server_name"
  | "event";

/** The unit a limit counts. Code points are counted as characters. */
export type LimitUnit = "characters" | "bytes";

/** A length limit stated in the draft. */
export interface StatedLimit extends DraftSpan {
  readonly value: number;
  readonly unit?: LimitUnit;
  /** What the sentence says is limited (several when it names several: "room IDs and user IDs"). */
  readonly subjects: ReadonlyArray<LimitSubject>;
  /** The limiting phrase as written, e.g. `MUST NOT exceed 65536 bytes`. */
  readonly phrase: string;
  /** The whole sentence, white space collapsed. */
  readonly sentence: string;
}

const UNIT = String.raw`(?:[ \t\r\n]*(characters?|chars?|bytes?|octets?|(?:Unicode[ \t\r\n]+)?code[ \t\r\n]*points?|UTF-8[ \t\r\n]+bytes))?`;
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
const S = String.raw`[ \t\r\n]+`;
const PHRASE = [
  `at${S}most`,
  `no${S}more${S}than`,
  `not${S}more${S}than`,
  `up${S}to`,
  `a${S}maximum${S}of`,
  `maximum${S}(?:length|size)${S}(?:is|of)`,
  `limited${S}to`,
  `(?:no|not)${S}(?:longer|larger)${S}than`,
  `(?:MUST|SHALL|SHOULD|MAY|must|shall|should|may|cannot|can${S}not)(?:${S}(?:NOT|not))?${S}(?:exceed|be${S}(?:longer|larger|more)${S}than)`,
  `(?:not|never)${S}exceed`,
  `exceeds?`,
].join("|");

const LIMIT = new RegExp(
  [
    String.raw`\b(?:${PHRASE})${S}${NUMBER}${UNIT}`,
    String.raw`(?:≤|<=)[ \t]*${NUMBER}${UNIT}`,
    String.raw`\b${NUMBER}${UNIT}${S}or${S}(?:less|fewer)\b`,
  ].join("|"),
  "g",
);

// Two-word names may be wrapped across lines ("Event\ntypes"): any white space joins them.
const SUBJECTS: ReadonlyArray<[LimitSubject, RegExp]> = [
  ["event_id", /\bevent(?:[\s_-]?ids?|\s+identifiers?)\b/gi],
  ["event_type", /\bevent[\s_-]?types?\b/gi],
  ["state_key", /\bstate[\s_-]?keys?\b/gi],
  ["user_id", /\buser(?:[\s_-]?ids?|\s+identifiers?)\b/gi],
  ["room_id", /\broom(?:[\s_-]?ids?|\s+identifiers?)\b/gi],
  ["server_name", /\bserver[\s_-]?names?\b/gi],
  ["event", /\b(?:events?|PDUs?)\b/gi],
];

interface Mention {
  readonly subject: LimitSubject;
  readonly start: number;
  readonly end: number;
}

/** Every subject a sentence names, in order; more specific names ("event ID") win over "event". */
function mentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const [subject, re] of SUBJECTS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((o) => start < o.end && end > o.start)) continue;
      out.push({ subject, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function unitOf(word: string | undefined): LimitUnit | undefined {
  if (word === undefined) return undefined;
  return /^(byte|octet|UTF-8)/i.test(word) ? "bytes" : "characters";
}

/** Words that may follow a unitless number of a length limit ("at most 255 for user IDs"). */
const AFTER_LENGTH = new Set([
  "for",
  "in",
  "and",
  "or",
  "when",
  "if",
  "as",
  "to",
  "on",
  "at",
  "long",
  "total",
  "but",
  "unless",
  "including",
  "with",
  "is",
  "are",
]);

const UNIT_WORD = /^(?:characters?|chars?|bytes?|octets?|code|codepoints?)$/i;

/**
 * A unitless number followed by a noun counts things ("more than 50 entries"): not a length.
 * A unit a few words on ("255 ASCII characters") makes it a length after all.
 */
function unitAfter(text: string, end: number): { counts: boolean; unit?: LimitUnit } {
  const rest = text.slice(end, end + 80);
  const words: string[] = [];
  const word = /[ \t\r\n]+([A-Za-z][A-Za-z0-9-]*)/y;
  for (let k = 0; k < 3; k++) {
    const m = word.exec(rest);
    if (m === null) break;
    words.push(m[1] as string);
  }
  const unitWord = words.find((w) => UNIT_WORD.test(w));
  if (unitWord !== undefined) return { counts: false, unit: unitOf(unitWord) as LimitUnit };
  const first = words[0];
  if (first === undefined || !/^[ \t\r\n]+[A-Za-z]/.test(rest)) return { counts: false };
  return { counts: !AFTER_LENGTH.has(first.toLowerCase()) };
}

/** Where a sentence's clauses meet: semicolons (commas also separate list items, so they do not). */
function clauseBoundaries(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/;/g)) out.push(m.index);
  return out;
}

/** Nouns that say nothing about what is limited: "a length of at most 255". */
const GENERIC_OWNERS = new Set([
  "length",
  "lengths",
  "size",
  "sizes",
  "maximum",
  "total",
  "value",
  "values",
  "limit",
  "string",
  "strings",
  "one",
  "those",
  "that",
  "all",
  "each",
]);

/** Whether the limit at `start` follows "<noun> of" where the noun is no subject ("host names of"). */
function ownedByOtherNoun(text: string, start: number, named: ReadonlyArray<Mention>): boolean {
  const before = text.slice(Math.max(0, start - 64), start);
  const m = /([A-Za-z][A-Za-z-]*)[ \t\r\n]+(?:of|with)[ \t\r\n]+$/.exec(before);
  if (m === null) return false;
  const word = m[1] as string;
  if (GENERIC_OWNERS.has(word.toLowerCase())) return false;
  const at = start - before.length + m.index;
  return !named.some((n) => at >= n.start && at < n.end);
}

/** The length limits a sentence states. */
export function limitsIn(sentence: Sentence): StatedLimit[] {
  const { text } = sentence;
  if (!/\d/.test(text)) return [];
  const found: Array<{ start: number; end: number; value: number; unit?: LimitUnit }> = [];
  LIMIT.lastIndex = 0;
  for (let m = LIMIT.exec(text); m !== null; m = LIMIT.exec(text)) {
    const number = m[1] ?? m[3] ?? m[5];
    let unit = unitOf(m[2] ?? m[4] ?? m[6]);
    if (number === undefined) continue;
    if (unit === undefined) {
      const after = unitAfter(text, m.index + m[0].length);
      if (after.counts) continue;
      unit = after.unit;
    }
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      value: Number(number.replaceAll(",", "")),
      ...(unit === undefined ? {} : { unit }),
    });
  }
  if (found.length === 0) return [];
  const named = mentions(text);
  const whole = normalizeSpace(text);
  const boundaries = clauseBoundaries(text);
  const subjectsOf = (f: (typeof found)[number], k: number): LimitSubject[] => {
    // A limit that belongs to another noun ("host names of at most 63 characters") limits no
    // subject the check knows.
    if (ownedByOtherNoun(text, f.start, named)) return [];
    // The subjects named in the limit's clause since the previous limit; else the first one
    // after it in the clause.
    const clauseStart = boundaries.filter((b) => b <= f.start).at(-1) ?? 0;
    const clauseEnd = boundaries.find((b) => b >= f.end) ?? text.length;
    const from = Math.max(clauseStart, k === 0 ? 0 : (found[k - 1] as { end: number }).end);
    const before = named.filter((n) => n.start >= from && n.end <= f.start).map((n) => n.subject);
    if (before.length > 0) return before;
    const after = named.find((n) => n.start >= f.end && n.end <= clauseEnd);
    return after === undefined ? [] : [after.subject];
  };
  return found.map((f, k) => ({
    value: f.value,
    ...(f.unit === undefined ? {} : { unit: f.unit }),
    subjects: [...new Set(subjectsOf(f, k))],
    phrase: normalizeSpace(text.slice(f.start, f.end)),
    sentence: whole,
    ...sentence.locate(f.start, f.end),
  }));
}
