import { SourceText } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/format/markdown.ts";
import { positionOf } from "../support/fixtures.ts";

function parse(text: string) {
  const r = parseMarkdown("d.md", new SourceText("d.md", text));
  if (!r.ok) throw new Error(r.error.message);
  return r.document;
}

describe("parseMarkdown", () => {
  it("takes ``` and ~~~ fences with the language in the info string", () => {
    const doc = parse('Intro.\n\n```abnf\na = %x41\n```\n\n~~~ json\n{}\n~~~\n\n~~~ {.abnf}\nb = "b"\n~~~\n');
    expect(doc.blocks.map((b) => [b.kind, b.language, b.text])).toEqual([
      ["abnf", "abnf", "a = %x41\n"],
      ["other", "json", "{}\n"],
      ["abnf", "abnf", 'b = "b"\n'],
    ]);
    expect(doc.prose.text).not.toContain("%x41");
  });

  it("takes a kramdown attribute list after the closing fence", () => {
    const doc = parse('~~~\nuser = "@" name\n~~~\n{: type="abnf" #ids}\n');
    expect(doc.blocks[0]).toMatchObject({ kind: "abnf", language: "abnf", detectedBy: "declared" });
  });

  it("recognises an untagged fence that holds nothing but ABNF by its shape", () => {
    const doc = parse(
      '~~~\nuser = "@" name ; comment\nname = 1*ALPHA\n~~~\n\n~~~\nsome text = not abnf.\n~~~\n',
    );
    expect(doc.blocks.map((b) => [b.kind, b.detectedBy])).toEqual([
      ["abnf", "shape"],
      ["other", "declared"],
    ]);
  });

  it("strips the fence's indentation from content lines and maps columns back", () => {
    const text = "1. Item:\n\n   ~~~ abnf\n   a = ( b\n     / c\n   ~~~\n";
    const doc = parse(text);
    const block = doc.blocks[0];
    expect(block?.text).toBe("a = ( b\n  / c\n");
    const paren = block?.map.toOriginal(block.text.indexOf("(")) ?? -1;
    expect(doc.source.lineColAt(paren)).toEqual(positionOf(text, "( b"));
  });

  it("does not take a backtick line with backticks in its info string for a fence", () => {
    const doc = parse("```not a fence``` is inline code.\n");
    expect(doc.blocks).toEqual([]);
  });

  it("reports an unterminated fence where it opens", () => {
    const r = parseMarkdown("d.md", new SourceText("d.md", "Text.\n\n  ```abnf\na = b\n"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "unterminated-fence", offset: 9 });
  });

  it("keeps the YAML front matter and section markers out of the prose, and ends sentences at headings", () => {
    const doc = parse("---\ntitle: MUST be ignored\n---\n\n--- middle\n\n# Heading\nText here.\n");
    expect(doc.prose.text).not.toContain("title");
    expect(doc.prose.text).not.toContain("middle");
    expect(doc.prose.text).toMatch(/# Heading\n\n+Text here\./);
  });
});
