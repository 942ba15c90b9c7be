import type { JsonObject, RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import { chatInvariants, hypotheticalMembership } from "../../src/invariants/chat.ts";
import { defaultProfile } from "../../src/profile.ts";
import { withDirectoryEntry } from "../../src/server/directory.ts";
import { pdelete, pset } from "../../src/state/persistent-map.ts";
import { replicaFromCreate } from "../../src/state/replica.ts";
import { applyEvent, type RoomState } from "../../src/state/room-state.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, B, bob, carol, dave, hubCopy, room, runAll, worldWith } from "../support.ts";
import { chat, checkOf, good, withCopy } from "./breakers.ts";

/** The check of the chat invariant `id`. */
const check = (id: string) => checkOf(chatInvariants, id);

const g = room("g");
const dm = room("dm");

/** alice's group DM with bob and carol, bob joined, carol still invited. */
const groupDm = (world: World = emptyWorld()): World =>
  runAll(world, [
    { kind: "create-room", user: alice, room: g, chatType: "group-dm", invite: [bob, carol] },
    { kind: "join", user: bob, room: g },
  ]);

/** alice's DM with bob, bob joined. */
const dmWithBob = (world: World = emptyWorld()): World =>
  runAll(world, [
    { kind: "create-room", user: alice, room: dm, chatType: "dm", invite: [bob] },
    { kind: "join", user: bob, room: dm },
  ]);

/** `world` with the hub's copy of `id` given the state `edit` makes. */
function withHubState(
  world: World,
  id: RoomId,
  edit: (state: RoomState, head: FullEvent) => RoomState,
): World {
  const copy = hubCopy(world, id);
  return withCopy(world, A, { ...copy, state: edit(copy.state, copy.state.head) });
}

/** A membership event about `target` (applied to state directly, without any policy check). */
function member(head: FullEvent, id: string, sender: UserId, target: UserId, membership: string): FullEvent {
  return { ...head, event_id: id, type: "m.room.member", state_key: target, sender, content: { membership } };
}

/** `world` without a.example's copy of `id` (its hub's). */
function withoutHubCopy(world: World, id: RoomId): World {
  const state = world.servers.get(A);
  if (state === undefined) throw new Error("no a.example");
  const rooms = new Map(state.persisted.rooms);
  rooms.delete(id);
  const servers = new Map(world.servers);
  servers.set(A, { ...state, persisted: { ...state.persisted, rooms } });
  return { ...world, servers };
}

/** Two servers that have not heard of each other's room both create one of `chatType` (any-member). */
function raced(chatType: "dm" | "group-dm"): World {
  const others = chatType === "dm" ? [] : [carol];
  return runAll(worldWith({ "chat.dm-creation": "any-member" }, { delivery: "network" }), [
    { kind: "create-room", user: alice, room: room("r1"), chatType, invite: [bob, ...others] },
    { kind: "create-room", user: bob, room: "!r2:b.example" as RoomId, chatType, invite: [alice, ...others] },
  ]);
}

describe("the chat invariants", () => {
  it("are these, in this order, each naming its requirements", () => {
    expect(chatInvariants.map((i) => [i.id, i.requirements])).toEqual([
      ["dm.unique-per-pair", ["CHAT-2"]],
      ["group-dm.unique-per-member-set", ["CHAT-4", "CHAT-13"]],
      ["group-dm.survives-leave", ["CHAT-13"]],
      ["group-dm.never-becomes-dm", ["CHAT-14"]],
      ["group-chat.add", ["CHAT-8"]],
      ["group-dm.leave", ["CHAT-10"]],
      ["group-chat.leave", ["CHAT-11"]],
    ]);
  });

  it("all hold on a group chat, a group DM and a DM the machine built", () => {
    const world = dmWithBob(groupDm(good));
    expect(chatInvariants.map((i) => i.check(world))).toEqual(chatInvariants.map(() => undefined));
  });
});

describe("hypotheticalMembership", () => {
  const chatCopy = hubCopy(good, chat);
  const profile = defaultProfile();

  it("accepts what the policy would accept now", () => {
    expect(hypotheticalMembership(chatCopy, profile, bob, bob, "leave")).toEqual({ accepted: true });
    expect(hypotheticalMembership(chatCopy, profile, bob, carol, "invite")).toEqual({ accepted: true });
    expect(hypotheticalMembership(chatCopy, profile, alice, bob, "ban")).toEqual({ accepted: true });
  });

  it("sends the event as `sender` about `target`, with the membership asked for", () => {
    // bob (level 0) may leave himself, but removing alice is a kick (level 50).
    expect(hypotheticalMembership(chatCopy, profile, bob, alice, "leave")).toEqual({
      accepted: false,
      guard: "membership.kick.level",
      requirements: ["OQ-MGMT-2"],
      reason: "@bob:b.example has power level 0, below the kick level 50",
    });
    expect(hypotheticalMembership(chatCopy, profile, carol, dave, "invite")).toEqual({
      accepted: false,
      guard: "membership.invite.sender-joined",
      requirements: ["SIG-POLICY-3"],
      reason: "@carol:c.example must be joined to invite, but their membership is leave",
    });
    expect(hypotheticalMembership(chatCopy, profile, alice, bob, "bogus")).toMatchObject({
      accepted: false,
      guard: "membership.shape",
    });
  });

  it("uses the room's chat rules (nobody can be added to a DM)", () => {
    const copy = hubCopy(dmWithBob(), dm);
    expect(hypotheticalMembership(copy, profile, alice, carol, "invite")).toMatchObject({
      accepted: false,
      guard: "dm.no-add",
    });
  });
});

describe("dm.unique-per-pair", () => {
  const uniquePair = check("dm.unique-per-pair");

  it("catches two DMs between the same two users", () => {
    expect(uniquePair(raced("dm"))).toBe(
      "!r1:a.example and !r2:b.example are both DMs between @alice:a.example, @bob:b.example",
    );
  });

  it("does not count group DMs", () => {
    expect(uniquePair(raced("group-dm"))).toBeUndefined();
  });

  it("holds for one DM per pair", () => {
    expect(
      uniquePair(
        dmWithBob(
          runAll(emptyWorld(), [
            { kind: "create-room", user: alice, room: room("dm2"), chatType: "dm", invite: [carol] },
          ]),
        ),
      ),
    ).toBeUndefined();
  });
});

describe("group-dm.unique-per-member-set", () => {
  const uniqueSet = check("group-dm.unique-per-member-set");

  it("catches two group DMs of the same users", () => {
    expect(uniqueSet(raced("group-dm"))).toBe(
      "!r1:a.example and !r2:b.example are both group DMs of @alice:a.example, @bob:b.example, @carol:c.example",
    );
  });

  it("does not count DMs", () => {
    expect(uniqueSet(raced("dm"))).toBeUndefined();
  });

  it("does not count a group DM that lost a member (CHAT-13)", () => {
    const world = raced("group-dm");
    const reduced = withHubState(world, room("r1"), (s, head) =>
      applyEvent(s, member(head, "$l", carol, carol, "leave")),
    );
    expect(uniqueSet(reduced)).toBeUndefined();
  });

  it("holds for group DMs of different users", () => {
    const world = runAll(worldWith({ "chat.dm-creation": "any-member" }, { delivery: "network" }), [
      { kind: "create-room", user: alice, room: room("r1"), chatType: "group-dm", invite: [bob, carol] },
      {
        kind: "create-room",
        user: bob,
        room: "!r2:b.example" as RoomId,
        chatType: "group-dm",
        invite: [alice, dave],
      },
    ]);
    expect(uniqueSet(world)).toBeUndefined();
  });
});

describe("group-dm.survives-leave", () => {
  const survives = check("group-dm.survives-leave");
  const world = groupDm();

  it("catches a member who left but is joined or invited again", () => {
    const rejoined = withHubState(world, g, (s, head) =>
      applyEvent(
        applyEvent(s, member(head, "$l", carol, carol, "leave")),
        member(head, "$j", carol, carol, "join"),
      ),
    );
    expect(survives(rejoined)).toBe("!g:a.example: @carol:c.example left but is join again");
    const reinvited = withHubState(world, g, (s, head) =>
      applyEvent(
        applyEvent(s, member(head, "$l", bob, bob, "leave")),
        member(head, "$i", alice, bob, "invite"),
      ),
    );
    expect(survives(reinvited)).toBe("!g:a.example: @bob:b.example left but is invite again");
  });

  it("catches a member who never left but is neither invited nor joined", () => {
    const gone = withHubState(world, g, (s) => ({
      ...s,
      memberships: pset(s.memberships, carol, "leave" as const),
    }));
    expect(survives(gone)).toBe("!g:a.example: @carol:c.example never left but has membership leave");
    const banned = withHubState(world, g, (s) => ({
      ...s,
      memberships: pset(s.memberships, bob, "ban" as const),
    }));
    expect(survives(banned)).toBe("!g:a.example: @bob:b.example never left but has membership ban");
    const noEvent = withHubState(world, g, (s) => ({ ...s, memberships: pdelete(s.memberships, alice) }));
    expect(survives(noEvent)).toBe("!g:a.example: @alice:a.example never left but has membership leave");
  });

  it("holds for members who left and stay out (left or banned), and for invitees and joined members", () => {
    const left = withHubState(world, g, (s, head) =>
      applyEvent(s, member(head, "$l", carol, carol, "leave")),
    );
    expect(survives(left)).toBeUndefined();
    const banned = withHubState(world, g, (s, head) => applyEvent(s, member(head, "$b", alice, bob, "ban")));
    expect(survives(banned)).toBeUndefined();
    expect(survives(world)).toBeUndefined();
  });

  it("asks it of group DMs only", () => {
    const dmWorld = dmWithBob();
    const rejoined = withHubState(dmWorld, dm, (s) => ({
      ...s,
      everLeft: pset(s.everLeft, bob, true as const),
    }));
    expect(survives(rejoined)).toBeUndefined();
  });
});

describe("group-dm.never-becomes-dm", () => {
  const neverDm = check("group-dm.never-becomes-dm");
  const world = groupDm();

  /** `world` with `server`'s directory filing `id` as a DM. */
  function filedAsDm(w: World, server: ServerName, id: RoomId): World {
    const state = w.servers.get(server);
    if (state === undefined) throw new Error(`no ${server}`);
    const directory = withDirectoryEntry(state.persisted.directory, id, {
      chatType: "dm",
      members: [alice, bob],
      reduced: true,
    });
    const servers = new Map(w.servers);
    servers.set(server, { ...state, persisted: { ...state.persisted, directory } });
    return { ...w, servers };
  }

  it("holds while every directory files the group DM as a group DM", () => {
    expect(world.servers.get(B)?.persisted.directory.entries.get(g)?.chatType).toBe("group-dm");
    expect(neverDm(world)).toBeUndefined();
  });

  it("catches a directory that files a group DM as a DM", () => {
    expect(neverDm(filedAsDm(world, A, g))).toBe("a.example files !g:a.example, a group-dm, as a dm");
    expect(neverDm(filedAsDm(world, B, g))).toBe("b.example files !g:a.example, a group-dm, as a dm");
  });

  it("skips entries for rooms it cannot check: unknown to the index, or lost by their hub", () => {
    expect(neverDm(filedAsDm(world, B, room("unknown")))).toBeUndefined();
    expect(neverDm(withoutHubCopy(filedAsDm(world, B, g), g))).toBeUndefined();
  });
});

describe("group-chat.add", () => {
  const add = check("group-chat.add");
  const probe = "@invariant-probe:a.example" as UserId;
  /** `good` after alice bans the probe user, then sets these power levels. */
  const probeBanned = (powerLevels?: JsonObject): World =>
    runAll(good, [
      { kind: "ban", user: alice, room: chat, target: probe },
      ...(powerLevels === undefined
        ? []
        : [{ kind: "set-power-levels", user: alice, room: chat, content: powerLevels } as const]),
    ]);

  it("catches a member at the invite level who cannot invite a new user, with the guard and reason", () => {
    expect(add(probeBanned())).toBe(
      "!chat:a.example: @alice:a.example cannot invite a new user (membership.invite.target-eligible: @invariant-probe:a.example cannot be invited: their membership is ban)",
    );
  });

  it("asks it of members exactly at the invite level, but not below it", () => {
    const atLevel = probeBanned({ users: { [alice]: 10, [bob]: 50 }, invite: 50 });
    expect(add(atLevel)).toBe(
      "!chat:a.example: @bob:b.example cannot invite a new user (membership.invite.target-eligible: @invariant-probe:a.example cannot be invited: their membership is ban)",
    );
    expect(add(probeBanned({ users: { [alice]: 49, [bob]: 49 }, invite: 50 }))).toBeUndefined();
  });

  it("asks it of group chats only", () => {
    expect(add(dmWithBob())).toBeUndefined();
    expect(add(groupDm())).toBeUndefined();
  });
});

describe("group-dm.leave and group-chat.leave", () => {
  const groupDmLeave = check("group-dm.leave");
  const groupChatLeave = check("group-chat.leave");

  it("catch a group-DM member who cannot leave (under mgmt.fixed-membership-rooms = no-membership-changes)", () => {
    const world = groupDm(worldWith({ "mgmt.fixed-membership-rooms": "no-membership-changes" }));
    expect(groupDmLeave(world)).toBe(
      "!g:a.example: @alice:a.example cannot leave (fixed-membership.no-leave: under RPOL-03 fixed membership @alice:a.example cannot leave the group DM !g:a.example (this profile contradicts CHAT-10))",
    );
    expect(groupChatLeave(world)).toBeUndefined();
  });

  it("catch a group-chat member stuck in a room closed when its hub server left (hub.when-hub-server-leaves = room-closed)", () => {
    const closed = runAll(groupChatWithBobUnder({ "hub.when-hub-server-leaves": "room-closed" }), [
      { kind: "leave", user: alice, room: chat },
    ]);
    expect(groupChatLeave(closed)).toBe(
      "!chat:a.example: @bob:b.example cannot leave (hub.hub-server-left: !chat:a.example is closed: its hub server a.example has no joined user left)",
    );
    expect(groupDmLeave(closed)).toBeUndefined();
    expect(check("group-chat.add")(closed)).toBe(
      "!chat:a.example: @bob:b.example cannot invite a new user (hub.hub-server-left: !chat:a.example is closed: its hub server a.example has no joined user left)",
    );
  });

  it("do not ask it of DMs, which nobody can leave (CHAT-9)", () => {
    const world = dmWithBob();
    expect(groupDmLeave(world)).toBeUndefined();
    expect(groupChatLeave(world)).toBeUndefined();
  });
});

/** alice's group chat with bob joined, under these option overrides. */
function groupChatWithBobUnder(options: Record<string, string>): World {
  return runAll(worldWith(options), [
    { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
    { kind: "join", user: bob, room: chat },
  ]);
}

describe("hypotheticalMembership right after the create event", () => {
  const profile = defaultProfile();
  // A copy of the chat holding only its create event: the creator's first join follows it.
  const atCreate = replicaFromCreate(hubCopy(good, chat).state.create, A);

  it("lets the creator join first, since the event's previous event is the head (the create event)", () => {
    expect(hypotheticalMembership(atCreate, profile, alice, alice, "join")).toEqual({ accepted: true });
  });

  it("lets nobody else in that way", () => {
    expect(hypotheticalMembership(atCreate, profile, bob, bob, "join")).toEqual({
      accepted: false,
      guard: "membership.join.rule",
      requirements: ["OQ-AUTH-5", "SIG-POLICY-3"],
      reason:
        "@bob:b.example cannot join !chat:a.example: the join rule is invite and their membership is leave",
    });
  });
});

describe("the chat invariants when the hub lost its copy of a room", () => {
  // Every chat invariant walks hub copies; a lost copy is hub.exactly-one's violation, not theirs.
  it.each([
    ["dm.unique-per-pair", () => dmWithBob(), dm],
    ["group-dm.unique-per-member-set", () => groupDm(), g],
    ["group-dm.survives-leave", () => groupDm(), g],
    ["group-chat.add", () => good, chat],
    ["group-dm.leave", () => groupDm(), g],
    ["group-chat.leave", () => good, chat],
  ] as const)("%s skips the room", (id, build, lost) => {
    expect(check(id)(withoutHubCopy(build(), lost))).toBeUndefined();
  });
});

describe("group-dm.unique-per-member-set and CHAT-13", () => {
  const uniqueSet = check("group-dm.unique-per-member-set");
  const g1 = room("g1");
  const g2 = room("g2");
  /** Group DMs g1 of alice, bob, carol, dave and g2 of alice, bob, carol; then dave leaves g1. */
  const twoGroupDms = runAll(emptyWorld(), [
    { kind: "create-room", user: alice, room: g1, chatType: "group-dm", invite: [bob, carol, dave] },
    { kind: "create-room", user: alice, room: g2, chatType: "group-dm", invite: [bob, carol] },
  ]);

  it("lets a group DM that lost a member share its remaining member set with another group DM", () => {
    expect(uniqueSet(twoGroupDms)).toBeUndefined();
    const reduced = runAll(twoGroupDms, [{ kind: "leave", user: dave, room: g1 }]);
    expect(hubCopy(reduced, g1).state.fixedMembers).toEqual([alice, bob, carol, dave]);
    expect(uniqueSet(reduced)).toBeUndefined();
  });

  it("still catches two unreduced group DMs of that set", () => {
    // g1 rewritten by hand as an unreduced group DM of alice, bob, carol
    const same = withHubState(twoGroupDms, g1, (s) => ({ ...s, fixedMembers: [alice, bob, carol] }));
    expect(uniqueSet(same)).toBe(
      "!g1:a.example and !g2:a.example are both group DMs of @alice:a.example, @bob:b.example, @carol:c.example",
    );
  });
});

describe("group-dm.survives-leave on a group DM without a fixed member list", () => {
  it("has nothing to check", () => {
    const unlisted = withHubState(groupDm(), g, (s) => ({ ...s, fixedMembers: undefined }));
    expect(hubCopy(unlisted, g).state.chatType).toBe("group-dm");
    expect(check("group-dm.survives-leave")(unlisted)).toBeUndefined();
  });
});

describe("group-dm.never-becomes-dm for a room whose hub server the world does not know", () => {
  it("skips the entry", () => {
    const world = groupDm();
    const state = world.servers.get(B);
    if (state === undefined) throw new Error("no b.example");
    const directory = withDirectoryEntry(state.persisted.directory, g, {
      chatType: "dm",
      members: [alice, bob],
      reduced: true,
    });
    const servers = new Map(world.servers);
    servers.set(B, { ...state, persisted: { ...state.persisted, directory } });
    const rooms = new Map(world.rooms);
    rooms.set(g, "z.example" as ServerName);
    expect(check("group-dm.never-becomes-dm")({ ...world, servers })).toBe(
      "b.example files !g:a.example, a group-dm, as a dm",
    );
    expect(check("group-dm.never-becomes-dm")({ ...world, servers, rooms })).toBeUndefined();
  });
});
