import { SourceText } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { parseHtml } from "../../src/format/html.ts";

function parse(text: string) {
  const r = parseHtml("d.html", new SourceText("d.html", text));
  if (!r.ok) throw new Error(r.error.message);
  return r.document;
}

describe("parseHtml", () => {
  it("finds the ABNF language on the <pre>, an enclosing element, or a <code> inside", () => {
    const doc = parse(
      '<pre class="sourcecode lang-abnf">a = "1"</pre>' +
        '<div class="artwork art-abnf"><pre>b = "2"</pre></div>' +
        '<pre><code class="language-abnf">c = "3"</code></pre>' +
        '<pre class="lang-json">{"d": 4}</pre>',
    );
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["abnf", 'a = "1"'],
      ["abnf", 'b = "2"'],
      ["abnf", 'c = "3"'],
      ["other", '{"d": 4}'],
    ]);
  });

  it("strips tags inside a <pre> while mapping the text that remains", () => {
    const text = '<pre class="lang-abnf"><span>a</span> = &quot;x&quot; <a href="#b">b</a></pre>';
    const doc = parse(text);
    const block = doc.blocks[0];
    expect(block?.text).toBe('a = "x" b');
    expect(block?.map.toOriginal(block.text.indexOf("b"))).toBe(text.indexOf("b</a>"));
  });

  it("leaves scripts, styles and pilcrow links out of the prose; code spans become backticks", () => {
    const doc = parse(
      '<head><style>p{}</style><script>if (a < b) x = "<pre>";</script></head>' +
        '<p>Use <code>@a:b</code>.<a class="pilcrow" href="#p">&para;</a></p>',
    );
    expect(doc.prose.text).not.toContain("if (a");
    expect(doc.prose.text).not.toContain("\u00b6");
    expect(doc.prose.text).toContain("Use `@a:b`.");
    expect(doc.blocks).toEqual([]);
  });
});
