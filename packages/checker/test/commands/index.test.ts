import { ACTION_KINDS, type Delivery } from "@mimi-spec/machine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMMAND_ARBITRARIES,
  CoverageCounter,
  commandArbitraries,
  DEFAULT_SCOPE,
  DEFAULT_WEIGHTS,
  focusWeights,
  setup,
} from "../../src/index.ts";

/** Kinds the machine always accepts (local settings, a flush, a restart). */
const NEVER_REFUSED = new Set(["set-profile", "set-setting", "set-server-setting", "flush", "restart"]);

describe("the commands", () => {
  it("cover every action kind of the machine", () => {
    expect(Object.keys(COMMAND_ARBITRARIES).sort()).toEqual([...ACTION_KINDS].sort());
    expect(Object.keys(DEFAULT_WEIGHTS).sort()).toEqual([...ACTION_KINDS].sort());
  });

  it("focusWeights leaves every other kind out", () => {
    const weights = focusWeights({ join: 2 });
    expect(weights.join).toBe(2);
    expect(Object.values(weights).filter((w) => w !== 0)).toEqual([2]);
  });

  it("model-based runs keep every invariant on every step, with both verdicts for almost every kind", () => {
    const coverage = new CoverageCounter();
    let runs = 0;
    let commands = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<Delivery>("instant", "network"),
        fc.commands(commandArbitraries(), { maxCommands: 120, size: "max" }),
        (delivery, cmds) => {
          const env = setup({ profile: "lm-i1", delivery }, DEFAULT_SCOPE, coverage);
          fc.modelRun(() => env, cmds);
          runs++;
          commands += env.real.log.length;
        },
      ),
      { numRuns: 40 },
    );
    // Runs are long enough to build rooms up and act on them.
    expect(commands / runs).toBeGreaterThanOrEqual(30);
    for (const kind of ACTION_KINDS) {
      const count = coverage.actions.get(kind) ?? { accepted: 0, rejected: 0 };
      expect(count.accepted + count.rejected, `${kind} never ran`).toBeGreaterThan(0);
      if (!NEVER_REFUSED.has(kind)) expect(count.rejected, `${kind} never refused`).toBeGreaterThan(0);
    }
    const accepted = [...coverage.actions.values()].reduce((n, c) => n + c.accepted, 0);
    const rejected = [...coverage.actions.values()].reduce((n, c) => n + c.rejected, 0);
    expect(accepted).toBeGreaterThan(commands / 4);
    expect(rejected).toBeGreaterThan(commands / 4);
  });
});
