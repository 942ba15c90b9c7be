import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTrace, runTrace, type TraceRun } from "@mimi-spec/machine";

/** Runs an example trace of `models/traces/`. */
export function exampleRun(name: string): TraceRun {
  const text = readFileSync(
    join(import.meta.dirname, "..", "..", "..", "..", "models", "traces", name),
    "utf8",
  );
  const parsed = parseTrace(text);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
  const result = runTrace(parsed.trace);
  if (!result.ok) throw new Error(result.message);
  return result.run;
}
