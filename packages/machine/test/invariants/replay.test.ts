import type { ServerName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { appendToReplica, type FullEvent, historyOf, resolveProfile } from "../../src/index.ts";
import { replayRefusal } from "../../src/invariants/replay.ts";
import { A, alice, carol, hubCopy } from "../support.ts";
import { chat, good, unchecked } from "./breakers.ts";

const profile = good.config.profile;

describe("replayRefusal", () => {
  const copy = hubCopy(good, chat);
  const create = copy.state.create;

  it("accepts a history the hub built, and says nothing", () => {
    expect(replayRefusal(profile, copy)).toBeUndefined();
    expect(historyOf(copy).length).toBeGreaterThan(3);
  });

  it("names the first event the policy refuses, with its guard", () => {
    const forged = unchecked(copy.state.head, create, {
      event_id: "$forged",
      sender: carol,
      signedBy: ["c.example" as ServerName, A],
    });
    const bad = appendToReplica(copy, forged);
    expect(replayRefusal(profile, bad)).toMatch(/^replaying the history, the policy refuses \$forged \(/);
    // A refused event stays refused whatever follows it: the refusal is about the first.
    const after = appendToReplica(bad, unchecked(forged, create, { event_id: "$after" }));
    expect(replayRefusal(profile, after)).toMatch(/refuses \$forged/);
  });

  it("keeps copies that share a prefix apart: the cache is per event object, not per position", () => {
    const accepted = unchecked(copy.state.head, create, { event_id: "$ok", sender: alice });
    const refused = unchecked(copy.state.head, create, {
      event_id: "$no",
      sender: carol,
      signedBy: ["c.example" as ServerName, A],
    });
    const first = appendToReplica(copy, accepted);
    const second = appendToReplica(copy, refused);
    expect(replayRefusal(profile, first)).toBeUndefined();
    expect(replayRefusal(profile, second)).toMatch(/refuses \$no/);
    // Asked again (now from the cache), in the other order: the same answers.
    expect(replayRefusal(profile, second)).toMatch(/refuses \$no/);
    expect(replayRefusal(profile, first)).toBeUndefined();
  });

  it("replays under the profile it is given: another policy gets its own cache", () => {
    const other = resolveProfile("lm-i1", { "auth.kick-target": "joined-only" });
    if (!other.ok) throw new Error(other.message);
    expect(other.profile).not.toBe(profile);
    expect(replayRefusal(other.profile, copy)).toBeUndefined();
  });

  it("says a copy without events has none", () => {
    const replica = { ...copy, history: { store: { items: [], index: new Map() }, length: 0 } };
    expect(historyOf(replica)).toEqual([]);
    expect(replayRefusal(profile, replica)).toBe("it has no events");
  });

  it("refuses a copy whose create event the policy refuses", () => {
    const badCreate: FullEvent = {
      ...create,
      content: { ...create.content, room_version: "no-such-version" },
    };
    const index = new Map([[badCreate.event_id as string, 0]]);
    const replica = { ...copy, history: { store: { items: [badCreate], index }, length: 1 } };
    expect(replayRefusal(profile, replica)).toMatch(/^the policy refuses its create event/);
  });
});
