import { describe, expect, it } from "vitest";
import { RedactedContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("RedactedContent", () => {
  it("is exactly the empty object", () => {
    expect(problems(RedactedContent, {})).toEqual([]);
    expect(problems(RedactedContent, { a: 1 })).toEqual([
      {
        path: ["a"],
        message:
          "the content is neither complete nor redacted: redaction leaves a message event's content empty",
      },
    ]);
  });
});
