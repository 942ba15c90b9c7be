import { describe, expect, it } from "vitest";
import { checkDraft } from "../../src/check/check-draft.ts";
import { formatJson } from "../../src/report/json.ts";
import { fixtureBytes } from "../support/fixtures.ts";

describe("formatJson", () => {
  it("round-trips the findings with counts and the exit code", () => {
    const r = checkDraft("broken.md", fixtureBytes("broken.md"));
    const parsed = JSON.parse(formatJson(r.findings, r.exitCode));
    expect(parsed.version).toBe(1);
    expect(parsed.exitCode).toBe(1);
    expect(parsed.findings).toEqual(r.findings);
    expect(parsed.summary.errors).toBe(r.findings.filter((f) => f.severity === "error").length);
  });
});
