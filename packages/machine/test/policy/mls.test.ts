import { describe, expect, it } from "vitest";
import {
  checkMlsEvent,
  EVENT_TYPES,
  type FullEvent,
  historyOf,
  MLS_ACP_TEMPLATES,
  mlsAcpInForce,
  mlsRoles,
  profileNamed,
  templateFits,
  templatesFor,
} from "../../src/index.ts";
import { alice, bob, carol, groupChatWithBob, hubCopy, room, runAll } from "../support.ts";

describe("MLS access control", () => {
  it("offers each chat type its own templates, and every chat type a default that fits", () => {
    expect(templatesFor("dm")).toEqual(["dm-fixed"]);
    expect(templatesFor("group-chat").sort()).toEqual(["group-admin-only", "group-moderated"]);
    expect(templateFits("dm-fixed", "group-chat")).toBe(false);
    expect(templateFits(undefined, "dm")).toBe(false);
    for (const t of Object.values(MLS_ACP_TEMPLATES))
      expect(Object.keys(t.rules).sort()).toEqual(["add", "remove", "self-remove", "update"]);
  });

  it("gives the room the creator's template until a member proposes another", () => {
    let world = groupChatWithBob();
    expect(mlsAcpInForce(hubCopy(world, room("chat")).state)).toBe("group-moderated");
    world = runAll(world, [
      { kind: "propose-mls-acp", user: alice, room: room("chat"), template: "group-admin-only" },
    ]);
    expect(mlsAcpInForce(hubCopy(world, room("chat")).state)).toBe("group-admin-only");
  });

  it("derives roles from membership, power levels and the hub", () => {
    const state = hubCopy(groupChatWithBob(), room("chat")).state;
    const lm = profileNamed("lm-i1");
    expect([...mlsRoles(state, alice, carol, lm)].sort()).toEqual([
      "admin",
      "hub",
      "inviter",
      "member",
      "moderator",
    ]);
    expect([...mlsRoles(state, bob, undefined, lm)].sort()).toEqual(["inviter", "member", "self"]);
    expect([...mlsRoles(state, carol, carol, lm)]).toEqual(["self"]);
  });
});

describe("checkMlsEvent with a template named like an Object.prototype member", () => {
  it("finds no template, so nobody may propose, instead of reading Object.prototype", () => {
    const replica = hubCopy(groupChatWithBob(), room("chat"));
    const state = { ...replica.state, mlsAcp: "constructor" };
    const proposal: FullEvent = {
      ...(historyOf(replica)[0] as FullEvent),
      type: EVENT_TYPES.mlsProposal,
      sender: alice,
      content: { proposal: "update" },
      event_id: "$p",
    };
    const verdict = checkMlsEvent({ profile: profileNamed("lm-i1"), observe: undefined }, state, proposal);
    expect(verdict).toMatchObject({ accepted: false, guard: "mls-acp.may-propose" });
    expect(verdict?.reason).toContain("update: that needs a role nobody has");
  });
});
