import { parseTrace, runTrace } from "@mimi-spec/machine";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkRandom, traceJson } from "../../src/index.ts";
import { SEEDED_BUGS } from "./catalogue.ts";
import { activate, deactivate } from "./switch.ts";

// Every module a seeded bug patches, mocked once with a switchable copy (see switch.ts).
vi.mock("../../../machine/src/chat/rules.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("chat/rules.ts", await importOriginal()),
);
vi.mock("../../../machine/src/policy/authorize.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("policy/authorize.ts", await importOriginal()),
);
vi.mock("../../../machine/src/hub/follower.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("hub/follower.ts", await importOriginal()),
);
vi.mock("../../../machine/src/server/directory.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("server/directory.ts", await importOriginal()),
);
vi.mock("../../../machine/src/server/server.ts", async (importOriginal) =>
  (await import("./switch.ts")).switchable("server/server.ts", await importOriginal()),
);

afterEach(deactivate);

describe("seeded bugs: the checker finds each deliberate fault", () => {
  it("has at least five faults, and the unfaulted machine passes the same searches", () => {
    expect(SEEDED_BUGS.length).toBeGreaterThanOrEqual(5);
    // With no fault active the switchable modules are the real ones: no counterexample.
    const report = checkRandom({ ...SEEDED_BUGS[0]?.options, runs: 20 });
    expect(report.counterexample?.story).toBeUndefined();
  });

  for (const bug of SEEDED_BUGS)
    it(`${bug.id}: ${bug.description}`, async () => {
      await activate(bug);
      const report = checkRandom(bug.options);
      const cx = report.counterexample;
      expect(cx, `no counterexample in ${report.runs} runs`).toBeDefined();
      if (cx === undefined) return;
      expect(cx.story).toMatch(bug.names);
      // Shrunk: short enough to read.
      expect(cx.run.steps.length).toBeLessThanOrEqual(10);
      // The saved trace replays (as `mimi model run` would) to a failure on the faulty machine.
      const parsed = parseTrace(traceJson(cx.trace, cx));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const replay = runTrace(parsed.trace);
      expect(replay.ok && !replay.run.ok).toBe(true);
      console.log(
        `--- ${bug.id}: runs ${report.runs} (${Math.round(report.elapsedMs)} ms), shrinking ${report.shrinking?.runs} runs (${Math.round(report.shrinking?.elapsedMs ?? 0)} ms)\n${cx.story.split("\n").slice(0, 12).join("\n")}`,
      );
    });
});
