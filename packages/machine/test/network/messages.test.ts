import type { RoomId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import { describeMessage, type Envelope, type Message } from "../../src/network/messages.ts";
import { A, alice, B, bob, room } from "../support.ts";

const chat = room("chat");

function fullEvent(fields: Partial<FullEvent> = {}): FullEvent {
  return {
    room_id: chat as RoomId,
    type: "m.room.member",
    state_key: bob,
    sender: alice,
    content: { membership: "invite" },
    origin_server_ts: 1,
    event_id: "$7",
    auth_events: ["$1"],
    prev_events: ["$6"],
    signedBy: [A],
    ...fields,
  };
}

const described = (id: number, message: Message) => describeMessage({ id, message } satisfies Envelope);

describe("describeMessage", () => {
  it("names a submission's transaction, event type and sender", () => {
    const event = { ...fullEvent({ sender: bob, type: "m.room.encrypted" }) };
    expect(described(3, { kind: "submit", from: B, to: A, room: chat, txn: "t1", event })).toBe(
      "#3 submit b.example → a.example txn t1: m.room.encrypted from @bob:b.example",
    );
  });

  it("names an accepted result's event ID, and leaves no trailing space when there is none", () => {
    const base = { kind: "result", from: A, to: B, room: chat, txn: "t2" } as const;
    expect(described(4, { ...base, verdict: { accepted: true }, eventId: "$9" })).toBe(
      "#4 result a.example → b.example txn t2: accepted $9",
    );
    expect(described(4, { ...base, verdict: { accepted: true } })).toBe(
      "#4 result a.example → b.example txn t2: accepted",
    );
  });

  it("names the guard of a rejected result", () => {
    const verdict = { accepted: false, guard: "hub.is-hub", requirements: ["HUB-2"], reason: "no" } as const;
    expect(described(5, { kind: "result", from: A, to: B, room: chat, txn: "t1", verdict })).toBe(
      "#5 result a.example → b.example txn t1: rejected by hub.is-hub",
    );
  });

  it("names a fanned-out event's ID and type", () => {
    expect(described(6, { kind: "event", from: A, to: B, room: chat, event: fullEvent() })).toBe(
      "#6 event a.example → b.example $7 (m.room.member)",
    );
  });

  it("counts the events of a history", () => {
    const events = [fullEvent(), fullEvent({ event_id: "$8" })];
    expect(described(7, { kind: "history", from: A, to: B, room: chat, events })).toBe(
      "#7 history a.example → b.example 2 event(s) of !chat:a.example",
    );
    expect(described(8, { kind: "history", from: A, to: B, room: chat, events: [] })).toBe(
      "#8 history a.example → b.example 0 event(s) of !chat:a.example",
    );
  });

  it("names the invitee of an invite (and nobody when the event has no state key)", () => {
    const summary = { creator: alice, joinRule: "invite" };
    const previewInputs = {
      chatType: "group-chat",
      inviter: { userId: alice, settings: {} },
      invitee: { userId: bob, settings: {} },
      hubSettings: {},
      members: [],
    } as const;
    const invite = { kind: "invite", from: A, to: B, room: chat, summary, previewInputs } as const;
    expect(described(9, { ...invite, event: fullEvent() })).toBe(
      "#9 invite a.example → b.example @bob:b.example to !chat:a.example",
    );
    const { state_key: _none, ...noStateKey } = fullEvent();
    expect(described(9, { ...invite, event: noStateKey })).toBe(
      "#9 invite a.example → b.example  to !chat:a.example",
    );
  });

  it("names the position a backfill asks from", () => {
    expect(described(10, { kind: "backfill", from: B, to: A, room: chat, after: 3 })).toBe(
      "#10 backfill b.example → a.example after 3 of !chat:a.example",
    );
  });
});
