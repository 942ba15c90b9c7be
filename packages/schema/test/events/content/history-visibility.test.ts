import { describe, expect, it } from "vitest";
import { HistoryVisibilityEventContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("HistoryVisibilityEventContent", () => {
  it("takes POL-00's four values under LM's field name", () => {
    for (const history_visibility of ["invited", "joined", "shared", "world"]) {
      expect(problems(HistoryVisibilityEventContent, { history_visibility })).toEqual([]);
    }
    expect(problems(HistoryVisibilityEventContent, { history_visibility: "world_readable" })).toEqual([
      { path: ["history_visibility"], message: 'Expected "invited" | "joined" | "shared" | "world"' },
    ]);
  });
});
