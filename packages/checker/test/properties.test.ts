import { emptyWorld, pset, step, type World } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import { CHECKER_PROPERTIES } from "../src/index.ts";

const fixedMembers = CHECKER_PROPERTIES.find((p) => p.id === "model.fixed-members");

function dm(): World {
  return step(emptyWorld(), {
    kind: "create-room",
    user: "@alice:a.example" as never,
    room: "!dm:a.example" as never,
    chatType: "dm",
    invite: ["@bob:b.example" as never],
  }).world;
}

/** `world` with `user` given `membership` in the hub's copy of !dm, bypassing the policy. */
function withMember(world: World, user: string, membership: string): World {
  const servers = new Map(world.servers);
  const hub = servers.get("a.example" as never);
  const replica = hub?.persisted.rooms.get("!dm:a.example" as never);
  if (hub === undefined || replica === undefined) throw new Error("no DM");
  const rooms = new Map(hub.persisted.rooms);
  rooms.set("!dm:a.example" as never, {
    ...replica,
    state: {
      ...replica.state,
      memberships: pset(replica.state.memberships, user as never, membership as never),
    },
  });
  servers.set("a.example" as never, { ...hub, persisted: { ...hub.persisted, rooms } });
  return { ...world, servers };
}

describe("model.fixed-members", () => {
  it("holds for a DM of its two members", () => {
    expect(fixedMembers?.check(dm())).toBeUndefined();
  });

  it("catches a third user invited to, joined to or knocking on a DM, naming the guard that should refuse", () => {
    for (const membership of ["invite", "join", "knock"])
      expect(fixedMembers?.check(withMember(dm(), "@carol:b.example", membership))).toEqual({
        message: `!dm:a.example: @carol:b.example is ${membership} in the dm, whose members are fixed to @alice:a.example, @bob:b.example`,
        guard: "dm.no-add",
      });
    // Leaving or being banned is not joining.
    expect(fixedMembers?.check(withMember(dm(), "@carol:b.example", "ban"))).toBeUndefined();
  });
});
