/**
 * Checks on the keys of a record. Effect's `Record` with a refined key schema silently *drops*
 * keys that fail it; for a power-levels `users` map that would turn a bad entry into a missing
 * one. So records here take any string key, and this filter reports each bad key at its path.
 *
 * @module
 */
import { Result, Schema, SchemaIssue } from "effect";

/** The issues of the keys of `record` that `keyProblem` rejects, each at its own path. */
export function keyIssues(
  record: object,
  keyProblem: (key: string) => string | undefined,
  what: string,
): Schema.FilterIssue[] {
  const issues: Schema.FilterIssue[] = [];
  for (const key of Object.keys(record)) {
    const problem = keyProblem(key);
    if (problem !== undefined) issues.push({ path: [key], issue: `the key is not a valid ${what}: ${problem}` });
  }
  return issues;
}

/** A filter that rejects every key of a record that `keyProblem` rejects. */
export function validKeys(keyProblem: (key: string) => string | undefined, what: string) {
  return Schema.makeFilter((record: object) => keyIssues(record, keyProblem, what), {
    expected: `an object whose keys are ${what}s`,
  });
}

/** The messages of a schema issue, for quoting one schema's verdict inside another's message. */
const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1();

/** What `schema` finds wrong with `value`, as one message, or `undefined` when it is valid. */
export function schemaProblem(schema: Schema.Decoder<unknown>, value: unknown): string | undefined {
  const result = Schema.decodeUnknownResult(schema)(value);
  if (Result.isSuccess(result)) return undefined;
  return formatIssue(result.failure.issue)
    .issues.map((i) => i.message)
    .join("; ");
}
