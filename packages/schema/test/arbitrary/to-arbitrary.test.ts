import { Exit, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FilterExhaustedError } from "../../src/arbitrary/bounded-filter.ts";
import { withArbitraryHint } from "../../src/arbitrary/hints.ts";
import {
  type FilterFallback,
  toArbitrary,
  toEncodedArbitrary,
  UnsupportedSchemaError,
} from "../../src/arbitrary/to-arbitrary.ts";
import { decodeBase64 } from "../../src/canonical/base64.ts";
import { ServerName, UserId, UserIdFromString } from "../../src/identifiers/index.ts";
import {
  Base64Triplet,
  Chain,
  Membership,
  Profile,
  ServerParts,
  syntheticSchemas,
  Tree,
} from "./synthetic-schemas.ts";

// Every registered schema (`schemasByName`) gets the same properties in test/schemas/.
const allSchemas = syntheticSchemas;

function roundTrip(schema: Schema.Top, value: unknown): unknown {
  const codec = schema as unknown as Schema.Codec<unknown, unknown>;
  return Schema.decodeUnknownSync(codec)(Schema.encodeUnknownSync(codec)(value));
}

describe("toArbitrary on every synthetic schema", () => {
  for (const [name, schema] of Object.entries(allSchemas)) {
    it(`${name}: generated values are valid and survive encode then decode`, () => {
      const is = Schema.is(schema);
      fc.assert(
        fc.property(toArbitrary(schema), (value) => {
          expect(is(value)).toBe(true);
          expect(roundTrip(schema, value)).toEqual(value);
        }),
        { numRuns: 200 },
      );
    });

    it(`${name}: generated Encoded values decode, and encode back to themselves`, () => {
      const codec = schema as unknown as Schema.Codec<unknown, unknown>;
      const decode = Schema.decodeUnknownExit(codec);
      fc.assert(
        fc.property(toEncodedArbitrary(schema), (encoded) => {
          const decoded = decode(encoded);
          expect(Exit.isSuccess(decoded)).toBe(true);
          if (Exit.isSuccess(decoded))
            expect(Schema.encodeUnknownSync(codec)(decoded.value)).toEqual(encoded);
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe("what the generators cover", () => {
  it("leaves optional keys out sometimes and puts them in sometimes", () => {
    const values = fc.sample(toArbitrary(Profile), { numRuns: 300, seed: 7 });
    expect(values.some((v) => "topic" in v)).toBe(true);
    expect(values.some((v) => !("topic" in v))).toBe(true);
    expect(values.some((v) => v.topic === null)).toBe(true);
    expect(values.some((v) => v.position.length === 1)).toBe(true);
    expect(values.some((v) => v.position.length === 2)).toBe(true);
    expect(values.some((v) => Object.keys(v.power_levels).length > 0)).toBe(true);
  });

  it("reaches every member of a union", () => {
    const tags = new Set(fc.sample(toArbitrary(Membership), { numRuns: 200, seed: 1 }).map((m) => m._tag));
    expect([...tags].sort()).toEqual(["ban", "join", "leave"]);
  });

  it("bounds recursion: trees and chains are finite and sometimes nest", () => {
    const depth = (t: Tree): number => 1 + Math.max(0, ...t.children.map(depth));
    const trees = fc.sample(toArbitrary(Tree), { numRuns: 200, seed: 3 });
    expect(Math.max(...trees.map(depth))).toBeGreaterThan(1);
    expect(Math.max(...trees.map(depth))).toBeLessThan(10);
    const length = (c: Chain): number => 1 + (c.next === undefined ? 0 : length(c.next));
    const chains = fc.sample(toArbitrary(Chain), { numRuns: 200, seed: 3 });
    expect(Math.max(...chains.map(length))).toBeGreaterThan(1);
  });

  it("respects integer and number bounds exactly, without filtering", () => {
    const fallbacks: FilterFallback[] = [];
    const bounded = Schema.Int.pipe(Schema.check(Schema.isGreaterThan(-3), Schema.isLessThan(3)));
    const values = fc.sample(toArbitrary(bounded, { onFilterFallback: (f) => fallbacks.push(f) }), 200);
    expect(new Set(values)).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(fallbacks).toEqual([]);
  });

  it("reports the checks it re-runs as filters", () => {
    const fallbacks: FilterFallback[] = [];
    toArbitrary(Profile, { onFilterFallback: (f) => fallbacks.push(f) });
    const where = fallbacks.map((f) => `${f.path}: ${f.check}`);
    // Grammar strings carry prose limits in their filter, so it is re-run on the walk's output.
    expect(where).toContain("$.owner: a user_id (spec/grammar/identifiers.abnf)");
    expect(where).toContain("$.tags: an array with unique items");
    // Array lengths and number bounds are built in, not filtered.
    expect(where.some((w) => w.startsWith("$.rooms:") || w.startsWith("$.version:"))).toBe(false);
  });

  it("follows a custom check's pattern hint instead of filtering blindly", () => {
    const fallbacks: FilterFallback[] = [];
    const values = fc.sample(
      toArbitrary(Base64Triplet, { onFilterFallback: (f) => fallbacks.push(f), maxFilterTries: 5 }),
      100,
    );
    expect(values.every((v) => /^[A-Za-z0-9+/]{4}$/.test(v))).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(50);
    // The check itself still runs (the hint does not replace it).
    expect(fallbacks).toEqual([{ path: "$", check: "base64 of 3 octets" }]);
  });

  it("mixes integers into plain numbers, so integer-only custom checks pass often", () => {
    const values = fc.sample(toArbitrary(Schema.Number), { numRuns: 400, seed: 5 });
    const integers = values.filter(Number.isSafeInteger).length;
    expect(integers).toBeGreaterThan(100);
    expect(integers).toBeLessThan(400);
  });

  it("generates a transformation's Type by decoding, so no Type value is unreachable", () => {
    // A Type-side walk would produce hosts like "a:b"; decoding only yields real splits.
    fc.assert(
      fc.property(toArbitrary(ServerParts), (parts) => {
        expect(parts.host).toMatch(/^[-.0-9A-Za-z]+$/);
      }),
    );
  });
});

describe("generation hints on custom checks", () => {
  /** A custom check `pass` with `hint`, on `base`. */
  function hinted<S extends Schema.Top>(base: S, pass: (value: never) => boolean, hint: object) {
    return base.pipe(
      Schema.check(
        Schema.makeFilter(pass as (value: unknown) => boolean, { expected: "the hinted check", ...hint }),
      ),
    ) as unknown as S;
  }
  const strict = { maxFilterTries: 3 };

  it("base64: octets of the declared count, sometimes padded, shrinking to zero bytes", () => {
    const FiveOctets = hinted(
      Schema.String,
      (s: string) => {
        const decoded = decodeBase64(s);
        return decoded.ok && decoded.value.length === 5;
      },
      withArbitraryHint({ base64: { octets: 5 } }),
    );
    const values = fc.sample(toArbitrary(FiveOctets, strict), { numRuns: 200, seed: 1 });
    expect(values.every((v) => v.length === 7 || v.length === 8)).toBe(true);
    expect(values.some((v) => v.endsWith("="))).toBe(true);
    const result = fc.check(
      fc.property(toArbitrary(FiveOctets), (v) => v.length < 7),
      { seed: 1 },
    );
    expect(result.counterexample).toEqual(["AAAAAAA"]);
  });

  it("from and prefix: values of other schemas, with text in front", () => {
    const Prefixed = hinted(
      Schema.String,
      (s: string) => s.startsWith("host=") && Schema.is(ServerName)(s.slice(5)),
      withArbitraryHint({ from: [ServerName], prefix: "host=" }),
    );
    fc.assert(
      fc.property(toArbitrary(Prefixed, strict), (v) => {
        expect(Schema.is(ServerName)(v.slice(5))).toBe(true);
      }),
    );
  });

  it("values: the notable values come up, next to generated ones", () => {
    const Hinted = hinted(Schema.String, () => true, withArbitraryHint({ values: ["m.room.create"] }));
    const values = fc.sample(toArbitrary(Hinted), { numRuns: 200, seed: 2 });
    const notable = values.filter((v) => v === "m.room.create").length;
    expect(notable).toBeGreaterThan(20);
    expect(notable).toBeLessThan(150);
  });

  it("keys: a record's plain string keys come from the key schema", () => {
    const ByServer = hinted(
      Schema.Record(Schema.String, Schema.Boolean),
      (r: object) => Object.keys(r).every(Schema.is(ServerName)),
      withArbitraryHint({ keys: ServerName }),
    );
    const values = fc.sample(toArbitrary(ByServer, strict), { numRuns: 100, seed: 3 });
    expect(values.some((v) => Object.keys(v).length > 1)).toBe(true);
  });

  it("repair: a cross-field rule is met by construction, ingredients drawn alongside", () => {
    const Ordered = hinted(
      Schema.Struct({ low: Schema.Int, high: Schema.Int, tag: Schema.optionalKey(Schema.String) }),
      (v: { low: number; high: number; tag?: string }) => v.low < v.high && v.tag !== undefined,
      withArbitraryHint({
        repair: {
          ingredients: [Schema.Literals(["x", "y"])],
          apply: (v: { low: number; high: number; tag?: string }, [tag]: ReadonlyArray<string>) => ({
            low: Math.min(v.low, v.high),
            high: Math.max(v.low, v.high) + 1,
            tag: v.tag ?? tag,
          }),
        },
      }),
    );
    const fallbacks: FilterFallback[] = [];
    fc.assert(
      fc.property(
        toEncodedArbitrary(Ordered, { ...strict, onFilterFallback: (f) => fallbacks.push(f) }),
        (v) => {
          expect(v.low).toBeLessThan(v.high);
        },
      ),
    );
    // A hinted check is re-run as a safety net, not reported as a fallback.
    expect(fallbacks).toEqual([]);
  });

  it("maxProperties and number hints steer records and numbers", () => {
    const Empty = hinted(
      Schema.Record(Schema.String, Schema.Number),
      (r: object) => Object.keys(r).length === 0,
      { arbitraryConstraint: { maxProperties: 0 } },
    );
    expect(fc.sample(toArbitrary(Empty, strict), 50).every((v) => Object.keys(v).length === 0)).toBe(true);
    const Small = hinted(Schema.Number, (n: number) => Number.isInteger(n) && n >= 0 && n <= 3, {
      arbitraryConstraint: { number: "integer", minimum: 0, maximum: 3 },
    });
    expect(new Set(fc.sample(toArbitrary(Small, strict), 100))).toEqual(new Set([0, 1, 2, 3]));
  });
});

describe("unsupported schemas and impossible checks", () => {
  it("names the node and its path", () => {
    const WithDate = Schema.Struct({ meta: Schema.Struct({ when: Schema.Date }) });
    expect(() => toArbitrary(WithDate)).toThrow(UnsupportedSchemaError);
    expect(() => toArbitrary(WithDate)).toThrow(/Declaration.* at \$\.meta\.when: /);
    expect(() => toArbitrary(Schema.Never)).toThrow(/Never at \$: Never has no values/);
    expect(() =>
      toArbitrary(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0.2, maximum: 0.8 })))),
    ).toThrow(/no safe integer lies between 0.2 and 0.8/);
  });

  it("gives up on a filter nothing passes, naming the check, instead of hanging", () => {
    const impossible = Schema.String.pipe(
      Schema.check(Schema.makeFilter((s: string) => s.length > 1e6, { expected: "a huge string" })),
    );
    expect(() => fc.sample(toArbitrary(impossible, { maxFilterTries: 50 }), 1)).toThrow(FilterExhaustedError);
    expect(() => fc.sample(toArbitrary(impossible, { maxFilterTries: 50 }), 1)).toThrow(/a huge string/);
  });
});

describe("shrinking", () => {
  function counterexample<T>(arbitrary: fc.Arbitrary<T>, property: (value: T) => boolean): T {
    const result = fc.check(fc.property(arbitrary, property), { seed: 42, numRuns: 500 });
    expect(result.failed).toBe(true);
    return (result.counterexample as [T])[0];
  }

  it("shrinks a grammar string to a shortest failing one", () => {
    const found = counterexample(toArbitrary(UserId), (id) => !id.includes("."));
    // "@" localpart ":" server with one of them a single "." is the shortest possible.
    expect(found).toMatch(/^@(\.:[-.0-9A-Za-z]|[-+./0-9=_a-z]:\.)$/);
  });

  it("shrinks arrays to the failing length and numbers to the boundary", () => {
    const found = counterexample(toArbitrary(Profile), (p) => p.servers.length < 3 && p.version < 7);
    if (found.servers.length >= 3) expect(found.servers).toHaveLength(3);
    else expect(found.version).toBe(7);
    expect(found.rooms).toEqual([]);
    expect(found.power_levels).toEqual({});
  });

  it("shrinks through a transformation", () => {
    const found = counterexample(toArbitrary(UserIdFromString), (p) => p.localpart.length < 3);
    expect(found.localpart).toHaveLength(3);
    expect(found.server.length).toBe(1);
  });

  it("shrinks a recursive value to a minimal tree", () => {
    const found = counterexample(toArbitrary(Tree), (t) => t.children.length === 0);
    expect(found).toEqual({ value: 0, children: [{ value: 0, children: [] }] });
  });
});
