/**
 * The saved traces of `models/traces/`: read and decoded for the counterexample gallery, and
 * indexed by what they exercise (the guards their steps expect to refuse, the invariants they
 * expect to break, the requirement ids they mention) for the traceability pages. The trace tests
 * of the machine replay every one of them, so an expected refusal is tested evidence.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTrace, type Trace } from "@mimi-spec/machine";

/** A saved trace and its repository-relative path. */
export interface SavedTrace {
  /** `models/traces/<name>.json`. */
  readonly path: string;
  readonly trace: Trace;
}

/** Where saved traces live, relative to the repository root. */
export const TRACES_DIR = "models/traces";

/** Reads and decodes every saved trace, in file-name order; a trace that does not decode throws. */
export function readSavedTraces(root: string): SavedTrace[] {
  const dir = join(root, TRACES_DIR);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const path = `${TRACES_DIR}/${name}`;
      const decoded = parseTrace(readFileSync(join(dir, name), "utf8"));
      if (!decoded.ok) {
        const problems = decoded.problems.map((p) => `${p.path}: ${p.message}`).join("; ");
        throw new Error(`${path} is not a valid trace: ${problems}`);
      }
      return { path, trace: decoded.trace };
    });
}

/** Why a trace counts as evidence for a name. */
export interface TraceEvidence {
  readonly path: string;
  /** E.g. `step 4 expects a refusal by dm.no-add`. */
  readonly why: string;
}

const REQUIREMENT_ID = /(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[1-9][0-9]*(?![\w-])/g;

/**
 * What each trace exercises, by name: guard ids (a step expects a refusal by the guard),
 * invariant ids (the trace expects the violation) and requirement ids (named in its description
 * or a step's note).
 */
export function indexTraceEvidence(traces: ReadonlyArray<SavedTrace>): ReadonlyMap<string, TraceEvidence[]> {
  const index = new Map<string, TraceEvidence[]>();
  const add = (name: string, evidence: TraceEvidence): void => {
    const list = index.get(name) ?? [];
    if (!list.some((e) => e.path === evidence.path && e.why === evidence.why)) list.push(evidence);
    index.set(name, list);
  };
  for (const { path, trace } of traces) {
    trace.steps.forEach((step, i) => {
      if (typeof step.expect === "object")
        add(step.expect.rejected, {
          path,
          why: `step ${i + 1} expects a refusal by ${step.expect.rejected}`,
        });
      for (const m of (step.note ?? "").matchAll(REQUIREMENT_ID))
        add(m[0], { path, why: `step ${i + 1}'s note names ${m[0]}` });
    });
    for (const id of trace.expectViolations ?? []) add(id, { path, why: `expects ${id} to break` });
    for (const m of trace.description.matchAll(REQUIREMENT_ID))
      add(m[0], { path, why: `its description names ${m[0]}` });
  }
  return index;
}
