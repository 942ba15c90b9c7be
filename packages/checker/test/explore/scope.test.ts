import { describe, expect, it } from "vitest";
import { DEFAULT_EXPLORE_SCOPE, resolveExploreScope, scopeRoomId } from "../../src/explore/scope.ts";

describe("explore scopes", () => {
  it("build user IDs per provider", () => {
    const resolved = resolveExploreScope(DEFAULT_EXPLORE_SCOPE);
    expect(resolved.users).toEqual(["@alice:a.example", "@carol:a.example", "@bob:b.example"]);
    expect(resolved.serverOfUser.get("@bob:b.example" as never)).toBe("b.example");
    expect(scopeRoomId("a.example" as never, 2)).toBe("!r2:a.example");
  });

  it("refuse bad scopes, naming the field", () => {
    const bad = (patch: object) => () => resolveExploreScope({ ...DEFAULT_EXPLORE_SCOPE, ...patch });
    expect(bad({ servers: [{ name: "A b", users: ["x"] }] })).toThrow(
      /servers\[0\]\.name "A b" is not a server name/u,
    );
    expect(bad({ servers: [{ name: "a.example", users: ["Alice"] }] })).toThrow(/servers\[0\]\.users\[0\]/u);
    expect(bad({ servers: [{ name: "a.example", users: ["x", "x"] }] })).toThrow(
      /@x:a.example appears twice/u,
    );
    expect(bad({ servers: [{ name: "a.example", users: [] }] })).toThrow(/have no users/u);
    expect(bad({ maxRooms: -1 })).toThrow(/maxRooms must be a non-negative integer/u);
    expect(bad({ maxInFlight: 1.5 })).toThrow(/maxInFlight/u);
    expect(bad({ chatTypes: ["chat"] })).toThrow(/chatTypes\[0\] "chat" is not a chat type/u);
    expect(bad({ actions: ["hub-tamper"] })).toThrow(
      /actions\[0\] "hub-tamper" is not an explorable action kind/u,
    );
  });
});
