import { describe, expect, it } from "vitest";
import { SafeInteger, Timestamp } from "../../src/events/index.ts";
import { messages } from "./support.ts";

describe("SafeInteger", () => {
  it("accepts exactly the safe integers", () => {
    for (const n of [0, -0, 100, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(messages(SafeInteger, n), String(n)).toEqual([]);
    }
    expect(messages(SafeInteger, 2 ** 53)).toEqual([
      "9007199254740992 is outside the safe integer range [-(2^53)+1, 2^53-1]; JSON peers cannot carry it exactly",
    ]);
    expect(messages(SafeInteger, 0.5)).toEqual(["0.5 is not an integer"]);
    expect(messages(SafeInteger, Number.NaN)).toEqual(["NaN is not an integer"]);
    expect(messages(SafeInteger, "5")).toEqual(["Expected SafeInteger"]);
  });

  it("timestamps are safe integers, before 1970 included", () => {
    expect(messages(Timestamp, -1)).toEqual([]);
    expect(messages(Timestamp, 1681340188825)).toEqual([]);
    expect(messages(Timestamp, 1e300)).toHaveLength(1);
  });
});
