/**
 * Findings for a terminal: `file:line:col: severity[code]: message`, the draft line with a caret
 * under the offending text, the hint, and a closing count.
 *
 * @module
 */
import { countFindings, type Finding } from "../finding.ts";

/** Options for {@link formatText}. */
export interface TextFormatOptions {
  /** Leave out the excerpt and caret lines (one line per finding, for grep and editors). */
  readonly brief?: boolean;
  /** Leave out the closing count line. */
  readonly noSummary?: boolean;
}

/**
 * Renders findings for a terminal. Pure: the same findings give the same text.
 *
 * @example
 * ```ts
 * formatText([{ file: "d.md", line: 3, column: 5, severity: "error", code: "undefined-rule",
 *   message: "rule `x` is used but never defined", excerpt: "a = x" }]);
 * // d.md:3:5: error[undefined-rule]: rule `x` is used but never defined
 * //   |
 * // 3 | a = x
 * //   |     ^
 * // 1 error, 0 warnings, 0 notes
 * ```
 */
export function formatText(findings: ReadonlyArray<Finding>, options: TextFormatOptions = {}): string {
  const out: string[] = [];
  for (const f of findings) {
    out.push(`${f.file}:${f.line}:${f.column}: ${f.severity}[${f.code}]: ${f.message}`);
    if (options.brief === true) continue;
    const gutter = " ".repeat(String(f.line).length);
    if (f.excerpt !== undefined) {
      const chars = [...f.excerpt];
      const width =
        f.endLine === f.line && f.endColumn !== undefined && f.endColumn > f.column
          ? f.endColumn - f.column
          : 1;
      // Tabs in the line stay tabs under it, so the caret lines up however wide a tab is shown.
      const pad = chars
        .slice(0, f.column - 1)
        .map((c) => (c === "\t" ? "\t" : " "))
        .join("");
      const padding = pad + " ".repeat(Math.max(0, f.column - 1 - chars.length));
      out.push(
        `${gutter} |`,
        `${f.line} | ${f.excerpt}`,
        `${gutter} | ${padding}${"^".repeat(Math.max(1, width))}`,
      );
    }
    if (f.hint !== undefined) out.push(`${gutter} = hint: ${f.hint}`);
  }
  if (options.noSummary !== true) out.push(summaryLine(findings));
  return `${out.join("\n")}\n`;
}

/** `2 errors, 1 warning, 0 notes`. */
export function summaryLine(findings: ReadonlyArray<Finding>): string {
  const { errors, warnings, notes } = countFindings(findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notes, "note")}`;
}
