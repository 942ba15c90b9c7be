/**
 * JSON Schema (draft 2020-12) of an Effect schema's Encoded side: the JSON a peer puts on the
 * wire. Grammar-annotated strings get a `pattern` converted from their ABNF rule plus the prose
 * limits of {@link GRAMMAR_PROSE_LIMITS}; Effect's built-in checks contribute the fragments they
 * declare (`toJsonSchema` annotations); descriptions, titles and examples come from annotations.
 * Schemas with an `identifier` annotation become `$defs` entries referenced with `$ref`.
 *
 * Exactness: on JSON values (what `JSON.parse` returns) the document accepts exactly what the
 * schema decodes, except where {@link JsonSchemaResult.approximations} lists a looser spot: a
 * custom filter with no JSON Schema form, a length check on strings that may hold astral
 * characters (Effect counts UTF-16 units, JSON Schema code points), and the like. A document is
 * never stricter than the schema: where a key pattern would have to be loose, no constraint is
 * emitted at all.
 *
 * Own walker rather than Effect's `toStandardJSONSchemaV1`: that one describes Effect's JSON
 * codec (numbers may be the strings "NaN"/"Infinity") rather than the schema's own Encoded
 * side, exports `minLength` n as ⌈n/2⌉, and cannot see grammar annotations.
 *
 * @module
 */
import { type Schema, SchemaAST } from "effect";
import {
  constraintsOf,
  describeFilter,
  type Filter,
  filtersOf,
  grammarReferenceOf,
  representationIdOf,
} from "../arbitrary/checks.ts";
import { defaultGrammarRegistry, type GrammarRegistry } from "../arbitrary/grammar-registry.ts";
import {
  elementStep,
  formatSchemaPath,
  KEY_STEP,
  memberStep,
  propertyStep,
  REST_STEP,
  type SchemaPath,
  VALUE_STEP,
} from "../arbitrary/schema-path.ts";
import type { GrammarReference } from "../identifiers/grammar-string.ts";
import { ruleToRegExp } from "./abnf-regex.ts";
import { GRAMMAR_PROSE_LIMITS, type GrammarProseLimits, proseLimitsKey } from "./prose-limits.ts";

/** A JSON Schema object (draft 2020-12). */
export type JsonSchemaObject = { [keyword: string]: unknown };

/** The draft this module writes. */
export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** A place where the document accepts more than the Effect schema. */
export interface Approximation {
  /** Where, e.g. `$.content.body`. */
  readonly path: string;
  /** What is left out. */
  readonly reason: string;
}

/** A JSON Schema document and the places where it is looser than the Effect schema. */
export interface JsonSchemaResult {
  readonly document: JsonSchemaObject;
  readonly approximations: ReadonlyArray<Approximation>;
}

/** Options for {@link toJsonSchema}. */
export interface ToJsonSchemaOptions {
  /** Where grammar-annotated strings find their rules (default: this repository's `spec/grammar`). */
  readonly grammars?: GrammarRegistry;
  /** Prose limits by `file#rule` (default {@link GRAMMAR_PROSE_LIMITS}). */
  readonly proseLimits?: Readonly<Record<string, GrammarProseLimits>>;
}

/** A schema node that has no JSON form (a bigint, a symbol, a class instance, …). */
export class JsonSchemaError extends Error {
  override readonly name = "JsonSchemaError";
  constructor(
    /** Where the node sits. */
    readonly path: string,
    /** The node's `_tag`. */
    readonly node: string,
    /** Why it has no JSON form. */
    readonly reason: string,
  ) {
    super(`cannot describe ${node} at ${path} in JSON Schema: ${reason}`);
  }
}

const LENGTH_CHECKS = new Set(
  ["isMinLength", "isMaxLength", "isBetweenLength"].map((n) => `effect/schema/${n}`),
);

interface GrammarPattern {
  readonly pattern: string;
  readonly maxLength?: number;
  /** All matches are BMP strings, so code point and UTF-16 lengths agree. */
  readonly bmp: boolean;
}

/** Node tags JSON has no value for: absent from unions, an error anywhere else. */
const NOT_JSON = new Set(["Undefined", "Void"]);

function isPlainObject(value: unknown): value is JsonSchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Bound keywords where two values combine into the tighter one (both must hold). */
const LOWER_BOUNDS = new Set(["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"]);
const UPPER_BOUNDS = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"]);

/** Adds `fragment` to `target`; clashing keywords go to `allOf` so both still apply. */
function merge(target: JsonSchemaObject, fragment: JsonSchemaObject): void {
  for (const [key, value] of Object.entries(fragment)) {
    const current = target[key];
    if (!(key in target)) {
      target[key] = value;
    } else if (deepEqual(current, value)) {
      // Already there.
    } else if (key === "type" && current === "number" && value === "integer") {
      target.type = "integer";
    } else if (typeof current === "number" && typeof value === "number" && LOWER_BOUNDS.has(key)) {
      target[key] = Math.max(current, value);
    } else if (typeof current === "number" && typeof value === "number" && UPPER_BOUNDS.has(key)) {
      target[key] = Math.min(current, value);
    } else {
      const allOf = Array.isArray(target.allOf) ? (target.allOf as unknown[]) : [];
      allOf.push({ [key]: value });
      target.allOf = allOf;
    }
  }
}

class JsonSchemaBuilder {
  private readonly approximations: Approximation[] = [];
  private readonly definitions = new Map<string, JsonSchemaObject>();
  /** Definition names by node, so a node is described once. */
  private readonly names = new Map<SchemaAST.AST, string>();
  private readonly grammarPatterns = new Map<string, GrammarPattern | string>();
  private readonly grammars: GrammarRegistry;
  private readonly proseLimits: Readonly<Record<string, GrammarProseLimits>>;

  constructor(options: ToJsonSchemaOptions) {
    this.grammars = options.grammars ?? defaultGrammarRegistry;
    this.proseLimits = options.proseLimits ?? GRAMMAR_PROSE_LIMITS;
  }

  result(root: SchemaAST.AST): JsonSchemaResult {
    const body = this.describe(root, [], true);
    const document: JsonSchemaObject = { $schema: JSON_SCHEMA_DIALECT, ...body };
    if (this.definitions.size > 0)
      document.$defs = Object.fromEntries(
        [...this.definitions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    return { document, approximations: this.approximations };
  }

  private approximate(path: SchemaPath, reason: string): void {
    this.approximations.push({ path: formatSchemaPath(path), reason });
  }

  private fail(ast: SchemaAST.AST, path: SchemaPath, reason: string): never {
    throw new JsonSchemaError(formatSchemaPath(path), ast._tag, reason);
  }

  /** A node's schema: a `$ref` for identified nodes (below the root), else inline. */
  describe(ast: SchemaAST.AST, path: SchemaPath, root = false): JsonSchemaObject {
    if (ast._tag === "Suspend") return this.reference(ast.thunk(), path, `Recursive${this.names.size + 1}`);
    const identifier = SchemaAST.resolveIdentifier(ast);
    if (!root && identifier !== undefined) return this.reference(ast, path, identifier);
    return this.inline(ast, path);
  }

  private reference(ast: SchemaAST.AST, path: SchemaPath, preferred: string): JsonSchemaObject {
    let name = this.names.get(ast);
    if (name === undefined) {
      const base = SchemaAST.resolveIdentifier(ast) ?? preferred;
      name = base;
      for (let n = 2; this.definitions.has(name); n++) name = `${base}${n}`;
      this.names.set(ast, name);
      this.definitions.set(name, {}); // placeholder: recursive references find the name
      const body = this.inline(ast, path);
      const same = name === base ? undefined : this.sameDefinition(base, name, body);
      if (same === undefined) this.definitions.set(name, body);
      else {
        this.definitions.delete(name);
        this.names.set(ast, same);
        name = same;
      }
    }
    // A JSON pointer token (RFC 6901) inside a URI fragment.
    return { $ref: `#/$defs/${encodeURIComponent(name.replace(/~/g, "~0").replace(/\//g, "~1"))}` };
  }

  /**
   * An existing definition of the same identifier with the same body, for a node that only wraps
   * one already described (`Schema.optionalKey` gives a field's schema a node of its own), so one
   * schema gets one `$defs` entry. A body that refers to its own new name (recursion) is kept.
   */
  private sameDefinition(base: string, name: string, body: JsonSchemaObject): string | undefined {
    const text = JSON.stringify(body);
    if (text.includes(`"#/$defs/${encodeURIComponent(name)}"`)) return undefined;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      if (candidate === name) return undefined;
      const existing = this.definitions.get(candidate);
      if (existing !== undefined && JSON.stringify(existing) === text) return candidate;
    }
  }

  private inline(ast: SchemaAST.AST, path: SchemaPath): JsonSchemaObject {
    const out = this.shape(ast, path);
    this.applyChecks(ast, path, out);
    const annotations = SchemaAST.resolve(ast) ?? {};
    const doc: JsonSchemaObject = {};
    if (typeof annotations.title === "string") doc.title = annotations.title;
    else if (typeof annotations.identifier === "string") doc.title = annotations.identifier;
    if (typeof annotations.description === "string") doc.description = annotations.description;
    const examples = annotations.examples;
    if (Array.isArray(examples) && examples.length > 0 && examples.every(isJsonValue))
      doc.examples = examples;
    return { ...doc, ...out };
  }

  private shape(ast: SchemaAST.AST, path: SchemaPath): JsonSchemaObject {
    switch (ast._tag) {
      case "String":
        return { type: "string" };
      case "Number":
        return { type: "number" };
      case "Boolean":
        return { type: "boolean" };
      case "Null":
        return { type: "null" };
      case "Literal":
        if (typeof ast.literal === "bigint") return this.fail(ast, path, "a bigint literal has no JSON form");
        return { type: typeof ast.literal, const: ast.literal };
      case "Enum":
        return { enum: ast.enums.map(([, value]) => value) };
      case "Unknown":
      case "Any":
        return {};
      case "ObjectKeyword":
        return { type: ["object", "array"] };
      case "Never":
        return { not: {} };
      case "TemplateLiteral":
        this.approximate(path, "template literal: only its string type is exported");
        return { type: "string" };
      case "Union":
        return this.union(ast, path);
      case "Objects":
        return this.objects(ast, path);
      case "Arrays":
        return this.arrays(ast, path);
      case "Suspend":
        return this.describe(ast, path);
      case "Undefined":
      case "Void":
        return this.fail(ast, path, "undefined has no JSON form (make the property optional instead)");
      case "BigInt":
      case "Symbol":
      case "UniqueSymbol":
        return this.fail(ast, path, `a ${ast._tag} has no JSON form`);
      case "Declaration":
        return this.fail(
          ast,
          path,
          "a Declaration (class instance, Date, …) without a transformation to JSON data",
        );
    }
  }

  private union(ast: SchemaAST.Union, path: SchemaPath): JsonSchemaObject {
    const members = ast.types
      .map((type, i) => ({ type, at: [...path, memberStep(i)] }))
      .filter(({ type }) => !NOT_JSON.has(type._tag));
    if (members.length === 0) return { not: {} };
    const literals = members.every(({ type }) => type._tag === "Literal" && filtersOf(type).length === 0);
    if (literals) {
      const values = members.map(({ type }) => (type as SchemaAST.Literal).literal);
      if (values.some((v) => typeof v === "bigint"))
        return this.fail(ast, path, "a bigint literal has no JSON form");
      return { enum: values };
    }
    const before = this.approximations.length;
    const schemas = members.map(({ type, at }) => this.describe(type, at));
    if (schemas.length === 1) return schemas[0] as JsonSchemaObject;
    // "oneOf" is exact only when no member is looser than its Effect schema.
    const oneOf = ast.options?.mode === "oneOf" && this.approximations.length === before;
    if (ast.options?.mode === "oneOf" && !oneOf) this.approximate(path, "oneOf union exported as anyOf");
    return oneOf ? { oneOf: schemas } : { anyOf: schemas };
  }

  private objects(ast: SchemaAST.Objects, path: SchemaPath): JsonSchemaObject {
    if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0)
      return { not: { type: "null" } }; // Effect's empty struct accepts every non-nullish value
    const out: JsonSchemaObject = { type: "object" };
    const properties: JsonSchemaObject = {};
    const required: string[] = [];
    for (const p of ast.propertySignatures) {
      if (typeof p.name !== "string") return this.fail(ast, path, "symbol keys have no JSON form");
      const at = [...path, propertyStep(p.name)];
      const schema = this.propertyValue(p.type, at);
      const keyAnnotations = p.type.context?.annotations;
      const keyDescription = keyAnnotations?.description;
      properties[p.name] =
        typeof keyDescription === "string" ? { ...schema, description: keyDescription } : schema;
      if (!SchemaAST.isOptional(p.type)) required.push(p.name);
    }
    if (ast.propertySignatures.length > 0) out.properties = properties;
    if (required.length > 0) out.required = required;
    const patternProperties: JsonSchemaObject = {};
    const everyKey: JsonSchemaObject[] = [];
    for (const signature of ast.indexSignatures) {
      const value = this.describe(signature.type, [...path, VALUE_STEP]);
      const selector = this.keyPattern(signature.parameter, [...path, KEY_STEP]);
      if (selector === undefined) continue;
      if (selector === "") everyKey.push(value);
      else if (selector in patternProperties)
        patternProperties[selector] = { allOf: [patternProperties[selector], value] };
      else patternProperties[selector] = value;
    }
    if (everyKey.length > 0) {
      // A record over all strings constrains declared properties too (as Effect does): say so on
      // each of them rather than with an overlapping `patternProperties` entry.
      const value = everyKey.length === 1 ? (everyKey[0] as JsonSchemaObject) : { allOf: everyKey };
      out.additionalProperties = value;
      for (const name of Object.keys(properties)) properties[name] = { allOf: [properties[name], value] };
    }
    if (Object.keys(patternProperties).length > 0) out.patternProperties = patternProperties;
    return out;
  }

  /** A property's value schema: `undefined` members dropped (JSON expresses them by absence). */
  private propertyValue(ast: SchemaAST.AST, path: SchemaPath): JsonSchemaObject {
    if (ast._tag === "Union" && ast.types.some((t) => NOT_JSON.has(t._tag)) && filtersOf(ast).length === 0) {
      const rest = ast.types.filter((t) => !NOT_JSON.has(t._tag));
      if (rest.length === 1) return this.describe(rest[0] as SchemaAST.AST, path);
    }
    return this.describe(ast, path);
  }

  /**
   * The exact `patternProperties` selector of a record's key schema ("" selects every key), or
   * `undefined` when none is exact: a loose selector would apply the value schema to keys Effect
   * ignores, making the document stricter than the schema, so then nothing is emitted.
   */
  private keyPattern(ast: SchemaAST.AST, path: SchemaPath): string | undefined {
    if (ast._tag === "String") {
      const filters = filtersOf(ast);
      if (filters.length === 0) return "";
      const grammar = filters.length === 1 ? grammarReferenceOf(filters[0] as Filter) : undefined;
      const converted = grammar === undefined ? undefined : this.grammarPattern(grammar);
      if (converted !== undefined && typeof converted !== "string" && converted.bmp) {
        const { pattern, maxLength } = converted;
        // The length cap as a lookahead, so the selector alone is exact.
        return maxLength === undefined ? pattern : `^(?=[\\s\\S]{0,${maxLength}}$)${pattern.slice(1)}`;
      }
    }
    this.approximate(path, "record keys: no exact key pattern, so the values of these keys are not checked");
    return undefined;
  }

  private arrays(ast: SchemaAST.Arrays, path: SchemaPath): JsonSchemaObject {
    const out: JsonSchemaObject = { type: "array" };
    const prefix = ast.elements.map((e, i) => this.describe(e, [...path, elementStep(i)]));
    const [spread, ...trailing] = ast.rest;
    if (prefix.length > 0) out.prefixItems = prefix;
    const requiredCount = ast.elements.filter((e) => !SchemaAST.isOptional(e)).length;
    if (spread === undefined) {
      out.items = false;
    } else if (trailing.length === 0) {
      out.items = this.describe(spread, [...path, REST_STEP]);
    } else {
      // JSON Schema 2020-12 cannot address items from the end: check what is certain.
      this.approximate(path, "items after a rest element are not checked");
      out.minItems = requiredCount + trailing.length;
      return out;
    }
    if (requiredCount > 0) out.minItems = requiredCount;
    return out;
  }

  private grammarPattern(reference: GrammarReference): GrammarPattern | string {
    const key = proseLimitsKey(reference.file, reference.rule);
    const cached = this.grammarPatterns.get(key);
    if (cached !== undefined) return cached;
    const limits = this.proseLimits[key] ?? {};
    let result: GrammarPattern | string;
    try {
      const grammar = this.grammars.grammar(reference.file);
      const converted = ruleToRegExp(
        grammar,
        reference.rule,
        limits.overrides ? { overrides: limits.overrides } : {},
      );
      result = {
        pattern: converted.pattern,
        bmp: converted.maxCodePoint <= 0xffff,
        ...(limits.maxLength === undefined ? {} : { maxLength: limits.maxLength }),
      };
    } catch (e) {
      result = (e as Error).message;
    }
    this.grammarPatterns.set(key, result);
    return result;
  }

  /** The JSON Schema type a check compiler is told about. */
  private checkType(out: JsonSchemaObject): string | undefined {
    return typeof out.type === "string" ? out.type : undefined;
  }

  private applyChecks(ast: SchemaAST.AST, path: SchemaPath, out: JsonSchemaObject): void {
    const filters = filtersOf(ast);
    // Strings known to be BMP-only (grammar alphabet) have exact code-point lengths.
    let bmp = ast._tag === "Literal";
    for (const filter of filters) {
      const reference = grammarReferenceOf(filter);
      if (reference === undefined) continue;
      const converted = this.grammarPattern(reference);
      if (typeof converted === "string") {
        this.approximate(
          path,
          `grammar ${reference.file} \`${reference.rule}\` has no pattern: ${converted}`,
        );
        continue;
      }
      bmp ||= converted.bmp;
      merge(out, { pattern: converted.pattern });
      if (converted.maxLength !== undefined) {
        merge(out, { maxLength: converted.maxLength });
        if (!converted.bmp) this.approximate(path, "length cap counted in code points, not UTF-16 units");
      }
    }
    for (const filter of filters) {
      if (grammarReferenceOf(filter) !== undefined) continue;
      const id = representationIdOf(filter);
      if (bmp && ast._tag === "String" && id !== undefined && LENGTH_CHECKS.has(id)) {
        const c = constraintsOf([filter]);
        merge(out, {
          ...(c.minLength === undefined ? {} : { minLength: c.minLength }),
          ...(c.maxLength === undefined ? {} : { maxLength: c.maxLength }),
        });
        continue;
      }
      const compile = filter.annotations?.toJsonSchema;
      if (typeof compile !== "function") {
        this.approximate(path, `${describeFilter(filter)}: a custom check with no JSON Schema form`);
        continue;
      }
      // A check that depends on other schemas (a record's key schema, say) names them in its
      // `representation`; it receives their documents, in order, as Effect's exporter would.
      const dependencies = (filter.annotations?.representation?.schemas ??
        []) as ReadonlyArray<SchemaAST.AST>;
      const schemas = dependencies.map((dependency, i) =>
        this.describe(SchemaAST.toEncoded(dependency), [...path, `(check schema ${i + 1})`]),
      );
      const output = compile({ type: this.checkType(out) as never, schemas: schemas as never });
      const [fragment, approximate] = Array.isArray(output) ? output : [output, false];
      if (approximate)
        this.approximate(path, `${describeFilter(filter)}: exported looser than Effect checks it`);
      if (isPlainObject(fragment)) merge(out, fragment);
    }
  }
}

function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (isPlainObject(value)) return Object.values(value).every(isJsonValue);
  return false;
}

/**
 * The JSON Schema of a schema's Encoded side and where it is looser than the schema. Throws
 * {@link JsonSchemaError} for nodes with no JSON form.
 */
export function jsonSchemaOf(schema: Schema.Top, options: ToJsonSchemaOptions = {}): JsonSchemaResult {
  return new JsonSchemaBuilder(options).result(SchemaAST.toEncoded(schema.ast));
}

/**
 * The JSON Schema (draft 2020-12) document of a schema's Encoded side.
 *
 * @example
 * ```ts
 * toJsonSchema(UserId).pattern; // "^@[+\\--9=_a-z]+:[\\-.0-9A-Za-z]{1,255}(?::(?:…))?$"
 * ```
 */
export function toJsonSchema(schema: Schema.Top, options: ToJsonSchemaOptions = {}): JsonSchemaObject {
  return jsonSchemaOf(schema, options).document;
}
