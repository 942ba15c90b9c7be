import type { ServerName } from "@mimi-spec/schema";
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
