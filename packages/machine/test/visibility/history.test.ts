import type { ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  type Action,
  type FullEvent,
  historyFor,
  historyOf,
  redactedCopy,
  serverSees,
  violations,
  type World,
} from "../../src/index.ts";
import { A, alice, B, bob, C, carol, hubCopy, room, runAll, worldWith } from "../support.ts";

const hv = room("hv");
const setVisibility = (visibility: string): Action => ({
  kind: "set-history-visibility",
  user: alice,
  room: hv,
  visibility,
});
const say = (body: string, user = alice): Action => ({ kind: "send-message", user, room: hv, body });

/** alice's group chat where she sends `before` under `visibility` (none: the default), then bob joins. */
function bobJoinsAfter(visibility: string | undefined, options: Record<string, string> = {}): World {
  return runAll(worldWith(options), [
    { kind: "create-room", user: alice, room: hv, chatType: "group-chat" },
    ...(visibility === undefined ? [] : [setVisibility(visibility)]),
    say("before"),
    { kind: "invite", user: alice, room: hv, target: bob },
    { kind: "join", user: bob, room: hv },
  ]);
}

/** The copy `server` holds of the message whose body was `body`, if it holds one. */
function heldBy(world: World, server: ServerName, body: string): FullEvent | undefined {
  const original = historyOf(hubCopy(world, hv)).find((e) => e.content.ciphertext === body);
  const copy = world.servers.get(server)?.persisted.rooms.get(hv);
  return copy === undefined || original === undefined
    ? undefined
    : historyOf(copy).find((e) => e.event_id === original.event_id);
}

describe("history visibility (POL-00, OQ-HIST-1)", () => {
  it.each([
    ["shared", false],
    ["world", false],
    ["joined", true],
    ["invited", true],
  ])("under %s, a message sent before bob's server was in the room reaches it redacted: %s", (v, hidden) => {
    const world = bobJoinsAfter(v);
    const copy = heldBy(world, B, "before");
    expect(copy).toBeDefined();
    expect(copy?.redacted === true).toBe(hidden);
    expect(copy?.content).toEqual(hidden ? {} : expect.objectContaining({ ciphertext: "before" }));
    expect(violations(world)).toEqual([]);
  });

  it("reads room.default-history-visibility while no history_visibility event exists", () => {
    expect(heldBy(bobJoinsAfter(undefined), B, "before")?.redacted).toBeUndefined();
    const joined = bobJoinsAfter(undefined, { "room.default-history-visibility": "joined" });
    expect(heldBy(joined, B, "before")?.redacted).toBe(true);
  });

  it("shows an invitee what was sent after the invite under invited, and a joiner what follows under joined", () => {
    const world = runAll(bobJoinsAfter("joined"), [
      say("while bob is in"),
      setVisibility("invited"),
      { kind: "invite", user: alice, room: hv, target: carol },
      say("while carol is invited"),
      { kind: "join", user: carol, room: hv },
    ]);
    expect(heldBy(world, B, "while bob is in")?.redacted).toBeUndefined();
    expect(heldBy(world, C, "while bob is in")?.redacted).toBe(true);
    expect(heldBy(world, C, "while carol is invited")?.redacted).toBeUndefined();
    expect(violations(world)).toEqual([]);
  });

  it("redacts backfill the same way", () => {
    const world = runAll(bobJoinsAfter("joined", {}), [
      { kind: "leave", user: bob, room: hv },
      say("after bob left"),
      { kind: "sync", server: B, room: hv },
    ]);
    expect(heldBy(world, B, "after bob left")?.redacted).toBe(true);
    expect(violations(world)).toEqual([]);
  });

  it("keeps state events and the content keys the auth rules read", () => {
    const history = historyOf(hubCopy(bobJoinsAfter("joined"), hv));
    const sees = serverSees(history, C, worldWith().config.profile);
    expect(history.filter((e, i) => e.state_key !== undefined && !sees[i])).toEqual([]);
    const { state_key: _stateKey, ...create } = history[0] as FullEvent;
    const redaction = redactedCopy({
      ...create,
      type: "m.room.redaction",
      content: { redacts: "$1", reason: "spam" },
    });
    expect(redaction.content).toEqual({ redacts: "$1" });
    const proposal = redactedCopy({
      ...create,
      type: "m.mls.proposal",
      content: { proposal: "add", target: bob, secret: "x" },
    });
    expect(proposal.content).toEqual({ proposal: "add", target: bob });
  });

  it("hands out a slice of the history from a position", () => {
    const world = bobJoinsAfter("joined");
    const history = historyOf(hubCopy(world, hv));
    const profile = world.config.profile;
    expect(historyFor(history, C, 3, profile).map((e) => e.event_id)).toEqual(
      history.slice(3).map((e) => e.event_id),
    );
    expect(historyFor(history, A, 0, profile)).toEqual(history);
  });
});

/**
 * serverSees on histories built by hand: each message carries a label as its ciphertext, and
 * `hiddenFrom` lists the labels a server may not see (state events are never hidden, so the list
 * pins the whole result). The rules (drafts-background.md, POL-00): with the visibility in force
 * when the event was sent, `world` shows it; a user joined then sees it; under `shared` a user
 * joined at any point after it sees it; under `invited` a user invited then sees it.
 */
describe("serverSees on hand-built histories", () => {
  const lm = worldWith().config.profile;
  const bob2 = "@bob2:b.example" as UserId;
  let counter = 0;
  const ev = (fields: Pick<FullEvent, "type" | "content"> & { state_key?: string; sender?: UserId }) =>
    ({
      room_id: hv,
      sender: alice,
      origin_server_ts: ++counter,
      event_id: `$h${counter}`,
      auth_events: [],
      prev_events: [],
      signedBy: [A],
      ...fields,
    }) as FullEvent;
  const create = () => ev({ type: "m.room.create", state_key: "", content: { chat_type: "group-chat" } });
  const memberEv = (user: UserId, membership: string) =>
    ev({ type: "m.room.member", state_key: user, sender: user, content: { membership } });
  const msg = (label: string) => ev({ type: "m.room.encrypted", content: { ciphertext: label } });
  const vis = (value: string) =>
    ev({ type: "m.room.history_visibility", state_key: "", content: { history_visibility: value } });
  /** create, alice joins, then `events`. */
  const room = (...events: FullEvent[]) => [create(), memberEv(alice, "join"), ...events];

  /** The labels of the messages `server` may not see; every state event must be visible. */
  function hiddenFrom(history: ReadonlyArray<FullEvent>, server: ServerName, profile = lm): string[] {
    const sees = serverSees(history, server, profile);
    expect(sees).toHaveLength(history.length);
    history.forEach((e, i) => {
      if (e.state_key !== undefined) expect(sees[i], `${e.type} ${e.state_key}`).toBe(true);
    });
    return history.filter((_, i) => sees[i] !== true).map((e) => String(e.content.ciphertext));
  }

  /** bob is invited after m0, joins after m1, leaves after m2; m3 follows his leave. */
  const inviteJoinLeave = (visibility: string) =>
    room(
      vis(visibility),
      msg("m0"),
      memberEv(bob, "invite"),
      msg("m1"),
      memberEv(bob, "join"),
      msg("m2"),
      memberEv(bob, "leave"),
      msg("m3"),
    );

  it("under joined: a member sees from the event after their join to the event before their leave", () => {
    expect(hiddenFrom(inviteJoinLeave("joined"), B)).toEqual(["m0", "m1", "m3"]);
  });

  it("under invited: an invitee sees from the event after the invite; a former member nothing after leaving", () => {
    expect(hiddenFrom(inviteJoinLeave("invited"), B)).toEqual(["m0", "m3"]);
  });

  it("under shared: a member sees everything before their leave, a former member nothing after it", () => {
    expect(hiddenFrom(inviteJoinLeave("shared"), B)).toEqual(["m3"]);
  });

  it("under world: everyone sees everything, even a server that never took part", () => {
    expect(hiddenFrom(inviteJoinLeave("world"), B)).toEqual([]);
    expect(hiddenFrom(inviteJoinLeave("world"), C)).toEqual([]);
  });

  it("under shared, a server that never has a joined user sees no message, not even while invited", () => {
    expect(hiddenFrom(inviteJoinLeave("shared"), C)).toEqual(["m0", "m1", "m2", "m3"]);
    const invitedOnly = room(
      msg("m0"),
      memberEv(bob, "invite"),
      msg("m1"),
      memberEv(bob, "leave"),
      msg("m2"),
    );
    expect(hiddenFrom(invitedOnly, B)).toEqual(["m0", "m1", "m2"]);
  });

  it("under shared, a user who leaves and joins again sees what was sent while they were away", () => {
    const history = room(
      memberEv(bob, "join"),
      memberEv(bob, "leave"),
      msg("away"),
      memberEv(bob, "join"),
      msg("back"),
      memberEv(bob, "leave"),
      msg("gone"),
    );
    expect(hiddenFrom(history, B)).toEqual(["gone"]);
  });

  it("under invited: an invite declined or withdrawn stops showing what follows", () => {
    const declined = room(
      vis("invited"),
      memberEv(bob, "invite"),
      msg("m0"),
      memberEv(bob, "leave"),
      msg("m1"),
    );
    expect(hiddenFrom(declined, B)).toEqual(["m1"]);
    const banned = room(vis("invited"), memberEv(bob, "invite"), msg("m0"), memberEv(bob, "ban"), msg("m1"));
    expect(hiddenFrom(banned, B)).toEqual(["m1"]);
  });

  it("counts each of a server's users: it stays in the room until its last joined or invited user leaves", () => {
    const joined = room(
      vis("joined"),
      memberEv(bob, "join"),
      memberEv(bob2, "join"),
      memberEv(bob, "leave"),
      msg("bob2 still in"),
      memberEv(bob2, "leave"),
      msg("both out"),
    );
    expect(hiddenFrom(joined, B)).toEqual(["both out"]);
    const invited = room(
      vis("invited"),
      memberEv(bob, "invite"),
      memberEv(bob2, "invite"),
      memberEv(bob, "join"),
      memberEv(bob, "leave"),
      msg("bob2 still invited"),
      memberEv(bob2, "leave"),
      msg("both out"),
    );
    expect(hiddenFrom(invited, B)).toEqual(["both out"]);
  });

  it("does not count other servers' users", () => {
    const history = room(vis("joined"), memberEv(carol, "join"), msg("m0"), memberEv(bob, "join"), msg("m1"));
    expect(hiddenFrom(history, B)).toEqual(["m0"]);
    expect(hiddenFrom(history, C)).toEqual([]);
    expect(hiddenFrom(history, A)).toEqual([]);
  });

  it("ignores membership events without a membership value or without a state key", () => {
    const noValue = room(
      vis("joined"),
      memberEv(bob, "join"),
      ev({ type: "m.room.member", state_key: bob, sender: bob, content: {} }),
      msg("m0"),
      ev({ type: "m.room.member", state_key: bob, sender: bob, content: { membership: "bogus" } }),
      msg("m1"),
    );
    expect(hiddenFrom(noValue, B)).toEqual([]);
    const noKey = room(
      vis("joined"),
      // without a state key it is a message event, hidden like any other
      ev({ type: "m.room.member", sender: bob, content: { membership: "join", ciphertext: "keyless" } }),
      msg("m0"),
    );
    expect(hiddenFrom(noKey, B)).toEqual(["keyless", "m0"]);
  });

  it("applies the visibility in force when each event was sent", () => {
    const history = room(
      vis("joined"),
      msg("joined 1"),
      vis("world"),
      msg("world"),
      vis("joined"),
      msg("joined 2"),
      memberEv(bob, "join"),
    );
    expect(hiddenFrom(history, B)).toEqual(["joined 1", "joined 2"]);
  });

  it("reads the visibility only from m.room.history_visibility with the empty state key, and only known values", () => {
    // Before bob joins, under the default shared, every message is visible to b.example;
    // none of these events may change that to something else.
    const history = room(
      vis("joined"),
      msg("joined"),
      vis("shared"),
      msg("shared"),
      ev({
        type: "m.room.history_visibility",
        state_key: "other",
        content: { history_visibility: "joined" },
      }),
      msg("after a non-empty state key"),
      ev({ type: "org.example.settings", state_key: "", content: { history_visibility: "joined" } }),
      msg("after another state event"),
      ev({
        type: "m.room.encrypted",
        content: { ciphertext: "carrying the key", history_visibility: "joined" },
      }),
      msg("after a message"),
      vis("bogus"),
      msg("after an unknown value"),
      ev({ type: "m.room.history_visibility", state_key: "", content: {} }),
      msg("after a missing value"),
      ev({ type: "m.room.history_visibility", state_key: "", content: { history_visibility: 3 } }),
      msg("after a number"),
      memberEv(bob, "join"),
    );
    expect(hiddenFrom(history, B)).toEqual(["joined"]);
    // ... and C, never in the room, sees none of them (nothing above turned world on)
    const toWorld = room(
      ev({ type: "m.room.history_visibility", state_key: "x", content: { history_visibility: "world" } }),
      ev({ type: "org.example.settings", state_key: "", content: { history_visibility: "world" } }),
      msg("m0"),
    );
    expect(hiddenFrom(toWorld, C)).toEqual(["m0"]);
  });

  it("starts from room.default-history-visibility", () => {
    const history = room(msg("m0"), memberEv(bob, "join"));
    expect(hiddenFrom(history, B)).toEqual([]);
    const joinedDefault = worldWith({ "room.default-history-visibility": "joined" }).config.profile;
    expect(hiddenFrom(history, B, joinedDefault)).toEqual(["m0"]);
    const worldDefault = worldWith({ "room.default-history-visibility": "world" }).config.profile;
    expect(hiddenFrom(history, C, worldDefault)).toEqual([]);
  });

  it("answers an empty history with an empty list", () => {
    expect(serverSees([], B, lm)).toEqual([]);
  });
});

describe("redactedCopy with event types named like Object.prototype members", () => {
  it("keeps no content of a 'constructor' or '__proto__' event instead of throwing", () => {
    const base = historyOf(hubCopy(bobJoinsAfter(undefined), hv))[0] as FullEvent;
    for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty"])
      expect(redactedCopy({ ...base, type, content: { x: 1 } }).content).toEqual({});
  });

  it("lets a server join a room whose hidden history holds such an event", () => {
    const world = runAll(worldWith({ "room.default-history-visibility": "joined" }), [
      { kind: "create-room", user: alice, room: hv, chatType: "group-chat" },
      { kind: "send-event", user: alice, room: hv, type: "constructor", content: { x: 1 } },
      { kind: "invite", user: alice, room: hv, target: bob },
      { kind: "join", user: bob, room: hv },
    ]);
    const copy = world.servers.get(B)?.persisted.rooms.get(hv);
    const hidden = copy === undefined ? undefined : historyOf(copy).find((e) => e.type === "constructor");
    expect(hidden?.content).toEqual({});
    expect(violations(world)).toEqual([]);
  });
});
