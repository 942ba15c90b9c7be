import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseTrace, runTrace } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import { CheckFailure, counterexampleTrace, saveTrace, traceJson } from "../../src/index.ts";

const steps = [
  {
    action: {
      kind: "create-room" as const,
      user: "@alice:a.example" as never,
      room: "!r1:a.example" as never,
      chatType: "group-chat" as const,
    },
    verdict: { accepted: true as const },
  },
  {
    action: { kind: "join" as const, user: "@bob:b.example" as never, room: "!r1:a.example" as never },
    verdict: { accepted: true as const },
  },
];

describe("counterexample traces", () => {
  it("expects each observed verdict, and the failing step's correct verdict when the failure knows it", () => {
    const failure = new CheckFailure("oracle", "model.verdict", ["SIG-POLICY-3"], "bob joined uninvited", {
      rejected: "membership.join.rule",
    });
    const trace = counterexampleTrace({ profile: "lm-i1", delivery: "instant" }, steps, failure, {
      seed: 7,
      path: "3:1",
    });
    expect(trace.steps.map((s) => s.expect)).toEqual(["accepted", { rejected: "membership.join.rule" }]);
    expect(trace.steps[1]?.note).toContain("oracle model.verdict fails here");
    expect(trace.description).toContain("seed 7, path 3:1");
    // On the real machine bob's uninvited join is refused, so the trace passes: it pins the bug.
    const parsed = parseTrace(traceJson(trace, { seed: 7, path: "3:1" }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const run = runTrace(parsed.trace);
    expect(run.ok && run.run.ok).toBe(true);
  });

  it("an invariant failure keeps the observed verdicts, so a replay reports the violation", () => {
    const failure = new CheckFailure("invariant", "history.linear", ["SIG-ROOM-2"], "forked");
    const trace = counterexampleTrace(
      {
        profile: "lm-i1",
        options: { "auth.preemptive-ban": "forbid" },
        delivery: "network",
        expectViolations: ["group-dm.leave"],
      },
      steps.slice(0, 1),
      failure,
    );
    expect(trace).toMatchObject({
      profile: "lm-i1",
      options: { "auth.preemptive-ban": "forbid" },
      delivery: "network",
      expectViolations: ["group-dm.leave"],
    });
    expect(trace.steps[0]?.expect).toBe("accepted");
  });

  it("saves JSON that mimi model run reads, with how to repeat the search", () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-cx-"));
    const file = join(dir, "nested", "cx.json");
    const failure = new CheckFailure("invariant", "history.linear", [], "x");
    const trace = counterexampleTrace(
      { profile: "pol-00", options: { "auth.kick-target": "joined-only" }, delivery: "instant" },
      steps,
      failure,
    );
    saveTrace(trace, file, { seed: 42, path: "0:1" });
    const text = readFileSync(file, "utf8");
    const json = JSON.parse(text);
    expect(json.$comment).toBe(
      "Replay: mimi model run THIS_FILE. Repeat the search: mimi model check --profile pol-00 --option auth.kick-target=joined-only --seed 42 --path 0:1",
    );
    expect(parseTrace(text).ok).toBe(true);
  });
});
