import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RequirementEntry } from "../../src/requirements/entry.ts";
import {
  requirementById,
  requirementsByKind,
  requirementsBySource,
  summarizeRegistry,
} from "../../src/requirements/query.ts";
import { REQUIREMENTS } from "../../src/requirements/registry.ts";
import { REQUIREMENT_KINDS, REQUIREMENT_SOURCES } from "../../src/requirements/vocabulary.ts";

/** Any sub-list of the real registry, in its order. */
const subRegistry = fc.subarray([...REQUIREMENTS]);

describe("requirementById", () => {
  it("finds an entry by its id", () => {
    expect(requirementById("CHAT-2")?.statement).toMatch(/DM/);
    expect(requirementById("SIG-CREATE-2")?.source).toBe("SIGNALING");
  });

  it("returns undefined for an unknown or malformed id", () => {
    expect(requirementById("CHAT-99")).toBeUndefined();
    expect(requirementById("")).toBeUndefined();
    expect(requirementById("chat-2")).toBeUndefined();
  });

  it("finds every entry of any registry by its own id", () => {
    fc.assert(
      fc.property(subRegistry, (registry) => {
        for (const entry of registry) expect(requirementById(entry.id, registry)).toBe(entry);
      }),
    );
  });
});

describe("requirementsBySource and requirementsByKind", () => {
  const partitions = <K extends string>(
    keys: ReadonlyArray<K>,
    select: (key: K, registry: ReadonlyArray<RequirementEntry>) => ReadonlyArray<RequirementEntry>,
    keyOf: (entry: RequirementEntry) => K,
  ) =>
    fc.property(subRegistry, (registry) => {
      const parts = keys.map((key) => select(key, registry));
      parts.forEach((part, i) => {
        for (const entry of part) expect(keyOf(entry)).toBe(keys[i]);
      });
      expect(parts.reduce((sum, part) => sum + part.length, 0)).toBe(registry.length);
    });

  it("split any registry into disjoint parts by source", () => {
    fc.assert(partitions(REQUIREMENT_SOURCES, requirementsBySource, (entry) => entry.source));
  });

  it("split any registry into disjoint parts by kind", () => {
    fc.assert(partitions(REQUIREMENT_KINDS, requirementsByKind, (entry) => entry.kind));
  });

  it("return the seed chat requirements under TRANSPORT and the open questions under open-question", () => {
    const transport = requirementsBySource("TRANSPORT").map((entry) => entry.id);
    expect(transport).toContain("CHAT-15");
    expect(transport).not.toContain("SIG-ROOM-1");
    const questions = requirementsByKind("open-question").map((entry) => entry.id);
    expect(questions).toContain("OQ-AUTH-1");
    expect(questions).not.toContain("CHAT-2");
  });
});

describe("summarizeRegistry", () => {
  it("counts agree with the query functions and add up to the total", () => {
    fc.assert(
      fc.property(subRegistry, (registry) => {
        const summary = summarizeRegistry(registry);
        expect(summary.total).toBe(registry.length);
        for (const source of REQUIREMENT_SOURCES) {
          expect(summary.bySource[source] ?? 0).toBe(requirementsBySource(source, registry).length);
        }
        for (const kind of REQUIREMENT_KINDS) {
          expect(summary.byKind[kind] ?? 0).toBe(requirementsByKind(kind, registry).length);
        }
        const checks = Object.values(summary.byCheck).reduce((sum, n) => sum + (n ?? 0), 0);
        expect(checks).toBe(registry.length);
      }),
    );
  });
});
