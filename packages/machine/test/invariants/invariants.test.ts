import type { RoomId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  emptyWorld,
  firstViolation,
  invariants,
  violations,
  type World,
  withDirectoryEntry,
} from "../../src/index.ts";
import { A, alice, B, bob, carol, hubCopy, room, runAll, worldWith } from "../support.ts";
import { BREAKERS, chat, forced, good, holdsPlain, joinedOnly, withCopy } from "./breakers.ts";

const ids = (world: World) => violations(world).map((v) => v.invariant.id);

describe("invariants", () => {
  it("hold on worlds the machine builds", () => {
    expect(firstViolation(good)).toBeUndefined();
    expect(violations(emptyWorld())).toEqual([]);
  });

  it("firstViolation names the first broken invariant, in order, with its message", () => {
    const broken = forced(good, A, { prev_events: ["$1"] });
    const linear = invariants.find((i) => i.id === "history.linear");
    expect(firstViolation(broken)).toEqual({
      invariant: linear,
      message: `a.example's copy of !chat:a.example: $forced at position 5 names ["$1"], not [$5]`,
    });
    expect(violations(broken)[0]).toEqual(firstViolation(broken));
  });

  it("each name at least one requirement and a description", () => {
    for (const inv of invariants) {
      expect(inv.requirements.length, inv.id).toBeGreaterThan(0);
      expect(inv.description.length, inv.id).toBeGreaterThan(10);
    }
  });

  it.each(BREAKERS)("%s catches a violation", (id, breakIt) => {
    expect(ids(breakIt())).toContain(id);
  });

  it("history.visible-to holds where the hub redacted, and the hand-made break really unredacts", () => {
    const broken = BREAKERS.find(([id]) => id === "history.visible-to")?.[1]();
    if (broken === undefined) throw new Error("no breaker");
    expect(holdsPlain(broken, B, "before bob")).toBe(true);
    const honest = joinedOnly();
    expect(holdsPlain(honest, B, "before bob")).toBe(false);
    expect(ids(honest)).toEqual([]);
  });

  it("hub.initial-is-room-id-server catches a room whose ID names another server than its creator's", () => {
    const copy = hubCopy(good, chat);
    const bobsCreate = { ...copy.state.create, sender: bob };
    const broken = withCopy(good, A, { ...copy, state: { ...copy.state, create: bobsCreate, creator: bob } });
    expect(ids(broken)).toContain("hub.initial-is-room-id-server");
  });
});

describe("chat invariants", () => {
  const group = runAll(emptyWorld(), [
    { kind: "create-room", user: alice, room: room("g"), chatType: "group-dm", invite: [bob, carol] },
    { kind: "join", user: bob, room: room("g") },
  ]);

  it("group-dm.survives-leave catches a leaver who is back", () => {
    const copy = hubCopy(group, room("g"));
    const left = applyEvent(copy.state, {
      ...copy.state.head,
      event_id: "$l",
      state_key: carol,
      sender: carol,
      content: { membership: "leave" },
    });
    const back = applyEvent(left, {
      ...copy.state.head,
      event_id: "$b",
      state_key: carol,
      sender: carol,
      content: { membership: "join" },
    });
    expect(ids(withCopy(group, A, { ...copy, state: back }))).toContain("group-dm.survives-leave");
    expect(ids(withCopy(group, A, { ...copy, state: left }))).not.toContain("group-dm.survives-leave");
  });

  it("group-dm.never-becomes-dm catches a directory that files a group DM as a DM", () => {
    const server = group.servers.get(A);
    if (server === undefined) throw new Error("no server");
    const directory = withDirectoryEntry(server.persisted.directory, room("g"), {
      chatType: "dm",
      members: [alice, bob],
      reduced: true,
    });
    const servers = new Map(group.servers);
    servers.set(A, { ...server, persisted: { ...server.persisted, directory } });
    expect(ids({ ...group, servers })).toContain("group-dm.never-becomes-dm");
  });

  it("group-dm.unique-per-member-set catches two group DMs of the same users, but not a reduced one", () => {
    // Under any-member two servers that have not heard of each other's group DM both create one.
    const w = runAll(worldWith({ "chat.dm-creation": "any-member" }, { delivery: "network" }), [
      { kind: "create-room", user: alice, room: room("g1"), chatType: "group-dm", invite: [bob, carol] },
      {
        kind: "create-room",
        user: bob,
        room: "!g2:b.example" as RoomId,
        chatType: "group-dm",
        invite: [alice, carol],
      },
    ]);
    expect(ids(w)).toContain("group-dm.unique-per-member-set");
    const reduced = runAll(w, [
      { kind: "flush" },
      { kind: "leave", user: carol, room: room("g1") },
      { kind: "flush" },
    ]);
    expect(ids(reduced)).not.toContain("group-dm.unique-per-member-set");
  });

  it("dm.unique-per-pair counts DMs only: a group DM reduced to the same two users does not count", () => {
    const w = runAll(group, [
      { kind: "leave", user: carol, room: room("g") },
      { kind: "create-room", user: alice, room: room("dm"), chatType: "dm", invite: [bob] },
    ]);
    expect(violations(w)).toEqual([]);
  });

  it("group-chat.add only asks members at or above the invite level", () => {
    const pol = runAll(worldWith({}, { profileName: "pol-00" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "join", user: bob, room: chat },
    ]);
    expect(violations(pol)).toEqual([]);
  });
});
