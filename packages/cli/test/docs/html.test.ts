import { describe, expect, it } from "vitest";
import { attributes, escapeHtml, htmlBlock, preformatted, table, text } from "../../src/docs/html.ts";

describe("escapeHtml", () => {
  it("escapes HTML and everything typedoc's document lexer would read as syntax", () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe("&#60;a href=&#34;x&#34;&#62;&#38;&#39;");
    expect(escapeHtml("{@link X} `code` \\n [t](u)")).not.toMatch(/[{}@`\\[\]]/);
    expect(escapeHtml("user_id = 1*opaque")).toBe("user_id = 1*opaque");
  });
});

describe("attributes", () => {
  it("drops undefined and false, writes true bare, escapes values", () => {
    expect(attributes({ a: "1", b: undefined, c: false, d: true, e: 'x"y' })).toBe(' a="1" d e="x&#34;y"');
  });
});

describe("htmlBlock", () => {
  it("removes blank lines, which would end a markdown HTML block", () => {
    const block = htmlBlock("<p>a</p>\n\n  \n<p>b</p>", { class: "k" });
    expect(block).toBe('<div class="k">\n<p>a</p>\n<p>b</p>\n</div>');
  });
});

describe("preformatted", () => {
  it("keeps blank lines as character references on one physical line", () => {
    const pre = preformatted("a\n\nb <c>");
    expect(pre).toBe("<pre>a&#10;&#10;b &#60;c&#62;</pre>");
    expect(pre).not.toContain("\n");
  });
});

describe("table", () => {
  it("writes a header and rows with their attributes", () => {
    const html = table(["H"], [["<b>x</b>"], { attrs: { "data-id": "R-1" }, cells: ["y"] }]);
    expect(html).toContain("<th>H</th>");
    expect(html).toContain("<tr><td><b>x</b></td></tr>");
    expect(html).toContain('<tr data-id="R-1"><td>y</td></tr>');
    expect(text("td", {}, "<")).toBe("<td>&#60;</td>");
  });
});
