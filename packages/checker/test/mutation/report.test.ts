import { describe, expect, it } from "vitest";
import { isSurviving, mutationScore, readMutationReport } from "../../src/mutation/report.ts";
import { A, B, entry, report } from "./fixture.ts";

const read = (json: unknown) => readMutationReport(JSON.stringify(json));

describe("readMutationReport", () => {
  it("reads every mutant with its file, place, mutator, replacement, status and trimmed source line", () => {
    const result = read(report);
    if (!result.ok) throw new Error(result.message);
    expect(result.mutants).toHaveLength(6);
    expect(result.mutants[2]).toEqual({
      id: "3",
      file: A,
      line: 2,
      column: 3,
      mutator: "ConditionalExpression",
      replacement: "false",
      status: "Survived",
      sourceLine: "if (x === y) return;",
    });
    expect(result.mutants[5]).toMatchObject({
      file: B,
      sourceLine: "export const b = 2;",
      status: "Survived",
    });
  });

  it("gives an empty replacement when the report leaves it out, and an empty line past the source's end", () => {
    const { replacement: _r, ...noReplacement } = entry("9", "Killed", 7);
    const result = read({ files: { [A]: { source: "one line", mutants: [noReplacement] } } });
    expect(result.ok && result.mutants[0]).toMatchObject({ replacement: "", sourceLine: "" });
  });

  it.each<[string, unknown, string, string]>([
    ["not JSON", "{", "$", "is not JSON"],
    ["not an object", [], "$", "must be an object"],
    ["no files", {}, "$.files", "is missing"],
    ["files not an object", { files: [] }, "$.files", "must be an object"],
    ["a file without source", { files: { [A]: { mutants: [] } } }, `$.files["${A}"].source`, "is missing"],
    [
      "mutants not an array",
      { files: { [A]: { source: "", mutants: {} } } },
      `$.files["${A}"].mutants`,
      "must be an array",
    ],
    [
      "a mutant not an object",
      { files: { [A]: { source: "", mutants: [1] } } },
      `$.files["${A}"].mutants[0]`,
      "must be an object",
    ],
    [
      "an unknown status",
      { files: { [A]: { source: "", mutants: [entry("1", "Dead", 1)] } } },
      `$.files["${A}"].mutants[0].status`,
      'must be one of Killed, Survived, NoCoverage, Timeout, CompileError, RuntimeError, Ignored, Pending, got "Dead"',
    ],
    [
      "a line of 0",
      {
        files: {
          [A]: {
            source: "",
            mutants: [{ ...entry("1", "Killed", 1), location: { start: { line: 0, column: 1 } } }],
          },
        },
      },
      `$.files["${A}"].mutants[0].location.start.line`,
      "must be a positive integer",
    ],
    [
      "no location",
      { files: { [A]: { source: "", mutants: [{ id: "1", mutatorName: "M", status: "Killed" }] } } },
      `$.files["${A}"].mutants[0].location`,
      "is missing",
    ],
    [
      "a numeric replacement",
      { files: { [A]: { source: "", mutants: [{ ...entry("1", "Killed", 1), replacement: 3 }] } } },
      `$.files["${A}"].mutants[0].replacement`,
      "must be a string",
    ],
    [
      "no mutator name",
      { files: { [A]: { source: "", mutants: [{ ...entry("1", "Killed", 1), mutatorName: undefined }] } } },
      `$.files["${A}"].mutants[0].mutatorName`,
      "is missing",
    ],
  ])("refuses %s, saying where", (_label, json, path, message) => {
    const result = typeof json === "string" ? readMutationReport(json) : read(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(path);
    expect(result.message.startsWith(message)).toBe(true);
  });
});

describe("readMutationReport on broken JSON", () => {
  it("says where the syntax breaks, with line and column", () => {
    const result = readMutationReport('{\n  "files": {,}\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^is not JSON \(line 2, column 13\): /u);
  });
});

describe("mutationScore", () => {
  it("counts timeouts as killed and leaves ignored mutants out, as Stryker does", () => {
    const result = read(report);
    if (!result.ok) throw new Error(result.message);
    expect(mutationScore(result.mutants)).toEqual({
      killed: 1,
      timedOut: 1,
      survived: 2,
      noCoverage: 1,
      excluded: 1,
      score: 40,
      coveredScore: 50,
    });
    expect(result.mutants.filter(isSurviving).map((m) => m.id)).toEqual(["3", "4", "6"]);
  });

  it("has no score when no mutant counts", () => {
    expect(mutationScore([])).toMatchObject({ score: undefined, coveredScore: undefined });
  });
});
