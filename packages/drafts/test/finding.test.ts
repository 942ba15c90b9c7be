import { DiagnosticCodes } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { compareFindings, countFindings, type Finding, FindingCodes, severityOf } from "../src/finding.ts";

describe("finding codes", () => {
  it("include every grammar toolkit code, `info` shown as `note`", () => {
    for (const [code, info] of Object.entries(DiagnosticCodes)) {
      expect(FindingCodes[code]).toEqual({ severity: severityOf(info.severity), meaning: info.meaning });
    }
    expect(severityOf("info")).toBe("note");
    expect(Object.values(FindingCodes).every((c) => ["error", "warning", "note"].includes(c.severity))).toBe(
      true,
    );
  });

  it("sort by file, line, column and code, and count by severity", () => {
    const f = (
      file: string,
      line: number,
      column: number,
      code: string,
      severity: Finding["severity"],
    ): Finding => ({
      file,
      line,
      column,
      code,
      severity,
      message: "",
    });
    const list = [
      f("b", 1, 1, "x", "note"),
      f("a", 2, 1, "x", "error"),
      f("a", 1, 5, "y", "warning"),
      f("a", 1, 5, "x", "error"),
    ];
    expect(list.sort(compareFindings).map((x) => `${x.file}${x.line}${x.column}${x.code}`)).toEqual([
      "a15x",
      "a15y",
      "a21x",
      "b11x",
    ]);
    expect(countFindings(list)).toEqual({ errors: 2, warnings: 1, notes: 1 });
  });
});
