import { describe, expect, it } from "vitest";
import { appendDecoded, entityTable } from "../../src/text/entities.ts";
import { MappedTextBuilder } from "../../src/text/mapped-text.ts";

function decode(text: string, dialect: "xml" | "html", declared: Record<string, string> = {}) {
  const b = new MappedTextBuilder(text);
  appendDecoded(b, text, 0, text.length, entityTable(dialect, declared));
  return b.build();
}

describe("appendDecoded", () => {
  it("decodes the XML entities and numeric references, keeping each one's position", () => {
    const { text, map } = decode("a &lt;b&gt; &#64;c &#x21; &quot;&apos;&amp;", "xml");
    expect(text).toBe("a <b> @c ! \"'&");
    expect(map.toOriginal(text.indexOf("@"))).toBe(12);
    expect(map.toOriginal(text.indexOf("c"))).toBe(17);
  });

  it("keeps unknown or invalid references as written", () => {
    expect(decode("&nbsp; &bogus; &#xD800; &#0; & x", "xml").text).toBe("&nbsp; &bogus; &#xD800; &#0; & x");
  });

  it("knows the HTML names drafts use, and a document's own declarations", () => {
    expect(decode("BCP&nbsp;14 &mdash; &para;", "html").text).toBe("BCP\u00a014 \u2014 \u00b6");
    expect(decode("&fixture;", "xml", { fixture: "test" }).text).toBe("test");
  });
});
