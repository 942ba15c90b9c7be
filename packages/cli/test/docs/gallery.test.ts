import { describe, expect, it } from "vitest";
import { galleryDocument, storyHtml, traceDocument } from "../../src/docs/gallery.ts";
import { readSavedTraces } from "../../src/docs/traces.ts";
import { testLinks } from "./support.ts";

const repo = new URL("../../../../", import.meta.url).pathname;
const traces = readSavedTraces(repo);

describe("storyHtml", () => {
  it("links requirement, guard and invariant ids, and escapes the rest", () => {
    const html = storyHtml(
      "  1. <x> rejected by dm.no-add [CHAT-6]\n\n  ✗ dm.unique-per-pair at a.example",
      testLinks(),
      "gallery/t.md",
    );
    expect(html).toContain('<a href="../requirements/CHAT-6.md">CHAT-6</a>');
    expect(html).toContain('{@link @mimi-spec/machine!GUARDS."dm.no-add" | dm.no-add}');
    expect(html).toContain("{@link @mimi-spec/machine!invariants | dm.unique-per-pair}");
    expect(html).toContain("&#60;x&#62;");
    expect(html).toContain("a.example");
    expect(html).not.toContain("\n");
  });
});

describe("the gallery", () => {
  it("numbers every saved trace and gives each a page", () => {
    const doc = galleryDocument(traces, testLinks({ traces: new Set(traces.map((t) => t.path)) }));
    expect(doc.children?.map((c) => c.title)).toEqual(
      traces.map((t, i) => `${i + 1}. ${t.path.replace(/^.*\//, "").replace(/\.json$/, "")}`),
    );
  });

  it("tells a trace as a story and draws its sequence diagram", () => {
    const index = traces.findIndex((t) => t.path === "models/traces/dm-race.json");
    const saved = traces[index];
    if (saved === undefined) throw new Error("dm-race.json is missing");
    const page = traceDocument(saved, index + 1, testLinks()).body;
    expect(page).toContain('<pre class="mimi-story">');
    expect(page).toContain('<pre class="mermaid">sequenceDiagram');
    expect(page).toContain("every expectation held");
    expect(page).toContain('<a href="../requirements/CHAT-2.md">CHAT-2</a>');
  });
});
