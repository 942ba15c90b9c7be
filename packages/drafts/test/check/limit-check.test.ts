import { describe, expect, it } from "vitest";
import { checkLimits } from "../../src/check/limit-check.ts";
import { extractDraft } from "../../src/extract/extract-draft.ts";

function limitFindings(text: string) {
  const r = extractDraft("d.md", text);
  if (!r.ok) throw new Error(r.error.message);
  return checkLimits(r.extraction);
}

describe("checkLimits", () => {
  it("is quiet when stated limits match MIMI's", () => {
    expect(
      limitFindings(
        "User IDs and room IDs are at most 255 characters. An event MUST NOT exceed 65536 bytes.",
      ),
    ).toEqual([]);
  });

  it("warns on a different number, for each subject it applies to", () => {
    const found = limitFindings("Room IDs and user IDs are at most 127 characters.");
    expect(found.map((f) => [f.code, f.severity])).toEqual([
      ["limit-mismatch", "warning"],
      ["limit-mismatch", "warning"],
    ]);
    expect(found[0]?.message).toContain("a room ID to 127 characters");
  });

  it("notes the right number in the wrong unit", () => {
    const [f] = limitFindings("A user ID MUST NOT exceed 255 bytes.");
    expect(f).toMatchObject({ code: "limit-unit-mismatch", severity: "note" });
  });

  it("ignores limits of things MIMI sets no limit for", () => {
    expect(limitFindings("Retry at most 5 times. A nickname is at most 20 characters.")).toEqual([]);
  });
});
