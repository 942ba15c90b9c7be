import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { ChatKind, CreateEventContent } from "../../../src/events/index.ts";
import { messages, problems } from "../support.ts";

describe("CreateEventContent", () => {
  it("needs only room_version; keeps LM's I.1, encryption and our extension fields", () => {
    expect(problems(CreateEventContent, { room_version: "I.1" })).toEqual([]);
    const full = {
      room_version: "1",
      encryption: { algorithm: "m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519", rotation: 7 },
      chat_type: "dm",
      policy_profile: "lm-default",
      "org.example.extra": true,
    };
    expect(Schema.decodeUnknownSync(CreateEventContent)(full)).toEqual(full);
  });

  it("rejects a missing version and wrong types at their paths", () => {
    expect(problems(CreateEventContent, {})).toEqual([{ path: ["room_version"], message: "Missing key" }]);
    expect(problems(CreateEventContent, { room_version: "1", chat_type: "channel" })).toEqual([
      { path: ["chat_type"], message: 'Expected "dm" | "group-dm" | "group-chat" | "public-chat"' },
    ]);
    expect(problems(CreateEventContent, { room_version: "1", encryption: { algorithm: "" } })).toEqual([
      {
        path: ["encryption", "algorithm"],
        message: "encryption algorithm is 0 characters long; at least 1 is required",
      },
    ]);
    expect(problems(CreateEventContent, { room_version: "1", policy_profile: 3 })[0]?.path).toEqual([
      "policy_profile",
    ]);
  });

  it("ChatKind lists the transport's four chat types", () => {
    for (const k of ["dm", "group-dm", "group-chat", "public-chat"])
      expect(messages(ChatKind, k)).toEqual([]);
  });
});
