import type { RoomId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { UserAction } from "../../src/action.ts";
import { DEFAULT_ENCRYPTION } from "../../src/event.ts";
import { defaultProfile } from "../../src/profile.ts";
import { eventSpecOf, limitedEvent, serverOf } from "../../src/step/build.ts";
import { A, alice, B, bob, C, carol, dave, room, worldWith } from "../support.ts";

const chat = room("chat");
type Spec = Exclude<UserAction, { kind: "create-room" }>;
const spec = (action: Spec) => eventSpecOf(action);

describe("eventSpecOf", () => {
  it("turns each membership action into a member event about the right user", () => {
    const on = { user: alice, room: chat } as const;
    const member = (stateKey: string, membership: string) => ({
      type: "m.room.member",
      sender: alice,
      stateKey,
      content: { membership },
    });
    expect(spec({ ...on, kind: "invite", target: bob })).toStrictEqual(member(bob, "invite"));
    expect(spec({ ...on, kind: "join" })).toStrictEqual(member(alice, "join"));
    expect(spec({ ...on, kind: "leave" })).toStrictEqual(member(alice, "leave"));
    expect(spec({ ...on, kind: "knock" })).toStrictEqual(member(alice, "knock"));
    expect(spec({ ...on, kind: "kick", target: carol })).toStrictEqual(member(carol, "leave"));
    expect(spec({ ...on, kind: "ban", target: dave })).toStrictEqual(member(dave, "ban"));
    expect(spec({ ...on, kind: "unban", target: bob })).toStrictEqual(member(bob, "leave"));
  });

  it("sends a message as an MLS-encrypted message event (no state key)", () => {
    expect(spec({ kind: "send-message", user: bob, room: chat, body: "hello" })).toStrictEqual({
      type: "m.room.encrypted",
      sender: bob,
      content: { algorithm: DEFAULT_ENCRYPTION, ciphertext: "hello" },
    });
  });

  it("turns each room setting into its state event with the empty state key", () => {
    const on = { user: bob, room: chat } as const;
    const content = { users: { [bob]: 100 }, kick: 0 };
    expect(spec({ ...on, kind: "set-power-levels", content })).toStrictEqual({
      type: "m.room.power_levels",
      sender: bob,
      stateKey: "",
      content,
    });
    expect(spec({ ...on, kind: "set-join-rule", joinRule: "knock" })).toStrictEqual({
      type: "m.room.join_rules",
      sender: bob,
      stateKey: "",
      content: { join_rule: "knock" },
    });
    expect(spec({ ...on, kind: "set-history-visibility", visibility: "joined" })).toStrictEqual({
      type: "m.room.history_visibility",
      sender: bob,
      stateKey: "",
      content: { history_visibility: "joined" },
    });
    expect(spec({ ...on, kind: "set-name", name: "Lunch" })).toStrictEqual({
      type: "m.room.name",
      sender: bob,
      stateKey: "",
      content: { name: "Lunch" },
    });
    expect(spec({ ...on, kind: "propose-mls-acp", template: "group-admin-only" })).toStrictEqual({
      type: "m.room.mls_acp",
      sender: bob,
      stateKey: "",
      content: { template: "group-admin-only" },
    });
  });

  it("redacts with a redaction event naming its target", () => {
    expect(spec({ kind: "redact", user: alice, room: chat, eventId: "$5" })).toStrictEqual({
      type: "m.room.redaction",
      sender: alice,
      content: { redacts: "$5" },
    });
  });

  it("proposes an MLS change with its target only when there is one", () => {
    expect(
      spec({ kind: "mls-propose", user: alice, room: chat, proposal: "remove", target: bob }),
    ).toStrictEqual({ type: "m.mls.proposal", sender: alice, content: { proposal: "remove", target: bob } });
    expect(spec({ kind: "mls-propose", user: alice, room: chat, proposal: "update" })).toStrictEqual({
      type: "m.mls.proposal",
      sender: alice,
      content: { proposal: "update" },
    });
  });

  it("sends any event as given, with a state key only when one is given", () => {
    expect(
      spec({
        kind: "send-event",
        user: carol,
        room: chat,
        type: "x.custom",
        stateKey: "k",
        content: { a: 1 },
      }),
    ).toStrictEqual({ type: "x.custom", sender: carol, stateKey: "k", content: { a: 1 } });
    expect(
      spec({ kind: "send-event", user: carol, room: chat, type: "x.custom", content: {} }),
    ).toStrictEqual({
      type: "x.custom",
      sender: carol,
      content: {},
    });
    expect(
      spec({ kind: "send-event", user: carol, room: chat, type: "x.state", stateKey: "", content: {} }),
    ).toStrictEqual({ type: "x.state", sender: carol, stateKey: "", content: {} });
  });
});

describe("limitedEvent", () => {
  const message = { type: "m.room.encrypted", sender: bob, content: { ciphertext: "x" } };

  it("signs with the origin only, and sets hub_server when a participant sends (the default)", () => {
    expect(limitedEvent(message, chat, B, 7, defaultProfile())).toStrictEqual({
      room_id: chat,
      type: "m.room.encrypted",
      sender: bob,
      content: { ciphertext: "x" },
      origin_server_ts: 7,
      hub_server: A,
      signedBy: [B],
    });
  });

  it("leaves hub_server out when the origin is the hub itself", () => {
    const fromHub = { type: "m.room.name", sender: alice, stateKey: "", content: { name: "n" } };
    expect(limitedEvent(fromHub, chat, A, 3, defaultProfile())).toStrictEqual({
      room_id: chat,
      type: "m.room.name",
      state_key: "",
      sender: alice,
      content: { name: "n" },
      origin_server_ts: 3,
      signedBy: [A],
    });
  });

  it("leaves hub_server to the hub under event.hub-server-set-by = hub", () => {
    const profile = worldWith({ "event.hub-server-set-by": "hub" }).config.profile;
    const built = limitedEvent(message, chat, B, 7, profile);
    expect("hub_server" in built).toBe(false);
    expect(built.signedBy).toEqual([B]);
  });

  it("takes the hub from the room ID, whoever the origin claims to be", () => {
    const elsewhere = "!x:c.example" as RoomId;
    expect(limitedEvent(message, elsewhere, B, 1, defaultProfile()).hub_server).toBe(C);
    expect("hub_server" in limitedEvent(message, elsewhere, C, 1, defaultProfile())).toBe(false);
  });
});

describe("serverOf", () => {
  it("is the server part of the user ID", () => {
    expect(serverOf(alice)).toBe(A);
    expect(serverOf(bob)).toBe(B);
    expect(serverOf(carol)).toBe(C);
  });
});
