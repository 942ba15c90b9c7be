import { SourceText } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { pageFurniture, parsePlainText } from "../../src/format/plain-text.ts";
import { fixtureText, positionOf } from "../support/fixtures.ts";

describe("parsePlainText", () => {
  it("marks footers, form feeds, headers and the blank lines around them as page furniture", () => {
    const text = fixtureText("good.txt");
    const source = new SourceText("good.txt", text);
    const marks = pageFurniture(source);
    const lines = text.split("\n");
    const marked = lines.filter((_, i) => marks[i] !== 0);
    expect(marked.filter((l) => l.includes("[Page"))).toHaveLength(2);
    expect(marked.some((l) => l.startsWith("Internet-Draft            mimi-spec"))).toBe(true);
    expect(marked.some((l) => l.includes("\f"))).toBe(true);
    expect(marked.every((l) => l.trim() === "" || /\[Page|\f|^Internet-Draft/.test(l))).toBe(true);
  });

  it("reads a rule split by a page break as one block, without the furniture", () => {
    const text = fixtureText("good.txt");
    const r = parsePlainText("good.txt", new SourceText("good.txt", text));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [block] = r.document.blocks;
    expect(r.document.blocks).toHaveLength(1);
    expect(block?.text).toContain('/ "-" / "." / "="\n                     / "_" / "/" / "+"');
    expect(block?.text).not.toContain("Page");
    // The continuation after the break maps to its own line in the draft.
    const slash = block?.text.indexOf('/ "_"') ?? -1;
    expect(r.document.source.lineColAt(block?.map.toOriginal(slash) ?? -1)).toEqual(
      positionOf(text, '/ "_"'),
    );
    expect(r.document.prose.text).not.toContain("[Page");
    expect(r.document.prose.text).not.toContain("user-localpart =");
  });

  it("does not take prose with an equals sign for ABNF", () => {
    const text = "   The result x = 5 for all cases.\n\n   a = b\n";
    const r = parsePlainText("t.txt", new SourceText("t.txt", text));
    expect(r.ok && r.document.blocks).toEqual([]);
  });
});
