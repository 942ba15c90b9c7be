/**
 * Checks on the keys of a record. Effect's `Record` with a refined key schema silently *drops*
 * keys that fail it; for a power-levels `users` map that would turn a bad entry into a missing
 * one. So records here take any string key, and this filter reports each bad key at its path.
 * The filter names its key schema, so the JSON Schema export writes it as `propertyNames` and the
 * generators draw keys from it.
 *
 * @module
 */
import { Schema, type SchemaAST } from "effect";
import { filtersOf, passes } from "../arbitrary/checks.ts";
import { withArbitraryHint } from "../arbitrary/hints.ts";
import { grammarTestOf } from "../identifiers/grammar-string.ts";
import type { PathIssue } from "./path-issue.ts";
import { schemaProblem } from "./schema-problem.ts";

/** The issues of the keys of `record` that `keyProblem` rejects, each at its own path. */
export function keyIssues(
  record: object,
  keyProblem: (key: string) => string | undefined,
  what: string,
): PathIssue[] {
  const issues: PathIssue[] = [];
  for (const key of Object.keys(record)) {
    const problem = keyProblem(key);
    if (problem !== undefined)
      issues.push({ path: [key], issue: `the key is not a valid ${what}: ${problem}` });
  }
  return issues;
}

/**
 * A test of strings against `schema`. A refined string schema (a grammar string, say) is its
 * checks: keys are strings already, so running the checks directly gives `Schema.is`'s answer
 * without building a parse result per key, and a grammar check runs as its plain test. Other
 * schemas use `Schema.is`.
 */
export function stringGuard(schema: Schema.Decoder<unknown>): (value: string) => boolean {
  const ast = schema.ast;
  if (ast._tag !== "String" || ast.encoding !== undefined) return Schema.is(schema);
  const tests = filtersOf(ast).map(
    (filter) => grammarTestOf(filter) ?? ((value: string) => passes(filter, value, ast)),
  );
  const [first, ...rest] = tests;
  if (first !== undefined && rest.length === 0) return first;
  return (value) => {
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

/** The per-key tests of {@link validKeys} filters, by the filter's `run` (kept by annotations). */
const KEY_TESTS = new WeakMap<object, (key: string) => boolean>();

/**
 * A filter that rejects every key of a record that `keySchema` rejects. `keyProblem` words the
 * message (default: the key schema's own); it must reject exactly what `keySchema` rejects.
 */
export function validKeys(
  keySchema: Schema.Decoder<unknown>,
  what: string,
  keyProblem: (key: string) => string | undefined = (key) => schemaProblem(keySchema, key),
) {
  // Valid keys are the rule: test them with a plain guard, and word a message only for the ones
  // it rejects.
  const isKey = stringGuard(keySchema);
  const problem = (key: string) => (isKey(key) ? undefined : keyProblem(key));
  const filter = Schema.makeFilter((record: object) => keyIssues(record, problem, what), {
    expected: `an object whose keys are ${what}s`,
    representation: { id: "mimi/record-keys", payload: what, schemas: [keySchema.ast] },
    toJsonSchema: ({ schemas: [key] }) => ({ propertyNames: key ?? {} }),
    ...withArbitraryHint({ keys: keySchema }),
  });
  KEY_TESTS.set(filter.run, (key) => problem(key) === undefined);
  return filter;
}

/**
 * The test a {@link validKeys} filter applies to each key, when `filter` is one: the record
 * passes the filter exactly when every own enumerable key passes it. A decoder that walks the
 * keys anyway tests them on the way instead of running the filter, which lists them again.
 */
export function keyTestOf(filter: SchemaAST.Filter<unknown>): ((key: string) => boolean) | undefined {
  return KEY_TESTS.get(filter.run);
}
