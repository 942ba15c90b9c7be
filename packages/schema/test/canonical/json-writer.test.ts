import { describe, expect, it } from "vitest";
import { canonicalizeJcs } from "../../src/canonical/jcs.ts";
import { findLoneSurrogate, quoteJsonString } from "../../src/canonical/json-writer.ts";
import { canonicalizeMatrix } from "../../src/canonical/matrix-canonical.ts";

describe("writeCanonical: in-memory values that are not JSON", () => {
  const sparse: unknown[] = [];
  sparse[0] = 1;
  sparse[2] = 3;
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    ["undefined member", { a: undefined }, "$.a"],
    ["undefined root", undefined, "$"],
    ["function", { f: () => 1 }, "$.f"],
    ["symbol", [Symbol("s")], "$[0]"],
    ["bigint", { n: 10n }, "$.n"],
    ["Date", { when: new Date(0) }, "$.when"],
    ["Map", { m: new Map() }, "$.m"],
    ["boxed string", [new String("x")], "$[0]"],
    ["sparse array hole", { list: sparse }, "$.list[1]"],
  ];
  for (const [name, value, path] of cases) {
    it(`rejects a ${name} as not-json at ${path}`, () => {
      expect(canonicalizeJcs(value)).toMatchObject({ ok: false, error: { code: "not-json", path } });
    });
  }

  it("rejects accessor properties without calling them", () => {
    let called = false;
    const value = Object.defineProperty({}, "x", {
      enumerable: true,
      get: () => {
        called = true;
        return 1;
      },
    });
    expect(canonicalizeJcs(value)).toMatchObject({ ok: false, error: { code: "not-json", path: "$.x" } });
    expect(called).toBe(false);
  });

  it("rejects cycles but accepts shared (acyclic) references", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(canonicalizeJcs(cyclic)).toMatchObject({
      ok: false,
      error: { code: "cycle", path: "$.self.back" },
    });
    const shared = { x: 1 };
    expect(canonicalizeJcs({ a: shared, b: [shared, shared] })).toEqual({
      ok: true,
      value: '{"a":{"x":1},"b":[{"x":1},{"x":1}]}',
    });
  });

  it("writes own __proto__ keys as data and ignores inherited ones", () => {
    const withProto = JSON.parse('{"__proto__": {"z": 1}, "a": 2}') as unknown;
    expect(canonicalizeJcs(withProto)).toEqual({ ok: true, value: '{"__proto__":{"z":1},"a":2}' });
    const inherits = Object.create({ inherited: 1 }) as object;
    expect(canonicalizeJcs(inherits)).toMatchObject({ ok: false, error: { code: "not-json" } });
  });
});

describe("writeCanonical: depth", () => {
  function nested(depth: number): unknown {
    let value: unknown = 0;
    for (let i = 0; i < depth; i++) value = { a: [value] };
    return value;
  }

  it("gives too-deep instead of overflowing the stack on 10 000-deep values", () => {
    const result = canonicalizeMatrix(nested(10_000));
    expect(result).toMatchObject({ ok: false, error: { code: "too-deep" } });
  });

  it("writes very deep values when the limit allows (the walk is iterative)", () => {
    const result = canonicalizeJcs(nested(100_000), { maxDepth: Number.POSITIVE_INFINITY });
    expect(result.ok && result.value.length).toBe('{"a":['.length * 100_000 + 1 + "]}".length * 100_000);
  });
});

describe("string helpers", () => {
  it("quoteJsonString agrees with JSON.stringify on well-formed strings", () => {
    for (let c = 0; c < 0x3000; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (c >= 0xd800 && c <= 0xdfff) continue;
      expect(quoteJsonString(s)).toBe(JSON.stringify(s));
    }
  });

  it("findLoneSurrogate finds the first unpaired surrogate", () => {
    expect(findLoneSurrogate("ok \u{1F600}")).toBe(-1);
    expect(findLoneSurrogate("ab\uD800")).toBe(2);
    expect(findLoneSurrogate("\uDC00\uD800")).toBe(0);
    expect(findLoneSurrogate("\u{1F600}\uDE00")).toBe(2);
  });
});
