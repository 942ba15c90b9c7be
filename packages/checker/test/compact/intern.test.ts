import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Interner, structKey } from "../../src/compact/intern.ts";

/** JSON with object members sorted at every level: what two values equal as JSON share. */
function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object")
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value));
}

/** The same value with every object's members written in reverse order. */
function reversedMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedMembers);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedMembers(v)]),
    );
  return value;
}

describe("Interner", () => {
  it("gives values with equal keys one ID and keeps the first value seen", () => {
    const interner = new Interner<{ name: string; origin_server_ts?: number }>((v) => structKey(v));
    const first = { name: "a", origin_server_ts: 1 };
    const later = { origin_server_ts: 99, name: "a" };
    const other = { name: "b" };
    const id = interner.id(first);
    expect(interner.id(later)).toBe(id);
    expect(interner.id(other)).not.toBe(id);
    expect(interner.value(id)).toBe(first);
    expect(interner.value(interner.id(later))).toBe(first);
    expect(interner.size).toBe(2);
    // IDs are dense, in order of first appearance.
    expect([id, interner.id(other)]).toEqual([0, 1]);
  });

  it("applies the normalize hook once per new key and keeps what it returns", () => {
    const normalized: Array<{ n: number }> = [];
    const interner = new Interner<{ n: number }>(
      (v) => String(v.n),
      (v) => {
        const kept = { n: v.n };
        normalized.push(kept);
        return kept;
      },
    );
    const a = { n: 1 };
    const id = interner.id(a);
    interner.id(a);
    interner.id({ n: 1 });
    interner.id({ n: 2 });
    expect(normalized.map((v) => v.n)).toEqual([1, 2]);
    const kept = interner.value(id);
    expect(kept).toBe(normalized[0]);
    expect(kept).not.toBe(a);
    // The kept object is known by itself too: asking for it again is not a new value.
    expect(interner.id(kept)).toBe(id);
    expect(normalized).toHaveLength(2);
    expect(interner.size).toBe(2);
  });

  it("computes a value's key once per object", () => {
    let keyed = 0;
    const interner = new Interner<{ n: number }>((v) => {
      keyed++;
      return String(v.n);
    });
    const a = { n: 1 };
    interner.id(a);
    interner.id(a);
    interner.id(a);
    expect(keyed).toBe(1);
    interner.id({ n: 1 });
    expect(keyed).toBe(2);
  });

  it("says which ID it does not know", () => {
    const interner = new Interner<{ n: number }>((v) => String(v.n));
    interner.id({ n: 1 });
    expect(() => interner.value(1)).toThrow("compact machine: no interned value 1");
    expect(() => interner.value(-1)).toThrow("no interned value -1");
  });
});

describe("structKey", () => {
  it("leaves out origin_server_ts at any depth, and undefined members", () => {
    expect(structKey({ a: 1, origin_server_ts: 5 })).toBe(structKey({ a: 1, origin_server_ts: 6 }));
    expect(structKey({ a: 1, origin_server_ts: 5 })).toBe(structKey({ a: 1 }));
    expect(structKey({ e: [{ origin_server_ts: 1, x: 2 }] })).toBe(structKey({ e: [{ x: 2 }] }));
    expect(structKey({ a: 1, b: undefined })).toBe(structKey({ a: 1 }));
    // Only the member name is special: the value 'origin_server_ts' is an ordinary string.
    expect(structKey({ a: "origin_server_ts" })).not.toBe(structKey({ a: "x" }));
  });

  it("sorts object members but keeps array and map order", () => {
    expect(structKey({ b: 1, a: { d: 2, c: 3 } })).toBe(structKey({ a: { c: 3, d: 2 }, b: 1 }));
    expect(structKey([1, 2])).not.toBe(structKey([2, 1]));
    expect(
      structKey(
        new Map([
          ["x", 1],
          ["y", 2],
        ]),
      ),
    ).not.toBe(
      structKey(
        new Map([
          ["y", 2],
          ["x", 1],
        ]),
      ),
    );
  });

  it("tells apart values JSON would confuse or that differ only in kind", () => {
    expect(structKey(undefined)).not.toBe(structKey(null));
    expect(structKey([undefined])).not.toBe(structKey([]));
    expect(structKey([undefined])).not.toBe(structKey([null]));
    expect(structKey("1")).not.toBe(structKey(1));
    expect(structKey({})).not.toBe(structKey([]));
    expect(structKey(new Map())).not.toBe(structKey({}));
    expect(structKey(new Map([["a", 1]]))).not.toBe(structKey({ a: 1 }));
    // Strings are escaped: a string cannot pass for more members.
    expect(structKey({ a: '","c":1' })).not.toBe(structKey({ a: "", c: 1 }));
    expect(structKey(["a,b"])).not.toBe(structKey(["a", "b"]));
  });

  it("is equal for two JSON values exactly when they are equal as JSON (member order aside)", () => {
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => !JSON.stringify(v).includes("origin_server_ts"));
    fc.assert(
      fc.property(json, (v) => structKey(v) === structKey(reversedMembers(v))),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        json,
        json,
        (a, b) => (structKey(a) === structKey(b)) === (sortedJson(a) === sortedJson(b)),
      ),
      { numRuns: 300 },
    );
  });
});
