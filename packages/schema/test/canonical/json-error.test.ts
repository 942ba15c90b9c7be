import { describe, expect, it } from "vitest";
import { formatJsonError, JsonErrorCodes, jsonError, positionAt } from "../../src/canonical/json-error.ts";
import { formatJsonPath } from "../../src/canonical/json-path.ts";

describe("json errors and paths", () => {
  it("formats paths in dot notation, brackets for indices and non-identifier keys", () => {
    expect(formatJsonPath([])).toBe("$");
    expect(formatJsonPath(["content", "body"])).toBe("$.content.body");
    expect(formatJsonPath(["prev_events", 0])).toBe("$.prev_events[0]");
    expect(formatJsonPath(["content", "m.relates_to", "", 'q"'])).toBe(
      '$.content["m.relates_to"][""]["q\\""]',
    );
  });

  it("positions: 1-based line and column across LF, CRLF and CR", () => {
    expect(positionAt("abc", 0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positionAt("a\nb\r\nc\rd", 7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(positionAt("a\r\nb", 3)).toEqual({ line: 2, column: 1, offset: 3 });
  });

  it("builds and prints errors, with and without a position", () => {
    const located = jsonError("lone-surrogate", "bad", "$.a", { line: 2, column: 5, offset: 9 });
    expect(formatJsonError(located)).toBe("$.a (2:5) lone-surrogate: bad");
    const unlocated = jsonError("cycle", "loop", "$");
    expect(unlocated).toEqual({ code: "cycle", message: "loop", path: "$" });
    expect(formatJsonError(unlocated)).toBe("$ cycle: loop");
  });

  it("documents every code", () => {
    for (const meaning of Object.values(JsonErrorCodes)) expect(meaning.length).toBeGreaterThan(10);
  });
});
