import { roomIdParts, userIdParts } from "@mimi-spec/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CreateRoomCommand, commandArbitraries, scopeArbitrary, setup } from "../../src/index.ts";

describe("create-room, model-based", () => {
  it("agrees with the model and keeps every invariant on every step", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        scopeArbitrary().chain((scope) =>
          fc.tuple(fc.constant(scope), fc.commands(commandArbitraries(scope), { size: "medium" })),
        ),
        ([, commands]) => {
          const env = setup();
          fc.modelRun(() => env, commands);
          accepted += env.model.rooms.size;
          rejected += [...commands].length - env.model.rooms.size;
        },
      ),
      { numRuns: 150 },
    );
    // Both outcomes must occur, or the test proves nothing about the guards.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  it("fails when the machine and the model disagree", () => {
    const env = setup();
    const creator = "@alice:a.example" as never;
    const room = "!r:a.example" as never;
    new CreateRoomCommand(creator, room, "group-chat").run(env.model, env.real);
    // Forget the room in the model only: the machine must now reject a second create that the model expects to pass.
    env.model.rooms.clear();
    expect(() => new CreateRoomCommand(creator, room, "group-chat").run(env.model, env.real)).toThrow(
      /model expected accept/,
    );
    expect(roomIdParts(room).server).toBe(userIdParts(creator).server);
  });
});
