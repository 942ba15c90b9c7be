/** A small Stryker report, shaped as `pnpm mutate` writes it, for the mutation-accounting tests. */
import { type Mutant, readMutationReport } from "../../src/mutation/report.ts";

export const A = "packages/machine/src/a.ts";
export const B = "packages/machine/src/b.ts";

/** One mutant entry of the report. */
export const entry = (
  id: string,
  status: string,
  line: number,
  mutatorName = "EqualityOperator",
  replacement = "x !== y",
) => ({
  id,
  mutatorName,
  replacement,
  status,
  location: { start: { line, column: 3 }, end: { line, column: 9 } },
});

/** The report: a.ts with one of each counted status and an ignored mutant, b.ts with one survivor. */
export const report = {
  schemaVersion: "2",
  thresholds: { high: 90, low: 80 },
  files: {
    [A]: {
      language: "typescript",
      source: "const a = 1;\n  if (x === y) return;\nreturn a;\n",
      mutants: [
        entry("1", "Killed", 2),
        entry("2", "Timeout", 2, "ConditionalExpression", "true"),
        entry("3", "Survived", 2, "ConditionalExpression", "false"),
        entry("4", "NoCoverage", 3, "StringLiteral", '""'),
        entry("5", "Ignored", 1),
      ],
    },
    [B]: {
      language: "typescript",
      source: "export const b = 2;\n",
      mutants: [entry("6", "Survived", 1, "ArithmeticOperator", "b - 2")],
    },
  },
};

/** The report's mutants, read. */
export const fixtureMutants: ReadonlyArray<Mutant> = (() => {
  const r = readMutationReport(JSON.stringify(report));
  if (!r.ok) throw new Error(r.message);
  return r.mutants;
})();

/** An equivalents-list entry describing the surviving mutant "3" of a.ts. */
export const onA = {
  file: A,
  mutator: "ConditionalExpression",
  replacement: "false",
  line: "if (x === y) return;",
  reason: "r",
};
