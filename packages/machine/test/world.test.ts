import { describe, expect, it } from "vitest";
import { defaultProfile, profileNamed } from "../src/profile.ts";
import { emptyWorld, hubReplica, replicaAt } from "../src/world.ts";
import { A, B, C, groupChatWithBob, room } from "./support.ts";

const chat = room("chat");

describe("emptyWorld", () => {
  it("starts with no servers, rooms, messages or findings, counters at their first values", () => {
    expect(emptyWorld()).toStrictEqual({
      config: { profile: defaultProfile(), delivery: "instant", eventIds: "counter" },
      servers: new Map(),
      rooms: new Map(),
      inFlight: [],
      nextMessageId: 1,
      nextEventNumber: 1,
      clock: 0,
      findings: [],
    });
  });

  it("takes each setting it is given and defaults the others", () => {
    const profile = profileNamed("pol-00");
    expect(emptyWorld({ profile, delivery: "network", eventIds: "reference-hash" }).config).toStrictEqual({
      profile,
      delivery: "network",
      eventIds: "reference-hash",
    });
    expect(emptyWorld({ delivery: "network" }).config).toStrictEqual({
      profile: defaultProfile(),
      delivery: "network",
      eventIds: "counter",
    });
    expect(emptyWorld({ eventIds: "reference-hash" }).config).toStrictEqual({
      profile: defaultProfile(),
      delivery: "instant",
      eventIds: "reference-hash",
    });
  });
});

describe("replicaAt and hubReplica", () => {
  const world = groupChatWithBob();
  const atA = world.servers.get(A)?.persisted.rooms.get(chat);
  const atB = world.servers.get(B)?.persisted.rooms.get(chat);

  it("find the copy a server holds, and nothing where it holds none", () => {
    expect(atA).toBeDefined();
    expect(atB).toBeDefined();
    expect(atA).not.toBe(atB);
    expect(replicaAt(world, A, chat)).toBe(atA);
    expect(replicaAt(world, B, chat)).toBe(atB);
    expect(replicaAt(world, C, chat)).toBeUndefined();
    expect(replicaAt(world, A, room("other"))).toBeUndefined();
  });

  it("take the hub's copy as the room, and nothing for a room never created", () => {
    expect(hubReplica(world, chat)).toBe(atA);
    expect(hubReplica(world, room("other"))).toBeUndefined();
    expect(hubReplica(emptyWorld(), chat)).toBeUndefined();
  });
});
