import { describe, expect, it } from "vitest";
import { mlsInvariants } from "../../src/invariants/mls.ts";
import type { RoomState } from "../../src/state/room-state.ts";
import type { World } from "../../src/world.ts";
import { A, alice, bob, hubCopy, room, runAll } from "../support.ts";
import { chat, good, withCopy, withoutServer } from "./breakers.ts";

const [hasMlsAcp] = mlsInvariants;
if (hasMlsAcp === undefined) throw new Error("no MLS invariant");

/** `good` with the hub's state of the chat edited. */
function withState(edit: (state: RoomState) => RoomState): World {
  const copy = hubCopy(good, chat);
  return withCopy(good, A, { ...copy, state: edit(copy.state) });
}

describe("room.has-mls-acp", () => {
  it("is the only MLS invariant, naming MLSACP-1", () => {
    expect(mlsInvariants.map((i) => [i.id, i.requirements])).toEqual([["room.has-mls-acp", ["MLSACP-1"]]]);
  });

  it("holds for the template the creating server proposed, and for another one of the chat type's", () => {
    expect(hubCopy(good, chat).state.create.content.mls_acp).toBe("group-moderated");
    expect(hasMlsAcp.check(good)).toBeUndefined();
    const proposed = runAll(good, [
      { kind: "propose-mls-acp", user: alice, room: chat, template: "group-admin-only" },
    ]);
    expect(hubCopy(proposed, chat).state.mlsAcp).toBe("group-admin-only");
    expect(hasMlsAcp.check(proposed)).toBeUndefined();
  });

  it("catches a policy that is no template at all", () => {
    expect(hasMlsAcp.check(withState((s) => ({ ...s, mlsAcp: "no-such-template" })))).toBe(
      "!chat:a.example (group-chat) has the MLS policy no-such-template, which is not a template for it",
    );
  });

  it("catches a template of another chat type", () => {
    expect(hasMlsAcp.check(withState((s) => ({ ...s, mlsAcp: "dm-fixed" })))).toBe(
      "!chat:a.example (group-chat) has the MLS policy dm-fixed, which is not a template for it",
    );
    expect(hasMlsAcp.check(withState((s) => ({ ...s, chatType: "dm" })))).toBe(
      "!chat:a.example (dm) has the MLS policy group-moderated, which is not a template for it",
    );
  });

  it("says (none) when no policy is in force", () => {
    const create = { ...hubCopy(good, chat).state.create, content: {} };
    const bogus = withState((s) => ({ ...s, create, chatType: "bogus" as RoomState["chatType"] }));
    expect(hasMlsAcp.check(bogus)).toBe(
      "!chat:a.example (bogus) has the MLS policy (none), which is not a template for it",
    );
  });

  it("skips a room whose hub server is gone (hub.exactly-one reports that)", () => {
    expect(hasMlsAcp.check(withoutServer(good, A))).toBeUndefined();
  });

  it("does not ask it of a room without a chat type (LM rules only)", () => {
    expect(
      hasMlsAcp.check(withState((s) => ({ ...s, chatType: undefined, mlsAcp: "no-such-template" }))),
    ).toBeUndefined();
  });

  it("holds for the default templates of DMs and group DMs", () => {
    const world = runAll(good, [
      { kind: "create-room", user: alice, room: room("dm"), chatType: "dm", invite: [bob] },
    ]);
    expect(hubCopy(world, room("dm")).state.create.content.mls_acp).toBe("dm-fixed");
    expect(hasMlsAcp.check(world)).toBeUndefined();
  });
});
