/**
 * One schema's verdict as a sentence, for rules that quote another schema (a `users` key must be
 * a user ID, a member event's state key too) inside their own message.
 *
 * @module
 */
import { Result, Schema, SchemaIssue } from "effect";

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
