import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { OpenObject, openStruct } from "../../src/events/index.ts";
import { problems } from "./support.ts";

describe("open objects", () => {
  it("an open struct checks its fields and keeps every other key, __proto__ included", () => {
    const S = openStruct({ a: Schema.String });
    const input = JSON.parse('{"a":"x","__proto__":{"evil":1},"b":[1]}') as object;
    const decoded = Schema.decodeUnknownSync(S)(input);
    expect(Object.keys(decoded)).toEqual(["a", "__proto__", "b"]);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Schema.encodeSync(S)(decoded)).toEqual(input);
    expect(problems(S, { b: 1 })).toEqual([{ path: ["a"], message: "Missing key" }]);
  });

  it("OpenObject takes objects only", () => {
    expect(problems(OpenObject, {})).toEqual([]);
    for (const bad of [null, [], "x", 1])
      expect(problems(OpenObject, bad)).toEqual([{ path: [], message: "Expected OpenObject" }]);
  });
});
