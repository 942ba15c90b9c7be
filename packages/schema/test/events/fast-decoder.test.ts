import { Cause, Exit, Schema, type SchemaAST } from "effect";
import { SchemaCompiler } from "effect/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toEncodedArbitrary } from "../../src/arbitrary/index.ts";
import { FullyFormedEvent, LimitedEvent } from "../../src/events/envelope.ts";
import { compileFastDecoder, installFastDecoder } from "../../src/events/fast-decoder.ts";
import { OpenObject } from "../../src/events/open-object.ts";
import { Signatures } from "../../src/events/signatures.ts";
import { MAX_EVENT_BYTES } from "../../src/events/size.ts";
import { finiteDouble, jsonValue } from "../canonical/arbitraries.ts";
import { copy, history, problems } from "./support.ts";

type Json = Record<string, unknown>;

/**
 * The same schema under a new AST: Effect's parser registry knows it by identity, so it decodes
 * with the interpreter (its fields are the shared field schemas, whose own fast paths the
 * field-level property checks against the interpreter separately).
 */
function interpreted<S extends Schema.Top>(schema: S): S {
  const copy = schema.pipe(Schema.annotate({ description: "the interpreter's reference" })) as unknown as S;
  expect(copy.ast).not.toBe(schema.ast);
  return copy;
}

/**
 * A value's shape as JSON data sees it and a little more: key order, prototypes, own data
 * properties only, `-0` and `undefined` told apart. Two decoders agree when their outputs have
 * the same shape.
 */
function shape(value: unknown): unknown {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : Number.isNaN(value) ? "NaN" : value;
  if (value === undefined) return "<undefined>";
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return ["array", ...value.map(shape)];
  const proto = Object.getPrototypeOf(value);
  const kind = proto === Object.prototype ? "object" : proto === null ? "null-prototype" : "other";
  return [
    kind,
    ...Object.keys(value).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
      return [key, "value" in descriptor ? shape(descriptor.value) : "<accessor>"];
    }),
  ];
}

/** A deep copy that keeps `__proto__` as an own key, as `JSON.parse` does. */
function deepCopy(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(deepCopy);
  const out: Json = {};
  for (const key of Object.keys(value))
    Object.defineProperty(out, key, {
      value: deepCopy((value as Json)[key]),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return out;
}

/** Every path to a node of `value`, the root included. */
function pathsOf(value: unknown, prefix: ReadonlyArray<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [[...prefix]];
  if (typeof value === "object" && value !== null) {
    const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) out.push(...pathsOf((value as Json)[key as string], [...prefix, key]));
  }
  return out;
}

/** Small changes that break or keep a value: replace a node, delete a key, or add one. */
const mutationArb = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("replace", "delete", "add"),
  key: fc.constantFrom("__proto__", "0", "x", "ed25519:1", "example.org", "sha256", "lpdu", "type"),
  replacement: fc.oneof(
    jsonValue(finiteDouble, 2),
    fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 60, "\uD800", "A".repeat(43)),
  ),
});

type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

/** `value` with one mutation applied (to a copy). */
function mutate(value: unknown, mutation: Mutation): unknown {
  const root = deepCopy(value);
  const paths = pathsOf(root);
  const path = paths[mutation.pick % paths.length] as Array<string | number>;
  if (path.length === 0) return mutation.kind === "replace" ? mutation.replacement : root;
  let parent = root as Json;
  for (const segment of path.slice(0, -1)) parent = parent[segment as string] as Json;
  const last = path.at(-1) as string;
  const define = (target: object, key: string, v: unknown) =>
    Object.defineProperty(target, key, { value: v, writable: true, enumerable: true, configurable: true });
  if (mutation.kind === "replace") define(parent, last, mutation.replacement);
  else if (mutation.kind === "delete" && !Array.isArray(parent)) delete parent[last];
  else {
    const target = parent[last];
    if (typeof target === "object" && target !== null && !Array.isArray(target))
      define(target, mutation.key, mutation.replacement);
  }
  return root;
}

const INVALID: unknown = SchemaCompiler.invalid;

const ENVELOPES = [
  { name: "FullyFormedEvent", schema: FullyFormedEvent },
  { name: "LimitedEvent", schema: LimitedEvent },
] as const;

describe("compileFastDecoder", () => {
  for (const { name, schema } of ENVELOPES) {
    const fields = (schema.ast as SchemaAST.Objects).propertySignatures;
    const eventArb = toEncodedArbitrary(schema).map((event) => deepCopy(event) as Json);

    it(`decodes every field of ${name} exactly as Effect's interpreter does, valid or not`, () => {
      const decoders = fields.map((field) => ({
        name: String(field.name),
        fast: compileFastDecoder(field.type),
        reference: Schema.decodeUnknownExit(interpreted(Schema.make(field.type) as Schema.Codec<unknown>)),
      }));
      for (const decoder of decoders) expect(decoder.fast, decoder.name).toBeDefined();
      fc.assert(
        fc.property(eventArb, fc.option(mutationArb, { nil: undefined }), (event, mutation) => {
          for (const { name: field, fast, reference } of decoders) {
            if (!(field in event)) continue;
            const input = mutation === undefined ? event[field] : mutate(event[field], mutation);
            const got = fast?.(input, {}, undefined);
            const want = reference(input);
            expect(got !== INVALID, field).toBe(Exit.isSuccess(want));
            if (Exit.isSuccess(want)) expect(shape(got), field).toEqual(shape(want.value));
          }
        }),
        { numRuns: 120 },
      );
    });

    it(`decodes ${name} as the interpreter does: the same value, or the same problems`, () => {
      const reference = interpreted(schema);
      const decode = Schema.decodeUnknownExit(schema as Schema.Codec<unknown>);
      const decodeReference = Schema.decodeUnknownExit(reference as Schema.Codec<unknown>);
      fc.assert(
        fc.property(eventArb, fc.option(mutationArb, { nil: undefined }), (event, mutation) => {
          const input = mutation === undefined ? event : mutate(event, mutation);
          const got = decode(input);
          const want = decodeReference(input);
          expect(got._tag).toBe(want._tag);
          if (Exit.isSuccess(got) && Exit.isSuccess(want))
            expect(shape(got.value)).toEqual(shape(want.value));
          else expect(problems(schema, input)).toEqual(problems(reference, input));
        }),
        { numRuns: 200 },
      );
    });

    it(`leaves other parse options of ${name} to the interpreter, with the same results`, () => {
      const reference = interpreted(schema);
      const options: ReadonlyArray<SchemaAST.ParseOptions> = [
        { errors: "all" },
        { disableChecks: true },
        { onExcessProperty: "error" },
      ];
      fc.assert(
        fc.property(eventArb, mutationArb, fc.constantFrom(...options), (event, mutation, option) => {
          const input = mutate(event, mutation);
          const got = Schema.decodeUnknownExit(schema as Schema.Codec<unknown>, option)(input);
          const want = Schema.decodeUnknownExit(reference as Schema.Codec<unknown>, option)(input);
          expect(got._tag).toBe(want._tag);
          if (Exit.isSuccess(got) && Exit.isSuccess(want))
            expect(shape(got.value)).toEqual(shape(want.value));
        }),
        { numRuns: 60 },
      );
    });
  }

  it("compiles only the node kinds events use", () => {
    expect(compileFastDecoder(Schema.Union([Schema.String, Schema.Number]).ast)).toBeUndefined();
    expect(compileFastDecoder(Schema.Literal("m.room.create").ast)).toBeUndefined();
    expect(compileFastDecoder(Schema.NumberFromString.ast)).toBeUndefined();
    expect(compileFastDecoder(Schema.Struct({ tag: Schema.Literal("x") }).ast)).toBeUndefined();
    expect(compileFastDecoder(Schema.Struct({ name: Schema.String }).ast)).toBeDefined();
    expect(installFastDecoder(Schema.String.ast)).toBe(false);
  });

  it("builds records as plain objects: the usual prototype, the input's key order, __proto__ as data", () => {
    const content = compileFastDecoder(OpenObject.ast);
    const input = JSON.parse('{"b":1,"__proto__":{"x":1},"7":2,"a":[3]}') as Json;
    const out = content?.(input, {}, undefined) as Json;
    expect(out).not.toBe(INVALID);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["7", "b", "__proto__", "a"]);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(out.a).toBe(input.a);
    expect(shape(out)).toEqual(shape(Schema.decodeUnknownSync(interpreted(OpenObject))(input)));

    const signatures = compileFastDecoder(Signatures.ast);
    const signed = { "b.example": { "ed25519:2": "A".repeat(86) }, "a.example": {} };
    const decoded = signatures?.(signed, {}, undefined) as Json;
    expect(Object.keys(decoded)).toEqual(["b.example", "a.example"]);
    expect(Object.getPrototypeOf(decoded["b.example"])).toBe(Object.prototype);
    expect(shape(decoded)).toEqual(shape(Schema.decodeUnknownSync(interpreted(Signatures))(signed)));
    expect(signatures?.(JSON.parse('{"__proto__":{}}'), {}, undefined)).toBe(INVALID);
  });
});

describe("the fast paths of the fields", () => {
  it("leave excess-key policies to the interpreter (a symbol key is excess even in a record)", () => {
    const signed: Json = { "a.example": {} };
    Object.defineProperty(signed, Symbol("extra"), { value: 1, enumerable: true });
    for (const onExcessProperty of ["error", "ignore"] as const) {
      const got = Schema.decodeUnknownExit(Signatures, { onExcessProperty })(signed);
      const want = Schema.decodeUnknownExit(interpreted(Signatures), { onExcessProperty })(signed);
      expect(got._tag).toBe(want._tag);
    }
    expect(compileFastDecoder(Signatures.ast)?.(signed, { onExcessProperty: "error" }, undefined)).toBe(
      INVALID,
    );
  });
});

describe("the compiled event decoders", () => {
  const reference = interpreted(FullyFormedEvent);

  it("turn a throwing getter into the interpreter's defect, never into a thrown error", () => {
    const event = copy(history.bobJoin);
    Object.defineProperty(event, "prev_events", {
      enumerable: true,
      get() {
        throw new Error("a getter of the input failed");
      },
    });
    const got = Schema.decodeUnknownExit(FullyFormedEvent)(event);
    const want = Schema.decodeUnknownExit(reference)(event);
    expect(Exit.isFailure(got) && Exit.isFailure(want)).toBe(true);
    if (Exit.isFailure(got) && Exit.isFailure(want))
      expect(String(Cause.squash(got.cause))).toBe(String(Cause.squash(want.cause)));
  });

  it("report a missing event field as the interpreter does", () => {
    const holder = Schema.Struct({ event: FullyFormedEvent });
    const referenceHolder = Schema.Struct({ event: reference });
    expect(problems(holder, {})).toEqual(problems(referenceHolder, {}));
    expect(problems(holder, { event: copy(history.bobJoin) })).toEqual([]);
  });

  it("measure the event while decoding it, with the size rule's verdicts and messages", () => {
    const base = copy(history.bobJoin);
    const cases: Json[] = [
      { ...base, content: { ...(base.content as Json), blob: "x".repeat(MAX_EVENT_BYTES) } },
      { ...base, content: { ...(base.content as Json), note: "\uD800" } },
      { ...base, content: { ...(base.content as Json), nested: { deep: [1, Number.NaN] } } },
      { ...base, extra: { when: new Date(0) } },
      { ...base, content: { ...(base.content as Json), blob: "é".repeat(20_000) } },
      base,
    ];
    // A getter on the content itself is read (and copied) like any field; one further down is
    // not JSON data.
    const withGetter = { ...base, content: { ...(base.content as Json), nested: {} } };
    Object.defineProperty(withGetter.content, "computed", { enumerable: true, get: () => "x" });
    Object.defineProperty(withGetter.content.nested, "computed", { enumerable: true, get: () => "x" });
    cases.push(withGetter);
    for (const event of cases) expect(problems(FullyFormedEvent, event)).toEqual(problems(reference, event));
    expect(problems(FullyFormedEvent, cases[0])).toEqual([
      {
        path: [],
        message: expect.stringContaining(`LM allows at most ${MAX_EVENT_BYTES}`),
      },
    ]);
    expect(problems(FullyFormedEvent, base)).toEqual([]);
  });
});
