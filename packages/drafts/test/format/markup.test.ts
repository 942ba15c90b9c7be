import { describe, expect, it } from "vitest";
import { declaredEntities, tokenizeMarkup, UnterminatedMarkup } from "../../src/format/markup.ts";

describe("tokenizeMarkup", () => {
  it("reads tags with their attributes, text, comments, CDATA and the DOCTYPE subset", () => {
    const text =
      '<!DOCTYPE rfc [<!ENTITY x "y">]><a b="1" c=\'2\' d=3 e/><!-- <no> --><![CDATA[<raw>]]>t</a>';
    const tokens = [...tokenizeMarkup(text, { html: false })];
    expect(tokens.map((t) => t.kind)).toEqual(["doctype", "tag", "comment", "cdata", "text", "tag"]);
    const tag = tokens[1];
    expect(tag?.kind === "tag" && Object.fromEntries(tag.attributes)).toEqual({
      b: "1",
      c: "2",
      d: "3",
      e: "",
    });
    expect(tag?.kind === "tag" && tag.selfClosing).toBe(true);
    expect(declaredEntities(text.slice(0, tokens[0]?.end))).toEqual({ x: "y" });
  });

  it("keeps a lone `<` in text and reads HTML script content as raw text", () => {
    const text = 'a < b<script>if (x<y) "</p>"</script>';
    const tokens = [...tokenizeMarkup(text, { html: true })];
    expect(tokens.map((t) => [t.kind, text.slice(t.start, t.end)])).toEqual([
      ["text", "a < b"],
      ["tag", "<script>"],
      ["text", 'if (x<y) "</p>"'],
      ["tag", "</script>"],
    ]);
  });

  it("throws UnterminatedMarkup (turned into an error value by the readers) for what never ends", () => {
    for (const bad of ["<!-- open", "<![CDATA[ open", '<a href="x', "<?xml open"]) {
      expect(() => [...tokenizeMarkup(bad, { html: false })]).toThrow(UnterminatedMarkup);
    }
  });
});
