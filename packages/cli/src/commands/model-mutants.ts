/**
 * `mimi model mutants`: accounts for a Stryker run of `@mimi-spec/machine` (`pnpm mutate`). Prints
 * the mutation score against the 90 % target, a table per file, every surviving mutant that
 * `packages/machine/equivalent-mutants.json` does not explain, and every stale entry of that list.
 *
 * @module
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  accountSurvivors,
  formatMutationSummary,
  MUTATION_SCORE_TARGET,
  mutationScore,
  readEquivalents,
  readMutationReport,
} from "@mimi-spec/checker";
import { type Io, readTextFile, UserError } from "../io.ts";

/** Where `pnpm mutate` writes its report. */
export const DEFAULT_MUTATION_REPORT = "reports/mutation/machine.json";
/** The list of surviving mutants no test can kill, each with the reason. */
export const DEFAULT_EQUIVALENTS = "packages/machine/equivalent-mutants.json";

/** Help text of `mimi model mutants`. */
export const modelMutantsUsage = `mimi model mutants [--report FILE] [--equivalents FILE] [--format text|json]

Accounts for a mutation-testing run of the machine (\`pnpm mutate\` writes ${DEFAULT_MUTATION_REPORT}):
the mutation score against the ${MUTATION_SCORE_TARGET} % target, a table per file, every surviving mutant that
${DEFAULT_EQUIVALENTS} does not list with a reason, and every entry of that list no surviving mutant
matches any more. Exit status: 0 target met and every survivor explained, 1 otherwise, 2 an
unusable report or list.`;

/** Runs the command; returns the exit status. */
export function modelMutantsCommand(args: ReadonlyArray<string>, io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      report: { type: "string", default: DEFAULT_MUTATION_REPORT },
      equivalents: { type: "string", default: DEFAULT_EQUIVALENTS },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(`${modelMutantsUsage}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new UserError(`unexpected argument ${positionals[0]}\n\n${modelMutantsUsage}`);
  if (values.format !== "text" && values.format !== "json")
    throw new UserError(`--format must be text or json, not ${values.format}`);
  const report = readMutationReport(readTextFile(resolve(io.cwd, values.report)));
  if (!report.ok) throw new UserError(`${values.report}: ${report.path}: ${report.message}`);
  const list = readEquivalents(readTextFile(resolve(io.cwd, values.equivalents)));
  if (!list.ok) throw new UserError(`${values.equivalents}: ${list.path}: ${list.message}`);
  const account = accountSurvivors(report.mutants, list.equivalents);
  const score = mutationScore(report.mutants);
  const met = score.score !== undefined && score.score >= MUTATION_SCORE_TARGET;
  if (values.format === "json")
    io.out(
      `${JSON.stringify(
        {
          score,
          target: MUTATION_SCORE_TARGET,
          met,
          equivalent: account.explained.map(({ mutant, reason }) => ({ ...mutant, reason })),
          unexplained: account.unexplained,
          stale: account.stale,
        },
        null,
        2,
      )}\n`,
    );
  else io.out(formatMutationSummary(report.mutants, account));
  return met && account.unexplained.length === 0 ? 0 : 1;
}
