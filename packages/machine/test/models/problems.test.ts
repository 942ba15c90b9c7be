import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";

const Shape = Schema.Struct({
  name: Schema.String,
  items: Schema.Array(Schema.Struct({ count: Schema.Number })),
  tags: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
});

/** Decodes `value` with {@link Shape}; the result and the problems found. */
function decode(value: unknown) {
  const sink = new ProblemSink("models/shape.json");
  return { value: decodeModel(Shape, value, sink), problems: sink.problems };
}

describe("formatProblem", () => {
  it("prints file, JSON path and message", () => {
    expect(formatProblem({ file: "models/a.json", path: "$.b[0]", message: "is wrong" })).toBe(
      "models/a.json: $.b[0]: is wrong",
    );
  });
});

describe("ProblemSink", () => {
  it("starts empty and records problems in order, with the file and a formatted JSON path", () => {
    const sink = new ProblemSink("models/a.json");
    expect(sink.file).toBe("models/a.json");
    expect(sink.problems).toEqual([]);
    sink.add([], "the whole file");
    sink.add(["rules", 2, "id"], "a field");
    sink.add(["defaults", "group-dm"], "a key that is no identifier");
    expect(sink.problems).toEqual([
      { file: "models/a.json", path: "$", message: "the whole file" },
      { file: "models/a.json", path: "$.rules[2].id", message: "a field" },
      { file: "models/a.json", path: '$.defaults["group-dm"]', message: "a key that is no identifier" },
    ]);
  });
});

describe("decodeModel", () => {
  it("returns a valid value as decoded, and records nothing", () => {
    const value = { name: "n", items: [{ count: 1 }], tags: { a: "b" } };
    expect(decode(value)).toEqual({ value, problems: [] });
    expect(decode({ name: "n", items: [] })).toEqual({ value: { name: "n", items: [] }, problems: [] });
  });

  it("records every problem (not just the first), each at its JSON path, and returns undefined", () => {
    expect(decode({ name: 1, items: [{ count: 1 }, { count: "2" }], tags: { a: 3 } })).toEqual({
      value: undefined,
      problems: [
        { file: "models/shape.json", path: "$.name", message: "Expected string" },
        { file: "models/shape.json", path: "$.items[1].count", message: "Expected number" },
        { file: "models/shape.json", path: "$.tags.a", message: "Expected string" },
      ],
    });
  });

  it("rejects keys the schema does not declare, so a misspelt key is never silently dropped", () => {
    expect(decode({ name: "n", items: [{ count: 1, cuont: 2 }], nmae: "x" }).problems).toEqual([
      { file: "models/shape.json", path: "$.nmae", message: "Expected no excess property" },
      { file: "models/shape.json", path: "$.items[0].cuont", message: "Expected no excess property" },
    ]);
  });

  it("reports a missing key at its path, and a value of the wrong kind at the root", () => {
    expect(decode({ items: [] }).problems).toEqual([
      { file: "models/shape.json", path: "$.name", message: "Missing key" },
    ]);
    expect(decode([]).problems).toEqual([
      { file: "models/shape.json", path: "$", message: "Expected object" },
    ]);
  });

  it("reports a symbol key (possible in a value built in code, never in JSON) by its name, without crashing", () => {
    expect(decode({ name: "n", items: [], [Symbol("extra")]: 1 }).problems).toEqual([
      { file: "models/shape.json", path: '$["Symbol(extra)"]', message: "Expected no excess property" },
    ]);
  });

  it("adds to what the sink already holds", () => {
    const sink = new ProblemSink("models/shape.json");
    sink.add(["earlier"], "kept");
    decodeModel(Shape, { items: [] }, sink);
    expect(sink.problems.map(formatProblem)).toEqual([
      "models/shape.json: $.earlier: kept",
      "models/shape.json: $.name: Missing key",
    ]);
  });
});
