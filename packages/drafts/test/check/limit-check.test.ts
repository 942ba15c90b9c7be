import { describe, expect, it } from "vitest";
import { checkLimits, EXPECTED_LIMITS } from "../../src/check/limit-check.ts";
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

  it("checks server names too", () => {
    const [f] = limitFindings("A server name is at most 230 characters.");
    expect(f).toMatchObject({ code: "limit-mismatch", severity: "warning" });
    expect(f?.message).toContain("a server name to 230 characters");
  });

  it("takes a recommended maximum below the limit as agreeing with it, but not one above", () => {
    expect(limitFindings("Server names SHOULD NOT exceed 230 characters.")).toEqual([]);
    expect(limitFindings("Server names SHOULD NOT exceed 300 characters.")[0]?.code).toBe("limit-mismatch");
    expect(limitFindings("Server names MUST NOT exceed 230 characters.")[0]?.code).toBe("limit-mismatch");
  });

  it("compares with the limits it is given instead of its own table", () => {
    const r = extractDraft("d.md", "A user ID is at most 255 characters.");
    if (!r.ok) throw new Error(r.error.message);
    const strict = EXPECTED_LIMITS.map((l) =>
      l.subject === "user_id" ? { ...l, max: 128, source: "a test" } : l,
    );
    const [f] = checkLimits(r.extraction, strict);
    expect(f?.message).toContain("MIMI expects at most 128 characters (a test)");
  });

  it("ignores limits of things MIMI sets no limit for", () => {
    expect(limitFindings("Retry at most 5 times. A nickname is at most 20 characters.")).toEqual([]);
  });
});
