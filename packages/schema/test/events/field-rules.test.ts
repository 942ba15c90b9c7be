import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  combineRules,
  copyOwn,
  type FieldRules,
  hasKeys,
  jsonIf,
  rulesFilter,
} from "../../src/events/field-rules.ts";
import { jsonSchemaOf } from "../../src/json-schema/to-json-schema.ts";
import { problems } from "./support.ts";

type Pair = { readonly a: number; readonly b: number };

const ordered: FieldRules = {
  expected: "a < b",
  issues: (v: Pair) => (v.a < v.b ? [] : [{ path: ["b"], issue: "b must exceed a" }]),
  schemas: [Schema.Number],
  jsonSchema: ([n]) => ({ properties: { c: n ?? {} } }),
  repair: {
    ingredients: [Schema.Literal(1)],
    apply: (v: Pair, [one]: ReadonlyArray<number>) => ({ ...v, b: v.a + (one ?? 0) }),
  },
};
const even: FieldRules = {
  expected: "a even",
  issues: (v: Pair) => (v.a % 2 === 0 ? [] : [{ path: ["a"], issue: "a must be even" }]),
  schemas: [Schema.String],
  jsonSchema: ([s]) => ({ properties: { d: s ?? {} } }),
  looser: "pretend",
  repair: {
    ingredients: [Schema.Literal(2)],
    apply: (v: Pair, [two]: ReadonlyArray<number>) => ({ ...v, a: v.a * (two ?? 1) }),
  },
};

describe("combineRules", () => {
  const both = combineRules("both", [ordered, even]);

  it("reports the issues of every part, in order", () => {
    const Pair = Schema.Struct({ a: Schema.Number, b: Schema.Number }).pipe(Schema.check(rulesFilter(both)));
    expect(problems(Pair, { a: 3, b: 1 })).toEqual([
      { path: ["b"], message: "b must exceed a" },
      { path: ["a"], message: "a must be even" },
    ]);
    expect(problems(Pair, { a: 2, b: 3 })).toEqual([]);
  });

  it("hands each part its own schemas and ingredients", () => {
    expect(both.jsonSchema([{ type: "number" }, { type: "string" }])).toEqual({
      allOf: [{ properties: { c: { type: "number" } } }, { properties: { d: { type: "string" } } }],
    });
    const apply = both.repair.apply as (v: Pair, i: ReadonlyArray<number>) => Pair;
    // ordered sets b = a + 1, then even doubles a: the later part sees the earlier one's output.
    expect(apply({ a: 3, b: 0 }, [1, 2])).toEqual({ a: 6, b: 4 });
    expect(both.looser).toBe("pretend");
  });

  it("export as JSON Schema, marked looser when a part is", () => {
    const Pair = Schema.Struct({ a: Schema.Number, b: Schema.Number }).pipe(Schema.check(rulesFilter(both)));
    const { document, approximations } = jsonSchemaOf(Pair);
    expect(document.allOf).toEqual([
      { properties: { c: { type: "number" } } },
      { properties: { d: { type: "string" } } },
    ]);
    expect(approximations.map((a) => a.reason)).toEqual(["both: exported looser than Effect checks it"]);
  });
});

describe("JSON Schema helpers", () => {
  it("hasKeys lists each required key under properties too (ajv strict mode)", () => {
    expect(hasKeys("a", "b")).toEqual({ required: ["a", "b"], properties: { a: {}, b: {} } });
  });

  it("jsonIf writes if/then and, when given, else", () => {
    const written = jsonIf({ required: ["a"] }, { required: ["b"] });
    expect(Object.entries(written)).toEqual([
      ["if", { required: ["a"] }],
      ["then", { required: ["b"] }],
    ]);
    expect(Object.keys(jsonIf({}, {}, {}))).toEqual(["if", "then", "else"]);
  });

  it("copyOwn keeps own keys, __proto__ included, on a plain object", () => {
    const source = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    const copy = copyOwn(source);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect(copy).not.toBe(source);
    expect((copy as { x?: unknown }).x).toBeUndefined();
  });
});
