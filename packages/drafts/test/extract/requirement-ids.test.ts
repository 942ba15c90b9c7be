import { describe, expect, it } from "vitest";
import { extractDraft } from "../../src/extract/extract-draft.ts";
import { positionOf } from "../support/fixtures.ts";

describe("requirement IDs", () => {
  it("finds CHAT-2, ID-1, HUB-3, SHARING-9, MLSACP-1 and PRIV-1, and not look-alikes", () => {
    const text =
      "This meets CHAT-2 and ID-1 (see HUB-3, SHARING-9).\n\nAlso MLSACP-1; PRIV-1.\n\nNot UUID-1, SHA-256, ID-1a or CHAT-2-3.\n";
    const r = extractDraft("d.md", text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.extraction.requirementIds.map((m) => m.id)).toEqual([
      "CHAT-2",
      "ID-1",
      "HUB-3",
      "SHARING-9",
      "MLSACP-1",
      "PRIV-1",
    ]);
    const sharing = r.extraction.requirementIds[3];
    expect(sharing && { line: sharing.line, column: sharing.column }).toEqual(positionOf(text, "SHARING-9"));
    expect(sharing).toMatchObject({ prefix: "SHARING", number: 9 });
  });

  it("takes other prefixes when asked", () => {
    const r = extractDraft("d.md", "See FOO-12.\n", { requirementPrefixes: ["FOO"] });
    expect(r.ok && r.extraction.requirementIds.map((m) => m.id)).toEqual(["FOO-12"]);
  });
});
