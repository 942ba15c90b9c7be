/**
 * JSON Schema files for a set of named schemas (`mimi gen json-schema --out DIR`): one
 * `<Name>.schema.json` per schema and an `index.json` listing them with their descriptions and
 * the places where a document is looser than its Effect schema. Output is deterministic: names in
 * code-unit order, keys in a fixed order, two-space indentation and a final newline.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "effect";
import { type Approximation, jsonSchemaOf, type ToJsonSchemaOptions } from "./to-json-schema.ts";

/** Options for {@link renderJsonSchemas} and {@link writeJsonSchemas}. */
export interface RenderJsonSchemasOptions extends ToJsonSchemaOptions {
  /** When set, each document gets `$id` = `baseUri` + its file name (e.g. `https://example.org/schemas/`). */
  readonly baseUri?: string;
}

/** The name of the index file. */
export const JSON_SCHEMA_INDEX_FILE = "index.json";

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** The file name of a schema's document. */
export function jsonSchemaFileName(name: string): string {
  return `${name}.schema.json`;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function render(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function describeApproximations(list: ReadonlyArray<Approximation>): string {
  return `Looser than the Effect schema: ${list.map((a) => `${a.path} (${a.reason})`).join("; ")}.`;
}

/**
 * The file contents for `schemas` by file name (documents first, in name order, then the
 * index). Throws when a name cannot be a file name or a schema has no JSON form.
 */
export function renderJsonSchemas(
  schemas: Readonly<Record<string, Schema.Top>>,
  options: RenderJsonSchemasOptions = {},
): Map<string, string> {
  const files = new Map<string, string>();
  const entries: Array<Record<string, unknown>> = [];
  for (const name of Object.keys(schemas).sort(byCodeUnits)) {
    if (!SAFE_NAME.test(name))
      throw new Error(
        `schema name ${JSON.stringify(name)} cannot be a file name (use letters, digits, _ . -)`,
      );
    const file = jsonSchemaFileName(name);
    const { document, approximations } = jsonSchemaOf(schemas[name] as Schema.Top, options);
    const { $schema, ...rest } = document;
    const full: Record<string, unknown> = {
      $schema,
      ...(options.baseUri === undefined ? {} : { $id: `${options.baseUri}${file}` }),
      ...(approximations.length === 0 ? {} : { $comment: describeApproximations(approximations) }),
      ...rest,
    };
    files.set(file, render(full));
    entries.push({
      name,
      file,
      ...(typeof document.description === "string" ? { description: document.description } : {}),
      exact: approximations.length === 0,
      ...(approximations.length === 0 ? {} : { approximations }),
    });
  }
  files.set(
    JSON_SCHEMA_INDEX_FILE,
    render({
      $comment: "Generated from the Effect schemas of @mimi-spec/schema (mimi gen json-schema). Do not edit.",
      dialect: "https://json-schema.org/draft/2020-12/schema",
      schemas: entries,
    }),
  );
  return files;
}

/**
 * Writes {@link renderJsonSchemas}'s files into `dir` (created if missing) and returns the paths
 * written, documents first and the index last.
 */
export function writeJsonSchemas(
  dir: string,
  schemas: Readonly<Record<string, Schema.Top>>,
  options: RenderJsonSchemasOptions = {},
): string[] {
  const files = renderJsonSchemas(schemas, options);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, text] of files) {
    const path = join(dir, file);
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}
