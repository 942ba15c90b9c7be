import { describe, expect, it } from "vitest";
import { EncryptedEventContent, LM_MLS_ALGORITHM } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

const ID = "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc";

describe("EncryptedEventContent", () => {
  it("needs algorithm, base64 ciphertext and the commit's event ID", () => {
    expect(
      problems(EncryptedEventContent, {
        algorithm: LM_MLS_ALGORITHM,
        ciphertext: "AAEC",
        commit_event_id: ID,
      }),
    ).toEqual([]);
    expect(problems(EncryptedEventContent, { algorithm: LM_MLS_ALGORITHM, ciphertext: "AAEC" })).toEqual([
      { path: ["commit_event_id"], message: "Missing key" },
    ]);
    expect(
      problems(EncryptedEventContent, { algorithm: LM_MLS_ALGORITHM, ciphertext: "!!", commit_event_id: ID }),
    ).toEqual([
      { path: ["ciphertext"], message: `not base64: "!" is not in the standard base64 alphabet (index 0)` },
    ]);
  });
});
