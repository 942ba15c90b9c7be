import { describe, expect, it } from "vitest";
import { DEFAULT_EXPLORE_SCOPE } from "../../src/explore/scope.ts";
import { permutations, Symmetry, userOrderMatters } from "../../src/explore/symmetry.ts";
import { replay, scopeOf, startWorld } from "./walk.ts";

const anyMember = startWorld("lm-i1", { "chat.dm-creation": "any-member" }).config.profile;
const lowestId = startWorld("lm-i1").config.profile;

describe("symmetry", () => {
  it("lists every permutation", () => {
    expect(permutations(0)).toEqual([[]]);
    expect(
      permutations(3)
        .map((p) => p.join(""))
        .sort(),
    ).toEqual(["012", "021", "102", "120", "201", "210"]);
  });

  it("swaps users of one provider only when no rule compares user IDs", () => {
    expect(userOrderMatters(lowestId)).toBe(true);
    expect(userOrderMatters(anyMember)).toBe(false);
    const scope = scopeOf(DEFAULT_EXPLORE_SCOPE);
    const strict = new Symmetry(scope, lowestId, true);
    expect(strict.kinds).toEqual({ users: false, servers: false, rooms: true });
    expect(strict.baseSize).toBe(1);
    // alice and carol share a.example; b.example has one user, so the providers do not swap.
    expect(new Symmetry(scope, anyMember, true).baseSize).toBe(2);
    expect(new Symmetry(scope, anyMember, false).kinds).toEqual({
      users: false,
      servers: false,
      rooms: false,
    });
  });

  it("swaps providers with as many users, but not with three providers (fan-out follows name order)", () => {
    const pair = scopeOf({
      ...DEFAULT_EXPLORE_SCOPE,
      servers: [
        { name: "a.example", users: ["alice"] },
        { name: "b.example", users: ["bob"] },
      ],
    });
    expect(new Symmetry(pair, anyMember, true).baseSize).toBe(2);
    const three = scopeOf({
      ...DEFAULT_EXPLORE_SCOPE,
      servers: ["a", "b", "c"].map((s) => ({ name: `${s}.example`, users: ["u"] })),
    });
    const symmetry = new Symmetry(three, anyMember, true);
    expect(symmetry.kinds.servers).toBe(false);
    expect(symmetry.baseSize).toBe(1);
  });

  it("renames the rooms each provider created in every order, mapping names to labels of their images", () => {
    const scope = scopeOf(DEFAULT_EXPLORE_SCOPE);
    const symmetry = new Symmetry(scope, anyMember, true);
    const world = replay(startWorld("lm-i1", { "chat.dm-creation": "any-member" }), [
      {
        kind: "create-room",
        user: "@alice:a.example" as never,
        room: "!r1:a.example" as never,
        chatType: "group-chat",
      },
      {
        kind: "create-room",
        user: "@alice:a.example" as never,
        room: "!r2:a.example" as never,
        chatType: "group-chat",
      },
    ]);
    const renamings = symmetry.renamingsOf(world);
    expect(renamings).toHaveLength(4);
    expect(
      new Set(renamings.map((r) => `${r.rooms.get("!r1:a.example")} ${r.users.get("@alice:a.example")}`)),
    ).toEqual(new Set(["S0/0 U0", "S0/1 U0", "S0/0 U1", "S0/1 U1"]));
    // Cached per set of rooms.
    expect(symmetry.renamingsOf(world)).toBe(renamings);
  });
});
