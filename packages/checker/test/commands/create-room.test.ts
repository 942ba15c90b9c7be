import { describe, expect, it } from "vitest";
import { CheckFailure, CreateRoomCommand, setup } from "../../src/index.ts";

describe("CreateRoomCommand", () => {
  it("offers fresh room IDs of the creator's server with the member count the chat type needs", () => {
    const { model } = setup();
    const candidates = new CreateRoomCommand(0, false, "dm").candidates(model);
    expect(candidates.length).toBeGreaterThan(0);
    for (const a of candidates) {
      if (a.kind !== "create-room") throw new Error("not a create-room");
      expect(a.room.split(":")[1]).toBe(a.user.split(":")[1]);
      expect(a.invite).toHaveLength(1);
    }
    const groupDms = new CreateRoomCommand(0, false, "group-dm").candidates(model);
    for (const a of groupDms)
      if (a.kind === "create-room") expect((a.invite ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it("wild candidates break one rule at a time: foreign or taken IDs, wrong counts, the creator invited", () => {
    const { model } = setup();
    const wild = new CreateRoomCommand(0, true, "dm").candidates(model);
    const shapes = wild.map((a) => (a.kind === "create-room" ? (a.invite ?? []).length : -1));
    expect(shapes).toContain(0);
    expect(shapes).toContain(2);
    expect(wild.some((a) => a.kind === "create-room" && (a.invite ?? []).includes(a.user))).toBe(true);
    expect(wild.some((a) => a.kind === "create-room" && a.room.split(":")[1] !== a.user.split(":")[1])).toBe(
      true,
    );
  });

  it("agrees with the model on invitee-free group chats, and fails when they disagree", () => {
    const env = setup();
    const command = new CreateRoomCommand(0, false, "group-chat");
    expect(command.check(env.model)).toBe(true);
    command.run(env.model, env.real);
    const created = env.real.log[0];
    expect(created?.verdict.accepted).toBe(true);
    expect(env.model.rooms.size).toBe(1);
    // Forget the room in the model only: the machine refuses a second creation of the same ID
    // that the model now expects to succeed.
    env.model.rooms.clear();
    const again = created?.action;
    if (again?.kind !== "create-room") throw new Error("expected a create-room");
    const wildSame = new CreateRoomCommand(0, true, "group-chat");
    const index = wildSame
      .candidates(env.model)
      .findIndex(
        (a) =>
          a.kind === "create-room" &&
          a.room === again.room &&
          a.user === again.user &&
          a.invite === undefined,
      );
    expect(index).toBeGreaterThanOrEqual(0);
    const failure = (() => {
      try {
        new CreateRoomCommand(index, true, "group-chat").run(env.model, env.real);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(CheckFailure);
    expect((failure as CheckFailure).message).toMatch(
      /model expects acceptance, the machine refused by create\.room-id-unused/u,
    );
  });
});
