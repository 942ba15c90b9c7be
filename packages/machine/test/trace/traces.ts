/** The shipped traces (`models/traces/*.json`), loaded for tests. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTrace, type Trace } from "../../src/index.ts";

const tracesDir = join(import.meta.dirname, "..", "..", "..", "..", "models", "traces");

/** The file names of the shipped traces. */
export const TRACE_FILES: ReadonlyArray<string> = readdirSync(tracesDir).filter((f) => f.endsWith(".json"));

/** One shipped trace, parsed (a parse problem fails the test that loads it). */
export function loadTrace(file: string): Trace {
  const parsed = parseTrace(readFileSync(join(tracesDir, file), "utf8"));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  return parsed.trace;
}
