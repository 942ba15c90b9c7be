/**
 * A generated page: a typedoc markdown document written into a build directory before typedoc
 * runs. Links between generated pages are relative paths to the markdown files, which typedoc
 * rewrites to the pages' URLs and validates (a missing file or heading anchor fails the build).
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { Slugger } from "typedoc";
import { escapeHtml } from "./html.ts";

/** One generated markdown document. */
export interface SiteDocument {
  /** Its path inside the build directory, with `/` separators (`requirements/CHAT-2.md`). */
  readonly file: string;
  /** The page's name in the site's navigation and search. */
  readonly title: string;
  /** The markdown body (mostly raw HTML blocks). */
  readonly body: string;
  /** The documents shown under this one in the navigation. */
  readonly children?: ReadonlyArray<SiteDocument>;
}

/**
 * The relative path from document `from` to document `to` (both build-directory paths), as
 * typedoc expects in a document: starting with `./` or `../`.
 */
export function relativeDocPath(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), to);
  return path.startsWith("../") ? path : `./${path}`;
}

/**
 * A link from document `from` to document `to`, optionally to a heading on it; `label` is trusted
 * HTML. The anchor must be a heading's slug (see {@link headingSlug}), or typedoc fails the build.
 */
export function docLink(from: string, to: string, label: string, anchor?: string): string {
  const href = relativeDocPath(from, to) + (anchor === undefined ? "" : `#${anchor}`);
  return `<a href="${escapeHtml(href)}">${label}</a>`;
}

/**
 * The anchor typedoc gives a markdown heading with this text, computed by typedoc's own slugger
 * with its default configuration (lower case). A second heading with the same text would get
 * `-1`; callers keep headings unique.
 */
export function headingSlug(text: string): string {
  return new Slugger({ lowercase: true }).slug(text);
}

/** YAML frontmatter plus body. Children are named by their titles (typedoc's object form). */
export function renderDocument(doc: SiteDocument): string {
  const lines = ["---", `title: ${JSON.stringify(doc.title)}`];
  if (doc.children !== undefined && doc.children.length > 0) {
    lines.push("children:");
    for (const child of doc.children)
      lines.push(
        `  ${JSON.stringify(child.title)}: ${JSON.stringify(relativeDocPath(doc.file, child.file))}`,
      );
  }
  lines.push("---", "", doc.body.trimEnd(), "");
  return lines.join("\n");
}

/** Every document of a tree, parents before their children. */
export function flattenDocuments(docs: ReadonlyArray<SiteDocument>): SiteDocument[] {
  return docs.flatMap((d) => [d, ...flattenDocuments(d.children ?? [])]);
}

/**
 * Writes every document of the trees into `dir`; returns the absolute paths of the top-level ones
 * (typedoc's `projectDocuments`: it finds the children through their parents' frontmatter).
 */
export function writeDocuments(dir: string, docs: ReadonlyArray<SiteDocument>): string[] {
  for (const doc of flattenDocuments(docs)) {
    const path = join(dir, doc.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderDocument(doc));
  }
  return docs.map((d) => join(dir, d.file));
}
