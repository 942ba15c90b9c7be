import { describe, expect, it } from "vitest";
import { emptyWorld, historyOf, pget, step, violations, type World } from "../../src/index.ts";
import {
  A,
  alice,
  B,
  bob,
  carol,
  expectRejected,
  groupChatWithBob,
  hubCopy,
  room,
  runAll,
  worldWith,
} from "../support.ts";

const chat = room("chat");

function copyAt(world: World, server: typeof A, id = chat) {
  return world.servers.get(server)?.persisted.rooms.get(id);
}

describe("the hub", () => {
  it("processes a transaction once however often it arrives", () => {
    let world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
    ]);
    expect(copyAt(world, B)).toBeUndefined();
    world = runAll(world, [{ kind: "join", user: bob, room: chat }]);
    const submit = world.inFlight.find((e) => e.message.kind === "submit");
    if (submit === undefined) throw new Error("no submit in flight");
    world = runAll(world, [
      { kind: "duplicate", message: submit.id },
      { kind: "retry", server: B, txn: "t1" },
      { kind: "flush" },
    ]);
    const members = historyOf(hubCopy(world, chat)).filter((e) => e.state_key === bob);
    expect(members.map((e) => e.content.membership)).toEqual(["invite", "join"]);
    const results = world.servers.get(A)?.persisted.txnResults;
    expect(results === undefined ? undefined : pget(results, "b.example t1")?.verdict.accepted).toBe(true);
    expect(world.servers.get(B)?.volatile.pending.size).toBe(0);
  });

  it("puts hub_server where the profile says", () => {
    const hubOf = (options: Record<string, string>) => {
      const world = groupChatWithBob(worldWith(options));
      const events = historyOf(hubCopy(world, chat));
      return { bobJoin: events.find((e) => e.sender === bob)?.hub_server, aliceJoin: events[1]?.hub_server };
    };
    expect(hubOf({})).toEqual({ bobJoin: A, aliceJoin: undefined });
    expect(hubOf({ "event.hub-server-set-by": "hub" })).toEqual({ bobJoin: A, aliceJoin: undefined });
    expect(hubOf({ "event.hub-originated-hub-server": "self" })).toEqual({ bobJoin: A, aliceJoin: A });
  });

  it("withdraws an invite at the invitee's server when the invitee is kicked", () => {
    let world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [carol] },
    ]);
    expect(world.servers.get("c.example" as never)?.persisted.invites.size).toBe(1);
    world = runAll(world, [{ kind: "kick", user: alice, room: chat, target: carol }]);
    expect(world.servers.get("c.example" as never)?.persisted.invites.size).toBe(0);
  });
});

describe("followers", () => {
  it("lose buffered events in a restart and catch up by backfill", () => {
    let world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
      { kind: "flush" },
    ]);
    world = runAll(world, [
      { kind: "send-message", user: alice, room: chat, body: "1" },
      { kind: "send-message", user: alice, room: chat, body: "2" },
    ]);
    const [first, second] = world.inFlight;
    if (first === undefined || second === undefined) throw new Error("expected two fan-outs");
    world = runAll(world, [{ kind: "deliver", message: second.id }]);
    expect(world.servers.get(B)?.volatile.buffered.get(chat)).toHaveLength(1);
    world = runAll(world, [
      { kind: "restart", server: B },
      { kind: "deliver", message: first.id },
    ]);
    expect(copyAt(world, B)?.state.length).toBe(hubCopy(world, chat).state.length - 1);
    world = runAll(world, [{ kind: "sync", server: B, room: chat }, { kind: "flush" }]);
    expect(copyAt(world, B)?.state.length).toBe(hubCopy(world, chat).state.length);
    expect(violations(world)).toEqual([]);
  });

  it("that do not check (mgmt.enforcement = hub-only) accept what a misbehaving hub sends", () => {
    const base = worldWith({ "mgmt.enforcement": "hub-only" });
    const world = runAll(groupChatWithBob(base), [{ kind: "ban", user: alice, room: chat, target: carol }]);
    const tampered = step(world, {
      kind: "hub-tamper",
      room: chat,
      tamper: "fork",
      event: { type: "m.room.encrypted", sender: alice, content: { ciphertext: "other half" } },
    });
    // The fork is still caught (ordering is not a policy check); a skipped policy check is not.
    expect(tampered.verdict).toMatchObject({ accepted: false, guard: "hub.append-at-head" });
    const smuggled = step(world, {
      kind: "hub-tamper",
      room: chat,
      tamper: "skip-auth",
      event: { type: "m.room.encrypted", sender: carol, content: { ciphertext: "smuggled" } },
    });
    expect(smuggled.verdict.accepted).toBe(true);
    expect(violations(smuggled.world).map((v) => v.invariant.id)).toContain("hub.processes-and-fans-out");
    const checked = step(groupChatWithBob(), { kind: "flush" }).world;
    expect(violations(checked)).toEqual([]);
  });
});

describe("check-invite (RP-INVITE-1, MSGREQ-1)", () => {
  const refusing = runAll(emptyWorld(), [
    { kind: "set-setting", user: bob, setting: "refuse-invites", value: true },
    { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
  ]);

  it("lets the invitee's server refuse an invite, which then never enters the room", () => {
    const result = step(refusing, { kind: "invite", user: alice, room: chat, target: bob });
    expectRejected(result, "invite.target-may-refuse");
    expect(!result.verdict.accepted && result.verdict.reason).toContain("b.example refused the invite");
    expect(result.world).toBe(refusing);
    expect(historyOf(hubCopy(refusing, chat)).some((e) => e.state_key === bob)).toBe(false);
  });

  it("asks no one under mgmt.invite-consent = always-delivered", () => {
    const world = runAll(worldWith({ "mgmt.invite-consent": "always-delivered" }), [
      { kind: "set-setting", user: bob, setting: "refuse-invites", value: true },
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
    ]);
    expect(world.servers.get(B)?.persisted.invites.size).toBe(1);
  });

  it("refuses a whole DM whose invitee refuses invites", () => {
    const result = step(refusing, {
      kind: "create-room",
      user: alice,
      room: room("dm"),
      chatType: "dm",
      invite: [bob],
    });
    expectRejected(result, "invite.target-may-refuse");
    expect(result.world.rooms.has(room("dm"))).toBe(false);
  });
});

describe("one transaction in flight per sender (LM-SEND-1)", () => {
  it("refuses a new transaction while one awaits its answer, and allows it once answered", () => {
    let world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
    ]);
    const second = step(world, { kind: "send-message", user: bob, room: chat, body: "too soon" });
    expectRejected(second, "send.one-txn-in-flight");
    expect(!second.verdict.accepted && second.verdict.reason).toContain("transaction t1");
    // A retry of the same transaction is not a new one.
    world = runAll(world, [{ kind: "retry", server: B, txn: "t1" }, { kind: "flush" }]);
    world = runAll(world, [{ kind: "send-message", user: bob, room: chat, body: "now" }]);
    expect(world.servers.get(B)?.volatile.pending.has("t2")).toBe(true);
  });

  it("does not hold back a server's own users at its own hub, nor a server after a restart", () => {
    let world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
      { kind: "send-message", user: alice, room: chat, body: "the hub's own user" },
      { kind: "restart", server: B },
    ]);
    world = runAll(world, [{ kind: "send-message", user: bob, room: chat, body: "forgot t1" }]);
    expect(world.servers.get(B)?.volatile.pending.size).toBe(1);
  });
});
