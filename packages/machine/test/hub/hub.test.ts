import type { UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import { checkInvite, hubReceive } from "../../src/hub/hub.ts";
import { emptyWorld, historyOf, pget, step, violations, type World } from "../../src/index.ts";
import type { Message } from "../../src/network/messages.ts";
import { limitedEvent, serverOf } from "../../src/step/build.ts";
import { Draft } from "../../src/step/draft.ts";
import {
  A,
  alice,
  B,
  bob,
  C,
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

describe("what the hub explains", () => {
  it("names the appended event, its type, its position and the room, then the fan-out", () => {
    const result = step(
      groupChatWithBob(),
      { kind: "send-message", user: alice, room: chat, body: "hi" },
      { explain: true },
    );
    // $1..$4 are the creation and bob's join: the fifth event sits at position 4 (counted from 0),
    // where b.example's copy puts it too.
    expect(result.effects).toEqual([
      `a.example appended $5 (m.room.encrypted) at position 4 of ${chat}`,
      "sent #5 event a.example → b.example",
      "b.example applied $5 at position 4",
      "delivered #5 event a.example → b.example $5 (m.room.encrypted): accepted",
    ]);
  });
});

describe("hubReceive: transactions and their results (LM §2.9)", () => {
  /** Network mode: bob's join (b.example t1) and carol's uninvited join (c.example t1) are in flight. */
  function twoSubmits() {
    const world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
      { kind: "join", user: carol, room: chat },
    ]);
    const submits = world.inFlight.flatMap((e) => (e.message.kind === "submit" ? [e.message] : []));
    const [bobJoin, carolJoin] = submits;
    if (bobJoin === undefined || carolJoin === undefined) throw new Error("expected two submits");
    return { world, bobJoin, carolJoin };
  }
  const carolRefused = {
    accepted: false,
    guard: "membership.join.rule",
    requirements: ["OQ-AUTH-5", "SIG-POLICY-3"],
    reason: `${carol} cannot join ${chat}: the join rule is invite and their membership is leave`,
  };
  const resultsIn = (messages: ReadonlyArray<{ message: Message }>) =>
    messages.flatMap((e) => (e.message.kind === "result" ? [e.message] : []));
  const txnResultsAt = (draft: Draft) => draft.server(A).persisted.txnResults;

  /** The world after the hub processed both transactions once. */
  function processedOnce() {
    const { world, bobJoin, carolJoin } = twoSubmits();
    const draft = new Draft(world, false, undefined);
    hubReceive(draft, A, B, bobJoin.txn, bobJoin.event);
    hubReceive(draft, A, C, carolJoin.txn, carolJoin.event);
    return { world: draft.finish(), bobJoin, carolJoin };
  }

  it("answers each transaction with a result naming the event it appended, and remembers the outcome", () => {
    const { world, bobJoin, carolJoin } = twoSubmits();
    const draft = new Draft(world, false, undefined);
    expect(hubReceive(draft, A, B, "t1", bobJoin.event)).toStrictEqual({
      verdict: { accepted: true },
      eventId: "$4",
    });
    expect(hubReceive(draft, A, C, "t1", carolJoin.event)).toStrictEqual({ verdict: carolRefused });
    // A rejection names no event: the result carries no eventId at all.
    expect(resultsIn(draft.messages)).toStrictEqual([
      { kind: "result", from: A, to: B, room: chat, txn: "t1", verdict: { accepted: true }, eventId: "$4" },
      { kind: "result", from: A, to: C, room: chat, txn: "t1", verdict: carolRefused },
    ]);
    expect(pget(txnResultsAt(draft), "b.example t1")).toStrictEqual({
      verdict: { accepted: true },
      eventId: "$4",
    });
    expect(pget(txnResultsAt(draft), "c.example t1")).toStrictEqual({ verdict: carolRefused });
  });

  it("answers a duplicate from what it remembers, without processing it again, and says so", () => {
    const { world, bobJoin, carolJoin } = processedOnce();
    const draft = new Draft(world, true, undefined);
    const seenBob = pget(txnResultsAt(draft), "b.example t1");
    expect(hubReceive(draft, A, B, "t1", bobJoin.event)).toBe(seenBob);
    expect(hubReceive(draft, A, C, "t1", carolJoin.event)).toStrictEqual({ verdict: carolRefused });
    expect(resultsIn(draft.messages.slice(world.inFlight.length))).toStrictEqual([
      { kind: "result", from: A, to: B, room: chat, txn: "t1", verdict: { accepted: true }, eventId: "$4" },
      { kind: "result", from: A, to: C, room: chat, txn: "t1", verdict: carolRefused },
    ]);
    const id = world.nextMessageId;
    expect(draft.effects).toEqual([
      "a.example already processed txn t1 of b.example: answered again, not reprocessed",
      `sent #${id} result a.example → b.example`,
      "a.example already processed txn t1 of c.example: answered again, not reprocessed",
      `sent #${id + 1} result a.example → c.example`,
    ]);
    const finished = draft.finish();
    expect(finished.servers.get(A)).toBe(world.servers.get(A));
    expect(finished.nextEventNumber).toBe(world.nextEventNumber);
  });

  it("answers a room it does not hold with a rejection that names no event", () => {
    const { world, bobJoin } = twoSubmits();
    const draft = new Draft(world, false, undefined);
    const nowhere = room("nowhere");
    const verdict = {
      accepted: false,
      guard: "hub.room-known",
      requirements: ["HUB-1"],
      reason: `a.example holds no room ${nowhere}, so it is not that room's hub`,
    };
    expect(hubReceive(draft, A, B, "t1", { ...bobJoin.event, room_id: nowhere })).toStrictEqual({ verdict });
    expect(resultsIn(draft.messages)).toStrictEqual([
      { kind: "result", from: A, to: B, room: nowhere, txn: "t1", verdict },
    ]);
    expect(pget(txnResultsAt(draft), "b.example t1")).toStrictEqual({ verdict });
  });

  /**
   * What the hub makes of one submission: the `hub_server` of the event it appended, the kinds of
   * the messages it sent, and whether its transaction cache changed. Under
   * `event.hub-server-set-by = hub` a participant's event gets `hub_server` from the hub, while an
   * event the hub originates gets none (`event.hub-originated-hub-server = omit`).
   */
  function submitted(origin: typeof A, txn: string | undefined, sender: UserId) {
    const world = groupChatWithBob(worldWith({ "event.hub-server-set-by": "hub" }));
    const draft = new Draft(world, false, undefined);
    const spec = { type: "m.room.encrypted", sender, content: { ciphertext: "x" } };
    const limited = limitedEvent(spec, chat, serverOf(sender), 50, draft.profile);
    const outcome = hubReceive(draft, A, origin, txn, limited);
    const head = draft.server(A).persisted.rooms.get(chat)?.state.head;
    return {
      eventId: outcome.eventId,
      hubServer: head?.hub_server ?? "none",
      sent: draft.messages.slice(world.inFlight.length).map((e) => `${e.message.kind} → ${e.message.to}`),
      cacheChanged: txnResultsAt(draft) !== world.servers.get(A)?.persisted.txnResults,
    };
  }

  it("originates an event only for its own server outside a transaction, and answers only a remote transaction", () => {
    // One of the hub's own users: hub-originated, nothing to answer.
    expect(submitted(A, undefined, alice)).toEqual({
      eventId: "$5",
      hubServer: "none",
      sent: ["event → b.example"],
      cacheChanged: false,
    });
    // A follower's transaction: a participant's event, answered and remembered.
    expect(submitted(B, "t9", bob)).toEqual({
      eventId: "$5",
      hubServer: A,
      sent: ["event → b.example", "result → b.example"],
      cacheChanged: true,
    });
    // The hub's own server in a transaction: not hub-originated, and no answer to itself.
    expect(submitted(A, "t9", alice)).toEqual({
      eventId: "$5",
      hubServer: A,
      sent: ["event → b.example"],
      cacheChanged: false,
    });
    // A remote origin without a transaction (outside the send path's contract): a participant's
    // event, with no transaction to answer or remember.
    expect(submitted(B, undefined, bob)).toEqual({
      eventId: "$5",
      hubServer: A,
      sent: ["event → b.example"],
      cacheChanged: false,
    });
  });

  it("treats a transaction ID as an opaque string: one named 'undefined' is not an absent one", () => {
    const world = groupChatWithBob();
    const draft = new Draft(world, false, undefined);
    const message = (body: string) =>
      limitedEvent(
        { type: "m.room.encrypted", sender: bob, content: { ciphertext: body } },
        chat,
        B,
        50,
        draft.profile,
      );
    expect(hubReceive(draft, A, B, "undefined", message("first"))).toEqual({
      verdict: { accepted: true },
      eventId: "$5",
    });
    expect(hubReceive(draft, A, B, undefined, message("second"))).toEqual({
      verdict: { accepted: true },
      eventId: "$6",
    });
    expect(draft.server(A).persisted.rooms.get(chat)?.state.head.content).toEqual({ ciphertext: "second" });
  });
});

describe("checkInvite", () => {
  const refusing = runAll(emptyWorld(), [
    { kind: "set-setting", user: bob, setting: "refuse-invites", value: true },
    { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
  ]);
  const head = hubCopy(refusing, chat).state.head;
  const memberEvent = (target: UserId, membership: string): FullEvent => ({
    ...head,
    type: "m.room.member",
    state_key: target,
    content: { membership },
  });
  const verdictOn = (event: FullEvent) => checkInvite(new Draft(refusing, false, undefined), event);

  it("refuses an invite of a user who refuses invites, with the invitee's server as the one refusing", () => {
    expect(verdictOn(memberEvent(bob, "invite"))).toEqual({
      accepted: false,
      guard: "invite.target-may-refuse",
      requirements: ["RP-INVITE-1", "MSGREQ-1", "OQ-MGMT-10"],
      reason: `b.example refused the invite of ${bob} from ${alice} when the hub asked (check-invite): ${bob} refuses every invite (the refuse-invites setting)`,
    });
    expect(verdictOn(memberEvent(carol, "invite"))).toEqual({ accepted: true });
  });

  it("asks nothing about other memberships of that user", () => {
    for (const membership of ["ban", "leave", "join", "knock"])
      expect(verdictOn(memberEvent(bob, membership)), membership).toEqual({ accepted: true });
    // Through the whole send path: alice may ban bob, who refuses invites.
    const banned = runAll(refusing, [{ kind: "ban", user: alice, room: chat, target: bob }]);
    expect(hubCopy(banned, chat).state.head).toMatchObject({
      state_key: bob,
      content: { membership: "ban" },
    });
  });

  it("asks nothing about an event that is not a membership event, or names no target", () => {
    expect(verdictOn({ ...memberEvent(bob, "invite"), type: "x.custom" })).toEqual({ accepted: true });
    const { state_key: _none, ...noTarget } = memberEvent(bob, "invite");
    expect(verdictOn(noTarget)).toEqual({ accepted: true });
  });
});
