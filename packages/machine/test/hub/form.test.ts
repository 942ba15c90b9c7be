import { computeEventId, type JsonObject } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { LimitedEvent } from "../../src/event.ts";
import { formEvent } from "../../src/hub/form.ts";
import { Draft } from "../../src/step/draft.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, B, bob, C, hubCopy, room, runAll, worldWith } from "../support.ts";

const chat = room("chat");

/** alice's group chat with bob invited: $1 create, $2 alice's join, $3 bob's invite. */
function invited(base: World = emptyWorld()): World {
  return runAll(base, [
    { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
  ]);
}

/** bob's join as b.example sends it (no hub_server unless given). */
function bobJoins(fields: Partial<LimitedEvent> = {}): LimitedEvent {
  return {
    room_id: chat,
    type: "m.room.member",
    state_key: bob,
    sender: bob,
    content: { membership: "join" },
    origin_server_ts: 10,
    signedBy: [B],
    ...fields,
  };
}

function form(world: World, limited: LimitedEvent, hubOriginated = false) {
  return formEvent(new Draft(world, false, undefined), hubCopy(world, chat), limited, hubOriginated);
}

describe("formEvent", () => {
  it("adds the selected auth events, the head as the only previous event, an event ID and the hub's signature", () => {
    expect(form(invited(), bobJoins({ hub_server: A }))).toStrictEqual({
      room_id: chat,
      type: "m.room.member",
      state_key: bob,
      sender: bob,
      content: { membership: "join" },
      origin_server_ts: 10,
      hub_server: A,
      event_id: "$4",
      // The create event and bob's own membership (his invite); no power levels or join rules exist.
      auth_events: ["$1", "$3"],
      prev_events: ["$3"],
      signedBy: [B, A],
    });
  });

  it("keeps a message event without a state key", () => {
    const message: LimitedEvent = {
      room_id: chat,
      type: "m.room.encrypted",
      sender: alice,
      content: { ciphertext: "x" },
      origin_server_ts: 11,
      signedBy: [A],
    };
    expect(form(invited(), message, true)).toStrictEqual({
      room_id: chat,
      type: "m.room.encrypted",
      sender: alice,
      content: { ciphertext: "x" },
      origin_server_ts: 11,
      event_id: "$4",
      auth_events: ["$1", "$2"],
      prev_events: ["$3"],
      signedBy: [A],
    });
  });

  it("adds the hub's signature once, after the others", () => {
    const world = invited();
    expect(form(world, bobJoins({ signedBy: [B] })).signedBy).toEqual([B, A]);
    expect(form(world, bobJoins({ signedBy: [B, A] })).signedBy).toEqual([B, A]);
    expect(form(world, bobJoins({ signedBy: [A] })).signedBy).toEqual([A]);
    expect(form(world, bobJoins({ signedBy: [C, B] })).signedBy).toEqual([C, B, A]);
    expect(form(world, bobJoins({ signedBy: [] })).signedBy).toEqual([A]);
  });

  it("names the event by the world's scheme, over exactly the fields it carries", () => {
    const world = invited(emptyWorld({ eventIds: "reference-hash" }));
    const formed = form(world, bobJoins({ hub_server: A }));
    const { event_id, signedBy: _signers, ...hashed } = formed;
    const expected = computeEventId(hashed as unknown as JsonObject);
    expect(expected.ok && event_id === expected.value).toBe(true);
    const withoutHubServer = form(world, bobJoins());
    expect(withoutHubServer.event_id).not.toBe(event_id);
  });
});

describe("hub_server on a formed event", () => {
  const hubServer = (options: Record<string, string>, limited: LimitedEvent, hubOriginated = false) => {
    const formed = form(invited(worldWith(options)), limited, hubOriginated);
    return "hub_server" in formed ? formed.hub_server : "absent";
  };

  it("is the participant's under event.hub-server-set-by = participant, even a wrong one", () => {
    expect(hubServer({}, bobJoins({ hub_server: A }))).toBe(A);
    expect(hubServer({}, bobJoins({ hub_server: C }))).toBe(C);
    expect(hubServer({}, bobJoins())).toBe("absent");
  });

  it("is set by the hub under event.hub-server-set-by = hub when the participant left it out", () => {
    const byHub = { "event.hub-server-set-by": "hub" };
    expect(hubServer(byHub, bobJoins())).toBe(A);
    expect(hubServer(byHub, bobJoins({ hub_server: C }))).toBe(C);
  });

  it("is on a hub-originated event only under event.hub-originated-hub-server = self", () => {
    const fromAlice = bobJoins({
      sender: alice,
      state_key: bob,
      content: { membership: "invite" },
      signedBy: [A],
    });
    expect(hubServer({}, fromAlice, true)).toBe("absent");
    expect(hubServer({}, { ...fromAlice, hub_server: C }, true)).toBe("absent");
    expect(hubServer({ "event.hub-server-set-by": "hub" }, fromAlice, true)).toBe("absent");
    expect(hubServer({ "event.hub-originated-hub-server": "self" }, fromAlice, true)).toBe(A);
    expect(
      hubServer({ "event.hub-originated-hub-server": "self" }, { ...fromAlice, hub_server: C }, true),
    ).toBe(A);
    // The option is about hub-originated events only.
    expect(hubServer({ "event.hub-originated-hub-server": "self" }, bobJoins())).toBe("absent");
  });
});
