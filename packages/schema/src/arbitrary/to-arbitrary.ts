/**
 * A bridge from Effect 4 schemas to fast-check arbitraries (Effect's own `effect/Arbitrary` is a
 * separate engine whose values do not shrink in fast-check).
 *
 * Each `SchemaAST` node becomes a fast-check built-in: grammar-annotated strings walk their
 * rule's automaton, literals are constants, unions `oneof`, structs `record` (optional keys
 * sometimes absent), arrays `array`, records `dictionary`, numbers `integer`/`double` inside the
 * bounds of their checks. So every value shrinks, and a grammar string shrinks toward the rule's
 * shortest strings.
 *
 * Checks the generator cannot honour by construction are re-run as a bounded filter (see
 * {@link FilterFallback}); a filter that rejects everything fails with a message naming the
 * check, never hangs.
 *
 * Transformations: the Encoded side is generated directly (its AST has no transformations), and
 * Type values are generated Encoded values decoded by the schema. Generating the Type side
 * directly would be unsound: `UserIdFromString`'s Type `{ localpart: string, server }` admits
 * localparts like `"A:B"` that no user ID decodes to, and they would not survive encoding.
 *
 * @module
 */
import { Exit, Schema, SchemaAST } from "effect";
import fc from "fast-check";
import { type Base64Format, formatBase64 } from "../canonical/base64-format.ts";
import { boundedFilter, DEFAULT_FILTER_TRIES } from "./bounded-filter.ts";
import {
  type Constraints,
  constraintsOf,
  describeFilter,
  type Filter,
  filtersOf,
  grammarReferenceOf,
  passes,
  representationIdOf,
} from "./checks.ts";
import { defaultGrammarRegistry, type GrammarRegistry } from "./grammar-registry.ts";
import { type ArbitraryHint, arbitraryHintOf } from "./hints.ts";
import {
  elementStep,
  formatSchemaPath,
  KEY_STEP,
  memberStep,
  propertyStep,
  REST_STEP,
  type SchemaPath,
  VALUE_STEP,
} from "./schema-path.ts";

/** A schema node the bridge cannot generate values for, and where it sits. */
export class UnsupportedSchemaError extends Error {
  override readonly name = "UnsupportedSchemaError";
  constructor(
    /** Where the node sits, e.g. `$.content.body`. */
    readonly path: string,
    /** The node's `_tag` (and identifier when it has one). */
    readonly node: string,
    /** Why no values can be generated. */
    readonly reason: string,
  ) {
    super(`cannot generate values for ${node} at ${path}: ${reason}`);
  }
}

/** A check the generator could not honour by construction, re-run as a filter. */
export interface FilterFallback {
  /** Where the checked node sits. */
  readonly path: string;
  /** The check, by its `expected` text or built-in id. */
  readonly check: string;
}

/** Options for {@link toArbitrary} and {@link toEncodedArbitrary}. */
export interface ToArbitraryOptions {
  /** Where grammar-annotated strings find their rules (default: this repository's `spec/grammar`). */
  readonly grammars?: GrammarRegistry;
  /** How deep recursive (suspended) schemas nest before taking their non-recursive way out (default 3). */
  readonly maxDepth?: number;
  /** Consecutive rejections before a filter gives up with an error (default 1000). */
  readonly maxFilterTries?: number;
  /** Called once per check that is re-run as a filter. */
  readonly onFilterFallback?: (fallback: FilterFallback) => void;
}

/** Plain-string characters: mostly printable ASCII, some BMP, a few astral (two UTF-16 units). */
const CHARACTER: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)) },
);

/** Built-in number checks whose bounds the number generators honour exactly. */
const NUMBER_CHECKS = new Set(
  [
    "isInt",
    "isFinite",
    "isBetween",
    "isGreaterThan",
    "isGreaterThanOrEqualTo",
    "isLessThan",
    "isLessThanOrEqualTo",
  ].map((name) => `effect/schema/${name}`),
);

/** Built-in length checks that array generators honour exactly. */
const LENGTH_CHECKS = new Set(
  ["isMinLength", "isMaxLength", "isBetweenLength"].map((name) => `effect/schema/${name}`),
);

/** Marks a property the generator chose to leave out. */
const ABSENT: unique symbol = Symbol("absent");

interface Built {
  readonly arbitrary: fc.Arbitrary<unknown>;
  /** Filters of the node that `arbitrary` satisfies by construction. */
  readonly covered?: ReadonlySet<Filter>;
}

function nodeName(ast: SchemaAST.AST): string {
  const identifier = SchemaAST.resolveIdentifier(ast);
  return identifier === undefined ? ast._tag : `${ast._tag} (${identifier})`;
}

/** Turns one AST (without transformations) into arbitraries, caching per node. */
class ArbitraryBuilder {
  private readonly cache = new Map<SchemaAST.AST, fc.Arbitrary<unknown>>();
  private readonly recursive = new Map<SchemaAST.AST, boolean>();
  private readonly depthIdentifier = fc.createDepthIdentifier();
  private readonly grammars: GrammarRegistry;
  private readonly maxDepth: number;
  private readonly maxTries: number;

  constructor(private readonly options: ToArbitraryOptions) {
    this.grammars = options.grammars ?? defaultGrammarRegistry;
    this.maxDepth = options.maxDepth ?? 3;
    this.maxTries = options.maxFilterTries ?? DEFAULT_FILTER_TRIES;
  }

  build(ast: SchemaAST.AST, path: SchemaPath): fc.Arbitrary<unknown> {
    const cached = this.cache.get(ast);
    if (cached !== undefined) return cached;
    const filters = filtersOf(ast);
    const hints = filters.flatMap((f) => {
      const hint = arbitraryHintOf(f);
      return hint === undefined ? [] : [hint];
    });
    const from = hints.flatMap((h) => h.from ?? []);
    const built: Built =
      from.length > 0
        ? {
            arbitrary: fc.oneof(
              ...from.map((schema, i) =>
                this.build(SchemaAST.toEncoded(schema.ast), [...path, memberStep(i)]),
              ),
            ),
          }
        : this.base(ast, path);
    const prefix = hints.map((h) => h.prefix ?? "").join("");
    let arbitrary = this.withValues(
      prefix === "" ? built.arbitrary : built.arbitrary.map((text) => `${prefix}${String(text)}`),
      hints,
    );
    for (const hint of hints)
      if (hint.repair !== undefined) arbitrary = this.repaired(arbitrary, hint.repair, path);
    const rest = filters.filter((f) => !built.covered?.has(f));
    if (rest.length > 0) arbitrary = this.filtered(arbitrary, rest, ast, path);
    this.cache.set(ast, arbitrary);
    return arbitrary;
  }

  /** Mixes the hints' notable values in (one draw in four), when there are any. */
  private withValues(arbitrary: fc.Arbitrary<unknown>, hints: ReadonlyArray<ArbitraryHint>) {
    const values = hints.flatMap((h) => h.values ?? []);
    if (values.length === 0) return arbitrary;
    return fc.oneof({ weight: 3, arbitrary }, { weight: 1, arbitrary: fc.constantFrom(...values) });
  }

  /** Applies a cross-field repair to generated values, with its ingredients generated alongside. */
  private repaired(
    source: fc.Arbitrary<unknown>,
    repair: NonNullable<ArbitraryHint["repair"]>,
    path: SchemaPath,
  ): fc.Arbitrary<unknown> {
    const apply = repair.apply as (value: unknown, ingredients: ReadonlyArray<unknown>) => unknown;
    const ingredients = repair.ingredients.map((schema, i) =>
      this.build(SchemaAST.toEncoded(schema.ast), [...path, `(ingredient ${i + 1})`]),
    );
    return fc.tuple(source, fc.tuple(...ingredients)).map(([value, extra]) => apply(value, extra));
  }

  private unsupported(ast: SchemaAST.AST, path: SchemaPath, reason: string): never {
    throw new UnsupportedSchemaError(formatSchemaPath(path), nodeName(ast), reason);
  }

  private filtered(
    source: fc.Arbitrary<unknown>,
    filters: ReadonlyArray<Filter>,
    ast: SchemaAST.AST,
    path: SchemaPath,
  ): fc.Arbitrary<unknown> {
    const where = formatSchemaPath(path);
    // A hinted check was aimed at by construction; it is re-run only as a safety net.
    for (const f of filters)
      if (arbitraryHintOf(f) === undefined)
        this.options.onFilterFallback?.({ path: where, check: describeFilter(f) });
    return boundedFilter(
      source,
      (value) => filters.every((f) => passes(f, value, ast)),
      () => `the checks at ${where} (${filters.map(describeFilter).join("; ")})`,
      this.maxTries,
    );
  }

  /** The whole node's validation as a filter, for what no generator can construct. */
  private validated(
    source: fc.Arbitrary<unknown>,
    ast: SchemaAST.AST,
    path: SchemaPath,
    why: string,
  ): fc.Arbitrary<unknown> {
    const where = formatSchemaPath(path);
    this.options.onFilterFallback?.({ path: where, check: why });
    const is = Schema.is(Schema.make(ast));
    return boundedFilter(source, is, () => `${why} at ${where}`, this.maxTries);
  }

  /** Whether a Suspend node is reachable from `ast` (so generation must be depth-bounded). */
  private reachesSuspend(ast: SchemaAST.AST): boolean {
    const known = this.recursive.get(ast);
    if (known !== undefined) return known;
    this.recursive.set(ast, false);
    let result: boolean;
    switch (ast._tag) {
      case "Suspend":
        result = true;
        break;
      case "Union":
        result = ast.types.some((t) => this.reachesSuspend(t));
        break;
      case "Arrays":
        result = [...ast.elements, ...ast.rest].some((t) => this.reachesSuspend(t));
        break;
      case "Objects":
        result =
          ast.propertySignatures.some((p) => this.reachesSuspend(p.type)) ||
          ast.indexSignatures.some((i) => this.reachesSuspend(i.type));
        break;
      default:
        result = false;
    }
    this.recursive.set(ast, result);
    return result;
  }

  private depthOptions(ast: SchemaAST.AST) {
    return this.reachesSuspend(ast)
      ? { depthIdentifier: this.depthIdentifier, maxDepth: this.maxDepth, depthSize: "small" as const }
      : {};
  }

  private base(ast: SchemaAST.AST, path: SchemaPath): Built {
    switch (ast._tag) {
      case "String":
        return this.string(ast, path);
      case "Number":
        return this.number(ast, path);
      case "Boolean":
        return { arbitrary: fc.boolean() };
      case "BigInt":
        return { arbitrary: fc.bigInt() };
      case "Symbol":
        return { arbitrary: fc.string().map((key) => Symbol.for(key)) };
      case "UniqueSymbol":
        return { arbitrary: fc.constant(ast.symbol) };
      case "Null":
        return { arbitrary: fc.constant(null) };
      case "Undefined":
      case "Void":
        return { arbitrary: fc.constant(undefined) };
      case "Literal":
        return { arbitrary: fc.constant(ast.literal) };
      case "Enum":
        if (ast.enums.length === 0) this.unsupported(ast, path, "the enum has no members");
        return { arbitrary: fc.constantFrom(...ast.enums.map(([, value]) => value)) };
      case "Unknown":
      case "Any":
        // Any JSON value: the schemas describe JSON documents, and JSON values survive encoding.
        return { arbitrary: fc.jsonValue({ maxDepth: 2 }) };
      case "ObjectKeyword":
        return {
          arbitrary: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { noNullPrototype: true }),
        };
      case "Never":
        return this.unsupported(ast, path, "Never has no values");
      case "TemplateLiteral":
        return this.templateLiteral(ast, path);
      case "Union":
        return this.union(ast, path);
      case "Arrays":
        return this.arrays(ast, path);
      case "Objects":
        return this.objects(ast, path);
      case "Suspend":
        return this.suspend(ast, path);
      case "Declaration":
        return this.unsupported(
          ast,
          path,
          "a Declaration (a custom type such as a class instance, Date or Option) can be generated only through a transformation to plain data, and this one has none",
        );
    }
  }

  private string(ast: SchemaAST.String, path: SchemaPath): Built {
    const filters = filtersOf(ast);
    const c = constraintsOf(filters);
    for (const filter of filters) {
      const format = arbitraryHintOf(filter)?.base64;
      if (format !== undefined) return { arbitrary: base64Arbitrary(format) };
    }
    for (const filter of filters) {
      const reference = grammarReferenceOf(filter);
      if (reference === undefined) continue;
      // The walk heads for acceptance after `maxSteps` choices, so a small cap keeps most strings
      // short enough; the filter below enforces the exact bound.
      const maxSteps = Math.max(1, Math.min(40, c.maxLength ?? 40));
      try {
        return { arbitrary: this.grammars.arbitrary(reference, { maxSteps }) };
      } catch (e) {
        return this.unsupported(ast, path, (e as Error).message);
      }
    }
    const pattern = c.patterns?.[0];
    if (pattern !== undefined) {
      try {
        return { arbitrary: fc.stringMatching(new RegExp(pattern.source, pattern.flags)) };
      } catch {
        // fast-check cannot build this pattern: fall back to plain strings and the filter.
      }
    }
    if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength)
      this.unsupported(ast, path, `no string is at least ${c.minLength} and at most ${c.maxLength} long`);
    // Effect counts UTF-16 units and the generator code points: a too-long string is filtered out.
    return {
      arbitrary: fc.string({
        unit: CHARACTER,
        ...(c.minLength === undefined ? {} : { minLength: c.minLength }),
        ...(c.maxLength === undefined ? {} : { maxLength: c.maxLength }),
      }),
    };
  }

  private number(ast: SchemaAST.Number, path: SchemaPath): Built {
    const filters = filtersOf(ast);
    const covered = new Set(filters.filter((f) => NUMBER_CHECKS.has(representationIdOf(f) ?? "")));
    // Built-in checks are honoured exactly; custom checks' `arbitraryConstraint` hints also steer
    // the generator (their checks still run as filters).
    const c = constraintsOf(filters);
    const integers = this.integerRange(c);
    if (c.integer) {
      if (integers === undefined)
        this.unsupported(ast, path, `no safe integer lies between ${c.minimum} and ${c.maximum}`);
      return { arbitrary: fc.integer(integers), covered };
    }
    let doubles: fc.Arbitrary<number>;
    if (c.finite || c.minimum !== undefined || c.maximum !== undefined) {
      const min = c.minimum ?? -Number.MAX_VALUE;
      const max = c.maximum ?? Number.MAX_VALUE;
      if (min > max || (min === max && (c.exclusiveMinimum || c.exclusiveMaximum)))
        this.unsupported(ast, path, `no number lies between ${min} and ${max}`);
      doubles = fc.double({
        min,
        max,
        minExcluded: c.exclusiveMinimum === true,
        maxExcluded: c.exclusiveMaximum === true,
        noNaN: true,
        noDefaultInfinity: c.finite === true,
      });
    } else {
      // Schema.Number admits NaN, the infinities and -0: so does the generator.
      doubles = fc.double();
    }
    // Integers first: JSON numbers mostly are, custom integer checks then pass, and failures
    // shrink to integers.
    return { arbitrary: integers === undefined ? doubles : fc.oneof(fc.integer(integers), doubles), covered };
  }

  /** The safe integers within the bounds of `c`, if there are any. */
  private integerRange(c: Constraints): { min: number; max: number } | undefined {
    let min = Number.MIN_SAFE_INTEGER;
    let max = Number.MAX_SAFE_INTEGER;
    if (c.minimum !== undefined) {
      const lo = Math.ceil(c.minimum);
      min = Math.max(min, c.exclusiveMinimum && lo === c.minimum ? lo + 1 : lo);
    }
    if (c.maximum !== undefined) {
      const hi = Math.floor(c.maximum);
      max = Math.min(max, c.exclusiveMaximum && hi === c.maximum ? hi - 1 : hi);
    }
    return min <= max ? { min, max } : undefined;
  }

  private templateLiteral(ast: SchemaAST.TemplateLiteral, path: SchemaPath): Built {
    const parts = ast.parts.map((part, i) =>
      this.build(part, [...path, elementStep(i)]).map((value) => String(value)),
    );
    const joined = fc.tuple(...parts).map((pieces) => pieces.join(""));
    // Concatenated parts can run into each other (`${string}${number}`): Effect decides.
    return { arbitrary: this.validated(joined, ast, path, "template literal parts re-parsed") };
  }

  private union(ast: SchemaAST.Union, path: SchemaPath): Built {
    const members = ast.types
      .map((type, i) => ({ type, path: [...path, memberStep(i)] }))
      .filter(({ type }) => type._tag !== "Never");
    if (members.length === 0) this.unsupported(ast, path, "the union has no members with values");
    // Members that cannot recurse first: past the depth limit fast-check takes the first one.
    const ordered = [
      ...members.filter(({ type }) => !this.reachesSuspend(type)),
      ...members.filter(({ type }) => this.reachesSuspend(type)),
    ];
    const arbitraries = ordered.map(({ type, path: at }) => this.build(type, at));
    const arbitrary = fc.oneof(this.depthOptions(ast), ...arbitraries);
    if (ast.options?.mode === "oneOf")
      return { arbitrary: this.validated(arbitrary, ast, path, "oneOf union: exactly one member matches") };
    return { arbitrary };
  }

  private arrays(ast: SchemaAST.Arrays, path: SchemaPath): Built {
    const filters = filtersOf(ast);
    const lengthFilters = filters.filter((f) => LENGTH_CHECKS.has(representationIdOf(f) ?? ""));
    const c = constraintsOf(lengthFilters);
    const elements = ast.elements.map((e, i) => ({
      arbitrary: this.build(e, [...path, elementStep(i)]),
      optional: SchemaAST.isOptional(e),
    }));
    const [spread, ...trailing] = ast.rest;
    const required = elements.filter((e) => !e.optional).map((e) => e.arbitrary);
    const optional = elements.filter((e) => e.optional).map((e) => e.arbitrary);
    const trailingArbs = trailing.map((t, i) => this.build(t, [...path, elementStep(elements.length + i)]));

    if (spread === undefined && optional.length === 0) {
      return { arbitrary: fc.tuple(...required) };
    }
    if (spread !== undefined && elements.length === 0 && trailing.length === 0) {
      if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength)
        this.unsupported(ast, path, `no array has between ${c.minLength} and ${c.maxLength} items`);
      const item = this.build(spread, [...path, REST_STEP]);
      const lengths = {
        ...(c.minLength === undefined ? {} : { minLength: c.minLength }),
        ...(c.maxLength === undefined ? {} : { maxLength: c.maxLength }),
      };
      const depth = this.depthOptions(ast);
      const array = fc.array(item, { ...lengths, ...("depthIdentifier" in depth ? depth : {}) });
      // A recursive item: past the depth limit, take the empty array (when allowed) to stop.
      const arbitrary =
        "depthIdentifier" in depth && (c.minLength ?? 0) === 0
          ? fc.oneof(depth, fc.constant([]), array)
          : array;
      return { arbitrary, covered: new Set(lengthFilters) };
    }
    // A tuple with optional elements and/or a rest part: optional elements fill in order, and the
    // rest part is present only when every optional element is (TypeScript's tuple rules).
    const spreadArb =
      spread === undefined ? fc.constant([]) : fc.array(this.build(spread, [...path, REST_STEP]));
    const arbitrary = fc
      .tuple(
        fc.tuple(...required),
        fc.integer({ min: 0, max: optional.length }),
        fc.tuple(...optional),
        spreadArb,
        fc.tuple(...trailingArbs),
      )
      .map(([req, count, opts, rest, trail]) => [
        ...req,
        ...opts.slice(0, count),
        ...(count === optional.length ? rest : []),
        ...trail,
      ]);
    return { arbitrary };
  }

  private objects(ast: SchemaAST.Objects, path: SchemaPath): Built {
    const filters = filtersOf(ast);
    const c = constraintsOf(filters);
    const properties = ast.propertySignatures.map((p) => {
      const at = [...path, propertyStep(p.name)];
      const value = this.build(p.type, at);
      const optional = SchemaAST.isOptional(p.type);
      return {
        name: p.name,
        arbitrary: optional
          ? fc.option(value, { nil: ABSENT, ...this.depthOptions(p.type) })
          : (value as fc.Arbitrary<unknown>),
      };
    });
    const record = fc
      .tuple(...properties.map((p) => p.arbitrary))
      .map((values) => values.map((v, i) => [properties[i]?.name as PropertyKey, v] as const));
    const signatures = ast.indexSignatures.filter((signature) => signature.type._tag !== "Never");
    // A check may say which plain-string keys a lone record takes (e.g. server names).
    const keySchema =
      signatures.length === 1 && signatures[0]?.parameter._tag === "String"
        ? filters.map((f) => arbitraryHintOf(f)?.keys).find((k) => k !== undefined)
        : undefined;
    // `maxProperties` hints cap the extra entries (a redacted content is `{}`).
    const maxEntries = Math.max(0, Math.min(5, (c.maxProperties ?? 5) - ast.propertySignatures.length));
    const dictionaries = signatures.map((signature) => {
      const key =
        keySchema === undefined
          ? this.build(signature.parameter, [...path, KEY_STEP])
          : this.build(SchemaAST.toEncoded(keySchema.ast), [...path, KEY_STEP]);
      const value = this.build(signature.type, [...path, VALUE_STEP]);
      const entries = fc.array(fc.tuple(key, value), {
        maxLength: maxEntries,
        ...("depthIdentifier" in this.depthOptions(signature.type)
          ? { depthIdentifier: this.depthIdentifier }
          : {}),
      });
      return entries.map((list) =>
        list.map(([k, v]) => [typeof k === "number" ? String(k) : (k as PropertyKey), v] as const),
      );
    });
    const arbitrary = fc.tuple(record, ...dictionaries).map(([own, ...extra]) => {
      // Own properties via defineProperty: a generated key "__proto__" must stay a plain key.
      const out: Record<PropertyKey, unknown> = {};
      const put = (key: PropertyKey, value: unknown) => {
        if (value === ABSENT) return;
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      };
      for (const list of extra) for (const [k, v] of list) put(k, v);
      for (const [k, v] of own) put(k, v);
      return out;
    });
    // A record's value schema also applies to declared properties (and to other records' keys)
    // that its key schema selects: then let Effect decide on the whole object. Records whose
    // values may be anything (an open struct's rest) constrain nothing, so they need no check.
    const constraining = signatures.filter((s) => !acceptsAnything(s.type));
    const overlapping =
      constraining.length > 0 &&
      (ast.propertySignatures.length > 0 ||
        signatures.length > 1 ||
        signatures.some((s) => s.parameter._tag !== "String" && s.parameter._tag !== "TemplateLiteral"));
    if (overlapping)
      return {
        // Without the node's own checks: those run after any repair their hints ask for.
        arbitrary: this.validated(arbitrary, withoutChecks(ast), path, "record entries checked as a whole"),
      };
    return { arbitrary };
  }

  private suspend(ast: SchemaAST.Suspend, path: SchemaPath): Built {
    // letrec ties the knot: references back to this node inside its own body get the tie.
    const { node } = fc.letrec((tie) => {
      this.cache.set(ast, tie("node"));
      return { node: this.build(ast.thunk(), path) };
    });
    return { arbitrary: node as fc.Arbitrary<unknown> };
  }
}

/** Whether `ast` accepts every value (`unknown` or `any`, with no checks). */
function acceptsAnything(ast: SchemaAST.AST): boolean {
  return (ast._tag === "Unknown" || ast._tag === "Any") && (ast.checks ?? []).length === 0;
}

/** The same object schema without its own checks (its fields keep theirs). */
function withoutChecks(ast: SchemaAST.Objects): SchemaAST.Objects {
  if (ast.checks === undefined) return ast;
  return new SchemaAST.Objects(ast.propertySignatures, ast.indexSignatures, ast.annotations);
}

/** Base64 text of random octets in `format`, unpadded mostly and padded sometimes. */
function base64Arbitrary(format: Base64Format): fc.Arbitrary<string> {
  const bytes =
    format.octets === undefined
      ? fc.uint8Array({ maxLength: 24 })
      : fc.uint8Array({ minLength: format.octets, maxLength: format.octets });
  if (format.padding === "forbidden") return bytes.map((b) => formatBase64(b, format));
  // Padded one time in five; shrinks toward unpadded.
  return fc.tuple(bytes, fc.nat(4)).map(([b, pad]) => formatBase64(b, format, pad === 4));
}

function isIdentity(ast: SchemaAST.AST): boolean {
  return SchemaAST.toType(ast) === SchemaAST.toEncoded(ast);
}

/**
 * An arbitrary of the schema's Encoded values (what goes on the wire), every one of which
 * decodes. Throws {@link UnsupportedSchemaError} naming the first node it cannot generate.
 *
 * @example
 * ```ts
 * fc.sample(toEncodedArbitrary(UserIdFromString), 2); // e.g. ["@a:b", "@x.y:example.org:80"]
 * ```
 */
export function toEncodedArbitrary<S extends Schema.Top>(
  schema: S,
  options: ToArbitraryOptions = {},
): fc.Arbitrary<S["Encoded"]> {
  return new ArbitraryBuilder(options).build(SchemaAST.toEncoded(schema.ast), []) as fc.Arbitrary<
    S["Encoded"]
  >;
}

/**
 * An arbitrary of the schema's Type values. Without transformations these are generated
 * directly; with them, they are generated Encoded values decoded by the schema (values whose
 * decoding fails are filtered out, boundedly). Throws {@link UnsupportedSchemaError} naming the
 * first node it cannot generate.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(toArbitrary(UserId), (id) => Schema.is(UserId)(id)));
 * ```
 */
export function toArbitrary<S extends Schema.Top>(
  schema: S,
  options: ToArbitraryOptions = {},
): fc.Arbitrary<S["Type"]> {
  if (isIdentity(schema.ast))
    return new ArbitraryBuilder(options).build(schema.ast, []) as fc.Arbitrary<S["Type"]>;
  const decode = Schema.decodeUnknownExit(schema as unknown as Schema.Codec<S["Type"], unknown>);
  options.onFilterFallback?.({ path: "$", check: "the transformation decodes the generated Encoded value" });
  return boundedFilter(
    toEncodedArbitrary(schema, options).map((encoded) => decode(encoded)),
    Exit.isSuccess,
    () => "decoding of the generated Encoded values",
    options.maxFilterTries,
  ).map((exit) => (exit as Exit.Success<S["Type"]>).value);
}
