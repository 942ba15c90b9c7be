import { type UserId, userIdParts } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  type Action,
  authorize,
  emptyWorld,
  eventById,
  type FullEvent,
  selectAuthEvents,
  step,
  type World,
} from "../../src/index.ts";
import { alice, hubCopy, room, runAll } from "../support.ts";

// Speed is measured by `pnpm bench --only machine` (scripts/bench/machine.ts), not here: these
// tests pin the reason it does not depend on room size. Authorization reads the room's indexes
// and looks up only the event's own auth events in the history; it never replays it.

const lobby = room("lobby");
const member = (i: number) => `@u${i}:b.example` as UserId;

function roomOf(members: number, messages: number): World {
  const joins: Action[] = Array.from({ length: members }, (_, i) => ({
    kind: "join",
    user: member(i),
    room: lobby,
  }));
  const says: Action[] = Array.from({ length: messages }, (_, i) => ({
    kind: "send-message",
    user: member(i % members),
    room: lobby,
    body: `m${i}`,
  }));
  return runAll(emptyWorld(), [
    { kind: "create-room", user: alice, room: lobby, chatType: "public-chat" },
    ...joins,
    ...says,
  ]);
}

/** How many history lookups authorizing `event` in `world` makes. */
function lookups(
  world: World,
  fields: Omit<FullEvent, "event_id" | "auth_events" | "prev_events" | "signedBy">,
) {
  const replica = hubCopy(world, lobby);
  const event: FullEvent = {
    ...fields,
    event_id: "$probe",
    auth_events: selectAuthEvents(replica.state, fields, world.config.profile),
    prev_events: [replica.state.head.event_id],
    signedBy: [userIdParts(fields.sender).server, replica.hub],
  };
  let count = 0;
  const verdict = authorize(
    { profile: world.config.profile },
    {
      state: replica.state,
      eventById: (id) => {
        count++;
        return eventById(replica, id);
      },
    },
    event,
  );
  return { verdict, count, authEvents: event.auth_events.length };
}

describe("applying an event (indexes, not replay)", () => {
  const small = roomOf(5, 5);
  const large = roomOf(60, 400);
  const message = (sender: UserId) => ({
    room_id: lobby,
    type: "m.room.encrypted",
    sender,
    content: { ciphertext: "x" },
    origin_server_ts: 1,
  });
  const join = (user: UserId) => ({
    room_id: lobby,
    type: "m.room.member",
    state_key: user,
    sender: user,
    content: { membership: "join" },
    origin_server_ts: 1,
  });

  it.each([
    ["a message", (w: World) => lookups(w, message(member(1)))],
    ["a join", (w: World) => lookups(w, join("@new:c.example" as UserId))],
  ])("authorizing %s looks up only its auth events, in a small room and a large one", (_label, probe) => {
    for (const world of [small, large]) {
      const { verdict, count, authEvents } = probe(world);
      expect(verdict.accepted).toBe(true);
      expect(count).toBe(authEvents);
    }
    expect(hubCopy(large, lobby).state.length).toBeGreaterThan(10 * hubCopy(small, lobby).state.length);
  });

  it("leaves the world before a step untouched, so the indexes can be shared", () => {
    const before = hubCopy(large, lobby);
    const after = step(large, { kind: "send-message", user: member(2), room: lobby, body: "more" }).world;
    expect(hubCopy(large, lobby)).toBe(before);
    expect(hubCopy(after, lobby).state.length).toBe(before.state.length + 1);
    expect(before.state.length).toBe(hubCopy(large, lobby).history.length);
  });
});
