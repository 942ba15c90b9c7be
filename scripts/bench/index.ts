/**
 * `pnpm bench [--quick] [--only GROUP[,GROUP…]]`: runs the benchmark groups one after another in
 * one process and prints their markdown reports; each group also writes `reports/bench-<group>.json`.
 *
 * Benchmarks are not tests: nothing here fails on a slow result. The exit code is non-zero only
 * when the suite itself cannot run (or `--only` names an unknown group).
 *
 * @module
 */

import { checkerExhaustiveBench } from "./checker-exhaustive.ts";
import { checkerRandomBench } from "./checker-random.ts";
import { draftsBench } from "./drafts.ts";
import { grammarBench } from "./grammar.ts";
import type { BenchGroup } from "./group.ts";
import { machineBench } from "./machine.ts";
import { schemaBench } from "./schema.ts";

/** Every group, in the order they run. Add a group by adding its module here. */
const GROUPS: ReadonlyArray<BenchGroup> = [
  { name: "grammar", summary: "ABNF matchers vs Peggy, apg-lite, apg-js and RegExps", run: grammarBench },
  {
    name: "checker-random",
    summary: "random-mode model checking vs the bare machine and the machine with invariants",
    run: checkerRandomBench,
  },
  {
    name: "machine",
    summary: "reference machine: auth + state and hub path vs a history-replaying hub",
    run: machineBench,
  },
  {
    name: "checker-exhaustive",
    summary: "bounded exhaustive exploration: distinct states/s vs no symmetry reduction and raw steps",
    run: checkerExhaustiveBench,
  },
  {
    name: "drafts",
    summary: "mimi check on a 100-page draft vs extraction and grammar check alone",
    run: draftsBench,
  },
  {
    name: "schema",
    summary: "decoding fully-formed events: Effect schemas vs ajv on the exported JSON Schema",
    run: schemaBench,
  },
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
