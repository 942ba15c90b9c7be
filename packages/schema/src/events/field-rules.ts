/**
 * Rules that span several fields of an event, packaged once for every tool that meets them: the
 * Effect filter runs `issues`; the JSON Schema export gets the same rule as `if`/`then` keywords
 * (`jsonSchema`, given the documents of the schemas it refers to); the fast-check bridge gets a
 * `repair` that turns an event whose fields were generated one by one into one that obeys the
 * rule. Rule sets combine, so a per-type view adds its own rule to its form's.
 *
 * @module
 */
import { Schema } from "effect";
import { type ArbitraryRepair, withArbitraryHint } from "../arbitrary/hints.ts";
import type { JsonSchemaObject } from "../json-schema/to-json-schema.ts";
import type { PathIssue } from "./path-issue.ts";

/** A set of cross-field rules (see the module notes). */
export interface FieldRules {
  /** What a value that passes looks like, for messages and documentation. */
  readonly expected: string;
  /** The problems of an event whose fields are each valid. */
  readonly issues: (event: never) => PathIssue[];
  /** Schemas the JSON Schema form refers to (a state key that must be a user ID, …). */
  readonly schemas: ReadonlyArray<Schema.Top>;
  /** The rules as JSON Schema, given the documents of {@link schemas} in order. */
  readonly jsonSchema: (schemas: ReadonlyArray<JsonSchemaObject>) => JsonSchemaObject;
  /** Why the JSON Schema form is looser than `issues`, when it is (e.g. a byte limit). */
  readonly looser?: string;
  /** How generators make an event obey the rules. */
  readonly repair: ArbitraryRepair;
}

type Issues = (event: unknown) => PathIssue[];
type Apply = (value: unknown, ingredients: ReadonlyArray<unknown>) => unknown;

/**
 * Several rule sets as one: issues in order, JSON Schemas under `allOf`, repairs one after the
 * other (each with its own ingredients).
 */
export function combineRules(expected: string, parts: ReadonlyArray<FieldRules>): FieldRules {
  const offsets: number[] = [];
  let total = 0;
  for (const part of parts) {
    offsets.push(total);
    total += part.schemas.length;
  }
  const ingredientOffsets: number[] = [];
  let ingredients = 0;
  for (const part of parts) {
    ingredientOffsets.push(ingredients);
    ingredients += part.repair.ingredients.length;
  }
  const looser = parts.flatMap((p) => (p.looser === undefined ? [] : [p.looser]));
  return {
    expected,
    issues: ((event: unknown) => parts.flatMap((p) => (p.issues as Issues)(event))) as FieldRules["issues"],
    schemas: parts.flatMap((p) => p.schemas),
    jsonSchema: (schemas) => ({
      allOf: parts.map((p, i) =>
        p.jsonSchema(schemas.slice(offsets[i], (offsets[i] ?? 0) + p.schemas.length)),
      ),
    }),
    ...(looser.length === 0 ? {} : { looser: looser.join("; ") }),
    repair: {
      ingredients: parts.flatMap((p) => p.repair.ingredients),
      apply: ((value: unknown, extra: ReadonlyArray<unknown>) =>
        parts.reduce(
          (current, p, i) =>
            (p.repair.apply as Apply)(
              current,
              extra.slice(ingredientOffsets[i], (ingredientOffsets[i] ?? 0) + p.repair.ingredients.length),
            ),
          value,
        )) as ArbitraryRepair["apply"],
    },
  };
}

/** The rule set as an Effect filter that the JSON Schema export and the generators understand. */
export function rulesFilter(rules: FieldRules) {
  const looser = rules.looser;
  return Schema.makeFilter(rules.issues as (event: object) => PathIssue[], {
    expected: rules.expected,
    representation: {
      id: "mimi/field-rules",
      payload: rules.expected,
      schemas: rules.schemas.map((schema) => schema.ast),
    },
    toJsonSchema: ({ schemas }) => {
      const fragment = rules.jsonSchema(schemas as ReadonlyArray<JsonSchemaObject>);
      return looser === undefined ? fragment : [fragment, true];
    },
    ...withArbitraryHint({ repair: rules.repair }),
  });
}

/**
 * JSON Schema: the object has these keys. Each is also listed under `properties` (accepting
 * anything), which ajv's strict mode asks of every `required` key.
 */
export function hasKeys(...keys: ReadonlyArray<string>): JsonSchemaObject {
  return { required: keys, properties: Object.fromEntries(keys.map((key) => [key, {}])) };
}

/** JSON Schema's `if` / `then` / `else`: when `condition` holds, `then` must; otherwise `otherwise`. */
export function jsonIf(
  condition: JsonSchemaObject,
  then: JsonSchemaObject,
  otherwise?: JsonSchemaObject,
): JsonSchemaObject {
  return {
    if: condition,
    then,
    ...(otherwise === undefined ? {} : { else: otherwise }),
  };
}

/** A shallow copy of `value` with the same own properties (a key `__proto__` stays a plain key). */
export function copyOwn<T extends object>(value: T): Record<string, unknown> {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
}
