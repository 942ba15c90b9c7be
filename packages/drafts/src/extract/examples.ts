/**
 * Identifier examples: `@alice:example.org` in a code span, in an "Example: …" sentence, quoted
 * in prose, or on its own line (or as a JSON string value) in an example block. Each is tied to
 * the rules it may illustrate by its sigil (`@` user IDs, `!` room IDs, `$` event IDs), and
 * marked as meant to be invalid when its sentence says so ("… is invalid").
 *
 * @module
 */

import type { SourceText } from "@mimi-spec/grammar";
import type { CodeBlock } from "../format/document.ts";
import { type DraftSpan, spanOf } from "../text/span.ts";
import type { Sentence } from "./prose.ts";

/** A sigil that starts a MIMI identifier. */
export type IdentifierSigil = "@" | "!" | "$";

/** Which rules an identifier with a sigil may illustrate, in order of preference. */
export interface ExampleRuleMapping {
  readonly sigil: IdentifierSigil;
  /** What such identifiers are, for messages. */
  readonly kind: string;
  /** Rule names to look for in the draft's grammar (compared case-insensitively). */
  readonly rules: ReadonlyArray<string>;
}

/** The default mapping from sigils to rules, after the MIMI signaling and LM drafts' names. */
export const EXAMPLE_RULES: ReadonlyArray<ExampleRuleMapping> = [
  { sigil: "@", kind: "user ID", rules: ["user_id", "user-id", "userid", "mimi-user-id", "user-identifier"] },
  { sigil: "!", kind: "room ID", rules: ["room_id", "room-id", "roomid", "mimi-room-id", "room-identifier"] },
  {
    sigil: "$",
    kind: "event ID",
    rules: ["event_id", "event-id", "eventid", "mimi-event-id", "event-identifier"],
  },
];

/** Where an example was found. */
export type ExampleContext = "code-span" | "example-sentence" | "quoted" | "code-block";

/** An identifier example. */
export interface IdentifierExample extends DraftSpan {
  readonly text: string;
  readonly sigil: IdentifierSigil;
  readonly context: ExampleContext;
  /** `invalid` when its sentence calls it invalid (a counter-example). */
  readonly expectation: "valid" | "invalid";
}

const INVALID_WORDS =
  /\b(?:invalid|not valid|not a valid|illegal|malformed|not allowed|not permitted|rejected|incorrect|counter-?examples?)\b/i;
// "example" as a word of the sentence, not inside `example.org`.
const EXAMPLE_WORDS =
  /\bexamples?[ \t]*:|\bfor (?:example|instance)\b|\be\.g\.|\bsuch as\b|\b(?:an|the following|some|this|these) examples?\b(?!\.[a-z])|\bexamples?\s+(?:of|is|are|include)\b/i;

/** Whether a sentence calls what it shows invalid. */
export function saysInvalid(text: string): boolean {
  return INVALID_WORDS.test(text);
}

function sigilOf(text: string): IdentifierSigil | undefined {
  const c = text[0];
  return c === "@" || c === "!" || c === "$" ? c : undefined;
}

/** Code span content that is an identifier: a sigil, then at least one non-space character. */
const CODE_IDENTIFIER = /^[@!$][^\s`]+$/;
/** A complete identifier shape, for quoted strings outside "Example" sentences. */
const FULL_SHAPE = /^(?:[@!][^\s:"]+:[^\s"]+|\$[A-Za-z0-9+/_=-]+)$/;
const CODE_SPAN = /`([^`\n]+)`/g;
/** A list item: a bullet (`*`, `-`, `+`, `•`, xml2rfc's `o`) or a number, then white space. */
const LIST_ITEM = /^(?:[*+•-]|o|\d+\.)[ \t]/;
// Not a JSON key (`"$eventid": {`): a key names a slot, it illustrates no identifier.
const QUOTED = /"([@!$][^"\s]+)"(?![ \t]*:)/g;
const BARE = /(?<=^|[\s(,;:[{])[@!$][^\s`"'<>(),;[\]{}]+/g;

/** Finds the examples of one sentence. `carry` holds an "Example:" sentence's expectation. */
export class SentenceExamples {
  private pending: "valid" | "invalid" | undefined;
  private pendingItemsOnly = false;
  readonly found: IdentifierExample[] = [];
  private readonly seen = new Set<number>();

  /** Collects the examples of the next sentence (sentences must come in order). */
  visit(sentence: Sentence): void {
    const { text } = sentence;
    const item = LIST_ITEM.test(text);
    // A carry from a list item reaches the next item only, not the prose after the list.
    const carried = this.pendingItemsOnly && !item ? undefined : this.pending;
    this.pending = undefined;
    this.pendingItemsOnly = false;
    // "Examples:" carries over a whole list: each item of it is an example, backticks or not
    // (plain-text renderings drop them).
    if (carried !== undefined && item) {
      this.pending = carried;
      this.pendingItemsOnly = true;
    }
    if (!text.includes("@") && !text.includes("!") && !text.includes("$")) {
      if (EXAMPLE_WORDS.test(text) && /:\s*$/.test(text)) {
        this.pending = saysInvalid(text) ? "invalid" : "valid";
        this.pendingItemsOnly = false;
      }
      return;
    }
    const expectation = saysInvalid(text) ? "invalid" : (carried ?? "valid");
    const isExampleSentence = EXAMPLE_WORDS.test(text) || carried !== undefined;
    const before = this.found.length;
    CODE_SPAN.lastIndex = 0;
    for (let m = CODE_SPAN.exec(text); m !== null; m = CODE_SPAN.exec(text)) {
      const raw = m[1] as string;
      const lead = raw.length - raw.trimStart().length;
      let content = raw.trim();
      let offset = m.index + 1 + lead;
      if (content.length > 2 && content.startsWith('"') && content.endsWith('"')) {
        content = content.slice(1, -1);
        offset++;
      }
      if (CODE_IDENTIFIER.test(content)) this.add(sentence, offset, content, "code-span", expectation);
    }
    QUOTED.lastIndex = 0;
    for (let m = QUOTED.exec(text); m !== null; m = QUOTED.exec(text)) {
      const content = m[1] as string;
      if (isExampleSentence || FULL_SHAPE.test(content))
        this.add(sentence, m.index + 1, content, "quoted", expectation);
    }
    if (isExampleSentence) {
      BARE.lastIndex = 0;
      for (let m = BARE.exec(text); m !== null; m = BARE.exec(text)) {
        const token = m[0].replace(/[.,;:!?]+$/, "");
        if (token.length >= 2) this.add(sentence, m.index, token, "example-sentence", expectation);
      }
    }
    // "Example:" with nothing after it introduces the next sentence (often a displayed line).
    if (this.found.length === before && EXAMPLE_WORDS.test(text) && /:\s*$/.test(text)) {
      this.pending = expectation;
      this.pendingItemsOnly = false;
    }
  }

  private add(
    sentence: Sentence,
    offset: number,
    text: string,
    context: ExampleContext,
    expectation: "valid" | "invalid",
  ): void {
    const sigil = sigilOf(text);
    if (sigil === undefined) return;
    const span = sentence.locate(offset, offset + text.length);
    if (this.seen.has(span.offset)) return;
    this.seen.add(span.offset);
    this.found.push({ text, sigil, context, expectation, ...span });
  }
}

const BLOCK_LINE = /^[ \t]*"?([@!$][^\s"]+?)"?,?[ \t]*$/;
const JSON_VALUE = /"([@!$][^"\\\s]*)"(?![ \t]*:)/g;

/**
 * The examples of an example block: lines that hold one identifier, and JSON string values that
 * are identifiers (keys such as `"$schema":` are not).
 */
export function blockExamples(
  block: CodeBlock,
  source: SourceText,
  expectation: "valid" | "invalid",
): IdentifierExample[] {
  const out: IdentifierExample[] = [];
  const text = block.text;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const whole = BLOCK_LINE.exec(line);
    const found: Array<[number, string]> = [];
    if (whole !== null) {
      const token = whole[1] as string;
      found.push([line.indexOf(token), token]);
    } else {
      JSON_VALUE.lastIndex = 0;
      for (let m = JSON_VALUE.exec(line); m !== null; m = JSON_VALUE.exec(line)) {
        if ((m[1] as string).length >= 2) found.push([m.index + 1, m[1] as string]);
      }
    }
    for (const [at, token] of found) {
      const sigil = sigilOf(token);
      if (sigil === undefined) continue;
      const start = lineStart + at;
      const span = spanOf(source, block.map.toOriginal(start), block.map.toOriginalEnd(start + token.length));
      out.push({ text: token, sigil, context: "code-block", expectation, ...span });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}
