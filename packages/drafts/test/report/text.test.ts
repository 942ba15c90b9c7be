import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/finding.ts";
import { formatText, summaryLine } from "../../src/report/text.ts";

const finding: Finding = {
  file: "draft.md",
  line: 12,
  column: 5,
  endLine: 12,
  endColumn: 8,
  severity: "error",
  code: "undefined-rule",
  message: "rule `foo` is used but never defined",
  excerpt: "a = foo bar",
  hint: "define it",
};

describe("formatText", () => {
  it("writes file:line:col: severity[code]: message, the line, a caret under the span and the hint", () => {
    expect(formatText([finding])).toBe(
      [
        "draft.md:12:5: error[undefined-rule]: rule `foo` is used but never defined",
        "   |",
        "12 | a = foo bar",
        "   |     ^^^",
        "   = hint: define it",
        "1 error, 0 warnings, 0 notes",
        "",
      ].join("\n"),
    );
  });

  it("keeps tabs under tabs so the caret lines up, and writes one line per finding when brief", () => {
    const tabbed = { ...finding, excerpt: "\ta =\tfoo", column: 6, endColumn: 9 };
    expect(formatText([tabbed], { noSummary: true }).split("\n")[3]).toBe("   | \t   \t^^^");
    expect(formatText([finding, { ...finding, severity: "note", line: 13 }], { brief: true })).toBe(
      "draft.md:12:5: error[undefined-rule]: rule `foo` is used but never defined\n" +
        "draft.md:13:5: note[undefined-rule]: rule `foo` is used but never defined\n" +
        "1 error, 0 warnings, 1 note\n",
    );
  });

  it("counts by severity", () => {
    expect(summaryLine([])).toBe("0 errors, 0 warnings, 0 notes");
    expect(
      summaryLine([finding, { ...finding, severity: "warning" }, { ...finding, severity: "warning" }]),
    ).toBe("1 error, 2 warnings, 0 notes");
  });
});
