import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUARD_IDS, type GuardId, parseTrace, runTrace, type Trace } from "../../src/index.ts";

const tracesDir = join(import.meta.dirname, "..", "..", "..", "..", "models", "traces");
const files = readdirSync(tracesDir).filter((f) => f.endsWith(".json"));

function load(file: string): Trace {
  const parsed = parseTrace(readFileSync(join(tracesDir, file), "utf8"));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  return parsed.trace;
}

describe("the shipped traces", () => {
  it.each(files)("%s holds every expectation", (file) => {
    const result = runTrace(load(file));
    if (!result.ok) throw new Error(result.message);
    const failed = result.run.steps.filter((s) => !s.ok).map((s) => ({ step: s.step, verdict: s.verdict }));
    expect(failed).toEqual([]);
    expect(result.run.unexpectedViolations).toEqual([]);
    expect(result.run.missingViolations).toEqual([]);
    expect(result.run.ok).toBe(true);
  });

  it("cover every chat type", () => {
    const created = new Set(
      files.flatMap((f) =>
        load(f).steps.flatMap((s) => (s.action.kind === "create-room" ? [s.action.chatType] : [])),
      ),
    );
    expect([...created].sort()).toEqual(["dm", "group-chat", "group-dm", "public-chat"]);
  });

  it("together show every guard accepting and refusing at least once", () => {
    const seen = new Map<GuardId, Set<string>>();
    for (const file of files) {
      const result = runTrace(load(file), {
        observe: (guard, outcome) => {
          const set = seen.get(guard) ?? new Set<string>();
          set.add(outcome);
          seen.set(guard, set);
        },
      });
      expect(result.ok).toBe(true);
    }
    const missing = GUARD_IDS.flatMap((g) =>
      ["pass", "reject"]
        .filter((o) => !seen.get(g)?.has(o))
        .map((o) => `${g} never ${o === "pass" ? "accepts" : "refuses"}`),
    );
    expect(missing).toEqual([]);
  });

  it("fill every reason placeholder they show", () => {
    for (const file of files) {
      const result = runTrace(load(file));
      if (!result.ok) continue;
      for (const s of result.run.steps)
        if (!s.verdict.accepted)
          expect(s.verdict.reason, `${file} step ${s.step}`).not.toMatch(/\{|\(unknown\)/);
    }
  });
});

describe("runTrace", () => {
  const base = {
    description: "t",
    steps: [
      {
        action: {
          kind: "create-room",
          user: "@alice:a.example",
          room: "!r:a.example",
          chatType: "group-chat",
        },
        expect: { rejected: "create.room-id-unused" },
      },
    ],
  };

  it("reports a verdict that differs from the expectation", () => {
    const parsed = parseTrace(JSON.stringify(base));
    if (!parsed.ok) throw new Error("unparsable");
    const result = runTrace(parsed.trace);
    expect(result.ok && result.run.ok).toBe(false);
    expect(result.ok && result.run.steps[0]?.ok).toBe(false);
  });

  it("reports an expected invariant violation that never happens", () => {
    const parsed = parseTrace(
      JSON.stringify({ ...base, steps: [], expectViolations: ["dm.unique-per-pair"] }),
    );
    if (!parsed.ok) throw new Error("unparsable");
    const result = runTrace(parsed.trace);
    expect(result.ok && result.run.missingViolations).toEqual(["dm.unique-per-pair"]);
  });

  it("refuses an unknown profile or option before running", () => {
    const parsed = parseTrace(JSON.stringify({ ...base, options: { "auth.kick-target": "nobody" } }));
    if (!parsed.ok) throw new Error("unparsable");
    expect(runTrace(parsed.trace)).toMatchObject({
      ok: false,
      message: expect.stringContaining("auth.kick-target"),
    });
    expect(runTrace(parsed.trace, { profile: "nope" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("nope"),
    });
  });

  it("runs a trace under another profile when told to", () => {
    const trace = load("profile-matrix-v11.json");
    const result = runTrace(trace, { profile: "lm-i1" });
    expect(result.ok && result.run.profile).toBe("lm-i1");
    // lm-i1 accepts only the room version it implements, so the trace's first step now fails.
    expect(result.ok && result.run.steps[0]?.verdict).toMatchObject({
      accepted: false,
      guard: "create.room-version",
    });
    expect(result.ok && result.run.ok).toBe(false);
  });
});

describe("parseTrace", () => {
  it.each([
    ["not JSON", "{", "$"],
    [
      "an unknown action kind",
      JSON.stringify({ description: "d", steps: [{ action: { kind: "dance" } }] }),
      "$.steps[0].action.kind",
    ],
    [
      "a bad user ID",
      JSON.stringify({
        description: "d",
        steps: [{ action: { kind: "join", user: "@Bob:b.example", room: "!r:a.example" } }],
      }),
      "$.steps[0].action.user",
    ],
    [
      "an unknown guard",
      JSON.stringify({
        description: "d",
        steps: [{ action: { kind: "flush" }, expect: { rejected: "no.such-guard" } }],
      }),
      "$.steps[0].expect.rejected",
    ],
    [
      "a misspelt field",
      JSON.stringify({ description: "d", steps: [{ action: { kind: "flush", extra: 1 } }] }),
      "$.steps[0].action.extra",
    ],
    [
      "an unknown invariant",
      JSON.stringify({ description: "d", steps: [], expectViolations: ["x.y"] }),
      "$.expectViolations[0]",
    ],
  ])("points at %s", (_label, text, path) => {
    const parsed = parseTrace(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toContain(path);
  });
});
