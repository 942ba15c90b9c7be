import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RequirementEntry } from "../../src/requirements/entry.ts";
import { REQUIREMENTS } from "../../src/requirements/registry.ts";
import { REQUIRED_MACHINE_IDS, SEED_REQUIREMENT_IDS } from "../../src/requirements/required.ts";
import { type RegistryProblemCode, validateRegistry } from "../../src/requirements/validate.ts";
import { schemasByName } from "../../src/schemas.ts";

/** A deep, mutable copy of the real registry, for mutation tests. */
type MutableEntry = { -readonly [K in keyof RequirementEntry]: unknown } & Record<string, unknown>;
const copy = (): MutableEntry[] => structuredClone(REQUIREMENTS) as unknown as MutableEntry[];
const indexOf = (registry: ReadonlyArray<MutableEntry>, id: string): number => {
  const index = registry.findIndex((entry) => entry.id === id);
  if (index < 0) throw new Error(`test setup: no entry ${id}`);
  return index;
};
const entry = (registry: MutableEntry[], id: string): MutableEntry => registry[indexOf(registry, id)]!;
const codes = (registry: unknown, options = {}): RegistryProblemCode[] =>
  validateRegistry(registry, options).problems.map((problem) => problem.code);

describe("validateRegistry on the real registry", () => {
  it("accepts it, also with resolvers that know every cited name", () => {
    const report = validateRegistry(REQUIREMENTS, {
      schemaExists: (name) => Object.hasOwn(schemasByName, name),
      grammarRuleExists: () => true,
    });
    expect(report).toEqual({ ok: true, problems: [] });
  });

  it("accepts a copy (the mutation tests below start from a passing registry)", () => {
    expect(validateRegistry(copy()).ok).toBe(true);
  });
});

describe("validateRegistry fails on a mutated copy", () => {
  it("when a seed requirement is missing", () => {
    const registry = copy();
    registry.splice(indexOf(registry, "CHAT-7"), 1);
    const report = validateRegistry(registry);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      code: "missing-required-id",
      id: "CHAT-7",
      message: "required id CHAT-7 has no entry",
    });
  });

  it("when any single seed requirement is removed: that id is missing, and only references to it dangle", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_REQUIREMENT_IDS), (id) => {
        const registry = copy().filter((e) => e.id !== id);
        const referrers = registry
          .filter((e) => (e.related as string[] | undefined)?.includes(id))
          .map((e) => e.id);
        const report = validateRegistry(registry);
        expect(report.problems.map((p) => [p.code, p.id])).toEqual([
          ...referrers.map((referrer) => ["dangling-related", referrer]),
          ["missing-required-id", id],
        ]);
      }),
      { numRuns: SEED_REQUIREMENT_IDS.length * 2 },
    );
  });

  it("when any entry the machine relies on is removed", () => {
    for (const id of REQUIRED_MACHINE_IDS) {
      const registry = copy().filter((e) => e.id !== id);
      expect(
        validateRegistry(registry).problems.filter((p) => p.code === "missing-required-id"),
        id,
      ).toEqual([{ code: "missing-required-id", id, message: `required id ${id} has no entry` }]);
    }
  });

  it("when an entry has no check at all", () => {
    const registry = copy();
    delete entry(registry, "CHAT-9").check;
    const report = validateRegistry(registry);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: "missing-check", id: "CHAT-9" });
    expect(report.problems[0]?.message).toContain("CHAT-9");
    expect(report.problems[0]?.message).toContain('{ kind: "none", why }');
  });

  it("when any entry is left unchecked with a blank reason", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: REQUIREMENTS.length - 1 }),
        fc.constantFrom("none", "planned"),
        fc.constantFrom("", " ", "\t", "   "),
        (index, kind, why) => {
          const registry = copy();
          registry[index]!.check = { kind, by: "guard", name: "a.b", why };
          const report = validateRegistry(registry);
          expect(report.problems).toEqual([
            expect.objectContaining({ code: "unchecked-without-reason", index, id: REQUIREMENTS[index]!.id }),
          ]);
        },
      ),
    );
  });

  it("when a none check has no why field", () => {
    const registry = copy();
    entry(registry, "ID-4").check = { kind: "none" };
    expect(codes(registry)).toEqual(["unchecked-without-reason"]);
  });

  it("when an id is used twice", () => {
    const registry = copy();
    registry.push(structuredClone(entry(registry, "HUB-1")));
    expect(codes(registry)).toEqual(["duplicate-id"]);
  });

  it("when an open question names no profile option", () => {
    const registry = copy();
    delete entry(registry, "OQ-AUTH-1").profileOption;
    expect(codes(registry)).toEqual(["open-question-without-option", "missing-required-option"]);
  });

  it("when a non-question carries a profile option", () => {
    const registry = copy();
    const option = structuredClone(entry(registry, "OQ-CHAT-1").profileOption) as { name: string };
    option.name = "chat.some-other-option";
    entry(registry, "CHAT-6").profileOption = option;
    expect(codes(registry)).toEqual(["option-on-non-question"]);
  });

  it("when two questions define the same option", () => {
    const registry = copy();
    entry(registry, "OQ-AUTH-2").profileOption = structuredClone(entry(registry, "OQ-AUTH-1").profileOption);
    const report = validateRegistry(registry);
    expect(report.problems.map((p) => p.code)).toEqual(["duplicate-option-name", "missing-required-option"]);
    expect(report.problems[0]?.message).toContain("OQ-AUTH-1, OQ-AUTH-2");
  });

  it("when a default is not one of the choices", () => {
    const registry = copy();
    (entry(registry, "OQ-AUTH-1").profileOption as { default: string }).default = "sometimes";
    const report = validateRegistry(registry);
    expect(report.problems.map((p) => p.code)).toEqual(["default-not-a-choice"]);
    expect(report.problems[0]?.message).toContain('"sometimes"');
  });

  it("when a choice value repeats", () => {
    const registry = copy();
    const option = entry(registry, "OQ-AUTH-1").profileOption as { choices: Array<{ value: string }> };
    option.choices[1]!.value = option.choices[0]!.value;
    expect(codes(registry)).toContain("duplicate-choice");
  });

  it.each([
    ["OQ-AUTH-2", "lm-text", "the default choice does not cite LM"],
    ["OQ-AUTH-1", "deviates-from-lm", "the default choice itself cites LM"],
    ["OQ-AUTH-1", "other-draft", "a choice cites LM"],
    ["OQ-CHAT-2", "other-draft", "the default choice cites no document"],
    ["OQ-CHAT-1", "project-choice", "the default choice cites a document"],
    ["OQ-CHAT-1", "deviates-from-lm", "no choice cites LM"],
  ])("when %s claims default basis %s", (id, basis, reason) => {
    const registry = copy();
    (entry(registry, id).profileOption as { defaultBasis: string }).defaultBasis = basis;
    const report = validateRegistry(registry);
    expect(report.problems.map((p) => p.code)).toEqual(["default-basis-mismatch"]);
    expect(report.problems[0]?.message).toContain(reason);
  });

  it("when a related id does not resolve, or points at itself", () => {
    const registry = copy();
    entry(registry, "CHAT-4").related = ["CHAT-99"];
    entry(registry, "CHAT-5").related = ["CHAT-5"];
    const report = validateRegistry(registry);
    expect(report.problems.map((p) => [p.code, p.id])).toEqual([
      ["dangling-related", "CHAT-4"],
      ["dangling-related", "CHAT-5"],
    ]);
  });

  it("when an entry breaks the entry schema, naming the entry and the field", () => {
    const registry = copy();
    entry(registry, "PRIV-1").level = "MUST PERHAPS";
    const report = validateRegistry(registry);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: "invalid-entry", id: "PRIV-1" });
    expect(report.problems[0]?.message).toContain('["level"]');
  });

  it("reports both a missing check and another bad field of the same entry, once each", () => {
    const registry = copy();
    delete entry(registry, "HUB-2").check;
    entry(registry, "HUB-2").statement = "";
    expect(codes(registry)).toEqual(["missing-check", "invalid-entry"]);
  });
});

describe("validateRegistry with resolvers", () => {
  it("reports a schema check citing a schema that does not exist", () => {
    const report = validateRegistry(REQUIREMENTS, {
      schemaExists: (name) => name !== "RoomId" && Object.hasOwn(schemasByName, name),
    });
    expect(report.problems.length).toBeGreaterThan(0);
    expect(new Set(report.problems.map((p) => p.code))).toEqual(new Set(["unknown-schema"]));
    expect(report.problems.every((p) => p.message.includes("RoomId"))).toBe(true);
  });

  it("reports a grammar rule the grammar file does not define", () => {
    const report = validateRegistry(REQUIREMENTS, { grammarRuleExists: (_file, rule) => rule !== "user_id" });
    expect(report.problems.map((p) => p.id).sort()).toEqual(["ID-2", "SIG-ID-10"]);
  });

  /** The guards and invariants the real registry cites as enforced today. */
  const enforcedMachineChecks = new Set(
    REQUIREMENTS.flatMap((e) =>
      e.check.kind === "guard" || e.check.kind === "invariant" ? [`${e.check.kind}:${e.check.name}`] : [],
    ),
  );

  it("reports a planned check whose target already exists (the registry is stale)", () => {
    // The real registry plans no guard any more; plan one on a copy.
    const registry = copy();
    entry(registry, "OQ-MGMT-8").check = { kind: "planned", by: "guard", name: "hub.authorize", why: "w" };
    // The real registry plans no schema any more either; plan one that exists on the copy.
    entry(registry, "OQ-ID-1").check = { kind: "planned", by: "schema", name: "StrictServerName", why: "w" };
    const report = validateRegistry(registry, {
      schemaExists: (name) => Object.hasOwn(schemasByName, name),
      // Every guard and invariant the registry already cites exists, plus one it still marks planned.
      machineCheckExists: (by, name) =>
        (by === "guard" && name === "hub.authorize") || enforcedMachineChecks.has(`${by}:${name}`),
    });
    expect(report.problems.map((p) => [p.code, p.id]).sort()).toEqual([
      ["planned-but-present", "OQ-ID-1"],
      ["planned-but-present", "OQ-MGMT-8"],
    ]);
  });

  it("reports an enforced guard that the machine does not have", () => {
    const registry = copy();
    entry(registry, "OQ-MGMT-8").check = { kind: "guard", name: "hub.authorize" };
    expect(codes(registry)).toEqual([]);
    expect(
      codes(registry, {
        machineCheckExists: (by: string, name: string) => enforcedMachineChecks.has(`${by}:${name}`),
      }),
    ).toEqual(["unknown-machine-check"]);
  });
});

describe("validateRegistry on malformed input", () => {
  it.each([
    ["null", null, "got null"],
    ["a string", "CHAT-1", "got string"],
    ["an object", { CHAT: 1 }, "got object"],
  ])("reports %s as not an array", (_label, input, got) => {
    const report = validateRegistry(input);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]?.code).toBe("not-an-array");
    expect(report.problems[0]?.message).toContain(got);
  });

  it("reports non-object entries by index", () => {
    const report = validateRegistry([null, 7, "x"], { requiredIds: [], requiredProfileOptions: [] });
    expect(report.problems.map((p) => [p.code, p.index])).toEqual([
      ["invalid-entry", 0],
      ["invalid-entry", 1],
      ["invalid-entry", 2],
    ]);
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const report = validateRegistry(input);
        expect(report.ok).toBe(false);
        expect(report.problems.length).toBeGreaterThan(0);
        for (const problem of report.problems) expect(problem.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it("never throws on arrays of entry-like garbage, and every problem names its entry", () => {
    const entryLike = fc.record(
      {
        id: fc.oneof(fc.constantFrom(...SEED_REQUIREMENT_IDS), fc.string()),
        check: fc.oneof(
          fc.constant(undefined),
          fc.anything(),
          fc.record({ kind: fc.string(), why: fc.string() }),
        ),
        kind: fc.oneof(fc.constant("open-question"), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(entryLike, { maxLength: 8 }), (input) => {
        const report = validateRegistry(input);
        expect(report.ok).toBe(false);
        for (const problem of report.problems) {
          if (problem.index !== undefined) expect(problem.message).toContain(`entry ${problem.index}`);
        }
      }),
    );
  });
});
