/**
 * `pnpm gen [--check]`: regenerates every generated file from `spec/` and `models/`, or with
 * `--check` fails (exit 1) when a committed generated file is stale or missing.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GenerationError, projectTargets, runGeneration } from "@mimi-spec/codegen";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");

try {
  const outcomes = runGeneration(root, projectTargets, { check });
  for (const o of outcomes) console.log(`${o.status.padEnd(9)} ${o.output}`);
  const bad = outcomes.filter((o) => o.status === "stale" || o.status === "missing");
  if (bad.length > 0) {
    console.error(`\n${bad.length} generated file(s) out of date: run \`pnpm gen\` and commit the result.`);
    process.exit(1);
  }
} catch (e) {
  if (!(e instanceof GenerationError)) throw e;
  console.error(`generation failed:\n${e.message}`);
  process.exit(2);
}
