/**
 * RFCXML drafts (v3, and v2 as far as it agrees): ABNF in `<sourcecode type="abnf">` or
 * `<artwork type="abnf">`, its text either escaped (`&lt;`) or in CDATA; prose in `<t>`, `<li>`
 * and the like, with `<bcp14>` and `<em>` dissolved, `<tt>`/`<code>` as inline code, and each
 * empty `<xref target="RFC3986"/>` written as `[RFC3986]` so citations can be found.
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";
import { entityTable } from "../text/entities.ts";
import type { FormatOptions, ParseDraftResult } from "./document.ts";
import { declaredEntities } from "./markup.ts";
import { type MarkupDialect, readMarkup } from "./markup-reader.ts";

const BLOCK = new Set([
  "rfc",
  "front",
  "middle",
  "back",
  "title",
  "abstract",
  "note",
  "section",
  "name",
  "t",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "aside",
  "figure",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "references",
  "reference",
  "author",
  "organization",
  "address",
  "postal",
  "street",
  "city",
  "region",
  "code",
  "country",
  "phone",
  "email",
  "uri",
  "date",
  "area",
  "workgroup",
  "keyword",
  "seriesInfo",
  "boilerplate",
  "list",
  "preamble",
  "postamble",
  "texttable",
  "ttcol",
  "c",
  "br",
]);

/** Reads an RFCXML draft. */
export function parseXml(path: string, source: SourceText, options: FormatOptions = {}): ParseDraftResult {
  const doctype = /<!DOCTYPE[\s\S]*?\[([\s\S]*?)\]\s*>/.exec(source.text.slice(0, 200_000));
  const dialect: MarkupDialect = {
    format: "xml",
    html: false,
    blockElements: BLOCK,
    inlineCodeElements: new Set(["tt"]),
    skipElements: new Set(["iref", "toc"]),
    voidElements: new Set(),
    codeElement: (tag) => {
      if (tag.name !== "sourcecode" && tag.name !== "artwork") return undefined;
      const type = tag.attributes.get("type");
      if (type === undefined || type.trim() === "") return { kind: "undeclared" };
      return { kind: type.trim().toLowerCase() === "abnf" ? "abnf" : "other", language: type.trim() };
    },
    selfClosingText: (tag) => {
      if (tag.name !== "xref") return undefined;
      const target = tag.attributes.get("target");
      return target === undefined ? undefined : `[${target}]`;
    },
    entities: entityTable("xml", doctype === null ? {} : declaredEntities(doctype[1] as string)),
  };
  return readMarkup(path, source, dialect, options);
}
