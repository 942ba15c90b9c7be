import { describe, expect, it } from "vitest";
import { userInvariants } from "../../src/invariants/users.ts";
import type { World } from "../../src/world.ts";
import { A, alice, B, bob, C, carol, runAll } from "../support.ts";
import { chat, forced, good } from "./breakers.ts";

const [idUnique] = userInvariants;
if (idUnique === undefined) throw new Error("no user invariant");

/** `world` with `server` keeping a profile for `user`. */
function withProfile(world: World, server: typeof A, user: typeof alice): World {
  const state = world.servers.get(server);
  if (state === undefined) throw new Error(`no ${server}`);
  const profiles = new Map(state.persisted.profiles);
  profiles.set(user, { name: "Impostor", settings: {} });
  const servers = new Map(world.servers);
  servers.set(server, { ...state, persisted: { ...state.persisted, profiles } });
  return { ...world, servers };
}

describe("users.id-unique", () => {
  it("is the only user invariant, naming ID-3", () => {
    expect(userInvariants.map((i) => [i.id, i.requirements])).toEqual([["users.id-unique", ["ID-3"]]]);
  });

  it("holds where each server keeps its own users' profiles and signs their events", () => {
    const world = runAll(good, [
      { kind: "set-profile", user: alice, name: "Alice" },
      { kind: "set-profile", user: bob, name: "Bob" },
    ]);
    expect(world.servers.get(A)?.persisted.profiles.has(alice)).toBe(true);
    expect(world.servers.get(B)?.persisted.profiles.has(bob)).toBe(true);
    expect(idUnique.check(world)).toBeUndefined();
  });

  it("catches a server keeping a profile for another server's user", () => {
    expect(idUnique.check(withProfile(good, A, bob))).toBe("a.example keeps a profile for @bob:b.example");
    expect(idUnique.check(withProfile(good, B, carol))).toBe(
      "b.example keeps a profile for @carol:c.example",
    );
  });

  it("catches an event in the hub's history without its sender's server's signature", () => {
    expect(idUnique.check(forced(good, A, { sender: bob, signedBy: [A] }))).toBe(
      "!chat:a.example: $forced speaks for @bob:b.example without a signature of b.example",
    );
  });

  it("accepts the sender's signature among others", () => {
    expect(idUnique.check(forced(good, A, { sender: carol, signedBy: [A, C] }))).toBeUndefined();
  });

  it("reads the hub's copy only, and skips a room whose hub lost it", () => {
    expect(idUnique.check(forced(good, B, { sender: bob, signedBy: [A] }))).toBeUndefined();
    const state = good.servers.get(A);
    if (state === undefined) throw new Error("no a.example");
    const broken = forced(good, A, { sender: bob, signedBy: [A] });
    const servers = new Map(broken.servers);
    const rooms = new Map(state.persisted.rooms);
    rooms.delete(chat);
    servers.set(A, { ...state, persisted: { ...state.persisted, rooms } });
    expect(idUnique.check({ ...broken, servers })).toBeUndefined();
  });
});
