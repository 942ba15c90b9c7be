/**
 * The abstract syntax of ABNF (RFC 5234 with RFC 7405's `%s`/`%i`). Groups and options are
 * desugared on parsing (an option is a repetition `0*1`), but every node keeps the span of the
 * source text it came from, so diagnostics and railroad diagrams can point at it.
 *
 * @module
 */
import type { Span } from "./source.ts";

/** Any element of a rule's right-hand side. */
export type Node =
  | Alternation
  | Concatenation
  | Repetition
  | RuleRef
  | CharString
  | CharSequence
  | CharRange
  | Prose;

/** `a / b / c`: matches when any alternative matches. */
export interface Alternation {
  readonly kind: "alternation";
  readonly alternatives: ReadonlyArray<Node>;
  readonly span: Span;
}

/** `a b c`: the elements one after another. */
export interface Concatenation {
  readonly kind: "concatenation";
  readonly elements: ReadonlyArray<Node>;
  readonly span: Span;
}

/**
 * `min*max element`. `max` is `Infinity` for an unbounded repetition. An option `[x]` is a
 * repetition with `min` 0 and `max` 1 and `option: true`, so printers can show it as written.
 */
export interface Repetition {
  readonly kind: "repetition";
  readonly min: number;
  readonly max: number;
  readonly element: Node;
  readonly option: boolean;
  readonly span: Span;
}

/** A reference to a rule by name. Rule names are case-insensitive (RFC 5234 §2.1). */
export interface RuleRef {
  readonly kind: "ruleref";
  /** The name as written. */
  readonly name: string;
  readonly span: Span;
}

/**
 * A quoted string: `"abc"` (case-insensitive for ASCII letters, RFC 5234 §2.3), `%i"abc"`
 * (the same, explicitly) or `%s"abc"` (case-sensitive, RFC 7405).
 */
export interface CharString {
  readonly kind: "string";
  /** The characters between the quotes. */
  readonly value: string;
  readonly caseSensitive: boolean;
  readonly span: Span;
}

/** A numeric value naming one or more code points in order: `%x41`, `%d13.10`. */
export interface CharSequence {
  readonly kind: "sequence";
  readonly codePoints: ReadonlyArray<number>;
  readonly span: Span;
}

/** A numeric range of code points: `%x41-5A`. `low` may exceed `high` (a diagnostic says so). */
export interface CharRange {
  readonly kind: "range";
  readonly low: number;
  readonly high: number;
  readonly span: Span;
}

/** A prose value `<...>`: text for a human, which no machine can match without a definition. */
export interface Prose {
  readonly kind: "prose";
  readonly text: string;
  readonly span: Span;
}

/** One rule definition as written: `name = ...` or an incremental `name =/ ...`. */
export interface RuleDefinition {
  readonly name: string;
  readonly nameSpan: Span;
  readonly incremental: boolean;
  readonly body: Node;
  /** The whole definition, from the name to the end of its last element. */
  readonly span: Span;
}

/** A parsed ABNF text: its rule definitions in source order. */
export interface RuleList {
  readonly rules: ReadonlyArray<RuleDefinition>;
}
