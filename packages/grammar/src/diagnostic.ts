/**
 * Diagnostics: what is wrong, where (1-based line:col with a caret excerpt), a stable code, and a
 * fix-it hint where one exists.
 *
 * @module
 */
import type { SourceText, Span } from "./source.ts";

/** How bad a finding is. `error` makes `mimi grammar check` exit 1. */
export type Severity = "error" | "warning" | "info";

/** One finding about a grammar, tied to a place in its source. */
export interface Diagnostic {
  /** A stable identifier, e.g. `undefined-rule`; documented in {@link DiagnosticCodes}. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly source: SourceText;
  readonly span: Span;
  /** A suggested fix, e.g. "did you mean `ALPHA`?". */
  readonly hint?: string;
  /** Further places that explain this finding (the other definition, a cycle's members). */
  readonly related?: ReadonlyArray<{
    readonly message: string;
    readonly source: SourceText;
    readonly span: Span;
  }>;
}

/** Every diagnostic code with its default severity and a one-line meaning. */
export const DiagnosticCodes = {
  "syntax-error": { severity: "error", meaning: "the text is not ABNF" },
  "unclosed-group": { severity: "error", meaning: "a `(` or `[` has no matching close" },
  "unterminated-string": {
    severity: "error",
    meaning: "a quoted string or prose value has no closing quote or `>`",
  },
  "invalid-character": { severity: "error", meaning: "a character that ABNF does not allow here" },
  "lf-line-ending": { severity: "info", meaning: "RFC 5234 requires CRLF; a bare LF was accepted" },
  "rulename-underscore": {
    severity: "warning",
    meaning: 'rule names are ALPHA *(ALPHA / DIGIT / "-"); `_` was accepted',
  },
  "incremental-without-base": {
    severity: "error",
    meaning: "`=/` adds to a rule that is never defined with `=`",
  },
  "duplicate-rule": { severity: "error", meaning: "a rule is defined with `=` more than once" },
  "case-variant-names": {
    severity: "warning",
    meaning: "names that differ only in case refer to the same rule",
  },
  "shadows-core-rule": {
    severity: "info",
    meaning: "a rule replaces the RFC 5234 core rule of the same name",
  },
  "undefined-rule": { severity: "error", meaning: "a rule is used but neither defined nor imported" },
  "unused-rule": { severity: "info", meaning: "a rule is defined but nothing refers to it" },
  "unreachable-rule": {
    severity: "warning",
    meaning: "a rule cannot be reached from the chosen start rules",
  },
  "left-recursion": { severity: "warning", meaning: "a rule can reach itself without consuming input" },
  "non-terminating": { severity: "error", meaning: "a rule can never match any finite string" },
  "empty-repetition": {
    severity: "warning",
    meaning: "a repetition of something that can match the empty string",
  },
  "reversed-range": { severity: "error", meaning: "a numeric range whose low end is above its high end" },
  "reversed-repetition": { severity: "error", meaning: "a repetition whose minimum is above its maximum" },
  "prose-value": {
    severity: "warning",
    meaning: "a prose value `<...>` cannot be checked without a definition",
  },
  "non-ascii-string": { severity: "warning", meaning: "a quoted string holds characters outside %x20-7E" },
  "peg-prefix-alternative": {
    severity: "info",
    meaning: "an alternative matches a prefix of a later one: first-match (PEG) parsers reject valid input",
  },
  "peg-greedy-repetition": {
    severity: "info",
    meaning:
      "a repetition is followed by an element it can also match: greedy (PEG) parsers reject valid input",
  },
  "redefined-import": {
    severity: "info",
    meaning: "a definition supplied with --define replaces the grammar's own",
  },
} as const satisfies Record<string, { severity: Severity; meaning: string }>;

/** A stable diagnostic code. */
export type DiagnosticCode = keyof typeof DiagnosticCodes;

/** Builds a diagnostic with the code's default severity. */
export function diagnostic(
  code: DiagnosticCode,
  message: string,
  source: SourceText,
  span: Span,
  extra: { hint?: string; severity?: Severity; related?: Diagnostic["related"] } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? DiagnosticCodes[code].severity,
    message,
    source,
    span,
    ...(extra.hint === undefined ? {} : { hint: extra.hint }),
    ...(extra.related === undefined ? {} : { related: extra.related }),
  };
}

/**
 * Renders a diagnostic for a terminal: `file:line:col: severity[code]: message`, the source line,
 * a caret line under the span (within its first line), and the hint.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const { line, column } = d.source.lineColAt(d.span.start);
  const lineText = d.source.lineTextAt(d.span.start);
  const end = Math.min(d.span.end, d.source.lineStarts[d.source.lineIndexAt(d.span.start) + 1] ?? d.span.end);
  const endCol = d.source.lineColAt(Math.max(end, d.span.start)).column;
  const width = Math.max(1, endCol - column);
  const gutter = String(line).length;
  const out = [
    `${d.source.name}:${line}:${column}: ${d.severity}[${d.code}]: ${d.message}`,
    `${" ".repeat(gutter)} |`,
    `${line} | ${lineText}`,
    `${" ".repeat(gutter)} | ${" ".repeat(column - 1)}${"^".repeat(width)}`,
  ];
  if (d.hint !== undefined) out.push(`${" ".repeat(gutter)} = hint: ${d.hint}`);
  for (const r of d.related ?? []) {
    const at = r.source.lineColAt(r.span.start);
    out.push(`${" ".repeat(gutter)} = note: ${r.message} (${r.source.name}:${at.line}:${at.column})`);
  }
  return out.join("\n");
}

/** A plain-data form of a diagnostic, for `--format json`. */
export interface DiagnosticJson {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint?: string;
}

/** Converts a diagnostic to {@link DiagnosticJson}. */
export function diagnosticToJson(d: Diagnostic): DiagnosticJson {
  const start = d.source.lineColAt(d.span.start);
  const end = d.source.lineColAt(d.span.end);
  return {
    file: d.source.name,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint === undefined ? {} : { hint: d.hint }),
  };
}
