/**
 * BCP 14 key words (RFC 2119 as clarified by RFC 8174): only their upper-case forms carry the
 * special meaning, so only those are collected, each with the sentence it stands in.
 *
 * @module
 */
import type { DraftSpan } from "../text/span.ts";
import { normalizeSpace, type Sentence } from "./prose.ts";

/** The BCP 14 key words. */
export type Bcp14Keyword =
  | "MUST"
  | "MUST NOT"
  | "REQUIRED"
  | "SHALL"
  | "SHALL NOT"
  | "SHOULD"
  | "SHOULD NOT"
  | "RECOMMENDED"
  | "NOT RECOMMENDED"
  | "MAY"
  | "OPTIONAL";

/** One use of a key word. */
export interface Bcp14KeywordUse extends DraftSpan {
  readonly keyword: Bcp14Keyword;
}

/** A sentence using BCP 14 key words. */
export interface Bcp14Sentence extends DraftSpan {
  /** The sentence, white space collapsed. */
  readonly text: string;
  readonly keywords: ReadonlyArray<Bcp14KeywordUse>;
}

// `NOT RECOMMENDED` is tried where `NOT` stands, before `RECOMMENDED` could match on its own.
const KEYWORD =
  /(?<![A-Za-z0-9_-])(MUST(?:[ \t\r\n]+NOT)?|SHALL(?:[ \t\r\n]+NOT)?|SHOULD(?:[ \t\r\n]+NOT)?|NOT[ \t\r\n]+RECOMMENDED|RECOMMENDED|REQUIRED|MAY|OPTIONAL)(?![A-Za-z0-9_-])/g;

const BOILERPLATE = /\bkey ?words?\b[\s\S]*\b(BCP ?14|RFC ?2119)\b|\{::boilerplate\s+bcp14/i;

/** Whether a sentence is (part of) the BCP 14 boilerplate, or kramdown-rfc's directive for it. */
export function isBcp14Boilerplate(text: string): boolean {
  return BOILERPLATE.test(text);
}

/** The BCP 14 key words of a sentence, or `undefined` when it has none (or is the boilerplate). */
export function bcp14Sentence(sentence: Sentence): Bcp14Sentence | undefined {
  const { text } = sentence;
  // Cheap test first: most sentences have no run of capitals at all.
  if (!/[A-Z]{3}/.test(text) || isBcp14Boilerplate(text)) return undefined;
  const keywords: Bcp14KeywordUse[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m !== null; m = KEYWORD.exec(text)) {
    const keyword = normalizeSpace(m[1] as string) as Bcp14Keyword;
    keywords.push({ keyword, ...sentence.locate(m.index, m.index + m[0].length) });
  }
  if (keywords.length === 0) return undefined;
  return { text: normalizeSpace(text), keywords, ...sentence.locate(0, text.length) };
}
