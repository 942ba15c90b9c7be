/**
 * HTML renderings of drafts (xml2rfc's, and markdown renderers'): ABNF in `<pre>` elements whose
 * own or enclosing element's class names the language (`sourcecode lang-abnf`, `art-abnf`,
 * `<code class="language-abnf">`), prose in paragraphs, `<code>`/`<tt>` as inline code. Scripts,
 * styles and xml2rfc's pilcrow links are not prose.
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";
import { entityTable } from "../text/entities.ts";
import type { FormatOptions, ParseDraftResult } from "./document.ts";
import type { TagToken } from "./markup.ts";
import { classesOf, type MarkupDialect, readMarkup } from "./markup-reader.ts";

const BLOCK = new Set([
  "html",
  "head",
  "body",
  "title",
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "nav",
  "aside",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "figure",
  "figcaption",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "caption",
  "address",
  "details",
  "summary",
  "br",
  "hr",
]);

const VOID = new Set([
  "br",
  "hr",
  "img",
  "meta",
  "link",
  "input",
  "wbr",
  "source",
  "col",
  "area",
  "base",
  "embed",
]);

const LANGUAGE_CLASS = /^(?:lang|language|art|highlight-source)-(.+)$/;

/** The language a class list names (`lang-abnf` → `abnf`), if any. */
function languageOf(tag: TagToken): string | undefined {
  for (const c of classesOf(tag)) {
    const m = LANGUAGE_CLASS.exec(c);
    if (m !== null) return m[1];
  }
  return undefined;
}

/** Reads an HTML draft. */
export function parseHtml(path: string, source: SourceText, options: FormatOptions = {}): ParseDraftResult {
  const dialect: MarkupDialect = {
    format: "html",
    html: true,
    blockElements: BLOCK,
    inlineCodeElements: new Set(["code", "tt", "kbd", "samp"]),
    skipElements: new Set(["script", "style", "template", "noscript"]),
    voidElements: VOID,
    codeElement: (tag, ancestors) => {
      if (tag.name !== "pre") return undefined;
      // The pre's own class first, then the nearest enclosing element that names a language.
      let language = languageOf(tag);
      for (let k = ancestors.length - 1; language === undefined && k >= 0 && k >= ancestors.length - 3; k--) {
        language = languageOf(ancestors[k] as TagToken);
      }
      if (language === undefined) return { kind: "undeclared" };
      return { kind: language.toLowerCase() === "abnf" ? "abnf" : "other", language };
    },
    marksAbnf: (tag) => languageOf(tag)?.toLowerCase() === "abnf",
    skipsContent: (tag) => tag.name === "a" && classesOf(tag).includes("pilcrow"),
    entities: entityTable("html"),
  };
  return readMarkup(path, source, dialect, options);
}
