import { describe, expect, it } from "vitest";
import type { Action } from "../src/action.ts";
import { GUARDS } from "../src/generated/guards.ts";
import { step } from "../src/step/step.ts";
import { decodeTrace } from "../src/trace/schema.ts";
import { emptyWorld } from "../src/world.ts";
import { A, alice, B, bob, C, carol, groupChatWithBob, room } from "./support.ts";

const chat = room("chat");

/** One action of every kind (the mapped type makes the compiler insist on every kind). */
const SAMPLES: { readonly [K in Action["kind"]]: Extract<Action, { kind: K }> } = {
  "create-room": {
    kind: "create-room",
    user: alice,
    room: room("new"),
    chatType: "dm",
    invite: [bob],
    roomVersion: "org.matrix.i-d.ralston-mimi-linearized-matrix.02",
    mlsAcp: "dm-fixed",
    firstMessage: "hi",
  },
  invite: { kind: "invite", user: alice, room: chat, target: carol },
  join: { kind: "join", user: bob, room: chat },
  leave: { kind: "leave", user: bob, room: chat },
  knock: { kind: "knock", user: carol, room: chat },
  kick: { kind: "kick", user: alice, room: chat, target: bob },
  ban: { kind: "ban", user: alice, room: chat, target: carol },
  unban: { kind: "unban", user: alice, room: chat, target: carol },
  "send-message": { kind: "send-message", user: bob, room: chat, body: "hello" },
  "set-power-levels": {
    kind: "set-power-levels",
    user: alice,
    room: chat,
    content: { users: { [alice]: 100 } },
  },
  "set-join-rule": { kind: "set-join-rule", user: alice, room: chat, joinRule: "knock" },
  "set-history-visibility": { kind: "set-history-visibility", user: alice, room: chat, visibility: "joined" },
  "set-name": { kind: "set-name", user: alice, room: chat, name: "Plans" },
  redact: { kind: "redact", user: alice, room: chat, eventId: "$2" },
  "send-event": {
    kind: "send-event",
    user: alice,
    room: chat,
    type: "x.custom",
    stateKey: "",
    content: { a: 1 },
  },
  "mls-propose": { kind: "mls-propose", user: alice, room: chat, proposal: "remove", target: bob },
  "propose-mls-acp": { kind: "propose-mls-acp", user: alice, room: chat, template: "group-admin-only" },
  "set-profile": { kind: "set-profile", user: bob, name: "Bob", avatar: "mxc://b/1", status: "here" },
  "set-setting": { kind: "set-setting", user: bob, setting: "share-avatar", value: true },
  "set-server-setting": {
    kind: "set-server-setting",
    server: A,
    setting: "show-members-before-consent",
    value: true,
  },
  deliver: { kind: "deliver", message: 1 },
  drop: { kind: "drop", message: 1 },
  duplicate: { kind: "duplicate", message: 1 },
  retry: { kind: "retry", server: B, txn: "t1" },
  flush: { kind: "flush" },
  sync: { kind: "sync", server: B, room: chat },
  restart: { kind: "restart", server: B },
  "forge-limited": {
    kind: "forge-limited",
    server: B,
    room: chat,
    event: { type: "m.room.encrypted", sender: carol, content: { ciphertext: "x" } },
  },
  "forge-fully-formed": {
    kind: "forge-fully-formed",
    server: B,
    room: chat,
    to: C,
    event: { type: "m.room.name", sender: bob, stateKey: "", content: { name: "x" } },
  },
  "hub-tamper": {
    kind: "hub-tamper",
    room: chat,
    tamper: "add-auth-event",
    event: { type: "m.room.encrypted", sender: alice, content: { ciphertext: "x" } },
    authEvent: "$2",
  },
};

describe("actions", () => {
  const samples = Object.values(SAMPLES) as Action[];

  it("are plain JSON data that the trace format takes back unchanged, every kind of them", () => {
    const text = JSON.stringify({
      description: "every action kind",
      steps: samples.map((action) => ({ action })),
    });
    const decoded = decodeTrace(JSON.parse(text));
    expect(decoded.ok ? decoded.trace.steps.map((s) => s.action) : decoded.problems).toStrictEqual(samples);
  });

  it("each get a verdict from the step function: acceptance, or a guard of the catalogue", () => {
    const world = groupChatWithBob(emptyWorld({ delivery: "network" }));
    for (const action of samples) {
      const { verdict } = step(world, action);
      if (!verdict.accepted) expect(Object.keys(GUARDS), action.kind).toContain(verdict.guard);
      else expect(verdict, action.kind).toStrictEqual({ accepted: true });
    }
  });
});
