import { describe, expect, it } from "vitest";
import { MlsCommitContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("MlsCommitContent", () => {
  it("needs message and public_group_state; prev_commit_event_id is optional", () => {
    expect(problems(MlsCommitContent, { message: "AAEC", public_group_state: "AwQF" })).toEqual([]);
    expect(
      problems(MlsCommitContent, {
        message: "AAEC",
        public_group_state: "AwQF",
        prev_commit_event_id: "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc",
      }),
    ).toEqual([]);
    expect(problems(MlsCommitContent, { message: "AAEC" })).toEqual([
      { path: ["public_group_state"], message: "Missing key" },
    ]);
    expect(
      problems(MlsCommitContent, {
        message: "AAEC",
        public_group_state: "AwQF",
        prev_commit_event_id: "x",
      })[0]?.path,
    ).toEqual(["prev_commit_event_id"]);
  });
});
