import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatJsonPath } from "../../src/canonical/json-path.ts";
import { parseJsonPath } from "../../src/events/json-path.ts";

describe("parseJsonPath", () => {
  it("reads back every path formatJsonPath writes", () => {
    const segment = fc.oneof(
      fc.nat(),
      fc.string({ unit: "binary", maxLength: 6 }),
      fc.constantFrom('a"]b', "\\", "."),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        expect(parseJsonPath(formatJsonPath(segments))).toEqual(segments);
      }),
    );
  });

  it("refuses text in another format", () => {
    for (const bad of ["", "content", "$.", "$[x]", '$["a"', "$.a b"])
      expect(parseJsonPath(bad), bad).toBeUndefined();
  });
});
