/**
 * `mimi validate --schema NAME [FILE]`: checks JSON values, one per line, against a schema and
 * prints one JSON verdict per value.
 *
 * @module
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatJsonPath, parseJson, schemaNames, schemasByName } from "@mimi-spec/schema";
import { Result, Schema, SchemaIssue } from "effect";
import { type Io, readTextFile, UserError } from "../io.ts";

/** Help text of the command. */
export const validateUsage = `mimi validate --schema NAME [FILE]

Reads JSON values, one per line, from FILE or standard input, and prints one JSON line per value:
  {"ok":true,"value":…}   or   {"ok":false,"errors":[{"path":"$…","message":"…"}]}
Blank lines are skipped. Exit status: 0 all valid, 1 some invalid, 2 unusable input.

Schemas: ${schemaNames.join(", ")}`;

/** One error of one value: a JSON path (`$`, `$.sender`, `$[2]`) and a message. */
export interface ValueError {
  readonly path: string;
  readonly message: string;
}

/** The verdict printed for one input line. */
export type LineVerdict =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly errors: ReadonlyArray<ValueError> };

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/** `["content", 0, "body"]` → `$.content[0].body`; keys that are not identifiers are quoted. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return formatJsonPath(path.map((key) => (typeof key === "number" ? key : String(key))));
}

/**
 * Validates one line of text: JSON first, with the safe reader (no prototype pollution, a
 * nesting limit instead of a stack overflow, no silently rounded integers, lone surrogates or
 * duplicate keys), then the schema.
 */
export function validateLine(schema: Schema.Top, line: string): LineVerdict {
  const parsed = parseJson(line);
  if (!parsed.ok) {
    const { error } = parsed;
    const message = `not acceptable JSON at column ${error.column ?? 1} (${error.code}): ${error.message}`;
    return { ok: false, errors: [{ path: error.path, message }] };
  }
  const decoded = Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>)(parsed.value);
  if (Result.isSuccess(decoded)) return { ok: true, value: decoded.success };
  const issues = formatIssues(decoded.failure.issue).issues;
  return {
    ok: false,
    errors: issues.map((i) => ({
      path: jsonPath((i.path ?? []).map((p) => (typeof p === "object" ? p.key : p))),
      message: i.message,
    })),
  };
}

/** Runs the command; returns the exit status. */
export async function validateCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { schema: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(`${validateUsage}\n`);
    return 0;
  }
  if (values.schema === undefined) throw new UserError(`missing --schema NAME\n\n${validateUsage}`);
  const schema = schemasByName[values.schema];
  if (schema === undefined)
    throw new UserError(`unknown schema ${values.schema}; known schemas: ${schemaNames.join(", ")}`);
  if (positionals.length > 1) throw new UserError("give at most one FILE (or none, to read standard input)");
  const file = positionals[0];
  const text =
    file === undefined || file === "-" ? await io.readStdin() : readTextFile(resolve(io.cwd, file));
  let invalid = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const verdict = validateLine(schema, line);
    if (!verdict.ok) invalid++;
    io.out(`${JSON.stringify(verdict)}\n`);
  }
  return invalid > 0 ? 1 : 0;
}
