import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import {
  receiveBackfill,
  receiveEvent,
  receiveHistory,
  receiveInvite,
  receiveResult,
} from "../../src/hub/follower.ts";
import type { BackfillMessage, InviteMessage, ResultMessage } from "../../src/network/messages.ts";
import { inviteKey } from "../../src/server/server.ts";
import { historyOf } from "../../src/state/replica.ts";
import { Draft } from "../../src/step/draft.ts";
import { previewFor } from "../../src/visibility/preview.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, B, bob, C, carol, hubCopy, room, runAll, worldWith } from "../support.ts";

const chat = room("chat");

/** Network mode: bob joined and holds $1..$4; alice's messages $5, $6, $7 are in flight to b.example. */
function threeInFlight(base: World = emptyWorld({ delivery: "network" })): {
  world: World;
  events: FullEvent[];
} {
  const world = runAll(base, [
    { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
    { kind: "flush" },
    { kind: "join", user: bob, room: chat },
    { kind: "flush" },
    { kind: "send-message", user: alice, room: chat, body: "1" },
    { kind: "send-message", user: alice, room: chat, body: "2" },
    { kind: "send-message", user: alice, room: chat, body: "3" },
  ]);
  const events = world.inFlight.flatMap((e) => (e.message.kind === "event" ? [e.message.event] : []));
  return { world, events };
}

function atB(draft: Draft, id: RoomId = chat) {
  return draft.server(B).persisted.rooms.get(id);
}
const headAtB = (draft: Draft) => atB(draft)?.state.head.event_id;
const bufferedAtB = (draft: Draft) =>
  draft
    .server(B)
    .volatile.buffered.get(chat)
    ?.map((e) => e.event_id);

function draftOf(world: World): Draft {
  return new Draft(world, true, undefined);
}

function at(events: ReadonlyArray<FullEvent>, i: number): FullEvent {
  const event = events[i];
  if (event === undefined) throw new Error(`no event ${i}`);
  return event;
}

const fromHubReason = (origin: string, id: string, hub: string) =>
  `${origin} is not the hub of ${id} (${hub} is); a follower takes fully-formed events only from the hub`;

describe("receiveEvent", () => {
  it("applies the event that follows the head", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    expect(receiveEvent(draft, B, A, at(events, 0))).toEqual({ accepted: true });
    expect(headAtB(draft)).toBe("$5");
    expect(atB(draft)?.state.length).toBe(5);
    expect(draft.effects).toEqual(["b.example applied $5 at position 4"]);
    expect(draft.finish().findings).toEqual([]);
  });

  it("reports the ordering and origin checks it passes to the guard observer", () => {
    const { world, events } = threeInFlight();
    const seen: string[] = [];
    const draft = new Draft(world, false, (guard, outcome) => {
      if (guard === "follower.from-hub" || guard === "hub.append-at-head") seen.push(`${guard}:${outcome}`);
    });
    receiveEvent(draft, B, A, at(events, 0));
    receiveEvent(draft, B, A, { ...at(events, 1), prev_events: ["$4"] });
    expect(seen).toEqual([
      "follower.from-hub:pass",
      "hub.append-at-head:pass",
      "follower.from-hub:pass",
      "hub.append-at-head:reject",
    ]);
  });

  it("takes fully-formed events only from the hub of the room", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    const before = draft.server(B);
    expect(receiveEvent(draft, B, C, at(events, 0))).toEqual({
      accepted: false,
      guard: "follower.from-hub",
      requirements: ["HUB-2", "SIG-HUB-1", "OQ-HUB-1"],
      reason: fromHubReason("c.example", chat, "a.example"),
    });
    expect(draft.server(B)).toBe(before);
    expect(draft.finish().findings).toEqual([]);
    expect(receiveEvent(draft, B, B, at(events, 0))).toMatchObject({
      accepted: false,
      guard: "follower.from-hub",
    });
  });

  it("takes the hub of a room it does not hold from the room ID", () => {
    const { world, events } = threeInFlight();
    const elsewhere = { ...at(events, 0), room_id: "!x:c.example" as RoomId };
    const refused = receiveEvent(draftOf(world), B, A, elsewhere);
    expect(refused).toEqual({
      accepted: false,
      guard: "follower.from-hub",
      requirements: ["HUB-2", "SIG-HUB-1", "OQ-HUB-1"],
      reason: fromHubReason("a.example", "!x:c.example", "c.example"),
    });
    expect(receiveEvent(draftOf(world), B, C, elsewhere)).toEqual({ accepted: true });
  });

  it("believes the hub its copy of the room names, over the room ID", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    const copy = atB(draft);
    if (copy === undefined) throw new Error("b.example holds no copy");
    const servers = new Map(draft.server(B).persisted.rooms);
    servers.set(chat, { ...copy, hub: C });
    draft.setServer({ ...draft.server(B), persisted: { ...draft.server(B).persisted, rooms: servers } });
    expect(receiveEvent(draft, B, A, at(events, 0))).toMatchObject({
      accepted: false,
      guard: "follower.from-hub",
      reason: fromHubReason("a.example", chat, "c.example"),
    });
    expect(receiveEvent(draft, B, C, at(events, 0))).toEqual({ accepted: true });
  });

  it("ignores an event it already has", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    const before = draft.server(B);
    const joined = at(historyOf(hubCopy(world, chat)), 3);
    expect(joined.event_id).toBe("$4");
    expect(receiveEvent(draft, B, A, joined)).toEqual({ accepted: true });
    expect(draft.server(B)).toBe(before);
    receiveEvent(draft, B, A, at(events, 0));
    receiveEvent(draft, B, A, at(events, 0));
    expect(atB(draft)?.state.length).toBe(5);
    expect(draft.effects).toEqual([
      "b.example already has $4: ignored",
      "b.example applied $5 at position 4",
      "b.example already has $5: ignored",
    ]);
  });

  it("buffers events that arrive early (once each) and applies them, in hub order, when their predecessor arrives", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    expect(receiveEvent(draft, B, A, at(events, 2))).toEqual({ accepted: true });
    expect(bufferedAtB(draft)).toEqual(["$7"]);
    const once = draft.server(B);
    expect(receiveEvent(draft, B, A, at(events, 2))).toEqual({ accepted: true });
    expect(draft.server(B)).toBe(once);
    receiveEvent(draft, B, A, at(events, 1));
    expect(bufferedAtB(draft)).toEqual(["$7", "$6"]);
    expect(headAtB(draft)).toBe("$4");
    expect(receiveEvent(draft, B, A, at(events, 0))).toEqual({ accepted: true });
    expect(headAtB(draft)).toBe("$7");
    const copy = atB(draft);
    expect(copy && historyOf(copy).map((e) => e.event_id)).toEqual([
      "$1",
      "$2",
      "$3",
      "$4",
      "$5",
      "$6",
      "$7",
    ]);
    expect(draft.server(B).volatile.buffered.has(chat)).toBe(false);
    expect(draft.effects).toEqual([
      "b.example buffered $7: it does not hold the event it follows yet",
      "b.example buffered $7: it does not hold the event it follows yet",
      "b.example buffered $6: it does not hold the event it follows yet",
      "b.example applied $5 at position 4",
      "b.example applied $6 at position 5",
      "b.example applied $7 at position 6",
    ]);
  });

  it("keeps buffered events that do not follow what arrived", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    receiveEvent(draft, B, A, at(events, 2));
    receiveEvent(draft, B, A, at(events, 0));
    expect(headAtB(draft)).toBe("$5");
    expect(bufferedAtB(draft)).toEqual(["$7"]);
  });

  it("refuses, as a finding against the hub, an event that forks the history", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    const fork = { ...at(events, 0), event_id: "$50", prev_events: ["$3"] };
    const verdict = receiveEvent(draft, B, A, fork);
    const reason =
      "event $50 does not extend the head $4: it follows $3, which already has a successor: the hub forked the history";
    expect(verdict).toEqual({
      accepted: false,
      guard: "hub.append-at-head",
      requirements: ["SIG-ROOM-3", "SIG-ROOM-2"],
      reason,
    });
    expect(headAtB(draft)).toBe("$4");
    expect(draft.finish().findings).toEqual([
      {
        kind: "hub-misbehaviour",
        server: B,
        room: chat,
        eventId: "$50",
        guard: "hub.append-at-head",
        requirements: ["SIG-ROOM-3", "SIG-ROOM-2"],
        reason,
      },
    ]);
    expect(draft.effects).toEqual([`finding: b.example refused $50 from hub of ${chat}: hub.append-at-head`]);
  });

  it("leaves an event buffered behind a forking event it refuses where it was", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    receiveEvent(draft, B, A, { ...at(events, 1), event_id: "$60", prev_events: ["$50"] });
    expect(bufferedAtB(draft)).toEqual(["$60"]);
    const fork = { ...at(events, 0), event_id: "$50", prev_events: ["$3"] };
    expect(receiveEvent(draft, B, A, fork)).toMatchObject({ accepted: false, guard: "hub.append-at-head" });
    // The refused event never entered the copy, so nothing that follows it is taken out of the buffer.
    expect(bufferedAtB(draft)).toEqual(["$60"]);
    expect(draft.effects).toEqual([
      "b.example buffered $60: it does not hold the event it follows yet",
      `finding: b.example refused $50 from hub of ${chat}: hub.append-at-head`,
    ]);
  });

  it("ignores a duplicate of an event it holds even when a buffered fork names it", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    // The hub sends $7 and a second child of $6 ($70) before $5 and $6 arrive.
    const fork = { ...at(events, 2), event_id: "$70", content: { ciphertext: "other half" } };
    receiveEvent(draft, B, A, at(events, 2));
    receiveEvent(draft, B, A, fork);
    receiveEvent(draft, B, A, at(events, 0));
    receiveEvent(draft, B, A, at(events, 1));
    expect(headAtB(draft)).toBe("$7");
    expect(bufferedAtB(draft)).toEqual(["$70"]);
    const before = draft.server(B);
    expect(receiveEvent(draft, B, A, at(events, 1))).toEqual({ accepted: true });
    expect(draft.server(B)).toBe(before);
    expect(draft.effects.at(-1)).toBe("b.example already has $6: ignored");
    expect(draft.finish().findings).toEqual([]);
  });

  it("refuses an event that names other than exactly one previous event", () => {
    const { world, events } = threeInFlight();
    const names = (prev_events: string[]) => {
      const draft = draftOf(world);
      const verdict = receiveEvent(draft, B, A, { ...at(events, 0), prev_events });
      expect(headAtB(draft)).toBe("$4");
      expect(draft.finish().findings).toHaveLength(1);
      return verdict.accepted ? "accepted" : verdict.reason;
    };
    expect(names(["$4", "$3"])).toBe(
      "event $5 does not extend the head $4: it names 2 previous events, a hub-formed event names exactly one",
    );
    expect(names([])).toBe(
      "event $5 does not extend the head $4: it names 0 previous events, a hub-formed event names exactly one",
    );
  });

  it("refuses, as a finding, an event at the head that its own check of the policy refuses", () => {
    // carol's message names the auth events the hub chose for alice's: the follower's check catches it.
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    const smuggled = { ...at(events, 0), sender: carol, signedBy: [C, A] };
    const verdict = receiveEvent(draft, B, A, smuggled);
    expect(verdict).toMatchObject({ accepted: false, guard: "auth.select-auth-events" });
    expect(headAtB(draft)).toBe("$4");
    expect(draft.finish().findings).toEqual([
      {
        kind: "hub-misbehaviour",
        server: B,
        room: chat,
        eventId: "$5",
        guard: "auth.select-auth-events",
        requirements: verdict.accepted ? [] : verdict.requirements,
        reason: verdict.accepted ? "" : verdict.reason,
      },
    ]);
  });

  it("stops applying buffered events at one it refuses, keeping the verdict of the event that arrived", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    receiveEvent(draft, B, A, { ...at(events, 1), sender: carol, signedBy: [C, A] });
    receiveEvent(draft, B, A, at(events, 2));
    expect(bufferedAtB(draft)).toEqual(["$6", "$7"]);
    expect(receiveEvent(draft, B, A, at(events, 0))).toEqual({ accepted: true });
    expect(headAtB(draft)).toBe("$5");
    expect(bufferedAtB(draft)).toEqual(["$7"]);
    expect(draft.finish().findings.map((f) => [f.eventId, f.guard])).toEqual([
      ["$6", "auth.select-auth-events"],
    ]);
    expect(draft.effects).toEqual([
      "b.example buffered $6: it does not hold the event it follows yet",
      "b.example buffered $7: it does not hold the event it follows yet",
      "b.example applied $5 at position 4",
      `finding: b.example refused $6 from hub of ${chat}: auth.select-auth-events`,
    ]);
  });

  it("checks only signatures under mgmt.enforcement = hub-only", () => {
    const { world, events } = threeInFlight(
      worldWith({ "mgmt.enforcement": "hub-only" }, { delivery: "network" }),
    );
    const draft = draftOf(world);
    expect(receiveEvent(draft, B, A, { ...at(events, 0), sender: carol, signedBy: [C, A] })).toEqual({
      accepted: true,
    });
    expect(headAtB(draft)).toBe("$5");
    const unsigned = receiveEvent(draft, B, A, { ...at(events, 1), signedBy: [A], sender: bob });
    expect(unsigned).toEqual({
      accepted: false,
      guard: "receive.signatures",
      requirements: ["OQ-EVENT-6", "SIG-USER-1"],
      reason: "the event is not signed by b.example, the server of the sender @bob:b.example",
    });
    expect(headAtB(draft)).toBe("$5");
  });
});

describe("receiveEvent for a room the server does not hold", () => {
  /** bob is invited to alice's group chat (network mode, invite delivered); the room's events so far. */
  function invitedOnly() {
    const world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
    ]);
    return { world, history: historyOf(hubCopy(world, chat)) };
  }

  it("starts its copy from a create event the hub sends, and then applies what was buffered", () => {
    const { world, history } = invitedOnly();
    const draft = draftOf(world);
    expect(receiveEvent(draft, B, A, at(history, 1))).toEqual({ accepted: true });
    expect(atB(draft)).toBeUndefined();
    expect(bufferedAtB(draft)).toEqual(["$2"]);
    expect(receiveEvent(draft, B, A, at(history, 0))).toEqual({ accepted: true });
    expect(atB(draft)?.hub).toBe(A);
    expect(atB(draft)?.roomId).toBe(chat);
    expect(headAtB(draft)).toBe("$2");
    expect(draft.effects).toEqual([
      "b.example buffered $2: it does not hold the event it follows yet",
      "b.example now holds !chat:a.example",
      "b.example applied $2 at position 1",
    ]);
  });

  it("refuses, as a finding, a create event its own check refuses", () => {
    const { world, history } = invitedOnly();
    const draft = draftOf(world);
    const create = { ...at(history, 0), sender: bob, signedBy: [B] };
    expect(receiveEvent(draft, B, A, create)).toEqual({
      accepted: false,
      guard: "create.room-domain-matches-sender",
      requirements: ["SIG-ID-1"],
      reason: "room ID server a.example is not the creator's server b.example",
    });
    expect(atB(draft)).toBeUndefined();
    expect(draft.finish().findings.map((f) => [f.server, f.eventId, f.guard])).toEqual([
      [B, "$1", "create.room-domain-matches-sender"],
    ]);
  });

  it("leaves what it buffered where it was after refusing a create event", () => {
    const { world, history } = invitedOnly();
    const draft = draftOf(world);
    receiveEvent(draft, B, A, at(history, 1));
    const create = { ...at(history, 0), sender: bob, signedBy: [B] };
    expect(receiveEvent(draft, B, A, create)).toMatchObject({ accepted: false });
    expect(atB(draft)).toBeUndefined();
    expect(bufferedAtB(draft)).toEqual(["$2"]);
    expect(draft.effects).toEqual([
      "b.example buffered $2: it does not hold the event it follows yet",
      `finding: b.example refused $1 from hub of ${chat}: create.room-domain-matches-sender`,
    ]);
  });

  it("buffers early arrivals in arrival order, each once, until the room's create event comes", () => {
    const { world, history } = invitedOnly();
    const draft = draftOf(world);
    // A membership event of another server's user that follows $2, then $2 itself.
    const third = { ...at(history, 2), state_key: carol, content: { membership: "leave" } };
    receiveEvent(draft, B, A, third);
    expect(receiveEvent(draft, B, A, at(history, 1))).toEqual({ accepted: true });
    expect(atB(draft)).toBeUndefined();
    expect(bufferedAtB(draft)).toEqual(["$3", "$2"]);
    expect(draft.effects).toEqual([
      "b.example buffered $3: it does not hold the event it follows yet",
      "b.example buffered $2: it does not hold the event it follows yet",
    ]);
  });

  it("starts no copy from an event that is not a create event, whatever it looks like", () => {
    const { world, history } = invitedOnly();
    const draft = draftOf(world);
    const lookalike = { ...at(history, 0), type: "m.room.name" };
    expect(receiveEvent(draft, B, A, lookalike)).toEqual({ accepted: true });
    expect(atB(draft)).toBeUndefined();
    expect(bufferedAtB(draft)).toEqual(["$1"]);
    expect(draft.finish().findings).toEqual([]);
  });

  it("buffers a create event that names a previous event", () => {
    const { world, history } = invitedOnly();
    const draft = draftOf(world);
    expect(receiveEvent(draft, B, A, { ...at(history, 0), prev_events: ["$0"] })).toEqual({ accepted: true });
    expect(atB(draft)).toBeUndefined();
    expect(bufferedAtB(draft)).toEqual(["$1"]);
  });

  it("withdraws a local user's invite when a later membership of theirs arrives, without buffering it", () => {
    const { world, history } = invitedOnly();
    const invite = at(history, 2);
    expect(invite).toMatchObject({ state_key: bob, content: { membership: "invite" } });
    const draft = draftOf(world);
    const key = inviteKey(chat, bob);
    expect(draft.server(B).persisted.invites.has(key)).toBe(true);
    // The invite itself again: the record stays, nothing is buffered.
    const before = draft.server(B);
    expect(receiveEvent(draft, B, A, invite)).toEqual({ accepted: true });
    expect(draft.server(B)).toBe(before);
    const kicked = { ...invite, event_id: "$9", content: { membership: "leave" } };
    expect(receiveEvent(draft, B, A, kicked)).toEqual({ accepted: true });
    expect(draft.server(B).persisted.invites.has(key)).toBe(false);
    expect(draft.server(B).volatile.buffered.size).toBe(0);
    expect(draft.effects).toEqual([`b.example: the invite of ${bob} to ${chat} is withdrawn`]);
  });

  it("keeps buffered what follows an invite it only records", () => {
    const { world, history } = invitedOnly();
    const invite = at(history, 2);
    const draft = draftOf(world);
    receiveEvent(draft, B, A, { ...at(history, 1), event_id: "$4", prev_events: ["$3"] });
    expect(bufferedAtB(draft)).toEqual(["$4"]);
    const before = draft.server(B);
    expect(receiveEvent(draft, B, A, invite)).toEqual({ accepted: true });
    expect(draft.server(B)).toBe(before);
    expect(draft.effects).toEqual(["b.example buffered $4: it does not hold the event it follows yet"]);
  });

  it("buffers membership events that are not about a local user's recorded invite", () => {
    const { world, history } = invitedOnly();
    const invite = at(history, 2);
    const buffered = (event: FullEvent) => {
      const draft = draftOf(world);
      receiveEvent(draft, B, A, event);
      expect(draft.server(B).persisted.invites.size).toBe(1);
      return bufferedAtB(draft);
    };
    // Another server's user.
    expect(buffered({ ...invite, state_key: carol, content: { membership: "leave" } })).toEqual(["$3"]);
    // A local user without an invite record.
    expect(buffered({ ...invite, state_key: "@frank:b.example", content: { membership: "leave" } })).toEqual([
      "$3",
    ]);
    // Not a membership event, or one without a state key.
    expect(buffered({ ...invite, type: "x.custom", content: { membership: "leave" } })).toEqual(["$3"]);
    // An invite record the hub should never have sent b.example: carol is not its user.
    const draft = draftOf(world);
    receiveInvite(draft, B, {
      kind: "invite",
      from: A,
      to: B,
      room: chat,
      event: { ...invite, state_key: carol },
      summary: { creator: alice, chatType: "group-chat", joinRule: "invite" },
      previewInputs: {
        chatType: "group-chat",
        inviter: { userId: alice, settings: {} },
        invitee: { userId: carol, settings: {} },
        hubSettings: {},
        members: [],
      },
    });
    expect(draft.server(B).persisted.invites.has(inviteKey(chat, carol))).toBe(true);
    receiveEvent(draft, B, A, { ...invite, state_key: carol, content: { membership: "leave" } });
    expect(draft.server(B).persisted.invites.has(inviteKey(chat, carol))).toBe(true);
    expect(bufferedAtB(draft)).toEqual(["$3"]);
    const { state_key: _none, ...noStateKey } = invite;
    expect(buffered({ ...noStateKey, content: { membership: "leave" } })).toEqual(["$3"]);
  });
});

describe("receiveHistory", () => {
  it("applies a run of events in order", () => {
    const { world } = threeInFlight();
    const draft = draftOf(world);
    const history = historyOf(hubCopy(world, chat));
    expect(receiveHistory(draft, B, A, chat, history)).toEqual({ accepted: true });
    expect(headAtB(draft)).toBe("$7");
  });

  it("starts a copy from a joiner's history and settles the joiner's invite", () => {
    const world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
      { kind: "deliver", message: 2 },
    ]);
    const message = world.inFlight.find((e) => e.message.kind === "history")?.message;
    if (message?.kind !== "history") throw new Error("no history in flight");
    const draft = draftOf(world);
    expect(draft.server(B).persisted.invites.has(inviteKey(chat, bob))).toBe(true);
    expect(receiveHistory(draft, B, A, chat, message.events)).toEqual({ accepted: true });
    expect(headAtB(draft)).toBe("$4");
    expect(draft.server(B).persisted.invites.size).toBe(0);
  });

  it("stops at the first event it refuses and returns that refusal", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    const run = [at(events, 0), { ...at(events, 1), sender: carol, signedBy: [C, A] }, at(events, 2)];
    expect(receiveHistory(draft, B, A, chat, run)).toMatchObject({
      accepted: false,
      guard: "auth.select-auth-events",
    });
    expect(headAtB(draft)).toBe("$5");
    expect(draft.server(B).volatile.buffered.size).toBe(0);
  });

  it("takes a history only from the hub, and an empty one changes nothing", () => {
    const { world, events } = threeInFlight();
    const draft = draftOf(world);
    expect(receiveHistory(draft, B, C, chat, events)).toEqual({
      accepted: false,
      guard: "follower.from-hub",
      requirements: ["HUB-2", "SIG-HUB-1", "OQ-HUB-1"],
      reason: fromHubReason("c.example", chat, "a.example"),
    });
    expect(headAtB(draft)).toBe("$4");
    expect(receiveHistory(draft, B, A, chat, [])).toEqual({ accepted: true });
    expect(draft.finish().servers).toBe(world.servers);
  });
});

describe("receiveInvite", () => {
  /** The invite alice's hub sends for `chatType`, as it sits in flight (network mode). */
  function inviteInFlight(
    base: World,
    chatType: "group-chat" | "dm",
    invite: UserId[] = [bob],
  ): InviteMessage {
    const world = runAll(base, [{ kind: "create-room", user: alice, room: chat, chatType, invite }]);
    const message = world.inFlight.find((e) => e.message.kind === "invite")?.message;
    if (message?.kind !== "invite") throw new Error("no invite in flight");
    return message;
  }

  it("records the invite with the invitee's own profile and the preview made from it", () => {
    const base = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "set-profile", user: bob, name: "Bob" },
      { kind: "set-setting", user: bob, setting: "see-status", value: true },
    ]);
    const message = inviteInFlight(base, "group-chat");
    const fromHub = {
      ...message,
      previewInputs: { ...message.previewInputs, invitee: { userId: bob, settings: {} } },
    };
    const draft = draftOf(base);
    expect(receiveInvite(draft, B, fromHub)).toEqual({ accepted: true });
    const previewInputs = {
      ...message.previewInputs,
      invitee: { userId: bob, name: "Bob", settings: { "see-status": true } },
    };
    expect([...draft.server(B).persisted.invites]).toStrictEqual([
      [
        `${chat} ${bob}`,
        {
          room: chat,
          user: bob,
          event: message.event,
          summary: { creator: alice, chatType: "group-chat", joinRule: "invite" },
          previewInputs,
          preview: previewFor(previewInputs, draft.profile),
        },
      ],
    ]);
    // A group chat has no fixed members: nothing enters the DM directory.
    expect(draft.server(B).persisted.directory.entries.size).toBe(0);
    expect(draft.effects).toEqual([`b.example recorded the invite of ${bob} to ${chat}`]);
  });

  it("makes the preview from the invitee's own settings, not the hub's idea of them", () => {
    const base = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "set-profile", user: alice, status: "busy" },
      { kind: "set-setting", user: alice, setting: "share-status", value: true },
      { kind: "set-setting", user: bob, setting: "see-status", value: true },
    ]);
    const message = inviteInFlight(base, "dm");
    const fromHub = {
      ...message,
      previewInputs: { ...message.previewInputs, invitee: { userId: bob, settings: {} } },
    };
    const draft = draftOf(base);
    receiveInvite(draft, B, fromHub);
    expect(draft.server(B).persisted.invites.get(inviteKey(chat, bob))?.preview?.inviter.status).toBe("busy");
  });

  it("gives an invitee without a profile empty settings, whatever the hub sent", () => {
    const base = emptyWorld({ delivery: "network" });
    const message = inviteInFlight(base, "group-chat");
    const fromHub = {
      ...message,
      previewInputs: {
        ...message.previewInputs,
        invitee: { userId: bob, name: "Not Bob", settings: { "share-avatar": true } },
      },
    };
    const draft = draftOf(base);
    receiveInvite(draft, B, fromHub);
    expect(draft.server(B).persisted.invites.get(inviteKey(chat, bob))?.previewInputs?.invitee).toStrictEqual(
      {
        userId: bob,
        settings: {},
      },
    );
  });

  it("records a DM in the directory, unless it already knows the room", () => {
    const base = emptyWorld({ delivery: "network" });
    const message = inviteInFlight(base, "dm");
    const draft = draftOf(base);
    receiveInvite(draft, B, message);
    expect([...draft.server(B).persisted.directory.entries]).toEqual([
      [chat, { chatType: "dm", members: [alice, bob], reduced: false }],
    ]);
    const known = draft.server(B).persisted.directory;
    receiveInvite(draft, B, { ...message, summary: { ...message.summary, members: [bob, carol] } });
    expect(draft.server(B).persisted.directory).toBe(known);
  });

  it("puts nothing in the directory for a summary that names members but no chat type", () => {
    const base = emptyWorld({ delivery: "network" });
    const message = inviteInFlight(base, "dm");
    const { chatType: _none, ...untyped } = message.summary;
    expect(untyped.members).toEqual([alice, bob]);
    const draft = draftOf(base);
    expect(receiveInvite(draft, B, { ...message, summary: untyped })).toEqual({ accepted: true });
    expect(draft.server(B).persisted.invites.has(inviteKey(chat, bob))).toBe(true);
    expect(draft.server(B).persisted.directory.entries.size).toBe(0);
  });

  it("takes invites only from the room's hub", () => {
    const base = emptyWorld({ delivery: "network" });
    const message = inviteInFlight(base, "group-chat");
    const draft = draftOf(base);
    expect(receiveInvite(draft, B, { ...message, from: C })).toEqual({
      accepted: false,
      guard: "follower.from-hub",
      requirements: ["HUB-2", "SIG-HUB-1", "OQ-HUB-1"],
      reason: fromHubReason("c.example", chat, "a.example"),
    });
    expect(draft.server(B).persisted.invites.size).toBe(0);
  });
});

describe("receiveResult", () => {
  function pending() {
    const world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
    ]);
    const server = world.servers.get(B);
    if (server === undefined) throw new Error("no b.example");
    // A second pending transaction to another hub, which the result must leave alone.
    const other = {
      txn: "t7",
      room: room("other"),
      to: C as ServerName,
      event: server.volatile.pending.get("t1")?.event,
    };
    const withOther = new Map(server.volatile.pending);
    withOther.set("t7", other as never);
    const servers = new Map(world.servers);
    servers.set(B, { ...server, volatile: { ...server.volatile, pending: withOther } });
    return { ...world, servers };
  }
  const result = (txn: string, verdict: ResultMessage["verdict"], eventId?: string): ResultMessage => ({
    kind: "result",
    from: A,
    to: B,
    room: chat,
    txn,
    verdict,
    ...(eventId === undefined ? {} : { eventId }),
  });

  it("closes the pending transaction it answers, and only that one", () => {
    const draft = draftOf(pending());
    expect(receiveResult(draft, B, result("t1", { accepted: true }, "$4"))).toEqual({ accepted: true });
    expect([...draft.server(B).volatile.pending.keys()]).toEqual(["t7"]);
    expect(draft.effects).toEqual(["b.example txn t1: accepted as $4"]);
  });

  it("explains a rejection", () => {
    const draft = draftOf(pending());
    const verdict = {
      accepted: false,
      guard: "membership.join.rule",
      requirements: [],
      reason: "not invited",
    } as const;
    expect(receiveResult(draft, B, result("t1", verdict))).toEqual({ accepted: true });
    expect([...draft.server(B).volatile.pending.keys()]).toEqual(["t7"]);
    expect(draft.effects).toEqual(["b.example txn t1: rejected by membership.join.rule: not invited"]);
  });

  it("ignores a result for a transaction it is not waiting for", () => {
    const world = pending();
    const draft = draftOf(world);
    expect(receiveResult(draft, B, result("t9", { accepted: true }, "$4"))).toEqual({ accepted: true });
    expect(draft.server(B)).toBe(world.servers.get(B));
    expect(draft.effects).toEqual(["b.example has no pending txn t9: result ignored"]);
  });
});

describe("receiveBackfill", () => {
  function joinedWorld(): World {
    return runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "set-history-visibility", user: alice, room: chat, visibility: "joined" },
      { kind: "send-message", user: alice, room: chat, body: "before bob" },
      { kind: "join", user: bob, room: chat },
      { kind: "flush" },
      { kind: "send-message", user: alice, room: chat, body: "after bob" },
    ]);
  }
  const asks = (from: ServerName, after: number, to: ServerName = A): BackfillMessage => ({
    kind: "backfill",
    from,
    to,
    room: chat,
    after,
  });

  it("answers with the events after the asker's count, redacted where none of its users may see them", () => {
    const world = joinedWorld();
    const history = historyOf(hubCopy(world, chat));
    expect(history.map((e) => e.type)).toEqual([
      "m.room.create",
      "m.room.member",
      "m.room.member",
      "m.room.history_visibility",
      "m.room.encrypted",
      "m.room.member",
      "m.room.encrypted",
    ]);
    const draft = draftOf(world);
    const before = draft.messages.length;
    expect(receiveBackfill(draft, A, asks(B, 3))).toEqual({ accepted: true });
    expect(draft.messages).toHaveLength(before + 1);
    const answer = draft.messages.at(-1)?.message;
    expect(answer).toMatchObject({ kind: "history", from: A, to: B, room: chat });
    const events = answer?.kind === "history" ? answer.events : [];
    expect(events.map((e) => e.event_id)).toEqual(history.slice(3).map((e) => e.event_id));
    expect(events.map((e) => e.redacted === true)).toEqual([false, true, false, false]);
    expect(events[1]?.content).toEqual({});
    expect(events[3]).toBe(history[6]);
  });

  it("answers with nothing past the end, and with everything from zero", () => {
    const world = joinedWorld();
    const draft = draftOf(world);
    receiveBackfill(draft, A, asks(B, 7));
    receiveBackfill(draft, A, asks(C, 0));
    const [past, all] = draft.messages
      .slice(-2)
      .map((e) => (e.message.kind === "history" ? e.message.events : []));
    expect(past).toEqual([]);
    expect(all?.map((e) => e.event_id)).toEqual(["$1", "$2", "$3", "$4", "$5", "$6", "$7"]);
    // c.example never had a user in the room: it sees the state, not the messages.
    expect(all?.map((e) => e.redacted === true)).toEqual([false, false, false, false, true, false, true]);
  });

  it("is refused by a server that is not the room's hub, even one holding a copy", () => {
    const world = joinedWorld();
    const draft = draftOf(world);
    expect(receiveBackfill(draft, B, asks(C, 0, B))).toEqual({
      accepted: false,
      guard: "hub.room-known",
      requirements: ["HUB-1"],
      reason: `b.example holds no room ${chat}, so it is not that room's hub`,
    });
    expect(receiveBackfill(draft, C, asks(B, 0, C))).toMatchObject({
      accepted: false,
      guard: "hub.room-known",
      reason: `c.example holds no room ${chat}, so it is not that room's hub`,
    });
    expect(draft.messages).toBe(world.inFlight);
  });
});
