/**
 * Lines of a draft, split exactly as the grammar toolkit's `SourceText` splits them (LF, CRLF or
 * a lone CR), so line numbers agree everywhere.
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";

/** One line: where it starts, where its text ends, and where the next line starts. */
export interface Line {
  /** 0-based line index. */
  readonly index: number;
  readonly start: number;
  /** End of the line's text, before its line break. */
  readonly end: number;
  /** Start of the next line (after the line break), or the text length. */
  readonly next: number;
}

/** The line with 0-based `index` of `source`. */
export function lineAt(source: SourceText, index: number): Line {
  const start = source.lineStarts[index] ?? source.text.length;
  const next = source.lineStarts[index + 1] ?? source.text.length;
  let end = next;
  const text = source.text;
  if (end > start && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
  return { index, start, end, next };
}

/** Every line of `source`, in order. */
export function* linesOf(source: SourceText): Generator<Line> {
  const count = source.lineStarts.length;
  for (let i = 0; i < count; i++) {
    const line = lineAt(source, i);
    // A text ending in a line break has no further (empty) line worth visiting.
    if (i === count - 1 && line.start === source.text.length && count > 1) return;
    yield line;
  }
}

/** How many leading spaces and tabs a line has (a tab counts as one, as columns do). */
export function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) break;
    i++;
  }
  return i - start;
}

/** Whether `text.slice(start, end)` is empty or white space only. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c && c !== 0x0d && c !== 0x0a) return false;
  }
  return true;
}
