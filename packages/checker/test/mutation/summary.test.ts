import { describe, expect, it } from "vitest";
import { accountSurvivors } from "../../src/mutation/equivalents.ts";
import { describeMutant, formatMutationSummary } from "../../src/mutation/summary.ts";
import { fixtureMutants, onA } from "./fixture.ts";

const mutants = fixtureMutants;

describe("formatMutationSummary", () => {
  it("prints the score against the target, a row per file, the unexplained survivors and stale entries", () => {
    const account = accountSurvivors(mutants, [onA, { ...onA, line: "gone();" }]);
    expect(formatMutationSummary(mutants, account)).toBe(
      [
        "mutation score  40.00 % (2 of 5 mutants killed or timed out; 2 survived, 1 not covered, 1 not counted)",
        "covered score   50.00 %",
        "target          90 %: NOT met",
        "survivors       1 listed as equivalent, 2 unexplained; 1 stale list entry",
        "",
        "| file | counted | killed | survived | no coverage | equivalent | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| packages/machine/src/a.ts | 4 | 2 | 1 | 1 | 1 | 50.00 % |",
        "| packages/machine/src/b.ts | 1 | 0 | 1 | 0 | 0 | 0.00 % |",
        "",
        "Unexplained survivors (kill each with a test, or list it with the reason):",
        '  packages/machine/src/a.ts:3:3 StringLiteral → "\\"\\"" (NoCoverage)  | return a;',
        '  packages/machine/src/b.ts:1:3 ArithmeticOperator → "b - 2" (Survived)  | export const b = 2;',
        "",
        "Stale entries (no surviving mutant matches them any more; remove them):",
        '  packages/machine/src/a.ts ConditionalExpression → "false" | gone();',
        "",
      ].join("\n"),
    );
  });

  it("says the target is met at exactly the target, and leaves out files with no counted mutant", () => {
    const ignoredOnly = mutants.filter((m) => m.status === "Ignored");
    const killed = mutants.filter((m) => m.status === "Killed");
    const text = formatMutationSummary(
      [...killed, ...ignoredOnly],
      { explained: [], unexplained: [], stale: [] },
      100,
    );
    expect(text).toContain("target          100 %: met");
    expect(text).toContain("survivors       0 listed as equivalent, 0 unexplained; 0 stale list entries");
    expect(text.split("\n").filter((l) => l.startsWith("| packages/"))).toEqual([
      "| packages/machine/src/a.ts | 1 | 1 | 0 | 0 | 0 | 100.00 % |",
    ]);
    expect(describeMutant(killed[0] as (typeof mutants)[number])).toBe(
      'packages/machine/src/a.ts:2:3 EqualityOperator → "x !== y" (Killed)  | if (x === y) return;',
    );
  });
});
