/**
 * Compiled decoders for the event envelopes and their fields, installed in Effect's parser
 * registry (`SchemaCompiler`).
 *
 * Why: Effect's interpreter decodes a record (signatures by server and key ID, content, the open
 * rest of `hashes`) through a generator per object and an effect per key, copying it key by key
 * into a fresh object. Those keys are data, so in V8's fast mode every copied key is a slow store
 * that gives the object a new hidden class. And the event's size rule then walks the whole
 * decoded event again to prove it is JSON data of at most 65536 bytes. The decoders here do the
 * same work as plain loops, build records in V8's dictionary mode, and measure the event while
 * building it.
 *
 * What stays the same: a decoder here is compiled from the schema's own AST and returns exactly
 * what the interpreter returns on success (a new object per struct or record, with the same own
 * data properties in the same order and the usual prototype; a new array per array; every other
 * value as given), after running the same checks. Where it cannot (another node kind, a parse
 * option it does not mirror, a value that fails), Effect's interpreter decodes the value and
 * reports the issues with their JSON paths and messages exactly as before.
 *
 * @module
 */
import { Exit, type Schema, SchemaAST, SchemaIssue, SchemaParser } from "effect";
import { SchemaCompiler } from "effect/schema";
import { filtersOf } from "../arbitrary/checks.ts";
import { jcsByteLengthBound } from "../canonical/canonical-size.ts";
import { grammarTestOf } from "../identifiers/grammar-string.ts";
import { keyTestOf } from "./record-keys.ts";
import { withSizeBound } from "./size.ts";

/**
 * An upper bound on the RFC 8785 length of what a decoder builds, kept while it builds, with the
 * same per-node allowances as `jcsByteLengthBound`. Values of unknown type (content, extra keys)
 * are only collected: they are measured once the whole value is built, after the last of the
 * input's own code (a getter, say) has run.
 */
interface SizeMeter {
  bytes: number;
  /** False once something is not JSON data (a lone surrogate, a non-finite number). */
  json: boolean;
  readonly unknowns: unknown[];
}

/** A compiled decoder: the decoded value, or {@link INVALID} to let the interpreter decide. */
type FastDecode = (input: unknown, options: SchemaAST.ParseOptions, meter: SizeMeter | undefined) => unknown;

/** What a {@link FastDecode} returns when the interpreter must decode the value instead. */
const INVALID: unknown = SchemaCompiler.invalid;

/** Whether `s` has no lone surrogate (native `String.prototype.isWellFormed`, Node 20+). */
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** The most bytes a string takes as an RFC 8785 literal: quotes, and six per code unit. */
function measureString(meter: SizeMeter, s: string): void {
  meter.bytes += 2 + 6 * s.length;
  if (!isWellFormed(s)) meter.json = false;
}

/** Whether `value` passes one check, as Effect runs it (see {@link checksOf}). */
type CheckTest = (value: unknown, options: SchemaAST.ParseOptions) => boolean;

/** The given checks of a node as one test, or `undefined` when there are none. */
function checksOf(
  ast: SchemaAST.AST,
  filters: ReadonlyArray<SchemaAST.Filter<unknown>>,
): CheckTest | undefined {
  if (filters.length === 0) return undefined;
  // Effect reports the first failing check (or all of them); either way the value is rejected
  // exactly when one fails, which is all a fast decoder needs to know. A grammar check runs as
  // its plain test (the same verdict, without building an issue).
  const tests: CheckTest[] = filters.map((filter) => {
    const grammarTest = grammarTestOf(filter);
    if (grammarTest !== undefined) return (value) => typeof value === "string" && grammarTest(value);
    return (value, options) => filter.run(value, ast, options) === undefined;
  });
  const [first, ...rest] = tests;
  if (first !== undefined && rest.length === 0) return first;
  return (value, options) => {
    for (const test of tests) if (!test(value, options)) return false;
    return true;
  };
}

/**
 * `decode` followed by the node's checks (all of them, filter groups flattened, unless `filters`
 * says which `decode` leaves) on what it returns, unless the options disable them.
 */
function withChecks(
  ast: SchemaAST.AST,
  decode: FastDecode,
  filters: ReadonlyArray<SchemaAST.Filter<unknown>> = filtersOf(ast),
): FastDecode | undefined {
  if (ast.encoding !== undefined) return undefined;
  if ("encodingChecks" in ast && ast.encodingChecks !== undefined) return undefined;
  const checks = checksOf(ast, filters);
  if (checks === undefined) return decode;
  return (input, options, meter) => {
    const value = decode(input, options, meter);
    if (value === INVALID || options.disableChecks === true) return value;
    return checks(value, options) ? value : INVALID;
  };
}

const decodeString: FastDecode = (input, _options, meter) => {
  if (typeof input !== "string") return INVALID;
  if (meter !== undefined) measureString(meter, input);
  return input;
};

const decodeNumber: FastDecode = (input, _options, meter) => {
  if (typeof input !== "number") return INVALID;
  if (meter !== undefined) {
    // The longest text ECMAScript writes for a finite number is 25 characters.
    meter.bytes += 25;
    if (!Number.isFinite(input)) meter.json = false;
  }
  return input;
};

const decodeUnknown: FastDecode = (input, _options, meter) => {
  meter?.unknowns.push(input);
  return input;
};

/** A compiled decoder for `ast`, or `undefined` when it uses a node kind not compiled here. */
export function compileFastDecoder(ast: SchemaAST.AST): FastDecode | undefined {
  switch (ast._tag) {
    case "String":
      return withChecks(ast, decodeString);
    case "Number":
      return withChecks(ast, decodeNumber);
    case "Unknown":
      return withChecks(ast, decodeUnknown);
    case "Arrays":
      return compileArray(ast);
    case "Objects":
      return compileObject(ast);
    default:
      return undefined;
  }
}

/** `Schema.Array(item)`: an array of any length, decoded element by element into a new array. */
function compileArray(ast: SchemaAST.Arrays): FastDecode | undefined {
  const [item, ...more] = ast.rest;
  if (ast.elements.length > 0 || item === undefined || more.length > 0) return undefined;
  const decodeItem = compileFastDecoder(item);
  if (decodeItem === undefined) return undefined;
  return withChecks(ast, (input, options, meter) => {
    if (!Array.isArray(input)) return INVALID;
    const out: unknown[] = [];
    for (let i = 0; i < input.length; i++) {
      const value = decodeItem(input[i], options, meter);
      if (value === INVALID) return INVALID;
      out.push(value);
    }
    // Brackets and commas.
    if (meter !== undefined) meter.bytes += 2 + out.length;
    return out;
  });
}

/**
 * A new empty plain object (prototype `Object.prototype`) in V8's dictionary mode, for a record,
 * whose keys data chooses. In V8's default fast mode each new key gives the object a new hidden
 * class, and with keys that seldom repeat (server names, key IDs, content) every copied key is a
 * slow store that can also leave a hidden class behind for the full garbage collector. Deleting
 * a property other than the last one turns an object into a dictionary, which takes any key
 * cheaply; both placeholders go, so the object starts empty, exactly as `{}` would. (An object
 * made without a prototype is a dictionary too, but setting its prototype afterwards costs more
 * and leaves a hidden class behind each time.)
 */
function dictionaryObject(): Record<string, unknown> {
  const out: Record<string, unknown> = { placeholder: 0, last: 0 };
  delete out.placeholder;
  delete out.last;
  return out;
}

/** Stores an own data property even where assignment would not (`__proto__`). */
function defineData(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** One declared field of a struct. */
interface Field {
  readonly name: string;
  /** The most bytes the name takes as an RFC 8785 literal (it is known to be well formed). */
  readonly nameBytes: number;
  readonly optional: boolean;
  readonly decode: FastDecode;
}

/**
 * A struct, a record with string keys, or both (an open struct), with its checks. A record's key
 * checks (`validKeys`) test each key as it is copied, rather than listing the keys again.
 */
function compileObject(ast: SchemaAST.Objects): FastDecode | undefined {
  const filters = filtersOf(ast);
  const keyTests = ast.propertySignatures.length === 0 ? filters.map(keyTestOf) : [];
  const decodeFields = compileObjectFields(
    ast,
    keyTests.filter((test) => test !== undefined),
  );
  if (decodeFields === undefined) return undefined;
  return withChecks(
    ast,
    decodeFields,
    filters.filter((_, i) => keyTests[i] === undefined),
  );
}

/**
 * A struct, a record with string keys, or both (an open struct), without its own checks except
 * `keyTests` (see {@link compileObject}): the declared fields first, in their order, then every
 * other own enumerable key in the input's order, as the interpreter builds it. The rest's value
 * schema also runs on the declared keys' values, as it does there.
 */
function compileObjectFields(
  ast: SchemaAST.Objects,
  keyTests: ReadonlyArray<(key: string) => boolean> = [],
): FastDecode | undefined {
  const fields: Field[] = [];
  for (const property of ast.propertySignatures) {
    const decode = compileFastDecoder(property.type);
    // `__proto__` and symbol or number names need the interpreter's special cases.
    if (decode === undefined || typeof property.name !== "string" || property.name === "__proto__")
      return undefined;
    if (!isWellFormed(property.name)) return undefined;
    fields.push({
      name: property.name,
      nameBytes: 2 + 6 * property.name.length,
      optional: SchemaAST.isOptional(property.type),
      decode,
    });
  }
  const [index, ...moreIndexes] = ast.indexSignatures;
  if (moreIndexes.length > 0 || (index !== undefined && index.parameter !== SchemaAST.string))
    return undefined;
  const decodeRest = index === undefined ? undefined : compileFastDecoder(index.type);
  if (index !== undefined && decodeRest === undefined) return undefined;
  const declared = new Set(fields.map((field) => field.name));
  // An unchecked `unknown` rest accepts anything: the declared keys' values need no second look.
  const restChecksDeclared = fields.length > 0 && decodeRest !== decodeUnknown;
  const [onlyKeyTest] = keyTests;
  const isKey =
    keyTests.length === 1 && onlyKeyTest !== undefined
      ? onlyKeyTest
      : (key: string) => keyTests.every((test) => test(key));

  return (input, options, meter) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return INVALID;
    // What counts as an excess key (one no field or string rest covers: a symbol, say) is the
    // interpreter's business.
    if (options.onExcessProperty !== undefined) return INVALID;
    const record = input as Record<string, unknown>;
    const keys = decodeRest === undefined ? undefined : Object.keys(record);
    // Keys that no field declares are data: a record's, or an open struct's extras. A struct
    // with only its own fields keeps V8's fast mode, which its readers want.
    const out: Record<string, unknown> =
      keys !== undefined && keys.length > fields.length ? dictionaryObject() : {};
    const testKeys = keyTests.length > 0 && options.disableChecks !== true;
    let written = 0;
    for (const field of fields) {
      if (!(field.name in record)) {
        if (field.optional) continue;
        return INVALID;
      }
      const value = field.decode(record[field.name], options, meter);
      if (value === INVALID) return INVALID;
      out[field.name] = value;
      if (meter !== undefined) meter.bytes += field.nameBytes;
      written++;
    }
    if (decodeRest !== undefined && keys !== undefined) {
      for (const key of keys) {
        if (testKeys && !isKey(key)) return INVALID;
        if (fields.length > 0 && declared.has(key)) {
          // The rest's schema checks every value; the declared field keeps its own.
          if (restChecksDeclared && decodeRest(record[key], options, undefined) === INVALID) return INVALID;
          continue;
        }
        const value = decodeRest(record[key], options, meter);
        if (value === INVALID) return INVALID;
        if (key === "__proto__") defineData(out, key, value);
        else out[key] = value;
        if (meter !== undefined) measureString(meter, key);
        written++;
      }
    }
    // Braces, colons and commas.
    if (meter !== undefined) meter.bytes += 2 + 2 * written;
    return out;
  };
}

/** The ASTs already given a fast path (a field schema shared by several envelopes, say). */
const installed = new WeakSet<SchemaAST.AST>();

/**
 * Puts a compiled fast path in front of Effect's interpreter for `ast`, when it can be compiled
 * and there is work to save (a container, or a leaf with checks). Returns whether it has one.
 */
export function installFastDecoder(ast: SchemaAST.AST): boolean {
  if (installed.has(ast)) return true;
  if (ast._tag !== "Objects" && ast._tag !== "Arrays" && ast.checks === undefined) return false;
  const fast = compileFastDecoder(ast);
  if (fast === undefined) return false;
  // Only the fast path is supplied: for a value it rejects, the registry's entry falls back to
  // Effect's interpreter of the same AST, which builds the detailed issues.
  const decode: SchemaCompiler.Decode = (input, options) => fast(input, options, undefined);
  SchemaCompiler.set(ast, { decode } as SchemaCompiler.CompiledDecoder);
  installed.add(ast);
  return true;
}

/**
 * The parse options the compiled paths mirror exactly: the defaults, or only `errors: "first"`.
 * Reporting every issue, skipping checks, excess-key policies and concurrency go to the
 * interpreter.
 */
function isPlain(options: SchemaAST.ParseOptions): boolean {
  return (
    (options.errors === undefined || options.errors === "first") &&
    options.disableChecks !== true &&
    options.onExcessProperty === undefined &&
    options.concurrency === undefined
  );
}

/** The bound a {@link SizeMeter} proves for the value it measured, or `undefined`. */
function meteredBound(meter: SizeMeter): number | undefined {
  if (!meter.json) return undefined;
  let bytes = meter.bytes;
  for (const value of meter.unknowns) {
    const bound = jcsByteLengthBound(value);
    if (bound === undefined) return undefined;
    bytes += bound;
  }
  return bytes;
}

/**
 * Installs compiled decoding for the event struct `schema` and its fields, and returns the
 * schema. Call it where the schema is defined, before anything decodes with it: Effect keeps the
 * parsers it resolved first.
 *
 * Each field gets a fast path in front of the interpreter (see {@link installFastDecoder}), for
 * the other schemas that share it. The struct gets one decoder: it builds the event with the
 * compiled field decoders, measuring it on the way, then runs the struct's checks (the rules
 * between fields, the size rule last) with that measure lent to the size rule, so the rule need
 * not walk the event again. When a check fails it reports the very issue the interpreter builds
 * there (the first failing check of the struct, on the decoded value), so an event that breaks
 * only a rule is decoded once. Any other failure, and any parse option not mirrored here, goes
 * to Effect's interpreter of the same schema, captured before the decoder is installed.
 */
export function withFastDecoders<S extends Schema.Top>(schema: S): S {
  const ast = schema.ast;
  if (ast._tag !== "Objects" || ast.encoding !== undefined) return schema;
  for (const property of ast.propertySignatures) installFastDecoder(property.type);
  for (const index of ast.indexSignatures) installFastDecoder(index.type);
  const decodeFields = compileObjectFields(ast);
  if (decodeFields === undefined) return schema;
  // Effect resolves a parser's node on its first use: resolve the interpreter's now, while the
  // registry still holds it. A non-object fails at once, before any field is compiled, so the
  // fields still find the fast paths installed above when they are.
  const interpreted = SchemaParser.decodeUnknownEffect(schema as Schema.Top);
  interpreted(null);
  const filters = filtersOf(ast);
  const runChecks = (value: object, options: SchemaAST.ParseOptions) => {
    for (const filter of filters) {
      const issue = filter.run(value, ast, options);
      if (issue !== undefined) {
        return Exit.fail(
          new SchemaIssue.Composite(
            ast,
            [new SchemaIssue.Filter(filter, issue, value, options)],
            value,
            options,
          ),
        );
      }
    }
    return Exit.succeed(value);
  };
  const decodeEffect: SchemaCompiler.DecodeEffect = (input, options) => {
    if (input === SchemaCompiler.missing) return Exit.succeed(input);
    if (!isPlain(options)) return interpreted(input, options);
    try {
      const meter: SizeMeter = { bytes: 0, json: true, unknowns: [] };
      const value = decodeFields(input, options, meter);
      if (value === INVALID) return interpreted(input, options);
      const event = value as object;
      return withSizeBound(
        event,
        () => meteredBound(meter),
        () => runChecks(event, options),
      );
    } catch {
      // A getter of the input or a check threw: the interpreter turns that into a defect.
      return interpreted(input, options);
    }
  };
  SchemaCompiler.set(ast, { decodeEffect });
  return schema;
}
