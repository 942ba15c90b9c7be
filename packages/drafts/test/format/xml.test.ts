import { SourceText } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { parseXml } from "../../src/format/xml.ts";
import { positionOf } from "../support/fixtures.ts";

function parse(text: string) {
  const r = parseXml("d.xml", new SourceText("d.xml", text));
  if (!r.ok) throw new Error(r.error.message);
  return r.document;
}

describe("parseXml", () => {
  it("takes <sourcecode type=abnf> and <artwork type=abnf>, decoding entities and reading CDATA verbatim", () => {
    const text =
      '<rfc><middle><sourcecode type="abnf">a = "&lt;" b</sourcecode>' +
      '<artwork type="ABNF"><![CDATA[b = "&lt;"]]></artwork><artwork type="ascii-art">x</artwork></middle></rfc>';
    const doc = parse(text);
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["abnf", 'a = "<" b'],
      ["abnf", 'b = "&lt;"'],
      ["other", "x"],
    ]);
    const block = doc.blocks[0];
    const b = block?.map.toOriginal(block.text.indexOf("b")) ?? -1;
    expect(doc.source.lineColAt(b)).toEqual(positionOf(text, "b</sourcecode>"));
  });

  it("decides an untyped artwork by its shape", () => {
    const doc = parse('<rfc><artwork>\nid = 1*DIGIT / "x"\n</artwork><artwork>\n+--+\n</artwork></rfc>');
    expect(doc.blocks.map((b) => [b.kind, b.detectedBy])).toEqual([
      ["abnf", "shape"],
      ["other", "declared"],
    ]);
  });

  it("notes ABNF kept in an external file", () => {
    const doc = parse('<rfc><sourcecode type="abnf" src="ids.abnf"/></rfc>');
    expect(doc.blocks[0]).toMatchObject({ kind: "abnf", external: "ids.abnf", text: "" });
  });

  it("writes prose with bcp14 dissolved, <tt> as a code span and an empty xref as [target]", () => {
    const doc = parse(
      '<!DOCTYPE rfc [<!ENTITY me "fixture">]><rfc><t>IDs <bcp14>MUST</bcp14> be <tt>@a:b</tt>, see <xref target="RFC3986"/> (&me;).</t><t>Next.</t></rfc>',
    );
    expect(doc.prose.text).toContain("IDs MUST be `@a:b`, see [RFC3986] (fixture).");
    expect(doc.prose.text).toMatch(/\.\s*\n\n\s*Next\./);
  });

  it("reports an element left open", () => {
    const r = parseXml("d.xml", new SourceText("d.xml", '<rfc><sourcecode type="abnf">a = b\n</rfc>'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "unterminated-markup", offset: 5 });
  });
});
