import type { RoomId, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  CHAT_TYPES,
  contentString,
  DEFAULT_ENCRYPTION,
  EVENT_TYPES,
  type FullEvent,
  isFullyFormed,
  isStateEvent,
  type LimitedEvent,
  RECOGNISED_ROOM_VERSIONS,
  ROOM_VERSION,
  stateKeyOf,
} from "../src/event.ts";
import { A, alice } from "./support.ts";

const limited: LimitedEvent = {
  room_id: "!r:a.example" as RoomId,
  type: "m.room.encrypted",
  sender: alice,
  content: { ciphertext: "x", count: 3, empty: "" },
  origin_server_ts: 7,
  signedBy: [A],
};

describe("event constants", () => {
  it("list the four chat types in the order the requirements introduce them (CHAT-1, 3, 5, 12)", () => {
    expect(CHAT_TYPES).toEqual(["dm", "group-dm", "group-chat", "public-chat"]);
  });

  it("name LM's testing room version, the recognised versions and LM's MLS cipher suite", () => {
    expect(ROOM_VERSION).toBe("org.matrix.i-d.ralston-mimi-linearized-matrix.02");
    expect(RECOGNISED_ROOM_VERSIONS).toEqual(["org.matrix.i-d.ralston-mimi-linearized-matrix.02", "I.1"]);
    expect(DEFAULT_ENCRYPTION).toBe("m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519");
  });

  it("use the Matrix event type names", () => {
    expect(EVENT_TYPES).toEqual({
      create: "m.room.create",
      member: "m.room.member",
      powerLevels: "m.room.power_levels",
      joinRules: "m.room.join_rules",
      historyVisibility: "m.room.history_visibility",
      name: "m.room.name",
      encrypted: "m.room.encrypted",
      redaction: "m.room.redaction",
      hub: "m.room.hub",
      mlsAcp: "m.room.mls_acp",
      mlsProposal: "m.mls.proposal",
    });
  });
});

describe("isStateEvent", () => {
  it("is true for any state key, even an empty one, and false without one", () => {
    expect(isStateEvent({ ...limited, state_key: "" })).toBe(true);
    expect(isStateEvent({ ...limited, state_key: alice })).toBe(true);
    expect(isStateEvent(limited)).toBe(false);
  });
});

describe("isFullyFormed", () => {
  const full: FullEvent = { ...limited, event_id: "$1", auth_events: [], prev_events: [] };

  it("is false for a limited event", () => {
    expect(isFullyFormed(limited)).toBe(false);
  });

  it("is true when any one of the ordering fields is present", () => {
    expect(isFullyFormed(full)).toBe(true);
    expect(isFullyFormed({ ...limited, prev_events: [] } as unknown as LimitedEvent)).toBe(true);
    expect(isFullyFormed({ ...limited, auth_events: [] } as unknown as LimitedEvent)).toBe(true);
    expect(isFullyFormed({ ...limited, event_id: "$1" } as unknown as LimitedEvent)).toBe(true);
  });
});

describe("stateKeyOf", () => {
  it("joins type and state key with a NUL, which neither can contain", () => {
    expect(stateKeyOf("m.room.member", alice)).toBe("m.room.member\u0000@alice:a.example");
    expect(stateKeyOf("m.room.create", "")).toBe("m.room.create\u0000");
  });

  it("keeps (type, key) pairs apart that plain concatenation would merge", () => {
    expect(stateKeyOf("a.b", "c")).not.toBe(stateKeyOf("a", ".bc"));
  });
});

describe("contentString", () => {
  it("returns a string field, even an empty one", () => {
    expect(contentString(limited, "ciphertext")).toBe("x");
    expect(contentString(limited, "empty")).toBe("");
  });

  it("returns undefined for a missing or non-string field", () => {
    expect(contentString(limited, "count")).toBeUndefined();
    expect(contentString(limited, "missing")).toBeUndefined();
    expect(contentString({ ...limited, content: { sender: alice as UserId, n: null } }, "n")).toBeUndefined();
  });
});
