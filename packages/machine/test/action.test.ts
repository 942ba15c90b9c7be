import { describe, expect, it } from "vitest";
import type { Action } from "../src/action.ts";
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
