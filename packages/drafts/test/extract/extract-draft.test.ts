import { describe, expect, it } from "vitest";
import { extractDraft } from "../../src/extract/extract-draft.ts";
import { fixtureText } from "../support/fixtures.ts";

describe("extractDraft", () => {
  it("gives the same positions for a CRLF copy of every fixture", () => {
    for (const name of ["good.md", "good.xml", "good.txt", "good.html"]) {
      const lf = extractDraft(name, fixtureText(name));
      const crlf = extractDraft(name, fixtureText(name).replace(/\n/g, "\r\n"));
      expect(lf.ok && crlf.ok).toBe(true);
      if (!lf.ok || !crlf.ok) continue;
      const where = (x: typeof lf.extraction) => [
        x.abnfBlocks.map((b) => [b.line, b.column]),
        x.examples.map((e) => [e.text, e.line, e.column, e.endLine, e.endColumn]),
        x.limits.map((l) => [l.value, l.line, l.column]),
        x.bcp14.flatMap((s) => s.keywords.map((k) => [k.keyword, k.line, k.column])),
        x.requirementIds.map((r) => [r.id, r.line, r.column]),
      ];
      expect(where(crlf.extraction), name).toEqual(where(lf.extraction));
    }
  });

  it("reads the format it is told to, whatever the content suggests", () => {
    const r = extractDraft("d", "# Not a heading in text\n", { format: "text" });
    expect(r.ok && [r.extraction.format, r.extraction.formatReason]).toEqual(["text", "given by the caller"]);
  });

  it("stops collecting at the item limit and says what was cut short", () => {
    const text = "Servers MUST do it (CHAT-1).\n\n".repeat(30);
    const r = extractDraft("d.md", text, { maxItems: 10 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.extraction.bcp14).toHaveLength(10);
    expect(r.extraction.requirementIds).toHaveLength(10);
    expect(r.extraction.truncated.map((t) => t.kind).sort()).toEqual(["bcp14", "requirementIds"]);
  });

  it("skips code blocks beyond the block limit, keeping them out of the prose", () => {
    const text = '~~~ abnf\na = "x"\n~~~\n\n'.repeat(5);
    const r = extractDraft("d.md", text, { maxBlocks: 2 });
    expect(r.ok && r.extraction.abnfBlocks.length).toBe(2);
    expect(r.ok && r.extraction.truncated).toEqual([{ kind: "blocks", kept: 2 }]);
    expect(r.ok && r.extraction.document.prose.text).not.toContain("a =");
  });
});
