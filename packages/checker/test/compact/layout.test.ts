import { type Action, step, type World } from "@mimi-spec/machine";
import type { UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { compactLayout, EVENTS_PER_ROOM, eventNumber, serverIndexOfUser } from "../../src/compact/layout.ts";
import { enabledActions } from "../../src/explore/alphabet.ts";
import { DEFAULT_EXPLORE_SCOPE, type ExploreScope, resolveExploreScope } from "../../src/explore/scope.ts";
import { startWorld } from "../explore/walk.ts";

const THREE_SERVERS: ExploreScope = {
  ...DEFAULT_EXPLORE_SCOPE,
  servers: [
    { name: "a.example", users: ["alice"] },
    { name: "b.example", users: ["bob"] },
    { name: "c.example", users: [] },
  ],
  maxRooms: 3,
};

describe("compactLayout", () => {
  it("numbers slots server-major, maxRooms per provider, rooms named !r<k>:<server>", () => {
    const layout = compactLayout(resolveExploreScope(DEFAULT_EXPLORE_SCOPE));
    expect(layout.servers).toEqual(["a.example", "b.example"]);
    expect([...layout.serverIndex]).toEqual([
      ["a.example", 0],
      ["b.example", 1],
    ]);
    expect(layout.slotRooms).toEqual(["!r1:a.example", "!r2:a.example", "!r1:b.example", "!r2:b.example"]);
    expect(layout.slotHub).toEqual([0, 0, 1, 1]);
    expect(layout.slotCount).toBe(4);
    layout.slotRooms.forEach((room, slot) => {
      expect(layout.slotOf.get(room)).toBe(slot);
    });
    expect(layout.slotOf.get("!r3:a.example")).toBeUndefined();
  });

  it("gives a provider without users its slots too, and no slots when no room may be created", () => {
    const three = compactLayout(resolveExploreScope(THREE_SERVERS));
    expect(three.slotCount).toBe(9);
    expect(three.slotRooms.slice(6)).toEqual(["!r1:c.example", "!r2:c.example", "!r3:c.example"]);
    expect(three.slotHub).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const none = compactLayout(resolveExploreScope({ ...DEFAULT_EXPLORE_SCOPE, maxRooms: 0 }));
    expect(none.slotCount).toBe(0);
    expect(none.slotRooms).toEqual([]);
  });

  it("has a slot, on the creator's provider, for every room the alphabet may create", () => {
    const scope = resolveExploreScope({ ...THREE_SERVERS, actions: ["create-room"] });
    const layout = compactLayout(scope);
    // Every sequence of creations up to the bound (creations alone: no messages are delivered).
    let frontier: World[] = [startWorld("lm-i1", { "chat.dm-creation": "any-member" })];
    let named = 0;
    while (frontier.length > 0) {
      const next: World[] = [];
      for (const world of frontier)
        for (const action of enabledActions(world, scope) as Array<Action & { kind: "create-room" }>) {
          named++;
          const slot = layout.slotOf.get(action.room);
          expect(slot, action.room).toBeDefined();
          expect(layout.servers[layout.slotHub[slot as number] as number]).toBe(action.user.split(":")[1]);
          const after = step(world, action).world;
          if (after !== world && next.length < 200) next.push(after);
        }
      frontier = next;
    }
    expect(named).toBeGreaterThan(20);
  });
});

describe("eventNumber", () => {
  it("gives each slot a block of EVENTS_PER_ROOM numbers after the first", () => {
    expect(EVENTS_PER_ROOM).toBe(1000);
    expect(eventNumber(0, 0)).toBe(1000);
    expect(eventNumber(0, 999)).toBe(1999);
    expect(eventNumber(1, 0)).toBe(2000);
    expect(eventNumber(3, 5)).toBe(4005);
  });

  it("refuses a position past the block, saying why", () => {
    expect(() => eventNumber(0, 1000)).toThrow(
      "compact machine: a room reached 1000 events, beyond its ID block",
    );
    expect(() => eventNumber(2, 5000)).toThrow("beyond its ID block");
  });
});

describe("serverIndexOfUser", () => {
  const layout = compactLayout(resolveExploreScope(DEFAULT_EXPLORE_SCOPE));

  it("finds a user's provider by index", () => {
    expect(serverIndexOfUser(layout, "@alice:a.example" as UserId)).toBe(0);
    expect(serverIndexOfUser(layout, "@carol:a.example" as UserId)).toBe(0);
    expect(serverIndexOfUser(layout, "@bob:b.example" as UserId)).toBe(1);
  });

  it("names a user outside the scope, even one on a provider of the scope", () => {
    expect(() => serverIndexOfUser(layout, "@dave:a.example" as UserId)).toThrow(
      "compact machine: @dave:a.example is not a user of the scope",
    );
    expect(() => serverIndexOfUser(layout, "@eve:z.example" as UserId)).toThrow(
      "@eve:z.example is not a user",
    );
  });
});
