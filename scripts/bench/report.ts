/**
 * Renders benchmark results as markdown: one throughput table per suite with ratios to ours, the
 * targets with their verdicts, and every wrong verdict on the hand-labelled cases.
 *
 * @module
 */
import { formatNumber, type SuiteResult } from "./results.ts";

/** The whole markdown report. */
export function markdownReport(suites: ReadonlyArray<SuiteResult>, header: ReadonlyArray<string>): string {
  const out: string[] = ["# Grammar benchmark", "", ...header, ""];
  for (const suite of suites) out.push(...suiteSection(suite));
  return out.join("\n");
}

function suiteSection(suite: SuiteResult): string[] {
  const out = [`## ${suite.name}`, "", `Grammar: \`${suite.grammar}\``, ""];
  out.push(
    "| workload | peer | inputs/s | MB/s | ours ÷ peer | warm-up, rounds × iterations | accepted | ≠ ours |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const w of suite.workloads) {
    const ours = w.results[0]?.inputsPerSecond;
    for (const r of w.results) {
      if (r.unavailable !== undefined) {
        out.push(`| ${w.workload} | ${r.peer} | unavailable: ${escapeCell(r.unavailable)} | | | | | |`);
        continue;
      }
      const ratio =
        ours !== undefined && r.inputsPerSecond !== undefined ? ours / r.inputsPerSecond : Number.NaN;
      const differ = r.disagreeWithOurs ?? 0;
      const errors = r.errors ?? 0;
      out.push(
        `| ${w.workload} | ${r.peer}${r.note === undefined ? "" : ` (${r.note})`} | ${formatNumber(r.inputsPerSecond ?? Number.NaN)} | ${(r.megabytesPerSecond ?? Number.NaN).toFixed(2)} | ${ratio.toFixed(2)}× | ${((r.warmupMs ?? 0) / 1000).toFixed(1)} s, ${r.rounds} × ${r.iterationsPerRound} | ${r.accepted}/${w.inputs} | ${differ}${errors > 0 ? ` (${errors} errors)` : ""} |`,
      );
    }
  }
  const differing = suite.workloads.flatMap((w) =>
    w.results
      .filter((r) => (r.disagreeWithOurs ?? 0) > 0)
      .map(
        (r) =>
          `- ${w.workload}, ${r.peer}: ${r.disagreeWithOurs} verdicts differ from ours, e.g. ${(r.disagreeExamples ?? []).map((e) => `\`${escapeCell(visible(e))}\``).join(", ")}`,
      ),
  );
  if (differing.length > 0) out.push("", "Corpus inputs judged differently from ours:", "", ...differing);
  out.push("", "| target | ours ÷ peer | needs | met |", "| --- | ---: | ---: | :---: |");
  for (const t of suite.targets) {
    out.push(
      `| ${t.description} | ${t.ratio.toFixed(2)}× | ≥ ${t.atLeast.toFixed(2)}× | ${t.met ? "yes" : "**no**"} |`,
    );
  }
  out.push("", "Hand-labelled cases:", "");
  for (const score of suite.cases) {
    const skipped = score.skipped > 0 ? ` (${score.skipped} cases of other rules skipped)` : "";
    out.push(`- ${score.peer}: ${score.cases - score.wrong.length}/${score.cases} right${skipped}`);
  }
  const wrong = suite.cases.flatMap((s) => s.wrong);
  if (wrong.length > 0) {
    out.push(
      "",
      "Wrong verdicts:",
      "",
      "| peer | rule | input | label | got | why (label) |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const w of wrong) {
      out.push(
        `| ${w.peer} | ${w.rule} | \`${escapeCell(visible(w.input))}\` | ${w.expected ? "valid" : "invalid"} | ${escapeCell(w.got)} | ${escapeCell(w.why)} |`,
      );
    }
  }
  if (suite.notes.length > 0) out.push("", "Notes:", "", ...suite.notes.map((n) => `- ${n}`));
  out.push("");
  return out;
}

/** Shows control characters and keeps long inputs readable in a table cell. */
function visible(input: string): string {
  const shown = JSON.stringify(input).slice(1, -1);
  return shown.length > 70 ? `${shown.slice(0, 67)}...` : shown === "" ? "(empty)" : shown;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/`/g, "'").replace(/\n/g, " ");
}
