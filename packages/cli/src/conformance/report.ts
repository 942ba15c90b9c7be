/**
 * The runner's report as text (a per-vector table, the differences of each failing vector, a
 * summary by status and by request type, and the output the runner skipped) or as JSON.
 *
 * @module
 */
import type { Mismatch } from "./compare.ts";
import {
  CASE_STATUSES,
  type CaseResult,
  type CaseStatus,
  type ConformanceReport,
  reportFailed,
} from "./runner.ts";

/** How each status is shown in the table: failures in capitals, so they stand out and grep well. */
const STATUS_LABEL: Readonly<Record<CaseStatus, string>> = {
  pass: "pass",
  fail: "FAIL",
  unsupported: "unsupported",
  timeout: "TIMEOUT",
  crash: "CRASH",
  "not-run": "NOT-RUN",
};

const STATUS_WORDS: Readonly<Record<CaseStatus, string>> = {
  pass: "passed",
  fail: "failed",
  unsupported: "unsupported",
  timeout: "timed out",
  crash: "crashed",
  "not-run": "not run",
};

const MAX_VALUE = 300;

/** A value as compact JSON, shortened for the table. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= MAX_VALUE ? text : `${text.slice(0, MAX_VALUE)}… (${text.length} characters)`;
}

function mismatchLines(m: Mismatch): string[] {
  const lines = [`      ${m.field}: expected ${showValue(m.expected)}, got ${showValue(m.actual)}`];
  if (m.note !== undefined) lines.push(`        (${m.note})`);
  return lines;
}

/** One table row and, for a failure, the lines under it. */
export function formatResult(r: CaseResult): string[] {
  const lines = [`${STATUS_LABEL[r.status].padEnd(12)} ${r.id}`];
  if (r.detail !== undefined) lines.push(`      ${r.detail}`);
  for (const m of r.mismatches ?? []) lines.push(...mismatchLines(m));
  return lines;
}

/** The summary lines. */
export function formatSummary(report: ConformanceReport, requireAll = false): string[] {
  const total = report.results.length;
  const parts = CASE_STATUSES.filter((s) => s === "pass" || report.counts[s] > 0).map(
    (s) => `${report.counts[s]} ${STATUS_WORDS[s]}`,
  );
  const lines = [`summary: ${total} vectors: ${parts.join(", ")} (${(report.ms / 1000).toFixed(1)} s)`];
  const types = [...new Set(report.results.map((r) => r.type))];
  for (const type of types) {
    const of = report.results.filter((r) => r.type === type);
    const passed = of.filter((r) => r.status === "pass").length;
    const unsupported = of.filter((r) => r.status === "unsupported").length;
    lines.push(
      `  ${type.padEnd(11)} ${passed}/${of.length} passed${unsupported > 0 ? `, ${unsupported} unsupported` : ""}`,
    );
  }
  const { noise } = report;
  const notes: string[] = [];
  if (report.starts > 1) notes.push(`started ${report.starts} times`);
  if (noise.garbageLines > 0)
    notes.push(
      `skipped ${noise.garbageLines} stdout line(s) that were no response (first: ${noise.samples.map((s) => JSON.stringify(s)).join(", ")})`,
    );
  if (noise.stderrBytes > 0) notes.push(`${noise.stderrBytes} byte(s) on stderr (ignored)`);
  if (notes.length > 0) lines.push(`implementation: ${notes.join("; ")}`);
  lines.push(`result: ${reportFailed(report, requireAll) ? "FAILED" : "passed"}`);
  return lines;
}

/** The text report. With `failuresOnly`, passing and unsupported rows are left out of the table. */
export function formatReportText(
  report: ConformanceReport,
  options: { requireAll?: boolean; failuresOnly?: boolean } = {},
): string {
  const impl = report.implementation;
  const lines = [
    `mimi conformance: ${report.command}`,
    `implementation: ${impl === undefined ? "(no successful handshake)" : `${impl.name}${impl.version === undefined ? "" : ` ${impl.version}`} (protocol ${impl.protocol})`}`,
    "",
    `${"STATUS".padEnd(12)} VECTOR`,
  ];
  for (const r of report.results) {
    if (options.failuresOnly === true && (r.status === "pass" || r.status === "unsupported")) continue;
    lines.push(...formatResult(r));
  }
  lines.push("", ...formatSummary(report, options.requireAll ?? false));
  return `${lines.join("\n")}\n`;
}

/** The JSON report. */
export function formatReportJson(report: ConformanceReport, requireAll = false): string {
  return `${JSON.stringify({ ...report, failed: reportFailed(report, requireAll) }, null, 2)}\n`;
}
