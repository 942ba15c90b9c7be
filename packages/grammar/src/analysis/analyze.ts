/**
 * The static checks of a grammar, and {@link checkGrammar}: load and check in one call.
 *
 * @module
 */
import type { Diagnostic } from "../diagnostic.ts";
import { type Grammar, type GrammarText, type LoadOptions, loadGrammar } from "../grammar.ts";
import { checkGreedyRepetitions, checkPrefixAlternatives } from "./check-peg.ts";
import { checkLeftRecursion, checkNonTerminating } from "./check-recursion.ts";
import {
  checkCaseVariants,
  checkStartRules,
  checkUndefinedRules,
  checkUnusedRules,
} from "./check-references.ts";
import { checkValues } from "./check-values.ts";
import { analysisContext } from "./context.ts";

/** Options for {@link analyzeGrammar}. */
export interface AnalyzeOptions {
  /**
   * The rules the grammar is used through. Given, every grammar rule they cannot reach is an
   * `unreachable-rule`; absent, the first rule is the start and unreferenced rules are `unused-rule`
   * (see `check-references.ts`).
   */
  readonly startRules?: ReadonlyArray<string>;
}

/**
 * Runs every static check on a loaded grammar and returns the findings sorted by
 * {@link sortDiagnostics}. The grammar's own load diagnostics (`grammar.diagnostics`) are not
 * repeated; {@link checkGrammar} returns both.
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: "greeting = helo\nhello = %s\"hello\"\n" }]);
 * analyzeGrammar(g).map((d) => d.code); // ["undefined-rule", "unused-rule"]
 * ```
 */
export function analyzeGrammar(grammar: Grammar, options: AnalyzeOptions = {}): Diagnostic[] {
  const ctx = analysisContext(grammar);
  const found = [
    ...(options.startRules === undefined ? [] : checkStartRules(ctx, options.startRules)),
    ...checkUndefinedRules(ctx),
    ...checkCaseVariants(ctx),
    ...checkUnusedRules(ctx, options.startRules),
    ...checkLeftRecursion(ctx),
    ...checkNonTerminating(ctx),
    ...checkValues(ctx),
    ...checkPrefixAlternatives(ctx),
    ...checkGreedyRepetitions(ctx),
  ];
  return sortDiagnostics(grammar, found);
}

/**
 * Sorts diagnostics by source (in the grammar's order of sources; any other source, such as the
 * `<start rules>` list, after them by name), then by start offset, end offset and code. Stable.
 */
export function sortDiagnostics(grammar: Grammar, diagnostics: ReadonlyArray<Diagnostic>): Diagnostic[] {
  const rank = new Map(grammar.sources.map((s, i) => [s, i]));
  const sourceRank = (d: Diagnostic) => rank.get(d.source) ?? grammar.sources.length;
  return [...diagnostics].sort(
    (a, b) =>
      sourceRank(a) - sourceRank(b) ||
      (sourceRank(a) === grammar.sources.length ? a.source.name.localeCompare(b.source.name) : 0) ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      a.code.localeCompare(b.code),
  );
}

/** Options for {@link checkGrammar}: how to load, and what to check. */
export interface CheckOptions extends LoadOptions, AnalyzeOptions {}

/** What {@link checkGrammar} returns. */
export interface CheckResult {
  readonly grammar: Grammar;
  /** Load and analysis diagnostics together, sorted. */
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  /** How many diagnostics have severity `error`. */
  readonly errorCount: number;
}

/**
 * Loads grammar texts ({@link loadGrammar}) and checks them ({@link analyzeGrammar}).
 *
 * @example
 * ```ts
 * const { errorCount } = checkGrammar([{ name: "g.abnf", text: "a = %x5A-41\n" }]);
 * errorCount; // 1 (reversed-range)
 * ```
 */
export function checkGrammar(texts: ReadonlyArray<GrammarText>, options: CheckOptions = {}): CheckResult {
  const grammar = loadGrammar(texts, options);
  const diagnostics = sortDiagnostics(grammar, [...grammar.diagnostics, ...analyzeGrammar(grammar, options)]);
  return { grammar, diagnostics, errorCount: diagnostics.filter((d) => d.severity === "error").length };
}
