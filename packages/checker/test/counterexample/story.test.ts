import { describe, expect, it } from "vitest";
import { storyOf } from "../../src/index.ts";
import { exampleRun } from "./support.ts";

describe("storyOf", () => {
  it("numbers every step and says who did what on which server, with each verdict", () => {
    const run = exampleRun("forged.json");
    const story = storyOf(run);
    const lines = story.split("\n");
    expect(lines[0]).toBe(`No invariant breaks in these ${run.steps.length} step(s).`);
    expect(lines[1]).toBe(`Profile lm-i1, instant delivery, ${run.steps.length} step(s).`);
    expect(story).toContain(
      "   1. @alice:a.example creates the group-chat !f:a.example at a.example, inviting @bob:b.example, @carol:b.example".replace(
        "@carol:b.example",
        "@carol:c.example",
      ),
    );
    expect(story).toContain(
      '   4. b.example (adversary) forges a limited m.room.encrypted event "from" @alice:a.example in !f:a.example (hub a.example) and sends it to the hub',
    );
    expect(story).toMatch(
      /→ rejected by receive\.signatures \[OQ-EVENT-6, SIG-USER-1\]: the event is not signed by a\.example/u,
    );
    // A misbehaving hub: the follower's refusal and its finding are told at the step.
    expect(story).toMatch(/c\.example refuses #\d+ event from a\.example: auth\.auth-event-is-state/u);
    expect(story).toMatch(
      /finding: (b|c)\.example records that its hub sent \$\d+ of !f:a\.example, which auth\.auth-event-is-state refuses/u,
    );
  });

  it("names the broken invariant, its requirements, and the rooms before and after", () => {
    const story = storyOf(exampleRun("dm-race.json"));
    expect(story.split("\n")[0]).toBe(
      "Counterexample: invariant dm.unique-per-pair [CHAT-2] breaks at step 2 of 4.",
    );
    expect(story).toContain(
      "✗ invariant dm.unique-per-pair [CHAT-2] broken: !ab:a.example and !ba:b.example are both DMs",
    );
    expect(story).toMatch(
      /!ba:b\.example before:\n\s+!ba:b\.example: does not exist\n\s+!ba:b\.example after:\n\s+b\.example \(hub\): dm, \d+ event\(s\)/u,
    );
    expect(story).toContain("in flight: #1 invite a.example → b.example");
    expect(story).toContain("Expected by the trace: dm.unique-per-pair.");
  });

  it("tells network steps by the message they move", () => {
    const story = storyOf(exampleRun("network.json"));
    expect(story).toContain(
      "the network duplicates #2 submit b.example → a.example txn t1: m.room.member from @bob:b.example",
    );
    expect(story).toMatch(
      /b\.example restarts, losing [1-9] pending transaction\(s\) and \d+ buffered event\(s\)/u,
    );
    expect(story).toContain("the network delivers #99 (not in flight)");
    expect(story).toContain("→ rejected by network.message-in-flight [HUB-2]: no message #99 is in flight");
  });

  it("reports a failure the run does not show, at its step, and can list every effect", () => {
    const run = exampleRun("dm.json");
    const story = storyOf(run, {
      failure: {
        step: 2,
        check: "model.example",
        requirements: ["CHAT-1"],
        message: "something the checker saw",
      },
      effects: true,
      context: false,
    });
    expect(story.split("\n")[0]).toBe(
      `Counterexample: model.example [CHAT-1] fails at step 2 of ${run.steps.length}.`,
    );
    expect(story).toContain("✗ model.example [CHAT-1] broken: something the checker saw");
    expect(story).toMatch(/· a\.example appended \$\d+/u);
    expect(story).not.toContain(" before:");
  });

  it("flags steps whose verdict differs from the trace's expectation", () => {
    const run = exampleRun("dm.json");
    const flipped = {
      ...run,
      steps: run.steps.map((s, i) =>
        i === 0 ? { ...s, ok: false, expected: { rejected: "dm.no-add" } } : s,
      ),
    };
    const story = storyOf(flipped);
    expect(story.split("\n")[0]).toBe(
      `Counterexample: step 1 of ${run.steps.length} gets an unexpected verdict.`,
    );
    expect(story).toContain("MISMATCH: the trace expects rejection by dm.no-add");
  });
});
