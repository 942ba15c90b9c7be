import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forEachSentence } from "../../src/extract/sentences.ts";

function sentences(text: string): string[] {
  const out: string[] = [];
  forEachSentence(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}

describe("forEachSentence", () => {
  it("splits at sentence ends, not after abbreviations, numbers or inside words", () => {
    expect(sentences("One, e.g. this. Two is\nlonger! Three (see Sec. 3.1) ends? `Four` here.")).toEqual([
      "One, e.g. this.",
      "Two is\nlonger!",
      "Three (see Sec. 3.1) ends?",
      "`Four` here.",
    ]);
    expect(sentences("Version 1.2 is example.org. done")).toEqual(["Version 1.2 is example.org. done"]);
  });

  it("ends sentences at blank lines and before list items", () => {
    expect(sentences("Heading\n\nFirst line\n- item one\n- item two\n1. numbered")).toEqual([
      "Heading",
      "First line",
      "- item one",
      "- item two",
      "1. numbered",
    ]);
  });

  it("covers every non-space character exactly once, in order", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "B", " ", ".", "\n", "!", "`", "-", "1") }),
        (text) => {
          const parts = sentences(text);
          expect(parts.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
        },
      ),
    );
  });
});
