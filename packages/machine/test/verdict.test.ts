import { describe, expect, it } from "vitest";
import type { Action } from "../src/action.ts";
import { GUARDS, type GuardId } from "../src/generated/guards.ts";
import { step } from "../src/step/step.ts";
import type { Rejected } from "../src/verdict.ts";
import { emptyWorld } from "../src/world.ts";
import { A, alice, B, bob, carol, groupChatWithBob, room } from "./support.ts";

const chat = room("chat");

/** Refused actions from each layer: creation, membership rules, the hub, the network, MLS policy. */
const REFUSED: ReadonlyArray<readonly [Action, GuardId]> = [
  [
    { kind: "create-room", user: bob, room: room("x"), chatType: "group-chat" },
    "create.room-domain-matches-sender",
  ],
  [{ kind: "create-room", user: alice, room: room("x"), chatType: "dm" }, "dm.two-members"],
  [{ kind: "kick", user: bob, room: chat, target: alice }, "membership.kick.level"],
  [{ kind: "join", user: carol, room: chat }, "membership.join.rule"],
  [{ kind: "send-message", user: carol, room: room("nowhere"), body: "x" }, "hub.room-known"],
  [{ kind: "deliver", message: 99 }, "network.message-in-flight"],
  [{ kind: "retry", server: B, txn: "t9" }, "network.retry-pending"],
  [{ kind: "propose-mls-acp", user: alice, room: chat, template: "dm-fixed" }, "mls-acp.client-proposal"],
];

describe("verdicts", () => {
  const world = groupChatWithBob();

  it("of an applied action are exactly { accepted: true }", () => {
    const { verdict } = step(world, { kind: "send-message", user: bob, room: chat, body: "x" });
    expect(verdict).toStrictEqual({ accepted: true });
    expect(step(emptyWorld(), { kind: "restart", server: A }).verdict).toStrictEqual({ accepted: true });
  });

  it("of a refused action name the guard, exactly the requirements it enforces, and a filled-in reason", () => {
    for (const [action, guard] of REFUSED) {
      const { verdict } = step(world, action);
      expect(Object.keys(verdict).sort(), action.kind).toEqual([
        "accepted",
        "guard",
        "reason",
        "requirements",
      ]);
      const rejected = verdict as Rejected;
      expect(rejected.accepted).toBe(false);
      expect(rejected.guard).toBe(guard);
      expect(rejected.requirements).toEqual(GUARDS[guard].requirements);
      expect(rejected.requirements.length).toBeGreaterThan(0);
      expect(rejected.reason, guard).not.toMatch(/\{[A-Za-z]+\}|\(unknown\)/u);
      expect(rejected.reason.length).toBeGreaterThan(0);
    }
  });
});
