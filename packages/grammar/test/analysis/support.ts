/** Shared helpers for the analysis tests: load a grammar text, run the checks, locate findings. */
import { type AnalyzeOptions, analyzeGrammar } from "../../src/analysis/index.ts";
import type { Diagnostic, DiagnosticCode } from "../../src/diagnostic.ts";
import { type Grammar, loadGrammar } from "../../src/grammar.ts";

/** Loads one text named `g.abnf`. */
export function grammarOf(text: string): Grammar {
  return loadGrammar([{ name: "g.abnf", text }]);
}

/** The analysis diagnostics of one text. */
export function analyze(text: string, options: AnalyzeOptions = {}): Diagnostic[] {
  return analyzeGrammar(grammarOf(text), options);
}

/** Only the diagnostics with `code`. */
export function withCode(diagnostics: ReadonlyArray<Diagnostic>, code: DiagnosticCode): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** `line:column` of a diagnostic's start, as `formatDiagnostic` shows it. */
export function at(d: Diagnostic): string {
  const { line, column } = d.source.lineColAt(d.span.start);
  return `${line}:${column}`;
}

/** The source text a diagnostic's span covers. */
export function spanned(d: Diagnostic): string {
  return d.source.text.slice(d.span.start, d.span.end);
}
