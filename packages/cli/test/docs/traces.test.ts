import { describe, expect, it } from "vitest";
import { indexTraceEvidence, readSavedTraces } from "../../src/docs/traces.ts";

const repo = new URL("../../../../", import.meta.url).pathname;

describe("saved traces", () => {
  it("reads and decodes every trace of models/traces", () => {
    const traces = readSavedTraces(repo);
    expect(traces.length).toBeGreaterThan(5);
    expect(traces.map((t) => t.path)).toContain("models/traces/dm-race.json");
  });

  it("indexes expected refusals, expected violations and the ids a trace names", () => {
    const index = indexTraceEvidence([
      {
        path: "models/traces/x.json",
        trace: {
          description: "shows CHAT-2",
          expectViolations: ["dm.unique-per-pair"],
          steps: [{ action: { kind: "flush" }, expect: { rejected: "dm.unique" }, note: "see CHAT-4" }],
        },
      },
    ]);
    expect(index.get("dm.unique")).toEqual([
      { path: "models/traces/x.json", why: "step 1 expects a refusal by dm.unique" },
    ]);
    expect(index.get("dm.unique-per-pair")?.[0]?.why).toBe("expects dm.unique-per-pair to break");
    expect(index.get("CHAT-2")?.[0]?.why).toBe("its description names CHAT-2");
    expect(index.get("CHAT-4")?.[0]?.why).toBe("step 1's note names CHAT-4");
  });
});
