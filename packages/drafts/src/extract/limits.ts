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

const SUBJECTS: ReadonlyArray<[LimitSubject, RegExp]> = [
  ["event_id", /\bevent[ _-]?ids?\b|\bevent identifiers?\b/gi],
  ["event_type", /\bevent[ _-]?types?\b/gi],
  ["state_key", /\bstate[ _-]?keys?\b/gi],
  ["user_id", /\buser[ _-]?ids?\b|\buser identifiers?\b/gi],
  ["room_id", /\broom[ _-]?ids?\b|\broom identifiers?\b/gi],
  ["server_name", /\bserver[ _-]?names?\b/gi],
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

/** The length limits a sentence states. */
export function limitsIn(sentence: Sentence): StatedLimit[] {
  const { text } = sentence;
  if (!/\d/.test(text)) return [];
  const found: Array<{ start: number; end: number; value: number; unit?: LimitUnit }> = [];
  LIMIT.lastIndex = 0;
  for (let m = LIMIT.exec(text); m !== null; m = LIMIT.exec(text)) {
    const number = m[1] ?? m[3] ?? m[5];
    const unit = unitOf(m[2] ?? m[4] ?? m[6]);
    if (number === undefined) continue;
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
  return found.map((f, k) => {
    // The subjects named since the previous limit of the sentence; else the first one after.
    const from = k === 0 ? 0 : (found[k - 1] as { end: number }).end;
    let subjects = named.filter((n) => n.start >= from && n.end <= f.start).map((n) => n.subject);
    if (subjects.length === 0) {
      const after = named.find((n) => n.start >= f.end);
      subjects = after === undefined ? [] : [after.subject];
    }
    return {
      value: f.value,
      ...(f.unit === undefined ? {} : { unit: f.unit }),
      subjects: [...new Set(subjects)],
      phrase: normalizeSpace(text.slice(f.start, f.end)),
      sentence: whole,
      ...sentence.locate(f.start, f.end),
    };
  });
}
