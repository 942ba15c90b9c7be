/**
 * A sentence of a draft's prose as the extractors see it: its text, and how to turn a range of
 * that text into a range of the draft (line and column included).
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";
import type { MappedText } from "../text/mapped-text.ts";
import { type DraftSpan, spanOf } from "../text/span.ts";
import { forEachSentence } from "./sentences.ts";

/** One sentence, with positions. */
export interface Sentence {
  /** The sentence as it stands in the prose view (markup removed, entities decoded). */
  readonly text: string;
  /** Where it starts in the prose view. */
  readonly viewStart: number;
  /** The draft range of `text.slice(from, to)` (offsets relative to the sentence). */
  readonly locate: (from: number, to: number) => DraftSpan;
  /** Draft offset of the sentence's first character. */
  readonly draftStart: number;
}

/** A sentence's text with runs of white space (line breaks, indentation) as single spaces. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Calls `visit` with every sentence of the prose, in draft order. The sentence object is reused
 * from one call to the next (a draft may have millions): keep what it holds, not the object.
 */
export function forEachProseSentence(
  prose: MappedText,
  source: SourceText,
  visit: (sentence: Sentence) => void,
): void {
  const { text, map } = prose;
  let viewStart = 0;
  const current = {
    text: "",
    viewStart: 0,
    draftStart: 0,
    locate: (from: number, to: number): DraftSpan =>
      spanOf(source, map.toOriginal(viewStart + from), map.toOriginalEnd(viewStart + to)),
  };
  forEachSentence(text, (start, end) => {
    viewStart = start;
    current.text = text.slice(start, end);
    current.viewStart = start;
    current.draftStart = map.toOriginal(start);
    visit(current);
  });
}
