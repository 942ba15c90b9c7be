import { Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roomIdArbitrary, serverNameArbitrary, userIdArbitrary } from "../../src/arbitrary/identifiers.ts";
import { RoomId, ServerName, UserId } from "../../src/identifiers/index.ts";

describe("identifier arbitraries", () => {
  it("generate valid identifiers", () => {
    fc.assert(fc.property(serverNameArbitrary, Schema.is(ServerName)));
    fc.assert(fc.property(userIdArbitrary(), Schema.is(UserId)));
    fc.assert(fc.property(roomIdArbitrary(), Schema.is(RoomId)));
  });

  it("put user and room IDs on the given servers", () => {
    const servers = fc.constantFrom("a.example" as ServerName, "b.example:8448" as ServerName);
    fc.assert(
      fc.property(userIdArbitrary(servers), roomIdArbitrary(servers), (user, room) => {
        expect(user.slice(user.indexOf(":") + 1)).toMatch(/^(a\.example|b\.example:8448)$/);
        expect(room.slice(room.indexOf(":") + 1)).toMatch(/^(a\.example|b\.example:8448)$/);
      }),
    );
  });
});
