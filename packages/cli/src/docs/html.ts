/**
 * HTML for the generated pages. The pages are typedoc markdown documents whose content is mostly
 * raw HTML blocks, and typedoc reads every document for its own syntax first (`{@link}` tags,
 * relative `[text](path)` links, `@tags`), so text from the registry, grammars or traces is
 * escaped for both HTML and typedoc before it lands on a page.
 *
 * @module
 */

/**
 * Characters that HTML or typedoc's document lexer would read as syntax: HTML's own, plus the
 * braces of inline tags, the `@` of block tags, backticks (code spans), backslashes (escapes) and
 * brackets (markdown links).
 */
const SPECIAL = /[&<>"'`{}@\\[\]]/g;

/** Escapes text for an HTML element's content or a quoted attribute value on a generated page. */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => `&#${c.codePointAt(0)};`);
}

/** Attribute values: `undefined` or `false` leaves the attribute out, `true` writes it bare. */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

/** The attributes of a start tag, escaped, each preceded by a space. */
export function attributes(attrs: Attributes): string {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/**
 * An element whose content is already HTML (`children` are trusted markup: escape text with
 * {@link escapeHtml} or build it with {@link text}).
 */
export function element(tag: string, attrs: Attributes, ...children: ReadonlyArray<string>): string {
  return `<${tag}${attributes(attrs)}>${children.join("")}</${tag}>`;
}

/** An element holding plain text. */
export function text(tag: string, attrs: Attributes, content: string): string {
  return element(tag, attrs, escapeHtml(content));
}

/**
 * A raw HTML block of a markdown document. Markdown ends an HTML block at the first blank line
 * and would then read the rest as markdown, so blank lines are removed, and the block is wrapped
 * in a `div` so markdown never wraps it in a paragraph.
 */
export function htmlBlock(html: string, attrs: Attributes = {}): string {
  const body = html
    .split("\n")
    .filter((line) => line.trim() !== "")
    .join("\n");
  return `<div${attributes(attrs)}>\n${body}\n</div>`;
}

/** A table with a header row; each cell is trusted HTML. */
export function table(
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<
    ReadonlyArray<string> | { readonly attrs: Attributes; readonly cells: ReadonlyArray<string> }
  >,
  attrs: Attributes = {},
): string {
  const head = element("thead", {}, element("tr", {}, ...headers.map((h) => text("th", {}, h))));
  const body = rows.map((row) => {
    const { attrs: rowAttrs, cells } = "cells" in row ? row : { attrs: {}, cells: row };
    return element("tr", rowAttrs, ...cells.map((c) => element("td", {}, c)));
  });
  return element("table", attrs, head, "\n", element("tbody", {}, ...body.map((r) => `${r}\n`)));
}

/** A bulleted list of trusted HTML items (an empty string when there are none). */
export function list(items: ReadonlyArray<string>, attrs: Attributes = {}): string {
  return items.length === 0 ? "" : element("ul", attrs, ...items.map((i) => element("li", {}, i)));
}

/** Inline code. */
export function code(content: string): string {
  return text("code", {}, content);
}

/**
 * Preformatted text. Line breaks are written as `&#10;` so that the element stays on one
 * physical line: a blank line inside it would otherwise end the surrounding HTML block.
 */
export function preformatted(content: string, attrs: Attributes = {}): string {
  return `<pre${attributes(attrs)}>${content
    .split(/\r\n|\r|\n/)
    .map(escapeHtml)
    .join("&#10;")}</pre>`;
}
