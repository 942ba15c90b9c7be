/**
 * Which format a draft is in, judged from its content (a `.txt` may hold markdown, a `.xml` may be
 * HTML); the file extension only breaks ties.
 *
 * @module
 */
import type { DraftFormat } from "./document.ts";

/** The format found and the evidence for it, for messages. */
export interface DetectedFormat {
  readonly format: DraftFormat;
  readonly reason: string;
}

const EXTENSIONS: ReadonlyArray<[RegExp, DraftFormat]> = [
  [/\.(md|mkd|markdown)$/i, "markdown"],
  [/\.xml$/i, "xml"],
  [/\.(html?|xhtml)$/i, "html"],
  [/\.txt$/i, "text"],
];

/** How much of the start of a draft is read for detection: formats show themselves early. */
const HEAD = 64 * 1024;

/**
 * Detects a draft's format:
 * - markup whose first element is `<rfc` is RFCXML; `<!DOCTYPE html>` or `<html` is HTML;
 * - otherwise, markdown and xml2rfc text are scored on their signs (front matter, fences,
 *   `#` headings versus form feeds, `[Page N]` footers, `Internet-Draft` headers, three-space
 *   indented paragraphs), and the extension breaks a tie.
 */
export function detectFormat(text: string, path = ""): DetectedFormat {
  const head = text.slice(0, HEAD);
  const byExtension = EXTENSIONS.find(([re]) => re.test(path))?.[1];
  const first = firstElement(head);
  if (first !== undefined) {
    if (first === "rfc") return { format: "xml", reason: "the first element is <rfc>" };
    if (first === "!doctype html" || first === "html")
      return { format: "html", reason: `it starts with <${first === "html" ? "html" : "!DOCTYPE html"}>` };
  }
  // kramdown-rfc front matter at the very start settles it, whatever HTML the text quotes later.
  if (/^---[ \t]*\r?\n(?:.*\r?\n){0,40}?(title|docname)\s*:/.test(head))
    return { format: "markdown", reason: "it starts with kramdown-rfc front matter" };
  if (/<rfc[\s>]/.test(head) && /<\/rfc>|<section[\s>]/.test(text.slice(-HEAD) + head))
    return { format: "xml", reason: "it holds an <rfc> element" };
  if (/<(html|body)[\s>]/i.test(head) || (/<pre[\s>]/i.test(head) && /<\/(p|div|pre)>/i.test(head)))
    return { format: "html", reason: "it holds HTML elements" };

  let markdown = 0;
  let plain = 0;
  const signs: string[] = [];
  if (/^---[ \t]*\r?\n(?:.*\r?\n){0,40}?(title|docname|ipr|cat|stand_alone)\s*:/.test(head)) {
    markdown += 3;
    signs.push("YAML front matter");
  }
  if (/^--- (abstract|middle|back)\b/m.test(head) || /^--- (middle|back)\b/m.test(text.slice(-HEAD * 4))) {
    markdown += 3;
    signs.push("kramdown-rfc section markers");
  }
  if (/^ {0,3}(```|~~~)/m.test(head)) {
    markdown += 2;
    signs.push("code fences");
  }
  if (/^#{1,6} \S/m.test(head)) {
    markdown += 2;
    signs.push("# headings");
  }
  if (/\{\{[!?]?[A-Za-z][^}\n]*\}\}|\{::boilerplate/.test(head)) {
    markdown += 2;
    signs.push("kramdown-rfc references");
  }
  if (text.includes("\f")) {
    plain += 3;
    signs.push("form feeds");
  }
  if (/\[Page \d+\][ \t]*$/m.test(head)) {
    plain += 3;
    signs.push("page footers");
  }
  if (/^(Internet-Draft|Network Working Group|Internet Engineering Task Force)\b/m.test(head)) {
    plain += 2;
    signs.push("an xml2rfc header");
  }
  if (/^Status of (This|this) Memo\s*$/m.test(head)) {
    plain += 2;
    signs.push("a rendered boilerplate heading");
  }
  const indented = (head.match(/^ {3}\S/gm) ?? []).length;
  const flush = (head.match(/^[A-Za-z(]/gm) ?? []).length;
  if (indented > 10 && indented > flush * 2) {
    plain += 1;
    signs.push("three-space indented paragraphs");
  }
  if (markdown > plain) return { format: "markdown", reason: `markdown: ${signs.join(", ")}` };
  if (plain > markdown) return { format: "text", reason: `plain text: ${signs.join(", ")}` };
  if (byExtension !== undefined) return { format: byExtension, reason: `the file extension of ${path}` };
  return { format: "text", reason: "no format-specific signs; read as plain text" };
}

/** The name of the first element (`rfc`, `html`, `!doctype html`) after the XML prolog, if any. */
function firstElement(head: string): string | undefined {
  let i = 0;
  for (;;) {
    while (i < head.length && /\s/.test(head[i] as string)) i++;
    if (head.startsWith("<?", i)) {
      const end = head.indexOf("?>", i);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (head.startsWith("<!--", i)) {
      const end = head.indexOf("-->", i);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (/^<!doctype\s+html/i.test(head.slice(i, i + 20))) {
      return "!doctype html";
    } else if (/^<!doctype/i.test(head.slice(i, i + 10))) {
      const m = /^<!doctype\s+([A-Za-z]+)/i.exec(head.slice(i, i + 40));
      if (m?.[1]?.toLowerCase() === "rfc") return "rfc";
      const end = head.indexOf(">", i);
      const bracket = head.indexOf("[", i);
      const close = bracket >= 0 && bracket < end ? head.indexOf("]>", bracket) : end;
      if (close < 0) return undefined;
      i = close + (bracket >= 0 && bracket < end ? 2 : 1);
    } else if (head[i] === "<") {
      const m = /^<([A-Za-z][-A-Za-z0-9_:.]*)/.exec(head.slice(i, i + 64));
      return m?.[1]?.toLowerCase();
    } else {
      return undefined;
    }
  }
}
