/**
 * `pnpm bench [--quick] [--only GROUP[,GROUP…]]`: runs the benchmark groups one after another in
 * one process and prints their markdown reports; each group also writes `reports/bench-<group>.json`.
 *
 * Benchmarks are not tests: nothing here fails on a slow result. The exit code is non-zero only
 * when the suite itself cannot run (or `--only` names an unknown group).
 *
 * @module
 */

import { grammarBench } from "./grammar.ts";
import type { BenchGroup } from "./group.ts";

/** Every group, in the order they run. Add a group by adding its module here. */
const GROUPS: ReadonlyArray<BenchGroup> = [
  { name: "grammar", summary: "ABNF matchers vs Peggy, apg-lite, apg-js and RegExps", run: grammarBench },
];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex === -1 ? undefined : (args[onlyIndex + 1] ?? "").split(",").filter((s) => s !== "");
const unknown = (only ?? []).filter((name) => !GROUPS.some((g) => g.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown group ${unknown.join(", ")}; groups: ${GROUPS.map((g) => g.name).join(", ")}\n`,
  );
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`${line}\n`);
for (const group of GROUPS) {
  if (only !== undefined && !only.includes(group.name)) continue;
  log(`== ${group.name}: ${group.summary}`);
  process.stdout.write(`${await group.run({ quick, log })}\n\n`);
}
