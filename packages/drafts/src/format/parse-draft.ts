/**
 * Reads decoded draft text in whichever format it is in.
 *
 * @module
 */
import { SourceText } from "@mimi-spec/grammar";
import { detectFormat } from "./detect.ts";
import type { DraftFormat, FormatOptions, ParseDraftResult } from "./document.ts";
import { parseHtml } from "./html.ts";
import { parseMarkdown } from "./markdown.ts";
import { parsePlainText } from "./plain-text.ts";
import { parseXml } from "./xml.ts";

/**
 * Reads a draft: detects its format from the content (unless `format` is given) and splits it
 * into code blocks and prose mapped back to the draft.
 *
 * @example
 * ```ts
 * const r = parseDraft("d.md", "# Ids\n\n~~~ abnf\nid = 1*DIGIT\n~~~\n");
 * r.ok && r.document.blocks[0]?.kind; // "abnf"
 * ```
 */
export function parseDraft(
  path: string,
  text: string,
  format?: DraftFormat,
  options: FormatOptions = {},
): ParseDraftResult {
  const source = new SourceText(path, text);
  switch (format ?? detectFormat(text, path).format) {
    case "markdown":
      return parseMarkdown(path, source, options);
    case "xml":
      return parseXml(path, source, options);
    case "html":
      return parseHtml(path, source, options);
    case "text":
      return parsePlainText(path, source, options);
  }
}
