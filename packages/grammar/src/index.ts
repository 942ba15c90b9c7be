/**
 * `@mimi-spec/grammar`: the ABNF toolkit. It parses ABNF as real documents write it (RFC 5234
 * with RFC 7405), checks it, and compiles each rule to an exact matcher, so every choice of
 * alternatives and repetition counts is honoured (unlike first-match PEG tools): a DFA for
 * regular rules, in linear time; for recursive rules a deterministic descent program where it is
 * proved exact, else an Earley recognizer over DFA leaves. A PEG mode (first match wins, greedy
 * repetitions; not RFC 5234) is an explicit opt-in for predicting what PEG-based tools do.
 *
 * May import: `fast-check`. Nothing from other `@mimi-spec` packages.
 *
 * @packageDocumentation
 * @module @mimi-spec/grammar
 */

export {
  type AnalyzeOptions,
  analyzeGrammar,
  type CheckOptions,
  type CheckResult,
  checkGrammar,
  sortDiagnostics,
} from "./analysis/index.ts";
export type * from "./ast.ts";
export * from "./core-rules.ts";
export * from "./diagnostic.ts";
export * from "./engine/charset.ts";
export * from "./engine/compile.ts";
export type { DescentData } from "./engine/descent/program.ts";
export * from "./engine/dfa.ts";
export * from "./engine/earley/earley-data.ts";
export * from "./engine/earley/leaves.ts";
export * from "./engine/earley/live-rules.ts";
export * from "./engine/earley/translate.ts";
export * from "./engine/nfa.ts";
export * from "./engine/regularity.ts";
export * from "./generate/index.ts";
export * from "./grammar.ts";
export * from "./parse.ts";
export * from "./runtime/descent-runtime.ts";
export * from "./runtime/dfa-runtime.ts";
export * from "./runtime/earley-runtime.ts";
export * from "./sample.ts";
export * from "./source.ts";
