import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import { historyInvariants } from "../../src/invariants/history.ts";
import { logOf } from "../../src/state/log.ts";
import { pset } from "../../src/state/persistent-map.ts";
import { appendToReplica, historyOf } from "../../src/state/replica.ts";
import { serverSees } from "../../src/visibility/history.ts";
import type { World } from "../../src/world.ts";
import { A, alice, B, bob, C, carol, hubCopy } from "../support.ts";
import { chat, checkOf, copyAt, forced, good, joinedOnly, withCopy, withoutServer } from "./breakers.ts";

/** The check of the history invariant `id`. */
const check = (id: string) => checkOf(historyInvariants, id);

/** `world` with `server`'s copy of the chat holding exactly `events` (state left as it was). */
function withHistory(world: World, server: ServerName, events: ReadonlyArray<FullEvent>): World {
  const copy = copyAt(world, server);
  return withCopy(world, server, { ...copy, history: logOf(events, (e) => e.event_id) });
}

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

const goodHistory = historyOf(hubCopy(good, chat));
/** An event of `good`'s history by position. */
const at = (i: number): FullEvent => {
  const event = goodHistory[i];
  if (event === undefined) throw new Error(`no event at ${i}`);
  return event;
};

describe("the history invariants", () => {
  it("are these, in this order, each naming its requirements", () => {
    expect(historyInvariants.map((i) => [i.id, i.requirements])).toEqual([
      ["history.create-first", ["SIG-CREATE-1"]],
      ["history.linear", ["SIG-ROOM-2", "SIG-ROOM-3"]],
      ["auth-events.state-only", ["SIG-AUTH-2"]],
      ["auth-events.include-create", ["SIG-CREATE-3"]],
      ["auth-chain.within-history", ["SIG-AUTH-4"]],
      ["history.only-accepted", ["SIG-EVENT-4"]],
      ["replicas.only-accepted", ["OQ-MGMT-8"]],
      ["join.has-member-auth-chains", ["SIG-HIST-1"]],
      ["history.visible-to", ["OQ-HIST-1"]],
      ["history.someone-keeps-all", ["SIG-HIST-3", "OQ-HIST-2"]],
      ["room.policy-fixed", ["SIG-POLICY-1"]],
      ["ban.no-events-after", ["SIG-POLICY-3"]],
    ]);
  });

  it("all hold on a world the machine built", () => {
    expect(historyInvariants.map((i) => i.check(good))).toEqual(historyInvariants.map(() => undefined));
  });
});

describe("history.create-first", () => {
  const createFirst = check("history.create-first");

  it("catches a second create event, naming its position", () => {
    expect(createFirst(forced(good, A, { type: "m.room.create", state_key: "" }))).toBe(
      "a.example's copy of !chat:a.example has a second create event at position 5",
    );
  });

  it("catches a second create event right after the first (position 1)", () => {
    const twice = withHistory(good, B, [at(0), { ...at(0), event_id: "$again" }, ...goodHistory.slice(1)]);
    expect(createFirst(twice)).toBe(
      "b.example's copy of !chat:a.example has a second create event at position 1",
    );
  });

  it("catches a copy that does not start with a create event, or is empty", () => {
    expect(createFirst(withHistory(good, B, goodHistory.slice(1)))).toBe(
      "b.example's copy of !chat:a.example does not start with a create event",
    );
    expect(createFirst(withHistory(good, B, []))).toBe(
      "b.example's copy of !chat:a.example does not start with a create event",
    );
  });

  it("catches a copy that starts with another room's create event", () => {
    const other = { ...at(0), room_id: "!other:a.example" as RoomId };
    expect(createFirst(withHistory(good, A, [other, ...goodHistory.slice(1)]))).toBe(
      "a.example's copy of !chat:a.example starts with the create event of !other:a.example",
    );
  });
});

describe("history.linear", () => {
  const linear = check("history.linear");

  it("catches an event that names an older event than the one before it", () => {
    expect(linear(forced(good, A, { prev_events: ["$1"] }))).toBe(
      `a.example's copy of !chat:a.example: $forced at position 5 names ["$1"], not [$5]`,
    );
  });

  it("catches an event with no prev event, or with a second one after the right one", () => {
    expect(linear(forced(good, B, { prev_events: [] }))).toBe(
      "b.example's copy of !chat:a.example: $forced at position 5 names [], not [$5]",
    );
    expect(linear(forced(good, A, { prev_events: ["$5", "$4"] }))).toBe(
      `a.example's copy of !chat:a.example: $forced at position 5 names ["$5","$4"], not [$5]`,
    );
  });

  it("catches a break at position 1", () => {
    const broken = withHistory(good, A, [at(0), { ...at(1), prev_events: ["$0"] }, ...goodHistory.slice(2)]);
    expect(linear(broken)).toBe(
      `a.example's copy of !chat:a.example: $2 at position 1 names ["$0"], not [$1]`,
    );
  });

  it("holds for an event that names exactly the head", () => {
    expect(linear(forced(good, A, {}))).toBeUndefined();
  });
});

describe("auth-events.state-only", () => {
  const stateOnly = check("auth-events.state-only");

  it("catches a message event named as an auth event", () => {
    expect(stateOnly(forced(good, A, { auth_events: ["$1", "$5"] }))).toBe(
      "a.example's copy of !chat:a.example: $forced names the message event $5 as an auth event",
    );
  });

  it("leaves auth events the copy lacks to auth-chain.within-history", () => {
    expect(stateOnly(forced(good, A, { auth_events: ["$1", "$elsewhere"] }))).toBeUndefined();
  });

  it("holds for state auth events", () => {
    expect(stateOnly(forced(good, B, { auth_events: ["$1", "$4"] }))).toBeUndefined();
  });
});

describe("auth-events.include-create", () => {
  const includeCreate = check("auth-events.include-create");

  it("catches an event without the create event among its auth events", () => {
    expect(includeCreate(forced(good, A, { auth_events: [] }))).toBe(
      "a.example's copy of !chat:a.example: $forced does not name the create event as an auth event",
    );
    expect(includeCreate(forced(good, B, { auth_events: ["$4"] }))).toBe(
      "b.example's copy of !chat:a.example: $forced does not name the create event as an auth event",
    );
  });

  it("does not ask it of the create event itself, which has no auth events", () => {
    expect(at(0).auth_events).toEqual([]);
    expect(includeCreate(good)).toBeUndefined();
  });

  it("leaves a copy without events to history.create-first", () => {
    expect(includeCreate(withHistory(good, B, []))).toBeUndefined();
  });
});

describe("auth-chain.within-history", () => {
  const withinHistory = check("auth-chain.within-history");

  it("catches an auth event the room does not hold", () => {
    expect(withinHistory(forced(good, A, { auth_events: ["$1", "$elsewhere"] }))).toBe(
      "a.example's copy of !chat:a.example: auth event $elsewhere of $forced is not an earlier event of the room",
    );
  });

  it("catches an event that names itself (not earlier)", () => {
    expect(withinHistory(forced(good, B, { auth_events: ["$1", "$forced"] }))).toBe(
      "b.example's copy of !chat:a.example: auth event $forced of $forced is not an earlier event of the room",
    );
  });

  it("catches an event that names a later event", () => {
    const later = withHistory(good, A, [
      at(0),
      at(1),
      { ...at(2), auth_events: ["$1", "$4"] },
      ...goodHistory.slice(3),
    ]);
    expect(withinHistory(later)).toBe(
      "a.example's copy of !chat:a.example: auth event $4 of $3 is not an earlier event of the room",
    );
  });

  it("holds for the event just before", () => {
    expect(withinHistory(forced(good, A, { auth_events: ["$1", "$5"] }))).toBeUndefined();
  });
});

describe("history.only-accepted", () => {
  const onlyAccepted = check("history.only-accepted");

  it("catches an event the policy refuses in the hub's history, with the guard and reason", () => {
    expect(onlyAccepted(forced(good, A, { sender: carol, signedBy: [C, A] }))).toBe(
      "!chat:a.example: replaying the history, the policy refuses $forced (auth.sender-joined: @carol:c.example is not joined to !chat:a.example (membership leave))",
    );
  });

  it("looks only at the hub's copy", () => {
    expect(onlyAccepted(forced(good, B, { sender: carol, signedBy: [C, A] }))).toBeUndefined();
  });

  it("skips a room whose hub lost its copy (hub.exactly-one reports that)", () => {
    expect(
      onlyAccepted(withoutCopy(forced(good, A, { sender: carol, signedBy: [C, A] }), A)),
    ).toBeUndefined();
  });
});

describe("replicas.only-accepted", () => {
  const replicasAccepted = check("replicas.only-accepted");

  it("catches a follower's copy the policy refuses", () => {
    expect(replicasAccepted(forced(good, B, { sender: carol, signedBy: [C, A] }))).toBe(
      "b.example's copy of !chat:a.example: replaying the history, the policy refuses $forced (auth.sender-joined: @carol:c.example is not joined to !chat:a.example (membership leave))",
    );
  });

  it("leaves the hub's copy to history.only-accepted", () => {
    expect(replicasAccepted(forced(good, A, { sender: carol, signedBy: [C, A] }))).toBeUndefined();
  });
});

describe("join.has-member-auth-chains", () => {
  const authChains = check("join.has-member-auth-chains");
  const carolJoins = {
    type: "m.room.member",
    state_key: carol,
    sender: carol,
    content: { membership: "join" },
    signedBy: [C, A],
  } as const;

  it("catches a joined user whose membership event names an event the copy lacks", () => {
    expect(authChains(forced(good, B, { ...carolJoins, auth_events: ["$1", "$lost"] }))).toBe(
      "b.example's copy of !chat:a.example shows @carol:c.example joined but lacks $lost of their auth chain",
    );
  });

  it("follows the auth chain past the membership event's own auth events", () => {
    const middle = forced(good, B, {
      event_id: "$middle",
      type: "m.room.name",
      state_key: "",
      content: { name: "x" },
      auth_events: ["$1", "$gone"],
    });
    const copy = copyAt(middle, B);
    const join: FullEvent = {
      ...copy.state.head,
      ...carolJoins,
      event_id: "$join",
      auth_events: ["$1", "$middle"],
      prev_events: ["$middle"],
    };
    expect(authChains(withCopy(middle, B, appendToReplica(copy, join)))).toBe(
      "b.example's copy of !chat:a.example shows @carol:c.example joined but lacks $gone of their auth chain",
    );
  });

  it("catches a user shown as joined without a membership event", () => {
    const copy = copyAt(good, B);
    const state = { ...copy.state, memberships: pset(copy.state.memberships, carol, "join" as const) };
    expect(authChains(withCopy(good, B, { ...copy, state }))).toBe(
      "b.example's copy of !chat:a.example shows @carol:c.example joined but lacks (no membership event) of their auth chain",
    );
  });

  it("follows a cyclic auth chain once round and stops", () => {
    const cyclic = forced(good, B, { ...carolJoins, event_id: "$cjoin", auth_events: ["$1", "$cjoin"] });
    // (A membership event that names itself: the walk must not go round forever.)
    expect(authChains(cyclic)).toBeUndefined();
  });

  it("asks it only of joined users, not of an invitee", () => {
    const invited = forced(good, B, {
      ...carolJoins,
      sender: alice,
      content: { membership: "invite" },
      signedBy: [A],
      auth_events: ["$1", "$lost"],
    });
    expect(authChains(invited)).toBeUndefined();
  });
});

describe("history.visible-to", () => {
  const visibleTo = check("history.visible-to");

  it("catches a follower holding the plain content of a message none of its users may see", () => {
    const world = joinedOnly();
    expect(visibleTo(withCopy(world, B, hubCopy(world, chat)))).toBe(
      "b.example holds the content of $4 in !chat:a.example, which none of its users may see",
    );
  });

  it("holds where the hub handed out a redacted copy", () => {
    const world = joinedOnly();
    expect(historyOf(copyAt(world, B))[3]?.redacted).toBe(true);
    expect(visibleTo(world)).toBeUndefined();
  });

  it("never asks it of the hub's own copy, nor of a follower whose hub lost its copy", () => {
    const world = joinedOnly();
    const plain = withCopy(world, B, hubCopy(world, chat));
    expect(visibleTo(withoutCopy(plain, A))).toBeUndefined();
  });

  it("skips events the hub's history lacks (history.someone-keeps-all reports them)", () => {
    const world = joinedOnly();
    // bob's server holds a message the hub never had: not this invariant's business.
    const extra = forced(world, B, { sender: bob, signedBy: [B, A], content: { ciphertext: "x" } });
    expect(visibleTo(extra)).toBeUndefined();
  });

  it("holds for messages sent while the follower's user could see them", () => {
    expect(visibleTo(good)).toBeUndefined();
  });

  it("never asks it of the hub's own copy, even of a message none of the hub's users may see", () => {
    // alice, the hub's only user, leaves; bob's later message is one a.example may not see.
    const left = forced(good, A, {
      event_id: "$leave",
      type: "m.room.member",
      state_key: alice,
      content: { membership: "leave" },
    });
    const late = forced(left, A, {
      event_id: "$late",
      sender: bob,
      signedBy: [B, A],
      content: { ciphertext: "late" },
    });
    const history = historyOf(copyAt(late, A));
    expect(history.at(-1)?.event_id).toBe("$late");
    expect(serverSees(history, A, late.config.profile).at(-1)).toBe(false);
    expect(visibleTo(late)).toBeUndefined();
  });

  it("skips a follower whose hub server is not known at all", () => {
    const world = joinedOnly();
    expect(visibleTo(withoutServer(withCopy(world, B, hubCopy(world, chat)), A))).toBeUndefined();
  });
});

describe("history.someone-keeps-all", () => {
  const keepsAll = check("history.someone-keeps-all");

  it("catches a follower holding an event the hub lacks", () => {
    expect(keepsAll(forced(good, B, {}))).toBe(
      "b.example holds $forced of !chat:a.example, which the hub's history lacks",
    );
  });

  it("catches a room whose hub holds no copy", () => {
    expect(keepsAll(withoutCopy(good, A))).toBe(
      "the hub a.example holds no copy of !chat:a.example, which b.example holds",
    );
    expect(keepsAll(withoutServer(good, A))).toBe(
      "the hub a.example holds no copy of !chat:a.example, which b.example holds",
    );
  });

  it("holds while the hub is ahead of its followers", () => {
    expect(keepsAll(forced(good, A, {}))).toBeUndefined();
  });
});

describe("room.policy-fixed", () => {
  const policyFixed = check("room.policy-fixed");

  it("catches a copy whose chat type is not the create event's", () => {
    const copy = hubCopy(good, chat);
    expect(policyFixed(withCopy(good, A, { ...copy, state: { ...copy.state, chatType: "dm" } }))).toBe(
      "a.example's copy of !chat:a.example is a dm, but its create event says group-chat",
    );
  });

  it("names a create event without a chat type as undefined", () => {
    const copy = hubCopy(good, chat);
    const create = { ...copy.state.create, content: { room_version: "x" } };
    const state = { ...copy.state, create, chatType: "dm" as const };
    expect(policyFixed(withCopy(good, B, { ...copy, state }))).toBe(
      "b.example's copy of !chat:a.example is a dm, but its create event says undefined",
    );
  });

  it("catches a copy that takes its policy from another event than its first", () => {
    const copy = hubCopy(good, chat);
    const state = { ...copy.state, create: { ...copy.state.create, event_id: "$other" } };
    expect(policyFixed(withCopy(good, A, { ...copy, state }))).toBe(
      "a.example's copy of !chat:a.example takes its policy from $other, not its first event",
    );
  });

  it("leaves a copy without events to history.create-first", () => {
    expect(policyFixed(withHistory(good, B, []))).toBeUndefined();
  });

  it("holds for a room without a chat type (LM rules only)", () => {
    const copy = hubCopy(good, chat);
    const state = { ...copy.state, chatType: undefined };
    expect(policyFixed(withCopy(good, A, { ...copy, state }))).toBeUndefined();
  });
});

describe("ban.no-events-after", () => {
  const noEventsAfter = check("ban.no-events-after");
  const member = (event_id: string, target: UserId, membership: string) =>
    ({ event_id, type: "m.room.member", state_key: target, content: { membership } }) as const;

  it("catches an event from a banned user", () => {
    const banned = forced(good, A, member("$ban", bob, "ban"));
    expect(noEventsAfter(forced(banned, A, { sender: bob, prev_events: ["$ban"] }))).toBe(
      "!chat:a.example: $forced comes from @bob:b.example, who is banned",
    );
  });

  it("holds once the ban is lifted", () => {
    const lifted = forced(forced(good, A, member("$ban", bob, "ban")), A, member("$unban", bob, "leave"));
    expect(noEventsAfter(forced(lifted, A, { sender: bob }))).toBeUndefined();
  });

  it("bans only the user the ban names", () => {
    const banned = forced(good, A, member("$ban", carol, "ban"));
    expect(noEventsAfter(forced(banned, A, { sender: bob }))).toBeUndefined();
  });

  it("reads bans from membership events only", () => {
    const notMember = forced(good, A, {
      event_id: "$x",
      type: "m.room.name",
      state_key: bob,
      content: { membership: "ban" },
    });
    expect(noEventsAfter(forced(notMember, A, { sender: bob }))).toBeUndefined();
  });

  it("looks only at the hub's copy", () => {
    const banned = forced(good, B, member("$ban", bob, "ban"));
    expect(noEventsAfter(forced(banned, B, { sender: bob }))).toBeUndefined();
    expect(
      noEventsAfter(withoutCopy(forced(forced(good, A, member("$ban", bob, "ban")), A, { sender: bob }), A)),
    ).toBeUndefined();
  });
});
