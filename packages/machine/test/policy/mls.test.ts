import type { JsonObject, UserId } from "@mimi-spec/schema";
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
  type RoomState,
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

describe("mlsAcpInForce", () => {
  const state = hubCopy(groupChatWithBob(), room("chat")).state;
  const { mls_acp: _named, ...unnamed } = state.create.content;
  const createWithout = { ...state.create, content: unnamed };

  it("falls back to the chat type's default when neither a proposal nor the create event names one", () => {
    expect(mlsAcpInForce({ ...state, create: createWithout })).toBe("group-moderated");
    expect(mlsAcpInForce({ ...state, create: createWithout, chatType: "dm" })).toBe("dm-fixed");
  });

  it("has none in a room without a chat type that names none", () => {
    expect(mlsAcpInForce({ ...state, create: createWithout, chatType: undefined })).toBeUndefined();
  });
});

describe("mlsRoles at the level boundaries", () => {
  it("makes a member an inviter at the invite level only, and a moderator at exactly the kick level", () => {
    const state = hubCopy(
      runAll(groupChatWithBob(), [
        {
          kind: "set-power-levels",
          user: alice,
          room: room("chat"),
          content: { users: { [alice]: 100, [bob]: 50 }, invite: 60, kick: 50 },
        },
      ]),
      room("chat"),
    ).state;
    const lm = profileNamed("lm-i1");
    expect([...mlsRoles(state, bob, undefined, lm)]).toEqual(["self", "member", "moderator"]);
    expect([...mlsRoles(state, bob, carol, lm)]).toEqual(["member", "moderator"]);
  });
});

describe("checkMlsEvent verdicts", () => {
  const replica = hubCopy(groupChatWithBob(), room("chat"));
  const lm = profileNamed("lm-i1");
  const ctx = { profile: lm };
  const { state_key: _key, ...create } = historyOf(replica)[0] as FullEvent;
  const event = (type: string, sender: UserId, content: JsonObject, stateKey?: string): FullEvent => ({
    ...create,
    type,
    sender,
    content,
    event_id: "$e",
    ...(stateKey === undefined ? {} : { state_key: stateKey }),
  });
  const policyProposal = (template: string | undefined, stateKey = "") =>
    event(EVENT_TYPES.mlsAcp, bob, template === undefined ? {} : { template }, stateKey);
  const proposal = (content: JsonObject, sender: UserId = bob) =>
    event(EVENT_TYPES.mlsProposal, sender, content);
  const mayNot = (policy: string, sender: UserId, detail: string) => ({
    accepted: false,
    guard: "mls-acp.may-propose",
    requirements: ["MLSACP-1"],
    reason: `under the policy ${policy}, ${sender} may not propose ${detail}`,
  });

  it("refuse a policy proposal that is no template of the chat type, naming the ones that are", () => {
    const notATemplate = (value: string) => ({
      accepted: false,
      guard: "mls-acp.client-proposal",
      requirements: ["MLSACP-3", "MLSACP-1"],
      reason: `@bob:b.example proposed the policy ${value}, which is not a template for a group-chat (group-moderated, group-admin-only)`,
    });
    expect(checkMlsEvent(ctx, replica.state, policyProposal("dm-fixed"))).toEqual(notATemplate("dm-fixed"));
    expect(checkMlsEvent(ctx, replica.state, policyProposal(undefined))).toEqual(notATemplate("(none)"));
    expect(checkMlsEvent(ctx, replica.state, policyProposal("group-admin-only"))).toBeUndefined();
  });

  it('check policy proposals only under state key "", and nothing in a room without a chat type', () => {
    expect(checkMlsEvent(ctx, replica.state, policyProposal("dm-fixed", "x"))).toBeUndefined();
    const plain = { ...replica.state, chatType: undefined };
    expect(checkMlsEvent(ctx, plain, policyProposal("dm-fixed"))).toBeUndefined();
    expect(checkMlsEvent(ctx, plain, proposal({ proposal: "bogus" }))).toBeUndefined();
  });

  it("refuse a proposal of no known kind, naming the kinds (a prototype name included)", () => {
    const kinds = "(add, remove, update, self-remove)";
    const state = replica.state;
    expect(checkMlsEvent(ctx, state, proposal({ proposal: "bogus" }))).toEqual(
      mayNot("group-moderated", bob, `"bogus", which is not an MLS proposal kind ${kinds}`),
    );
    expect(checkMlsEvent(ctx, state, proposal({}))).toEqual(
      mayNot("group-moderated", bob, `null, which is not an MLS proposal kind ${kinds}`),
    );
    expect(checkMlsEvent(ctx, state, proposal({ proposal: "constructor" }))).toEqual(
      mayNot("group-moderated", bob, `"constructor", which is not an MLS proposal kind ${kinds}`),
    );
  });

  it("refuse a known proposal the sender's roles do not allow, naming the roles needed and held", () => {
    // carol is not joined and not on the hub's server, and the proposal is about bob: no role at all.
    expect(checkMlsEvent(ctx, replica.state, proposal({ proposal: "remove", target: bob }, carol))).toEqual(
      mayNot(
        "group-moderated",
        carol,
        "remove for @bob:b.example: that needs moderator, and they are nothing",
      ),
    );
    // Under dm-fixed nobody may add: bob's roles do not help.
    const dmFixed = { ...replica.state, mlsAcp: "dm-fixed" };
    expect(checkMlsEvent(ctx, dmFixed, proposal({ proposal: "add" }))).toEqual(
      mayNot("dm-fixed", bob, "add: that needs a role nobody has, and they are self, member, inviter"),
    );
    // A template that is no own key of the table gives no rule at all.
    const noTemplate = { ...replica.state, mlsAcp: "constructor" };
    expect(checkMlsEvent(ctx, noTemplate, proposal({ proposal: "update", target: alice }, alice))).toEqual(
      mayNot(
        "constructor",
        alice,
        "update for @alice:a.example: that needs a role nobody has, and they are self, hub, member, inviter, moderator, admin",
      ),
    );
  });

  it("let a proposal through when the sender holds one of the roles", () => {
    expect(checkMlsEvent(ctx, replica.state, proposal({ proposal: "update" }))).toBeUndefined();
    expect(
      checkMlsEvent(ctx, replica.state, proposal({ proposal: "remove", target: bob }, alice)),
    ).toBeUndefined();
  });

  it("say (none) when no template is in force (a chat type without a default)", () => {
    const { mls_acp: _named, ...unnamed } = replica.state.create.content;
    const state = {
      ...replica.state,
      create: { ...replica.state.create, content: unnamed },
      chatType: "bogus" as RoomState["chatType"],
    };
    expect(checkMlsEvent(ctx, state, proposal({ proposal: "update" }))).toEqual(
      mayNot("(none)", bob, "update: that needs a role nobody has, and they are self, member, inviter"),
    );
  });
});
