import { posix } from "node:path";
import { REQUIREMENTS } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { flattenDocuments, headingSlug } from "../../src/docs/document.ts";
import { generateSitePages } from "../../src/docs/site-pages.ts";

const repo = new URL("../../../../", import.meta.url).pathname;
const docs = flattenDocuments(generateSitePages(repo));
const byFile = new Map(docs.map((d) => [d.file, d]));

/** The anchors typedoc gives a document: its markdown headings. */
function anchors(body: string): Set<string> {
  return new Set([...body.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingSlug(m[1] as string)));
}

describe("generateSitePages", () => {
  it("builds the matrix, a page per requirement, the grammar, machine and gallery pages", () => {
    expect(docs.map((d) => d.title)).toEqual(
      expect.arrayContaining([
        "Requirement traceability",
        "Grammar",
        "State machines",
        "Counterexample gallery",
      ]),
    );
    for (const entry of REQUIREMENTS) expect(byFile.get(`requirements/${entry.id}.md`)?.title).toBe(entry.id);
  });

  it("links only to generated pages and to headings that exist on them", () => {
    const broken: string[] = [];
    for (const doc of docs) {
      for (const m of doc.body.matchAll(/<a href="(\.{1,2}\/[^"#]*)(?:#([^"]*))?"/g)) {
        const target = posix.normalize(posix.join(posix.dirname(doc.file), m[1] as string));
        const found = byFile.get(target);
        if (found === undefined) broken.push(`${doc.file} -> ${target}`);
        else if (m[2] !== undefined && !anchors(found.body).has(m[2]))
          broken.push(`${doc.file} -> ${target}#${m[2]}`);
      }
      for (const m of doc.body.matchAll(/href="#([^"]*)"/g))
        if (!anchors(doc.body).has(m[1] as string)) broken.push(`${doc.file} -> #${m[1]}`);
    }
    expect(broken).toEqual([]);
  });

  it("has headings that are unique on each page, so anchors are what the links expect", () => {
    for (const doc of docs) {
      const slugs = [...doc.body.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingSlug(m[1] as string));
      expect(new Set(slugs).size, doc.file).toBe(slugs.length);
    }
  });
});
