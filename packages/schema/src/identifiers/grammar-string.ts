/**
 * Strings defined by a grammar rule: an Effect schema whose check is the generated exact parser
 * plus the prose limits the grammar cannot say (a length cap), with error messages that name the
 * offending character and its column.
 *
 * @module
 */
import { explainFailure, type MatchResult } from "@mimi-spec/grammar/runtime";
import { Schema, type SchemaAST } from "effect";
import { type ArbitraryHint, withArbitraryHint } from "../arbitrary/hints.ts";

/** The annotation key under which a schema records the grammar rule its strings follow. */
export const GRAMMAR_ANNOTATION = "mimi/grammar" as const;

/** Where a grammar-defined string's rule lives. */
export interface GrammarReference {
  /** Repository path of the ABNF file, e.g. `spec/grammar/identifiers.abnf`. */
  readonly file: string;
  /** The rule's ABNF name, e.g. `user_id`. */
  readonly rule: string;
}

/** Options for {@link grammarString}. */
export interface GrammarStringOptions {
  readonly grammar: GrammarReference;
  /** The generated matcher of the rule. */
  readonly match: (input: string) => MatchResult;
  /** The most UTF-16 code units allowed (identifiers are ASCII, so this is also characters). */
  readonly maxLength?: number;
  /** Further checks from the drafts' prose; return a message when the value breaks one. */
  readonly prose?: ReadonlyArray<(value: string) => string | undefined>;
  /**
   * How to generate values when walking the grammar seldom meets the prose checks (default: walk
   * the grammar).
   */
  readonly arbitrary?: ArbitraryHint;
}

/**
 * The failures of `value` against a grammar rule, a length cap and prose checks, as messages; an
 * empty list means valid. Shared by the schema filter and by callers that want plain messages.
 */
export function grammarStringProblems(value: string, options: GrammarStringOptions): string[] {
  const problems: string[] = [];
  const result = options.match(value);
  if (!result.ok) problems.push(`not a valid ${options.grammar.rule}: ${explainFailure(value, result)}`);
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    problems.push(
      `${options.grammar.rule} is ${value.length} characters long; at most ${options.maxLength} are allowed`,
    );
  }
  if (result.ok) {
    for (const check of options.prose ?? []) {
      const message = check(value);
      if (message !== undefined) problems.push(message);
    }
  }
  return problems;
}

/**
 * Whether `value` passes the rule, the length cap and the prose checks: the valid case without
 * building messages (most values are valid, and this runs for every identifier of every event).
 */
export function isGrammarString(value: string, options: GrammarStringOptions): boolean {
  if (options.maxLength !== undefined && value.length > options.maxLength) return false;
  if (!options.match(value).ok) return false;
  for (const check of options.prose ?? []) if (check(value) !== undefined) return false;
  return true;
}

/**
 * The plain tests of grammar filters, by the filter's `run` function, which Effect keeps when a
 * schema is annotated or branded: the filter found on any of those schemas leads here.
 */
const GRAMMAR_TESTS = new WeakMap<object, (value: string) => boolean>();

/**
 * The plain test behind `filter` when it is the check of a {@link grammarString}: the filter's
 * verdict without Effect's issue plumbing. Record key checks and the compiled event decoders use
 * it, once per key or identifier.
 */
export function grammarTestOf(filter: SchemaAST.Filter<unknown>): ((value: string) => boolean) | undefined {
  return GRAMMAR_TESTS.get(filter.run);
}

/** A string schema checked by a grammar rule (see {@link GrammarStringOptions}). */
export function grammarString(options: GrammarStringOptions) {
  const filter = Schema.makeFilter(
    (value: string) => (isGrammarString(value, options) ? undefined : grammarStringProblems(value, options)),
    {
      [GRAMMAR_ANNOTATION]: options.grammar,
      expected: `a ${options.grammar.rule} (${options.grammar.file})`,
      ...(options.arbitrary === undefined ? {} : withArbitraryHint(options.arbitrary)),
    },
  );
  GRAMMAR_TESTS.set(filter.run, (value) => isGrammarString(value, options));
  return Schema.String.pipe(Schema.check(filter));
}
