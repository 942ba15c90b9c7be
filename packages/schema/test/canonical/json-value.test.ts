import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emptyJsonObject,
  getOwn,
  isJsonObject,
  jsonEquals,
  jsonObjectFrom,
  omitKeys,
  withKey,
} from "../../src/canonical/json-value.ts";
import { finiteDouble, jsonValue, reorderKeys } from "./arbitraries.ts";

describe("json-value helpers", () => {
  it("isJsonObject accepts plain and null-prototype objects only", () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject(emptyJsonObject())).toBe(true);
    for (const v of [null, [], "x", 1, new Date(0), new Map(), Object.create({ a: 1 })])
      expect(isJsonObject(v)).toBe(false);
  });

  it("getOwn never returns inherited members", () => {
    expect(getOwn({}, "constructor")).toBeUndefined();
    expect(getOwn({}, "__proto__")).toBeUndefined();
    expect(getOwn(jsonObjectFrom([["__proto__", 1]]), "__proto__")).toBe(1);
  });

  it("jsonObjectFrom, withKey and omitKeys store __proto__ as data and leave inputs alone", () => {
    const built = jsonObjectFrom([
      ["__proto__", { evil: true }],
      ["a", 1],
    ]);
    expect(Object.getPrototypeOf(built)).toBeNull();
    expect(Object.keys(built)).toEqual(["__proto__", "a"]);
    const input = { a: 1, b: 2 };
    expect(withKey(input, "__proto__", 3)).toEqual(
      jsonObjectFrom([
        ["a", 1],
        ["b", 2],
        ["__proto__", 3],
      ]),
    );
    expect(omitKeys(input, ["a"])).toEqual({ b: 2 });
    expect(input).toEqual({ a: 1, b: 2 });
    expect(({} as Record<string, unknown>).evil).toBeUndefined();
  });

  it("jsonEquals: order-insensitive, 0 equals -0, arrays are ordered", () => {
    expect(jsonEquals({ a: [1, { b: 0 }], c: null }, { c: null, a: [1, { b: -0 }] })).toBe(true);
    expect(jsonEquals([1, 2], [2, 1])).toBe(false);
    expect(jsonEquals({ a: 1 }, { a: 1, b: 1 })).toBe(false);
    expect(jsonEquals({ a: undefined as unknown as null }, { b: 1 })).toBe(false);
    expect(jsonEquals([], {})).toBe(false);
    expect(jsonEquals("1", 1)).toBe(false);
  });

  it("jsonEquals is reflexive and ignores key order on generated values", () => {
    fc.assert(
      fc.property(jsonValue(finiteDouble), (v) => {
        expect(jsonEquals(v, v)).toBe(true);
        expect(
          jsonEquals(
            v,
            reorderKeys(v, (k) => [...k].reverse()),
          ),
        ).toBe(true);
      }),
    );
  });

  it("jsonEquals handles 100 000-deep values without recursion", () => {
    let a: unknown = 1;
    let b: unknown = 1;
    for (let i = 0; i < 100_000; i++) {
      a = [a];
      b = [b];
    }
    expect(jsonEquals(a as never, b as never)).toBe(true);
  });
});
