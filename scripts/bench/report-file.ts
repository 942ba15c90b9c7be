/**
 * What every benchmark group records about the run the same way: the machine it ran on, and the
 * JSON report file under `reports/`.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { ROOT } from "./grammar-texts.ts";

/** The CPU model the run measured on. */
export function cpuModel(): string {
  return cpus()[0]?.model ?? "unknown CPU";
}

/** The first line of every group's markdown: Node, CPU, cores, quick or full, duration. */
export function runLine(quick: boolean, seconds: number): string {
  return `Node ${process.version} on ${cpuModel()} (${cpus().length} cores); ${quick ? "**--quick** (smoke run, numbers not meaningful)" : "full run"}; took ${seconds.toFixed(1)} s.`;
}

/**
 * Writes `reports/bench-<group>.json`: the run's environment (time, Node, CPU, cores) followed by
 * the group's own `fields`. Logs and returns the path.
 */
export function writeBenchReport(
  group: string,
  fields: Readonly<Record<string, unknown>>,
  log: (line: string) => void,
): string {
  const reports = join(ROOT, "reports");
  mkdirSync(reports, { recursive: true });
  const path = join(reports, `bench-${group}.json`);
  const environment = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: cpuModel(),
    cores: cpus().length,
  };
  writeFileSync(path, `${JSON.stringify({ ...environment, ...fields }, null, 2)}\n`);
  log(`wrote ${path}`);
  return path;
}
