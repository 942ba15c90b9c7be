import { REQUIREMENTS, requirementById, validateRegistry } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { createRoomGuards, invariants } from "../src/index.ts";

const guardIds = new Set(createRoomGuards.map((g) => g.id));
const invariantIds = new Set(invariants.map((i) => i.id));

describe("the machine and the requirements registry agree", () => {
  it("every guard and invariant cites requirements that exist", () => {
    for (const check of [...createRoomGuards, ...invariants]) {
      for (const id of check.requirements)
        expect(requirementById(id), `${check.id} cites ${id}`).toBeDefined();
    }
  });

  it("every guard or invariant the registry cites exists, and none is still marked planned", () => {
    const report = validateRegistry(REQUIREMENTS, {
      machineCheckExists: (kind, name) => (kind === "guard" ? guardIds.has(name) : invariantIds.has(name)),
    });
    expect(report.problems).toEqual([]);
  });
});
