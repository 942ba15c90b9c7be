/**
 * Findings as JSON, for tools: the findings as they are, with counts and the exit code.
 *
 * @module
 */
import { countFindings, type Finding, type FindingCounts } from "../finding.ts";

/** The JSON document {@link formatJson} writes. */
export interface JsonReport {
  /** The shape's version: bumped when a field changes meaning. */
  readonly version: 1;
  readonly findings: ReadonlyArray<Finding>;
  readonly summary: FindingCounts;
  readonly exitCode: number;
}

/** Builds the JSON report of findings (the exit code as the check gave it). */
export function jsonReport(findings: ReadonlyArray<Finding>, exitCode: number): JsonReport {
  return { version: 1, findings, summary: countFindings(findings), exitCode };
}

/** Renders findings as pretty-printed JSON, with a final newline. */
export function formatJson(findings: ReadonlyArray<Finding>, exitCode: number): string {
  return `${JSON.stringify(jsonReport(findings, exitCode), null, 2)}\n`;
}
