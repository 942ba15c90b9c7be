/**
 * One sample action of every kind, shared by the trace-format tests and the action tests.
 */
import type { Action } from "../../src/action.ts";
import { A, alice, B, bob, carol, room } from "../support.ts";

const chat = room("chat");
const forgedEvent = { type: "m.room.member", sender: bob, stateKey: bob, content: { membership: "join" } };

/** One action of every kind, optional fields given (the mapped type makes the compiler insist on every kind). */
export const ACTION_SAMPLES: { readonly [K in Action["kind"]]: Extract<Action, { kind: K }> } = {
  "create-room": {
    kind: "create-room",
    user: alice,
    room: chat,
    chatType: "dm",
    invite: [bob],
    roomVersion: "I.1",
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
  "set-profile": {
    kind: "set-profile",
    user: bob,
    name: "Bob",
    avatar: "a",
    status: "s",
    chosenIdentifier: "b",
  },
  "set-setting": { kind: "set-setting", user: bob, setting: "share-avatar", value: true },
  "set-server-setting": {
    kind: "set-server-setting",
    server: A,
    setting: "show-members-before-consent",
    value: false,
  },
  deliver: { kind: "deliver", message: 1 },
  drop: { kind: "drop", message: 2 },
  duplicate: { kind: "duplicate", message: 3 },
  retry: { kind: "retry", server: B, txn: "b.example-1" },
  flush: { kind: "flush" },
  sync: { kind: "sync", server: B, room: chat },
  restart: { kind: "restart", server: B },
  "forge-limited": { kind: "forge-limited", server: B, room: chat, to: A, event: forgedEvent },
  "forge-fully-formed": { kind: "forge-fully-formed", server: B, room: chat, to: A, event: forgedEvent },
  "hub-tamper": { kind: "hub-tamper", room: chat, tamper: "fork", event: forgedEvent, authEvent: "$1" },
};
