/**
 * `mimi conformance --impl "COMMAND"`: runs the conformance vectors against another
 * implementation through the line-based JSON protocol of spec/conformance-protocol.md, prints a
 * per-vector pass/fail table and a summary, and exits 1 when any vector fails, times out, crashes
 * the implementation or cannot be run.
 *
 * @module
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { conformanceCases, selectCases } from "../conformance/cases.ts";
import { formatReportJson, formatReportText } from "../conformance/report.ts";
import { DEFAULT_TIMEOUT_MS, reportFailed, runConformance } from "../conformance/runner.ts";
import { type Io, UserError } from "../io.ts";
import { generateVectorSet, loadVectorSet } from "../vectors/vector-set.ts";

/** Help text of the command. */
export const conformanceUsage = `mimi conformance --impl "COMMAND" [--vectors DIR] [--timeout MS] [--format text|json]
                 [--only PATTERN]… [--failures-only] [--require-all]

Starts COMMAND (a shell command, run in the current directory) as the implementation's adapter,
speaks the conformance protocol with it (spec/conformance-protocol.md: one JSON request per line
on its stdin, one JSON response per line on its stdout), sends every vector and compares the
answers. Prints a per-vector table (expected vs actual for each failure) and a summary.

  --vectors DIR     vectors written by \`mimi vectors\` (default: generate them in memory)
  --timeout MS      deadline per request and for the handshake (default ${DEFAULT_TIMEOUT_MS}); on a
                    timeout the implementation is killed and restarted for the next vector
  --only PATTERN    run only vectors whose ID contains PATTERN (repeatable), e.g. identifiers/
  --failures-only   leave passing and unsupported vectors out of the table
  --require-all     count "unsupported" answers as failures

Exit status: 0 every vector passed or was unsupported, 1 some vector failed, timed out, crashed
the implementation or could not be run, 2 unusable options or vectors.

Example: mimi conformance --impl "pnpm exec tsx packages/cli/src/conformance/reference-adapter.ts"`;

/** Runs the command; returns the exit status. */
export async function conformanceCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      impl: { type: "string" },
      vectors: { type: "string" },
      timeout: { type: "string" },
      format: { type: "string", default: "text" },
      only: { type: "string", multiple: true },
      "failures-only": { type: "boolean" },
      "require-all": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(`${conformanceUsage}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new UserError(`unexpected argument ${positionals[0]}\n\n${conformanceUsage}`);
  if (values.impl === undefined || values.impl.trim() === "")
    throw new UserError(`missing --impl "COMMAND"\n\n${conformanceUsage}`);
  if (values.format !== "text" && values.format !== "json")
    throw new UserError(`--format must be text or json, not ${values.format}`);
  const timeoutMs = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(values.timeout);
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1)
    throw new UserError(
      `--timeout must be a whole number of milliseconds (at least 1), not ${values.timeout}`,
    );
  const set =
    values.vectors === undefined ? generateVectorSet() : loadVectorSet(resolve(io.cwd, values.vectors));
  const patterns = values.only ?? [];
  const cases = selectCases(conformanceCases(set), patterns);
  if (cases.length === 0)
    throw new UserError(
      patterns.length === 0
        ? "the vector set is empty"
        : `no vector ID contains ${patterns.map((p) => JSON.stringify(p)).join(" or ")}`,
    );
  const report = await runConformance(cases, { command: values.impl, cwd: io.cwd, timeoutMs });
  const requireAll = values["require-all"] === true;
  io.out(
    values.format === "json"
      ? formatReportJson(report, requireAll)
      : formatReportText(report, { requireAll, failuresOnly: values["failures-only"] === true }),
  );
  return reportFailed(report, requireAll) ? 1 : 0;
}
