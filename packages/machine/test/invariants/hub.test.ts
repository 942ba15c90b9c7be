import type { RoomId, ServerName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import { hubInvariants } from "../../src/invariants/hub.ts";
import type { Message } from "../../src/network/messages.ts";
import type { World } from "../../src/world.ts";
import { A, alice, B, bob, hubCopy } from "../support.ts";
import { chat, checkOf, copyAt, forced, good, withCopy, withoutServer } from "./breakers.ts";

/** The check of the hub invariant `id`. */
const check = (id: string) => checkOf(hubInvariants, id);

/** `world` without `server`'s copy of the chat. */
function withoutCopy(world: World, server: ServerName): World {
  const state = world.servers.get(server);
  if (state === undefined) throw new Error(`no server ${server}`);
  const rooms = new Map(state.persisted.rooms);
  rooms.delete(chat);
  const servers = new Map(world.servers);
  servers.set(server, { ...state, persisted: { ...state.persisted, rooms } });
  return { ...world, servers };
}

/** `world` with these messages (numbered from 1) in flight. */
function inFlight(world: World, ...messages: Message[]): World {
  return { ...world, inFlight: messages.map((message, i) => ({ id: i + 1, message })) };
}

const head = hubCopy(good, chat).state.head;
const create = hubCopy(good, chat).state.create;

describe("the hub invariants", () => {
  it("are these, in this order, each naming its requirements", () => {
    expect(hubInvariants.map((i) => [i.id, i.requirements])).toEqual([
      ["hub.exactly-one", ["HUB-1", "HUB-3"]],
      ["hub.initial-is-room-id-server", ["SIG-ID-4", "SIG-ID-1"]],
      ["hub.processes-and-fans-out", ["HUB-2", "OQ-HUB-1"]],
      ["hub.emits-fully-formed", ["SIG-HUB-1"]],
    ]);
  });

  it("all hold on a world the machine built", () => {
    expect(hubInvariants.map((i) => i.check(good))).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("hub.exactly-one", () => {
  const exactlyOne = check("hub.exactly-one");

  it("catches a hub that lost its copy of the room", () => {
    expect(exactlyOne(withoutCopy(good, A))).toBe("the hub a.example of !chat:a.example holds no copy of it");
  });

  it("catches a hub copy that names another hub than the creator's server", () => {
    const copy = copyAt(good, A);
    expect(exactlyOne(withCopy(good, A, { ...copy, hub: B }))).toBe(
      "!chat:a.example has hub b.example, not the creator's server a.example",
    );
  });

  it("catches an observer index that files the room under another server than the creator's", () => {
    const rooms = new Map(good.rooms);
    rooms.set(chat, B);
    // b.example's copy still (rightly) names a.example: the index is what is wrong.
    expect(exactlyOne({ ...good, rooms })).toBe(
      "!chat:a.example has hub b.example, not the creator's server a.example",
    );
  });

  it("catches a follower copy that names another hub", () => {
    const copy = copyAt(good, B);
    expect(exactlyOne(withCopy(good, B, { ...copy, hub: B }))).toBe(
      "b.example's copy of !chat:a.example names b.example as hub, not a.example",
    );
  });

  it("does not ask a copy of a room the index does not know to name a hub", () => {
    const copy = copyAt(good, B);
    const unknown = withCopy(good, B, { ...copy, roomId: "!unknown:a.example" as RoomId, hub: B });
    expect(exactlyOne(unknown)).toBeUndefined();
  });
});

describe("hub.initial-is-room-id-server", () => {
  const initial = check("hub.initial-is-room-id-server");

  it("catches a room whose ID names another server than its creator's", () => {
    const copy = copyAt(good, A);
    const state = { ...copy.state, create: { ...copy.state.create, sender: bob }, creator: bob };
    expect(initial(withCopy(good, A, { ...copy, state }))).toBe(
      "room !chat:a.example was created by @bob:b.example of another server",
    );
  });

  it("reads the creator from the hub's copy only, and skips a room whose hub lost it", () => {
    const copy = copyAt(good, B);
    const state = { ...copy.state, creator: bob };
    const followerWrong = withCopy(good, B, { ...copy, state });
    expect(initial(followerWrong)).toBeUndefined();
    const hubWrong = withCopy(good, A, { ...copy, state });
    expect(initial(withoutCopy(hubWrong, A))).toBeUndefined();
  });
});

describe("hub.processes-and-fans-out", () => {
  const fansOut = check("hub.processes-and-fans-out");

  it("catches a follower holding an event past the hub's head", () => {
    expect(fansOut(forced(good, B, { signedBy: [B, A] }))).toBe(
      "b.example's copy of !chat:a.example has $forced at position 5, the hub has nothing",
    );
  });

  it("catches a follower whose event differs from the hub's at the same position", () => {
    const both = forced(forced(good, A, { event_id: "$x" }), B, { event_id: "$y" });
    expect(fansOut(both)).toBe("b.example's copy of !chat:a.example has $y at position 5, the hub has $x");
  });

  it("catches an event the hub did not sign", () => {
    const unsigned = forced(forced(good, A, { signedBy: [A] }), B, { sender: bob, signedBy: [B] });
    expect(fansOut(unsigned)).toBe(
      "b.example holds $forced of !chat:a.example, which the hub a.example did not sign",
    );
  });

  it("holds while a follower holds a prefix of the hub's history", () => {
    expect(fansOut(forced(good, A, {}))).toBeUndefined();
  });

  it("skips copies whose hub holds none (hub.exactly-one reports that)", () => {
    expect(fansOut(withoutCopy(forced(good, B, { signedBy: [B] }), A))).toBeUndefined();
    expect(fansOut(withoutServer(forced(good, B, { signedBy: [B] }), A))).toBeUndefined();
  });
});

describe("hub.emits-fully-formed", () => {
  const fullyFormed = check("hub.emits-fully-formed");
  const event = (fields: Partial<FullEvent>): FullEvent => ({ ...head, event_id: "$x", ...fields });

  it("catches a hub submitting a limited event", () => {
    expect(
      fullyFormed(inFlight(good, { kind: "submit", from: A, to: B, room: chat, txn: "t", event: head })),
    ).toBe("message #1: the hub a.example sent a limited event");
  });

  it("catches a fanned-out event without exactly one prev event, or without auth events", () => {
    const fanOut = (e: FullEvent): Message => ({ kind: "event", from: A, to: B, room: chat, event: e });
    expect(fullyFormed(inFlight(good, fanOut(event({ prev_events: [] }))))).toBe(
      "message #1: $x is not fully formed",
    );
    expect(fullyFormed(inFlight(good, fanOut(event({ prev_events: ["$4", "$5"] }))))).toBe(
      "message #1: $x is not fully formed",
    );
    expect(fullyFormed(inFlight(good, fanOut(event({ auth_events: [] }))))).toBe(
      "message #1: $x is not fully formed",
    );
    expect(fullyFormed(inFlight(good, fanOut(event({ event_id: undefined as unknown as string }))))).toBe(
      "message #1: undefined is not fully formed",
    );
  });

  it("allows the create event to have no prev and no auth events, but no other event of that shape", () => {
    const fanOut = (e: FullEvent): Message => ({ kind: "event", from: A, to: B, room: chat, event: e });
    expect(fullyFormed(inFlight(good, fanOut(create)))).toBeUndefined();
    expect(create.prev_events).toEqual([]);
    expect(fullyFormed(inFlight(good, fanOut({ ...create, prev_events: ["$5"] })))).toBe(
      "message #1: $1 is not fully formed",
    );
    expect(fullyFormed(inFlight(good, fanOut({ ...head, auth_events: [], prev_events: [] })))).toBe(
      "message #1: $5 is not fully formed",
    );
  });

  it("checks invites and every event of a history run, naming the message", () => {
    const invite: Message = {
      kind: "invite",
      from: A,
      to: B,
      room: chat,
      event: event({ auth_events: [] }),
      summary: { creator: alice, joinRule: "invite" },
      previewInputs: {
        chatType: "group-chat",
        inviter: { userId: alice, settings: {} },
        invitee: { userId: bob, settings: {} },
        hubSettings: {},
        members: [],
      },
    };
    const history = (events: FullEvent[]): Message => ({
      kind: "history",
      from: A,
      to: B,
      room: chat,
      events,
    });
    expect(fullyFormed(inFlight(good, invite))).toBe("message #1: $x is not fully formed");
    expect(fullyFormed(inFlight(good, history([create, head, event({ prev_events: [] })])))).toBe(
      "message #1: $x is not fully formed",
    );
    expect(fullyFormed(inFlight(good, history([create, head]), history([event({ auth_events: [] })])))).toBe(
      "message #2: $x is not fully formed",
    );
  });

  it("ignores results, backfill requests, messages from other servers and rooms it does not know", () => {
    const limited = head;
    expect(
      fullyFormed(
        inFlight(
          good,
          { kind: "result", from: A, to: B, room: chat, txn: "t", verdict: { accepted: true } },
          { kind: "backfill", from: A, to: B, room: chat, after: 2 },
          { kind: "submit", from: B, to: A, room: chat, txn: "t", event: limited },
          { kind: "event", from: B, to: A, room: chat, event: event({ prev_events: [] }) },
          { kind: "submit", from: A, to: B, room: "!nowhere:a.example" as RoomId, txn: "t", event: limited },
        ),
      ),
    ).toBeUndefined();
  });
});
