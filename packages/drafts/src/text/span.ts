/**
 * Positions in the draft: offsets turned into 1-based lines and code-point columns, the way the
 * grammar toolkit's `SourceText` counts them (and editors show them).
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";

/** A range of the draft: UTF-16 offsets and the 1-based line:column of both ends. */
export interface DraftSpan {
  readonly offset: number;
  readonly endOffset: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The {@link DraftSpan} of `[start, end)` in the draft. */
export function spanOf(source: SourceText, start: number, end: number): DraftSpan {
  const a = source.lineColAt(start);
  const b = source.lineColAt(Math.max(start, end));
  return {
    offset: start,
    endOffset: Math.max(start, end),
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
  };
}
