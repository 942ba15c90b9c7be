import { describe, expect, it } from "vitest";
import type { Action } from "../../src/action.ts";
import { describeAction, describeVerdict } from "../../src/trace/describe.ts";
import { A, alice, B, bob, carol, room } from "../support.ts";

const chat = room("chat");
const forged = { type: "m.room.member", sender: bob, content: {} };

describe("describeAction", () => {
  it.each<[Action, string]>([
    [
      { kind: "create-room", user: alice, room: chat, chatType: "group-dm", invite: [bob, carol] },
      "create-room !chat:a.example (group-dm) by @alice:a.example, inviting @bob:b.example, @carol:c.example",
    ],
    [
      { kind: "create-room", user: alice, room: chat, chatType: "dm", invite: [bob] },
      "create-room !chat:a.example (dm) by @alice:a.example, inviting @bob:b.example",
    ],
    [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
      "create-room !chat:a.example (group-chat) by @alice:a.example",
    ],
    [
      { kind: "create-room", user: alice, room: chat, chatType: "public-chat", invite: [] },
      "create-room !chat:a.example (public-chat) by @alice:a.example",
    ],
    [
      { kind: "invite", user: alice, room: chat, target: carol },
      "invite @carol:c.example to/from !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "kick", user: alice, room: chat, target: bob },
      "kick @bob:b.example to/from !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "ban", user: alice, room: chat, target: bob },
      "ban @bob:b.example to/from !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "unban", user: alice, room: chat, target: bob },
      "unban @bob:b.example to/from !chat:a.example by @alice:a.example",
    ],
    [{ kind: "join", user: bob, room: chat }, "join !chat:a.example by @bob:b.example"],
    [{ kind: "leave", user: bob, room: chat }, "leave !chat:a.example by @bob:b.example"],
    [{ kind: "knock", user: carol, room: chat }, "knock !chat:a.example by @carol:c.example"],
    [
      { kind: "send-message", user: bob, room: chat, body: 'say "hi"' },
      'send-message "say \\"hi\\"" to !chat:a.example by @bob:b.example',
    ],
    [
      { kind: "set-power-levels", user: alice, room: chat, content: { invite: 50 } },
      'set-power-levels {"invite":50} in !chat:a.example by @alice:a.example',
    ],
    [
      { kind: "set-join-rule", user: alice, room: chat, joinRule: "knock" },
      "set-join-rule knock in !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "set-history-visibility", user: alice, room: chat, visibility: "joined" },
      "set-history-visibility joined in !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "set-name", user: alice, room: chat, name: "Plans" },
      'set-name "Plans" in !chat:a.example by @alice:a.example',
    ],
    [
      { kind: "redact", user: alice, room: chat, eventId: "$2" },
      "redact $2 in !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "send-event", user: alice, room: chat, type: "m.room.topic", stateKey: "", content: {} },
      'send-event m.room.topic [""] to !chat:a.example by @alice:a.example',
    ],
    [
      { kind: "send-event", user: alice, room: chat, type: "x.custom", content: {} },
      "send-event x.custom to !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "mls-propose", user: alice, room: chat, proposal: "remove", target: bob },
      "mls-propose remove for @bob:b.example in !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "mls-propose", user: alice, room: chat, proposal: "update" },
      "mls-propose update in !chat:a.example by @alice:a.example",
    ],
    [
      { kind: "propose-mls-acp", user: alice, room: chat, template: "group-admin-only" },
      "propose-mls-acp group-admin-only for !chat:a.example by @alice:a.example",
    ],
    [{ kind: "set-profile", user: bob, name: "Bob" }, "set-profile of @bob:b.example"],
    [
      { kind: "set-setting", user: bob, setting: "share-avatar", value: true },
      "set-setting share-avatar = true for @bob:b.example",
    ],
    [
      { kind: "set-server-setting", server: A, setting: "show-members-before-consent", value: false },
      "set-server-setting show-members-before-consent = false at a.example",
    ],
    [{ kind: "deliver", message: 3 }, "deliver #3"],
    [{ kind: "drop", message: 4 }, "drop #4"],
    [{ kind: "duplicate", message: 5 }, "duplicate #5"],
    [{ kind: "retry", server: B, txn: "b.example-1" }, "retry b.example-1 at b.example"],
    [{ kind: "flush" }, "flush the network"],
    [{ kind: "sync", server: B, room: chat }, "sync !chat:a.example at b.example"],
    [{ kind: "restart", server: B }, "restart b.example"],
    [
      { kind: "forge-limited", server: B, room: chat, event: forged },
      "forge-limited m.room.member from @bob:b.example by b.example to the hub of !chat:a.example",
    ],
    [
      { kind: "forge-limited", server: B, room: chat, to: A, event: forged },
      "forge-limited m.room.member from @bob:b.example by b.example to a.example of !chat:a.example",
    ],
    [
      { kind: "forge-fully-formed", server: B, room: chat, to: A, event: forged },
      "forge-fully-formed m.room.member from @bob:b.example by b.example to a.example in !chat:a.example",
    ],
    [
      { kind: "hub-tamper", room: chat, tamper: "fork", event: forged },
      "hub-tamper fork: m.room.member from @bob:b.example in !chat:a.example",
    ],
  ])("describes %j", (action, text) => {
    expect(describeAction(action)).toBe(text);
  });
});

describe("describeVerdict", () => {
  it("says accepted", () => {
    expect(describeVerdict({ accepted: true })).toBe("accepted");
  });

  it("names the guard, the requirements it enforces and the reason", () => {
    expect(
      describeVerdict({
        accepted: false,
        guard: "dm.no-add",
        requirements: ["CHAT-6", "CHAT-7"],
        reason: "nobody can be added to a DM",
      }),
    ).toBe("rejected by dm.no-add [CHAT-6, CHAT-7]: nobody can be added to a DM");
    expect(describeVerdict({ accepted: false, guard: "x.y", requirements: [], reason: "r" })).toBe(
      "rejected by x.y []: r",
    );
  });
});
