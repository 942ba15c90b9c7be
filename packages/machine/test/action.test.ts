import { describe, expect, expectTypeOf, it } from "vitest";
import { type Action, type MissingUserActionKinds, USER_ACTION_KINDS } from "../src/action.ts";
import { GUARDS } from "../src/generated/guards.ts";
import { step } from "../src/step/step.ts";
import { decodeTrace } from "../src/trace/schema.ts";
import { emptyWorld } from "../src/world.ts";
import { groupChatWithBob, room } from "./support.ts";
import { ACTION_SAMPLES } from "./trace/action-samples.ts";

/** One action of every kind; the room created is a new one, of a room version the policy knows. */
const SAMPLES = {
  ...ACTION_SAMPLES,
  "create-room": {
    ...ACTION_SAMPLES["create-room"],
    room: room("new"),
    roomVersion: "org.matrix.i-d.ralston-mimi-linearized-matrix.02",
  },
} as const;

describe("actions", () => {
  const samples = Object.values(SAMPLES) as Action[];

  it("are plain JSON data that the trace format takes back unchanged, every kind of them", () => {
    const text = JSON.stringify({
      description: "every action kind",
      steps: samples.map((action) => ({ action })),
    });
    const decoded = decodeTrace(JSON.parse(text));
    expect(decoded.ok ? decoded.trace.steps.map((s) => s.action) : decoded.problems).toStrictEqual(samples);
  });

  it("each get a verdict from the step function: acceptance, or a guard of the catalogue", () => {
    const world = groupChatWithBob(emptyWorld({ delivery: "network" }));
    for (const action of samples) {
      const { verdict } = step(world, action);
      if (!verdict.accepted) expect(Object.keys(GUARDS), action.kind).toContain(verdict.guard);
      else expect(verdict, action.kind).toStrictEqual({ accepted: true });
    }
  });
});

describe("USER_ACTION_KINDS", () => {
  it("lists every user action kind once, and only action kinds the trace format knows", () => {
    expectTypeOf<MissingUserActionKinds>().toEqualTypeOf<never>();
    // The union has 17 members; with the type check (none missing) and distinct entries, the list is exactly them.
    expect(new Set(USER_ACTION_KINDS).size).toBe(17);
    expect(USER_ACTION_KINDS).toHaveLength(17);
    for (const kind of USER_ACTION_KINDS) expect(Object.keys(SAMPLES)).toContain(kind);
    // A user action refused by the machine leaves the world as it was: the local settings are not user actions.
    expect(USER_ACTION_KINDS).not.toContain("set-profile");
  });
});
