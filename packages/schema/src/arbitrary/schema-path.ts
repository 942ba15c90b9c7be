/**
 * Positions inside a schema, for error messages: `$.content["m.relates_to"]` for a property,
 * `$.prev_events[*]` for every item of an array, `$.tags{key}` / `$.tags{value}` for a record's
 * keys and values, `$.body<2>` for the second member of a union.
 *
 * @module
 */

/** A rendered step into a schema (see the module description for the notation). */
export type SchemaPathSegment = string;

/** A path from the root schema, as rendered steps. */
export type SchemaPath = ReadonlyArray<SchemaPathSegment>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The step into a property (strings that are not identifiers use bracket notation). */
export function propertyStep(name: PropertyKey): SchemaPathSegment {
  if (typeof name === "symbol") return `[${String(name)}]`;
  const text = String(name);
  return IDENTIFIER.test(text) ? `.${text}` : `[${JSON.stringify(text)}]`;
}

/** The step into a tuple element. */
export function elementStep(index: number): SchemaPathSegment {
  return `[${index}]`;
}

/** The step into every item of an array's rest part. */
export const REST_STEP: SchemaPathSegment = "[*]";
/** The step into a record's keys. */
export const KEY_STEP: SchemaPathSegment = "{key}";
/** The step into a record's values. */
export const VALUE_STEP: SchemaPathSegment = "{value}";

/** The step into the `index`-th member (from 1) of a union. */
export function memberStep(index: number): SchemaPathSegment {
  return `<${index + 1}>`;
}

/** The path as text, `$` being the root. */
export function formatSchemaPath(path: SchemaPath): string {
  return `$${path.join("")}`;
}
