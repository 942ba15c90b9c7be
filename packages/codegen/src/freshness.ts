/**
 * Writes generated files, or checks that the committed ones are what the generator would write
 * now. Stale generated code is a build failure, never a silent drift.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GenerationTarget } from "./targets.ts";

/** What happened to one target. */
export interface TargetOutcome {
  readonly output: string;
  readonly status: "written" | "unchanged" | "stale" | "missing";
}

/**
 * Generates every target. With `check`, writes nothing and reports each target whose file is
 * missing or differs; otherwise writes the files that changed.
 */
export function runGeneration(
  root: string,
  targets: ReadonlyArray<GenerationTarget>,
  options: { readonly check: boolean },
): TargetOutcome[] {
  return targets.map((target) => {
    const path = join(root, target.output);
    const text = target.generate(root);
    const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (current === text) return { output: target.output, status: "unchanged" };
    if (options.check) return { output: target.output, status: current === undefined ? "missing" : "stale" };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return { output: target.output, status: "written" };
  });
}
