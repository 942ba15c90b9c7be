import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  docLink,
  flattenDocuments,
  headingSlug,
  relativeDocPath,
  renderDocument,
  type SiteDocument,
  writeDocuments,
} from "../../src/docs/document.ts";

const child: SiteDocument = { file: "requirements/CHAT-2.md", title: "CHAT-2", body: "# CHAT-2" };
const parent: SiteDocument = {
  file: "traceability.md",
  title: "Requirement traceability",
  body: "x",
  children: [child],
};

describe("relativeDocPath and docLink", () => {
  it("starts with ./ or ../ as typedoc expects", () => {
    expect(relativeDocPath("traceability.md", "requirements/CHAT-2.md")).toBe("./requirements/CHAT-2.md");
    expect(relativeDocPath("requirements/CHAT-2.md", "grammar/identifiers.md")).toBe(
      "../grammar/identifiers.md",
    );
    expect(relativeDocPath("machine/a.md", "machine/b.md")).toBe("./b.md");
    expect(docLink("a.md", "grammar/x.md", "<code>r</code>", "user_id")).toBe(
      '<a href="./grammar/x.md#user_id"><code>r</code></a>',
    );
  });
});

describe("headingSlug", () => {
  it("is typedoc's anchor of a heading", () => {
    expect(headingSlug("user_id")).toBe("user_id");
    expect(headingSlug("ALPHA")).toBe("alpha");
    expect(headingSlug("auth.knock-from-invite")).toBe("authknock-from-invite");
    expect(headingSlug("Core rules used")).toBe("core-rules-used");
  });

  it("depends only on the text (a fresh slugger each time)", () => {
    // A shared slugger would answer `x-1` the second time.
    fc.assert(
      fc.property(fc.string(), (s) => {
        const first = headingSlug(s);
        const again = headingSlug(s);
        return first === again && !/\s/.test(first);
      }),
    );
  });
});

describe("renderDocument and writeDocuments", () => {
  it("writes frontmatter with the title and the children by name", () => {
    const text = renderDocument(parent);
    expect(text).toContain('title: "Requirement traceability"');
    expect(text).toContain('children:\n  "CHAT-2": "./requirements/CHAT-2.md"');
    expect(text.endsWith("x\n")).toBe(true);
  });

  it("writes every document of the tree and returns the top-level paths", () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-docs-doc-"));
    expect(writeDocuments(dir, [parent])).toEqual([join(dir, "traceability.md")]);
    expect(readFileSync(join(dir, "requirements", "CHAT-2.md"), "utf8")).toContain("# CHAT-2");
    expect(flattenDocuments([parent]).map((d) => d.file)).toEqual([
      "traceability.md",
      "requirements/CHAT-2.md",
    ]);
  });
});
