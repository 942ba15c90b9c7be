import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeTrace,
  GUARD_IDS,
  type GuardId,
  meets,
  parseTrace,
  runTrace,
  type Trace,
  type Verdict,
} from "../../src/index.ts";

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
    expect(result.ok && result.run.unexpectedViolations).toEqual([]);
    expect(result.ok && result.run.ok).toBe(false);
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

/** Decodes an inline trace (a problem fails the test). */
function inline(value: unknown): Trace {
  const decoded = decodeTrace(value);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
  return decoded.trace;
}

/** Runs an inline trace (a profile that does not resolve fails the test). */
function run(value: unknown) {
  const result = runTrace(inline(value));
  if (!result.ok) throw new Error(result.message);
  return result.run;
}

const alice = "@alice:a.example";
const bob = "@bob:b.example";
const createDm = (user: string, room: string, invitee: string) => ({
  kind: "create-room",
  user,
  room,
  chatType: "dm",
  invite: [invitee],
});

/** The CHAT-2 race: two DMs for one pair while neither invite has arrived, then a third refused. */
const dmRace = {
  description: "race",
  options: { "chat.dm-creation": "any-member" },
  delivery: "network",
  steps: [
    { action: createDm(alice, "!ab:a.example", bob), expect: "accepted" },
    { action: createDm(bob, "!ba:b.example", alice) },
    { action: { kind: "flush" }, expect: "accepted" },
    { action: createDm(bob, "!ba2:b.example", alice), expect: { rejected: "dm.unique" } },
  ],
};
const raceMessage = "!ab:a.example and !ba:b.example are both DMs between @alice:a.example, @bob:b.example";

describe("runTrace: invariants", () => {
  it("records each violated invariant once, at the first step that violates it", () => {
    const result = run({ ...dmRace, expectViolations: ["dm.unique-per-pair"] });
    expect(result.ok).toBe(true);
    expect(result.violated).toStrictEqual({ "dm.unique-per-pair": { step: 2, message: raceMessage } });
    expect(result.steps.map((s) => [s.step, s.ok, s.newViolations])).toStrictEqual([
      [1, true, []],
      [2, true, [{ invariant: "dm.unique-per-pair", message: raceMessage }]],
      [3, true, []],
      [4, true, []],
    ]);
    expect(result.unexpectedViolations).toStrictEqual([]);
    expect(result.missingViolations).toStrictEqual([]);
  });

  it("fails on a violation the trace does not expect, though every step holds", () => {
    const result = run(dmRace);
    expect(result.steps.every((s) => s.ok)).toBe(true);
    expect(result.unexpectedViolations).toStrictEqual(["dm.unique-per-pair"]);
    expect(result.missingViolations).toStrictEqual([]);
    expect(result.ok).toBe(false);
  });
});

describe("runTrace: steps", () => {
  it("keeps each step's expectation, and a step without one holds whatever its verdict", () => {
    const [first, second, , fourth] = run(dmRace).steps;
    expect(first?.expected).toBe("accepted");
    expect(second === undefined ? "missing" : "expected" in second).toBe(false);
    expect(second?.verdict).toStrictEqual({ accepted: true });
    expect(fourth?.expected).toStrictEqual({ rejected: "dm.unique" });
    expect(fourth?.verdict).toMatchObject({ accepted: false, guard: "dm.unique" });

    const refused = run({
      description: "d",
      steps: [
        { action: createDm(alice, "!ab:a.example", bob) },
        { action: createDm(alice, "!ab:a.example", bob) },
      ],
    });
    expect(refused.steps[1]?.verdict).toMatchObject({ accepted: false, guard: "create.room-id-unused" });
    expect(refused.steps.map((s) => s.ok)).toEqual([true, true]);
    expect(refused.ok).toBe(true);
  });

  it("fails when one step of several misses its expectation", () => {
    const result = run({
      description: "d",
      steps: [
        { action: createDm(alice, "!ab:a.example", bob), expect: "accepted" },
        { action: createDm(alice, "!ab:a.example", bob), expect: "accepted" },
      ],
    });
    expect(result.steps.map((s) => s.ok)).toEqual([true, false]);
    expect(result.ok).toBe(false);
  });

  it("tells a refusal by the expected guard from a refusal by another", () => {
    const twice = (rejected: string) =>
      run({
        description: "d",
        steps: [
          { action: createDm(alice, "!ab:a.example", bob), expect: "accepted" },
          { action: createDm(alice, "!ab:a.example", bob), expect: { rejected } },
        ],
      });
    expect(twice("create.room-id-unused").ok).toBe(true);
    const other = twice("dm.unique");
    expect(other.steps[1]?.ok).toBe(false);
    expect(other.ok).toBe(false);
  });

  it("explains what each step did", () => {
    const result = run({ description: "d", steps: [{ action: createDm(alice, "!ab:a.example", bob) }] });
    expect(result.steps[0]?.effects).toStrictEqual([
      "a.example created !ab:a.example (dm) as its hub",
      "a.example appended $2 (m.room.member) at position 1 of !ab:a.example",
      "a.example appended $3 (m.room.join_rules) at position 2 of !ab:a.example",
      "a.example appended $4 (m.room.member) at position 3 of !ab:a.example",
      "sent #1 invite a.example → b.example",
      "b.example recorded the invite of @bob:b.example to !ab:a.example",
      "delivered #1 invite a.example → b.example @bob:b.example to !ab:a.example: accepted",
    ]);
  });

  it("numbers events by counter unless the trace asks for reference hashes", () => {
    const counted = run({ description: "d", steps: [{ action: createDm(alice, "!ab:a.example", bob) }] });
    expect(counted.world.config.eventIds).toBe("counter");
    expect(counted.final.rooms[0]?.head).toBe("$4");
    const hashed = run({
      description: "d",
      eventIds: "reference-hash",
      steps: [{ action: createDm(alice, "!ab:a.example", bob) }],
    });
    expect(hashed.world.config.eventIds).toBe("reference-hash");
    expect(hashed.final.rooms[0]?.head).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
  });
});

describe("meets", () => {
  const accepted: Verdict = { accepted: true };
  const refusedBy = (guard: string): Verdict => ({ accepted: false, guard, requirements: [], reason: "r" });

  it("holds for any verdict when nothing is expected", () => {
    expect(meets(accepted, undefined)).toBe(true);
    expect(meets(refusedBy("dm.no-add"), undefined)).toBe(true);
  });

  it("wants an acceptance when acceptance is expected", () => {
    expect(meets(accepted, "accepted")).toBe(true);
    expect(meets(refusedBy("dm.no-add"), "accepted")).toBe(false);
  });

  it("wants a refusal by exactly the expected guard", () => {
    expect(meets(refusedBy("dm.no-add"), { rejected: "dm.no-add" })).toBe(true);
    expect(meets(refusedBy("dm.unique"), { rejected: "dm.no-add" })).toBe(false);
    expect(meets(accepted, { rejected: "dm.no-add" })).toBe(false);
  });
});
