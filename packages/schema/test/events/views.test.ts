import { Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactEvent } from "../../src/canonical/redaction.ts";
import {
  CreateEvent,
  CustomEvent,
  eventKind,
  isClaimedByView,
  isRoomEventOfType,
  LimitedRoomEvent,
  MemberEvent,
  RoomEvent,
} from "../../src/events/index.ts";
import { lpduArb, pduArb } from "./arbitraries.ts";
import { BOB, copy, history, problems } from "./support.ts";

const decodeRoomEvent = Schema.decodeUnknownSync(RoomEvent);

describe("RoomEvent", () => {
  it("types each event of a real history by its view", () => {
    const expected: Array<[object, string]> = [
      [history.create, "m.room.create"],
      [history.aliceJoin, "m.room.member"],
      [history.powerLevels, "m.room.power_levels"],
      [history.joinRules, "m.room.join_rules"],
      [history.historyVisibility, "m.room.history_visibility"],
      [history.name, "m.room.name"],
      [history.topic, "m.room.topic"],
      [history.avatar, "m.room.avatar"],
      [history.bobJoin, "m.room.member"],
      [history.commit, "m.mls.commit"],
      [history.encrypted, "m.room.encrypted"],
      [history.redaction, "m.room.redaction"],
    ];
    for (const [event, type] of expected) {
      const decoded = decodeRoomEvent(event);
      expect(isRoomEventOfType(decoded, type as "m.room.create"), type).toBe(true);
    }
    const member = decodeRoomEvent(history.bobJoin);
    if (!isRoomEventOfType(member, "m.room.member")) throw new Error("unreachable");
    expect(member.content.membership).toBe("join");
    expect(member.state_key).toBe(BOB);
  });

  it("decodes unmodelled types, and join rules with a non-empty state key, as custom events", () => {
    for (const event of [history.poll, history.oddJoinRules]) {
      expect(problems(CustomEvent, event)).toEqual([]);
      const decoded = decodeRoomEvent(event);
      expect(isRoomEventOfType(decoded, "m.room.join_rules")).toBe(false);
    }
    expect(isClaimedByView("m.room.join_rules", "")).toBe(true);
    expect(isClaimedByView("m.room.join_rules", "x")).toBe(false);
    expect(isClaimedByView("m.room.join_rules", undefined)).toBe(false);
    expect(isClaimedByView("org.example.poll", "")).toBe(false);
  });

  it("round-trips generated events of every type", () => {
    fc.assert(
      fc.property(pduArb, (event) => {
        const decoded = decodeRoomEvent(event);
        expect(decoded).toEqual(event);
        expect(Schema.encodeSync(RoomEvent)(decoded)).toEqual(event);
      }),
      { numRuns: 300 },
    );
  });

  it("accepts what LM's redaction algorithm leaves of any valid event", () => {
    fc.assert(
      fc.property(pduArb, (event) => {
        const redacted = redactEvent(JSON.parse(JSON.stringify(event)));
        if (!redacted.ok) throw new Error(redacted.error.message);
        expect(problems(RoomEvent, redacted.value)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects content of the wrong shape, at the content path", () => {
    const badMember = { ...copy(history.bobJoin), content: { membership: "dance" } };
    expect(problems(RoomEvent, badMember)).toEqual([
      { path: ["content", "membership"], message: 'Expected "invite" | "join" | "leave" | "ban" | "knock"' },
      {
        path: ["type"],
        message:
          "m.room.member has a content schema in this package, so the event must match the m.room.member view, not the open one",
      },
    ]);
    const badLevels = copy(history.powerLevels);
    (badLevels.content as Record<string, unknown>).ban = "fifty";
    expect(problems(RoomEvent, badLevels)[0]).toEqual({
      path: ["content", "ban"],
      message: "Expected SafeInteger",
    });
    const badCommit = {
      ...copy(history.commit),
      content: { message: "AAEC", public_group_state: "not base64!" },
    };
    expect(problems(RoomEvent, badCommit).map((p) => p.path)).toContainEqual([
      "content",
      "public_group_state",
    ]);
  });

  it("tells why an event of a modelled type does not fit its view's state key", () => {
    const createWithKey = { ...copy(history.create), state_key: "x" };
    expect(problems(CreateEvent, createWithKey)).toEqual([
      { path: ["state_key"], message: 'this event type takes only the empty state key ""; found "x"' },
    ]);
    const encryptedWithKey = { ...copy(history.encrypted), state_key: "" };
    expect(problems(RoomEvent, encryptedWithKey)[0]).toEqual({
      path: ["state_key"],
      message:
        "m.room.encrypted is a message event and must not carry a state_key; one type is never used for both state and message events (LM §int-state-events, SIG-00)",
    });
    const memberForServer = { ...copy(history.bobJoin), state_key: "remote.example" };
    expect(problems(MemberEvent, memberForServer)[0]?.path).toEqual(["state_key"]);
  });

  it("tells state events from message events by the presence of state_key", () => {
    expect(eventKind(decodeRoomEvent(history.create))).toBe("state");
    expect(eventKind(decodeRoomEvent(history.encrypted))).toBe("message");
    expect(eventKind(decodeRoomEvent(history.poll))).toBe("message");
    expect(eventKind(decodeRoomEvent(history.oddJoinRules))).toBe("state");
  });
});

describe("LimitedRoomEvent", () => {
  it("types the participant's LPDUs and round-trips generated ones", () => {
    for (const lpdu of [history.bobJoinLpdu, history.commitLpdu, history.encryptedLpdu]) {
      expect(problems(LimitedRoomEvent, lpdu)).toEqual([]);
    }
    fc.assert(
      fc.property(lpduArb, (event) => {
        const decoded = Schema.decodeUnknownSync(LimitedRoomEvent)(event);
        expect(decoded).toEqual(event);
        expect(Schema.encodeSync(LimitedRoomEvent)(decoded)).toEqual(event);
      }),
      { numRuns: 200 },
    );
  });

  it("checks content like RoomEvent does", () => {
    const lpdu = { ...copy(history.encryptedLpdu), content: { algorithm: "x", ciphertext: "AAEC" } };
    expect(problems(LimitedRoomEvent, lpdu).map((p) => p.path)).toContainEqual([
      "content",
      "commit_event_id",
    ]);
  });
});
