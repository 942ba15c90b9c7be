/**
 * `mimi gen json-schema|types --out DIR`: implementer outputs from the schemas: JSON Schema
 * 2020-12 documents (one per schema, plus an index), or standalone TypeScript declarations.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateTypeDeclarations, type JsonSchemaNode } from "@mimi-spec/codegen";
import {
  JSON_SCHEMA_INDEX_FILE,
  renderJsonSchemas,
  schemasByName,
  writeJsonSchemas,
} from "@mimi-spec/schema";
import { type Io, UserError } from "../io.ts";

/** Help text of the command. */
export const genUsage = `mimi gen <json-schema|types> --out DIR

  mimi gen json-schema --out DIR   JSON Schema 2020-12: DIR/<Name>.schema.json for every schema, and DIR/index.json
  mimi gen types --out DIR         DIR/mimi-types.d.ts: the wire types of every schema, with no imports

Both cover every schema \`mimi validate --schema\` knows; output is deterministic.`;

/** The declarations text for every schema (also used by tests). */
export function typeDeclarations(): string {
  const documents = new Map<string, JsonSchemaNode>();
  for (const [file, text] of renderJsonSchemas(schemasByName)) {
    if (file === JSON_SCHEMA_INDEX_FILE) continue;
    documents.set(file.replace(/\.schema\.json$/, ""), JSON.parse(text) as JsonSchemaNode);
  }
  return generateTypeDeclarations(documents);
}

/** Runs the command; returns the exit status. */
export async function genCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const [what, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (what === undefined || what === "--help" || what === "-h" || values.help === true) {
    io.out(`${genUsage}\n`);
    return 0;
  }
  if (what !== "json-schema" && what !== "types")
    throw new UserError(`unknown output \`${what}\`\n\n${genUsage}`);
  if (values.out === undefined || values.out === "") throw new UserError("missing --out DIR");
  const out = resolve(io.cwd, values.out);
  mkdirSync(out, { recursive: true });
  if (what === "json-schema") {
    writeJsonSchemas(out, schemasByName);
    io.out(
      `wrote ${Object.keys(schemasByName).length} JSON Schema documents and ${JSON_SCHEMA_INDEX_FILE} to ${out}\n`,
    );
  } else {
    writeFileSync(join(out, "mimi-types.d.ts"), typeDeclarations());
    io.out(`wrote ${join(out, "mimi-types.d.ts")}\n`);
  }
  return 0;
}
