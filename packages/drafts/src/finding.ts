/**
 * What `mimi check` reports: one finding per problem, tied to a line and column of the draft
 * file itself (not of an extracted block), with a stable code and an optional fix-it hint.
 *
 * @module
 */
import { DiagnosticCodes } from "@mimi-spec/grammar";

/** How bad a finding is. Any `error` makes the check exit 1. */
export type FindingSeverity = "error" | "warning" | "note";

/** One problem found in a draft. Lines and columns are 1-based; columns count code points. */
export interface Finding {
  /** The draft's path as given to the check. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where the offending text ends (exclusive), when it has an extent. */
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: FindingSeverity;
  /** A stable identifier, listed in {@link FindingCodes}. */
  readonly code: string;
  readonly message: string;
  /** The draft line the finding points into, without its line break. */
  readonly excerpt?: string;
  /** A suggested fix. */
  readonly hint?: string;
}

/** The meaning and default severity of a finding code. */
export interface FindingCodeInfo {
  readonly severity: FindingSeverity;
  readonly meaning: string;
}

/** The codes this package adds to the grammar toolkit's own diagnostic codes. */
const DRAFT_CODES = {
  "input-empty": { severity: "error", meaning: "the draft is empty" },
  "input-binary": { severity: "error", meaning: "the draft holds NUL bytes: it is not a text file" },
  "input-invalid-utf8": { severity: "error", meaning: "the draft is not valid UTF-8" },
  "input-too-large": { severity: "error", meaning: "the draft is larger than the check accepts" },
  "unterminated-fence": { severity: "error", meaning: "a code fence is never closed" },
  "unterminated-markup": {
    severity: "error",
    meaning: "an XML or HTML comment, CDATA section, tag or code element is never closed",
  },
  "replacement-character": {
    severity: "warning",
    meaning: "the text holds U+FFFD, a sign that invalid UTF-8 was decoded leniently",
  },
  "no-abnf": { severity: "note", meaning: "no ABNF was found in the draft" },
  "abnf-too-large": { severity: "warning", meaning: "the draft's ABNF is too large to check" },
  "external-source": {
    severity: "note",
    meaning: "an ABNF block refers to an external file, which is not checked",
  },
  "imported-rule": {
    severity: "note",
    meaning: "a rule the draft uses comes from another document in the known-imports table",
  },
  "cited-rule": {
    severity: "note",
    meaning: "a rule the draft uses is not defined, but the draft's text cites where it comes from",
  },
  "repeated-rule": {
    severity: "note",
    meaning: "a rule is defined again with the same text (as in a collected-ABNF appendix)",
  },
  "example-rejected": { severity: "error", meaning: "an example does not match the draft's own grammar" },
  "invalid-example-accepted": {
    severity: "warning",
    meaning: "an example the text calls invalid matches the grammar",
  },
  "example-unchecked": { severity: "note", meaning: "an example could not be checked against its rule" },
  "example-too-long": { severity: "error", meaning: "an example is longer than the limit for its kind" },
  "rule-wider-than-reference": {
    severity: "warning",
    meaning: "a rule accepts a string (shown) that the project's reference grammar rejects",
  },
  "rule-narrower-than-reference": {
    severity: "warning",
    meaning: "a rule rejects a string (shown) that the project's reference grammar accepts",
  },
  "limit-mismatch": {
    severity: "warning",
    meaning: "a stated length limit differs from the one MIMI expects",
  },
  "limit-unit-mismatch": {
    severity: "note",
    meaning: "a stated length limit counts other units than the one MIMI expects",
  },
  "bcp14-boilerplate-missing": {
    severity: "warning",
    meaning: "BCP 14 key words are used without the RFC 8174 boilerplate",
  },
  "extraction-truncated": {
    severity: "note",
    meaning:
      "a draft holds more items of one kind than are extracted (a warning when code blocks were skipped)",
  },
  "findings-truncated": { severity: "note", meaning: "more findings of one code were left out" },
} as const satisfies Record<string, FindingCodeInfo>;

/** A code this package defines (the grammar toolkit's codes are used as they are). */
export type DraftFindingCode = keyof typeof DRAFT_CODES;

/** Every finding code: the grammar toolkit's diagnostics (`info` shown as `note`) and the draft checks. */
export const FindingCodes: Readonly<Record<string, FindingCodeInfo>> = {
  ...Object.fromEntries(
    Object.entries(DiagnosticCodes).map(([code, info]) => [
      code,
      { severity: severityOf(info.severity), meaning: info.meaning },
    ]),
  ),
  ...DRAFT_CODES,
};

/** Maps the grammar toolkit's severity to a finding's (`info` becomes `note`, as SARIF names it). */
export function severityOf(severity: "error" | "warning" | "info"): FindingSeverity {
  return severity === "info" ? "note" : severity;
}

/** Orders findings by file, line, column, then code, so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** How many findings of each severity a list holds. */
export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
}

/** Counts findings by severity. */
export function countFindings(findings: ReadonlyArray<Finding>): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
    else notes++;
  }
  return { errors, warnings, notes };
}
