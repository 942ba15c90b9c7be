/**
 * `pnpm start`: the main job on the embedded reference spec. It regenerates code from `spec/`,
 * validates the sample identifiers in `spec/samples/`, checks the reference draft in `spec/` with
 * `mimi check`, and builds the documentation site, printing what each step did.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Io, main, processIo } from "@mimi-spec/cli";
import { projectTargets, runGeneration } from "@mimi-spec/codegen";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const io: Io = { ...processIo(), cwd: root };

console.log("1. Generate parsers from spec/ (pnpm gen)");
for (const o of runGeneration(root, projectTargets, { check: false }))
  console.log(`   ${o.status.padEnd(9)} ${o.output}`);

const samples: ReadonlyArray<[schema: string, file: string, expectInvalid: boolean]> = [
  ["UserId", "spec/samples/user-ids.valid.jsonl", false],
  ["UserId", "spec/samples/user-ids.invalid.jsonl", true],
  ["RoomId", "spec/samples/room-ids.valid.jsonl", false],
];
let failed = false;
for (const [schema, file, expectInvalid] of samples) {
  console.log(`\n2. mimi validate --schema ${schema} ${file}`);
  const status = await main(["validate", "--schema", schema, file], io);
  // The invalid samples must all be rejected (exit 1); the valid ones accepted (exit 0).
  if (status !== (expectInvalid ? 1 : 0)) {
    console.error(`   unexpected exit status ${status} for ${file}`);
    failed = true;
  }
}

// The project's own reference draft must check clean; show the summary line, the report on failure.
const draft = "spec/draft-mimi-spec-reference.md";
console.log(`\n3. mimi check ${draft}`);
let report = "";
const checked = await main(["check", draft], {
  ...io,
  out: (text) => {
    report += text;
  },
});
console.log(`   ${report.trim().split("\n").at(-1)}`);
if (checked !== 0) {
  console.error(report);
  failed = true;
}

console.log("\n4. mimi docs");
if ((await main(["docs"], io)) !== 0) failed = true;

process.exitCode = failed ? 1 : 0;
