/**
 * Lookups over the registry. Each takes the registry as an optional last argument (the real one by
 * default), so that tools and tests can query a modified copy.
 * @module
 */
import type { CheckKind } from "./check.ts";
import type { RequirementEntry } from "./entry.ts";
import { REQUIREMENTS } from "./registry.ts";
import type { RequirementKind, RequirementSource } from "./vocabulary.ts";

/** The entry with this id, or `undefined` when there is none. */
export const requirementById = (
  id: string,
  registry: ReadonlyArray<RequirementEntry> = REQUIREMENTS,
): RequirementEntry | undefined => registry.find((entry) => entry.id === id);

/** Every entry from one source document, in registry order. */
export const requirementsBySource = (
  source: RequirementSource,
  registry: ReadonlyArray<RequirementEntry> = REQUIREMENTS,
): ReadonlyArray<RequirementEntry> => registry.filter((entry) => entry.source === source);

/** Every entry of one kind, in registry order. */
export const requirementsByKind = (
  kind: RequirementKind,
  registry: ReadonlyArray<RequirementEntry> = REQUIREMENTS,
): ReadonlyArray<RequirementEntry> => registry.filter((entry) => entry.kind === kind);

/** Entry counts per source, per kind and per check kind (only non-zero counts appear). */
export interface RegistrySummary {
  /** Number of entries. */
  readonly total: number;
  /** Entries per source document. */
  readonly bySource: Readonly<Partial<Record<RequirementSource, number>>>;
  /** Entries per kind. */
  readonly byKind: Readonly<Partial<Record<RequirementKind, number>>>;
  /** Entries per check kind: how much is enforced today versus planned or unchecked. */
  readonly byCheck: Readonly<Partial<Record<CheckKind, number>>>;
}

/** Counts the registry's entries per source, kind and check kind. */
export const summarizeRegistry = (
  registry: ReadonlyArray<RequirementEntry> = REQUIREMENTS,
): RegistrySummary => {
  const bySource: Partial<Record<RequirementSource, number>> = {};
  const byKind: Partial<Record<RequirementKind, number>> = {};
  const byCheck: Partial<Record<CheckKind, number>> = {};
  for (const entry of registry) {
    bySource[entry.source] = (bySource[entry.source] ?? 0) + 1;
    byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
    byCheck[entry.check.kind] = (byCheck[entry.check.kind] ?? 0) + 1;
  }
  return { total: registry.length, bySource, byKind, byCheck };
};
