import { describe, expect, it } from "vitest";
import { checkDraft } from "../../src/check/check-draft.ts";
import { positionOf } from "../support/fixtures.ts";

const GRAMMAR = [
  "~~~ abnf",
  'user-id = "@" 1*%x61-7A ":" server_name',
  'event-id = "$" nested',
  'nested = "a" / "(" nested ")"',
  "~~~",
  "",
].join("\n");

function exampleFindings(prose: string, options = {}) {
  const text = `${GRAMMAR}\n${prose}`;
  const r = checkDraft("d.md", text, options);
  return {
    text,
    findings: r.findings.filter((f) => f.code.startsWith("example") || f.code.includes("example")),
  };
}

describe("checkExamples", () => {
  it("accepts examples the grammar matches, server_name supplied from the identifiers grammar", () => {
    expect(exampleFindings("Example: `@alice:example.org:8448`.\n").findings).toEqual([]);
  });

  it("rejects an example with the parser's explanation, at the first bad character", () => {
    const { text, findings } = exampleFindings("Example: `@al1ce:example.org`.\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: "example-rejected",
      severity: "error",
      ...positionOf(text, "1ce"),
    });
    expect(findings[0]?.message).toContain("unexpected '1' (U+0031) at column 4");
    expect(findings[0]?.endColumn).toBe(positionOf(text, "`.").column);
  });

  it("checks recursive rules too (the context-free engine)", () => {
    expect(exampleFindings("Example: `$((a))`.\n").findings).toEqual([]);
    const { findings } = exampleFindings("Example: `$((a)`.\n");
    expect(findings.map((f) => f.code)).toEqual(["example-rejected"]);
  });

  it("warns when an example the text calls invalid is accepted", () => {
    const { findings } = exampleFindings(
      "The user ID `@bob:example.org` is invalid.\n\nBut `@Bob:example.org` is invalid too.\n",
    );
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["invalid-example-accepted", "warning"]]);
  });

  it("flags an example longer than its kind's limit", () => {
    const long = `@${"a".repeat(260)}:example.org`;
    const { findings } = exampleFindings(`Example: \`${long}\`.\n`);
    expect(findings.map((f) => f.code)).toEqual(["example-too-long"]);
    expect(findings[0]?.message).toContain("at most 255");
  });

  it("checks against another rule when told to", () => {
    const { findings } = exampleFindings("Example: `@x`.\n", { exampleRules: { "@": "nested" } });
    expect(findings.map((f) => f.code)).toEqual(["example-rejected"]);
    expect(findings[0]?.message).toContain("rule `nested`");
  });
});
