/**
 * The text report of a mutation run: the score against the target, a table per file, then every
 * surviving mutant no entry explains (the tests still to write) and every stale entry.
 *
 * @module
 */
import type { SurvivorAccount } from "./equivalents.ts";
import { type Mutant, type MutationScore, mutationScore } from "./report.ts";

/** The score the issue asks of the machine package. */
export const MUTATION_SCORE_TARGET = 90;

const percent = (value: number | undefined): string =>
  value === undefined ? "n/a" : `${value.toFixed(2)} %`;

function scoreLine(score: MutationScore): string {
  const detected = score.killed + score.timedOut;
  const counted = detected + score.survived + score.noCoverage;
  return `${percent(score.score)} (${detected} of ${counted} mutants killed or timed out; ${score.survived} survived, ${score.noCoverage} not covered, ${score.excluded} not counted)`;
}

/** Where a mutant is and what it does, on one line. */
export function describeMutant(mutant: Mutant): string {
  return `${mutant.file}:${mutant.line}:${mutant.column} ${mutant.mutator} → ${JSON.stringify(mutant.replacement)} (${mutant.status})  | ${mutant.sourceLine}`;
}

/** The whole text report. */
export function formatMutationSummary(
  mutants: ReadonlyArray<Mutant>,
  account: SurvivorAccount,
  target = MUTATION_SCORE_TARGET,
): string {
  const score = mutationScore(mutants);
  const lines = [
    `mutation score  ${scoreLine(score)}`,
    `covered score   ${percent(score.coveredScore)}`,
    `target          ${target} %: ${score.score !== undefined && score.score >= target ? "met" : "NOT met"}`,
    `survivors       ${account.explained.length} listed as equivalent, ${account.unexplained.length} unexplained; ${account.stale.length} stale list entr${account.stale.length === 1 ? "y" : "ies"}`,
    "",
    "| file | counted | killed | survived | no coverage | equivalent | score |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const files = [...new Set(mutants.map((m) => m.file))].sort();
  const equivalentIn = new Map<string, number>();
  for (const { mutant } of account.explained)
    equivalentIn.set(mutant.file, (equivalentIn.get(mutant.file) ?? 0) + 1);
  for (const file of files) {
    const s = mutationScore(mutants.filter((m) => m.file === file));
    const counted = s.killed + s.timedOut + s.survived + s.noCoverage;
    if (counted === 0) continue;
    lines.push(
      `| ${file} | ${counted} | ${s.killed + s.timedOut} | ${s.survived} | ${s.noCoverage} | ${equivalentIn.get(file) ?? 0} | ${percent(s.score)} |`,
    );
  }
  if (account.unexplained.length > 0) {
    lines.push("", "Unexplained survivors (kill each with a test, or list it with the reason):");
    for (const m of account.unexplained) lines.push(`  ${describeMutant(m)}`);
  }
  if (account.stale.length > 0) {
    lines.push("", "Stale entries (no surviving mutant matches them any more; remove them):");
    for (const e of account.stale)
      lines.push(`  ${e.file} ${e.mutator} → ${JSON.stringify(e.replacement)} | ${e.line}`);
  }
  return `${lines.join("\n")}\n`;
}
