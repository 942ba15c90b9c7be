/**
 * The reference implementation behind the conformance protocol, as a process: reads requests
 * from standard input, one JSON object per line, and writes each answer as one line to standard
 * output. Run it with `pnpm exec tsx packages/cli/src/conformance/reference-adapter.ts`, e.g.
 * `mimi conformance --impl "pnpm exec tsx packages/cli/src/conformance/reference-adapter.ts"`.
 *
 * @module
 */
import { createInterface } from "node:readline";
import { answerLine } from "./reference-answers.ts";

const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  if (line.trim() === "") continue;
  const answer = answerLine(line);
  if (answer === undefined) break;
  process.stdout.write(`${answer}\n`);
}
lines.close();
