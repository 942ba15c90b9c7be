/**
 * `@mimi-spec/grammar`: the ABNF toolkit. It parses ABNF as real documents write it (RFC 5234
 * with RFC 7405), checks it, and compiles each rule to an exact matcher: a DFA for regular rules,
 * so every choice of alternatives and repetition counts is honoured (unlike first-match PEG
 * tools), in linear time.
 *
 * May import: `fast-check`. Nothing from other `@mimi-spec` packages.
 *
 * @packageDocumentation
 * @module @mimi-spec/grammar
 */
export type * from "./ast.ts";
export * from "./core-rules.ts";
export * from "./diagnostic.ts";
export * from "./engine/charset.ts";
export * from "./engine/compile.ts";
export * from "./engine/dfa.ts";
export * from "./engine/nfa.ts";
export * from "./engine/regularity.ts";
export * from "./generate/dfa-arbitrary.ts";
export * from "./grammar.ts";
export * from "./parse.ts";
export * from "./runtime/dfa-runtime.ts";
export * from "./source.ts";
