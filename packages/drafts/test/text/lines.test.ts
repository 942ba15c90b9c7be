import { SourceText } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { indentOf, isBlank, linesOf } from "../../src/text/lines.ts";
import { spanOf } from "../../src/text/span.ts";

describe("lines and spans", () => {
  it("split at LF, CRLF and a lone CR, as the grammar toolkit's SourceText does", () => {
    const text = "a\r\nbb\rccc\nd";
    const lines = [...linesOf(new SourceText("t", text))].map((l) => text.slice(l.start, l.end));
    expect(lines).toEqual(["a", "bb", "ccc", "d"]);
    expect([...linesOf(new SourceText("t", "x\n"))].length).toBe(1);
  });

  it("measure indentation and blankness", () => {
    expect(indentOf(" \t x", 0, 4)).toBe(3);
    expect(isBlank(" \t\f\r", 0, 4)).toBe(true);
    expect(isBlank(" x", 0, 2)).toBe(false);
  });

  it("give 1-based lines and code-point columns for both ends of a span", () => {
    const source = new SourceText("t", "ab\n\u{1F600}xy");
    const start = source.text.indexOf("x");
    expect(spanOf(source, start, start + 2)).toEqual({
      offset: start,
      endOffset: start + 2,
      line: 2,
      column: 2,
      endLine: 2,
      endColumn: 4,
    });
  });
});
