import type { RoomId, ServerName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { emptyWorld, historyOf, step } from "../../src/index.ts";
import { alice, bob, expectRejected, groupChatWithBob, hubCopy, room, runAll } from "../support.ts";

const r1 = "!r1:a.example" as RoomId;

describe("create-room", () => {
  it("makes the create event the first event and the creator's server the hub", () => {
    const { world, verdict } = step(emptyWorld(), {
      kind: "create-room",
      user: alice,
      room: r1,
      chatType: "group-chat",
    });
    expect(verdict).toEqual({ accepted: true });
    const created = hubCopy(world, r1);
    expect(created.hub).toBe("a.example");
    const history = historyOf(created);
    expect(history[0]).toMatchObject({ type: "m.room.create", sender: alice, room_id: r1, state_key: "" });
    expect(history[0]?.content.chat_type).toBe("group-chat");
    expect(history[1]).toMatchObject({
      type: "m.room.member",
      state_key: alice,
      content: { membership: "join" },
    });
  });

  it("refuses a room ID on another server than the creator's, leaving the world as it was", () => {
    const before = emptyWorld();
    const { world, verdict } = step(before, {
      kind: "create-room",
      user: bob,
      room: r1,
      chatType: "group-chat",
    });
    expect(verdict).toMatchObject({
      accepted: false,
      guard: "create.room-domain-matches-sender",
      requirements: ["SIG-ID-1"],
      reason: "room ID server a.example is not the creator's server b.example",
    });
    expect(world).toBe(before);
  });

  it("refuses a second create event for the same room ID", () => {
    const first = step(emptyWorld(), {
      kind: "create-room",
      user: alice,
      room: r1,
      chatType: "group-chat",
    }).world;
    const { world, verdict } = step(first, {
      kind: "create-room",
      user: alice,
      room: r1,
      chatType: "public-chat",
    });
    expectRejected(verdict, "create.room-id-unused");
    expect(world).toBe(first);
    expect(hubCopy(world, r1).state.length).toBe(2);
  });

  it("does not change the world it was given", () => {
    const before = emptyWorld();
    step(before, { kind: "create-room", user: alice, room: r1, chatType: "group-chat" });
    expect(before.rooms.size).toBe(0);
    expect(before.servers.size).toBe(0);
  });

  it("sends the chat type's join rule and the initial invites in the creation batch", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: room("p"), chatType: "public-chat", invite: [bob] },
    ]);
    const types = historyOf(hubCopy(world, room("p"))).map((e) => `${e.type}:${JSON.stringify(e.content)}`);
    expect(types).toEqual([
      expect.stringMatching(/^m\.room\.create:/),
      'm.room.member:{"membership":"join"}',
      'm.room.join_rules:{"join_rule":"public"}',
      'm.room.member:{"membership":"invite"}',
    ]);
    expect(world.servers.get("b.example" as never)?.persisted.invites.size).toBe(1);
  });
});

describe("user actions in instant mode", () => {
  it("go from the user's server to the hub and back: the follower holds the same history", () => {
    const world = groupChatWithBob();
    const hub = historyOf(hubCopy(world, room("chat"))).map((e) => e.event_id);
    const copy = world.servers.get("b.example" as never)?.persisted.rooms.get(room("chat"));
    expect(copy === undefined ? [] : historyOf(copy).map((e) => e.event_id)).toEqual(hub);
    expect(world.inFlight).toEqual([]);
  });

  it("a refused action leaves the world exactly as it was (no txn, no message, no event number)", () => {
    const before = groupChatWithBob();
    const result = step(before, { kind: "kick", user: bob, room: room("chat"), target: alice });
    expectRejected(result, "membership.kick.level");
    expect(result.world).toBe(before);
  });

  it("explains what happened only when asked", () => {
    const world = groupChatWithBob();
    const quiet = step(world, { kind: "send-message", user: bob, room: room("chat"), body: "x" });
    const loud = step(
      world,
      { kind: "send-message", user: bob, room: room("chat"), body: "x" },
      { explain: true },
    );
    expect(quiet.effects).toEqual([]);
    expect(loud.effects.join("\n")).toContain("a.example appended");
  });

  it("names events by LM reference hash when asked", () => {
    const world = runAll(emptyWorld({ eventIds: "reference-hash" }), [
      { kind: "create-room", user: alice, room: r1, chatType: "group-chat" },
    ]);
    for (const e of historyOf(hubCopy(world, r1))) expect(e.event_id).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
  });
});

describe("forge-fully-formed", () => {
  const chat = room("chat");
  const forged = { type: "m.room.encrypted", sender: alice, content: { ciphertext: "x" } };

  it("hands a hub's own fully-formed event to its receive path without a transaction", () => {
    const world = groupChatWithBob(emptyWorld({ delivery: "network" }), chat);
    const { world: after, verdict } = step(world, {
      kind: "forge-fully-formed",
      server: "a.example" as ServerName,
      room: chat,
      to: "a.example" as ServerName,
      event: forged,
    });
    expectRejected(verdict, "hub.accept-limited-event");
    // Nothing waits for an answer the hub would never send itself, and nothing was sent.
    expect(after.servers.get("a.example" as ServerName)?.volatile.pending.size ?? 0).toBe(0);
    expect(after.inFlight).toEqual(world.inFlight);
    expect(historyOf(hubCopy(after, chat))).toEqual(historyOf(hubCopy(world, chat)));
  });

  it("submits a follower's fully-formed event to the hub in a transaction", () => {
    const world = groupChatWithBob(emptyWorld({ delivery: "network" }), chat);
    const { world: after } = step(world, {
      kind: "forge-fully-formed",
      server: "b.example" as ServerName,
      room: chat,
      to: "a.example" as ServerName,
      event: { ...forged, sender: bob },
    });
    const pending = (w: typeof world) => [
      ...(w.servers.get("b.example" as ServerName)?.volatile.pending.keys() ?? []),
    ];
    const added = pending(after).filter((txn) => !pending(world).includes(txn));
    expect(added).toHaveLength(1);
    expect(after.inFlight.at(-1)?.message).toMatchObject({
      kind: "submit",
      from: "b.example",
      to: "a.example",
      txn: added[0],
    });
  });
});
