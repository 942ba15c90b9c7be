import { userIdParts } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { type Action, eventById, runTrace, type TraceStepResult } from "../../src/index.ts";
import { loadTrace } from "./traces.ts";

/**
 * Done when: forged input is rejected with a reason. models/traces/forged.json must contain each
 * kind the issue lists, found here by the shape of the action (not by the trace's notes), and
 * each must be refused with a guard, its requirements and a reason.
 */
const result = runTrace(loadTrace("forged.json"));
if (!result.ok) throw new Error(result.message);
const { run } = result;

/** The steps whose action matches, each with its verdict. */
const stepsWhere = (match: (action: Action, index: number) => boolean): TraceStepResult[] =>
  run.steps.filter((s, i) => match(s.action, i));

function expectRefusedWithReason(steps: ReadonlyArray<TraceStepResult>, what: string): void {
  expect(steps.length, `forged.json has ${what}`).toBeGreaterThan(0);
  for (const s of steps) {
    expect(s.verdict.accepted, `${what}, step ${s.step}`).toBe(false);
    if (!s.verdict.accepted) {
      expect(s.verdict.guard, `step ${s.step}`).toMatch(/^[a-z-]+(\.[a-z-]+)+$/);
      expect(s.verdict.requirements.length, `step ${s.step}`).toBeGreaterThan(0);
      expect(s.verdict.reason.length, `step ${s.step}`).toBeGreaterThan(20);
    }
  }
}

describe("forged input (models/traces/forged.json)", () => {
  it("runs with every expectation met", () => {
    expect(run.ok).toBe(true);
  });

  it("refuses an event whose sender's server is not the server that sent it", () => {
    const steps = stepsWhere(
      (a) =>
        (a.kind === "forge-limited" || a.kind === "forge-fully-formed") &&
        userIdParts(a.event.sender).server !== a.server,
    );
    expectRefusedWithReason(steps, "an event sent for another server's user");
    for (const s of steps)
      if (!s.verdict.accepted && s.action.kind === "forge-limited" && s.action.to === undefined)
        expect(s.verdict).toMatchObject({ guard: "receive.signatures" });
  });

  it("refuses a fully-formed event a follower made, at the hub and at another follower", () => {
    const steps = stepsWhere((a) => a.kind === "forge-fully-formed");
    expectRefusedWithReason(steps, "a follower-made fully-formed event");
    expect(steps.map((s) => !s.verdict.accepted && s.verdict.guard).sort()).toEqual([
      "follower.from-hub",
      "hub.accept-limited-event",
    ]);
  });

  it("refuses an auth reference to a message event, and followers record the hub's misbehaviour", () => {
    const hub = run.world.servers.get("a.example" as never)?.persisted.rooms.get("!f:a.example" as never);
    if (hub === undefined) throw new Error("no hub copy");
    const steps = stepsWhere(
      (a) =>
        a.kind === "hub-tamper" &&
        a.tamper === "add-auth-event" &&
        a.authEvent !== undefined &&
        eventById(hub, a.authEvent)?.state_key === undefined &&
        eventById(hub, a.authEvent) !== undefined,
    );
    expectRefusedWithReason(steps, "an auth reference to a message event");
    for (const s of steps) expect(s.verdict).toMatchObject({ guard: "auth.auth-event-is-state" });
    expect(run.world.findings.some((f) => f.guard === "auth.auth-event-is-state")).toBe(true);
  });

  it("refuses a second create event", () => {
    const steps = stepsWhere(
      (a) =>
        (a.kind === "forge-limited" || a.kind === "forge-fully-formed" || a.kind === "hub-tamper") &&
        a.event.type === "m.room.create",
    );
    expectRefusedWithReason(steps, "a second create event");
    for (const s of steps) expect(s.verdict).toMatchObject({ guard: "create.no-prev" });
  });

  it("refuses anything the banned user tries after the ban, however it arrives", () => {
    const banAt = run.steps.findIndex((s) => s.action.kind === "ban" && s.verdict.accepted);
    const ban = run.steps[banAt]?.action;
    if (ban?.kind !== "ban") throw new Error("forged.json bans nobody");
    const by = (a: Action): string | undefined =>
      "user" in a ? a.user : "event" in a ? a.event.sender : undefined;
    const steps = stepsWhere((a, i) => i > banAt && by(a) === ban.target);
    expectRefusedWithReason(steps, "actions of the banned user after the ban");
    expect(new Set(steps.map((s) => s.action.kind)).size).toBeGreaterThanOrEqual(5);
  });
});
