/**
 * Reading a Stryker mutation report (the `mutation-testing-report-schema` JSON that
 * `pnpm mutate` writes to `reports/mutation/machine.json`): every mutant with its file, place,
 * mutator, replacement, status and the source line it changes, and the mutation score.
 *
 * Only the fields the accounting needs are read; a report that lacks one of them is refused
 * with its JSON path, so a truncated or foreign file is never scored as if it were complete.
 *
 * @module
 */
import { readJsonText } from "./json-text.ts";

/** How a mutant fared (Stryker's statuses). */
export const MUTANT_STATUSES = [
  "Killed",
  "Survived",
  "NoCoverage",
  "Timeout",
  "CompileError",
  "RuntimeError",
  "Ignored",
  "Pending",
] as const;

/** How a mutant fared. */
export type MutantStatus = (typeof MUTANT_STATUSES)[number];

/** One mutant of the report. */
export interface Mutant {
  readonly id: string;
  /** The mutated file, as the report names it (relative to the project root). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  /** The code the mutant puts in place of the original (empty when Stryker did not say). */
  readonly replacement: string;
  readonly status: MutantStatus;
  /** The original source line the mutant starts on, trimmed. */
  readonly sourceLine: string;
}

/** A mutant that no test noticed: it survived, or no test ran its code. */
export type SurvivingMutant = Mutant & { readonly status: "Survived" | "NoCoverage" };

/** The score of a set of mutants, as Stryker computes it. */
export interface MutationScore {
  readonly killed: number;
  readonly timedOut: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that do not count: ignored, or that did not compile or run. */
  readonly excluded: number;
  /** Killed or timed out, per cent of the mutants that count (undefined when none count). */
  readonly score: number | undefined;
  /** The same, leaving out mutants no test covers. */
  readonly coveredScore: number | undefined;
}

/** A report that could be read, or why not. */
export type ReadReport =
  | { readonly ok: true; readonly mutants: ReadonlyArray<Mutant> }
  | { readonly ok: false; readonly path: string; readonly message: string };

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

class BadReport extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function field(obj: Record<string, Json>, key: string, path: string): Json {
  if (!Object.hasOwn(obj, key)) throw new BadReport(`${path}.${key}`, "is missing");
  return obj[key];
}

function text(obj: Record<string, Json>, key: string, path: string): string {
  const value = field(obj, key, path);
  if (typeof value !== "string") throw new BadReport(`${path}.${key}`, "must be a string");
  return value;
}

function position(obj: Record<string, Json>, key: string, path: string): number {
  const value = field(obj, key, path);
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    throw new BadReport(`${path}.${key}`, "must be a positive integer");
  return value;
}

function readMutant(file: string, lines: ReadonlyArray<string>, raw: Json, path: string): Mutant {
  if (!isObject(raw)) throw new BadReport(path, "must be an object");
  const status = text(raw, "status", path);
  if (!(MUTANT_STATUSES as ReadonlyArray<string>).includes(status))
    throw new BadReport(
      `${path}.status`,
      `must be one of ${MUTANT_STATUSES.join(", ")}, got ${JSON.stringify(status)}`,
    );
  const location = field(raw, "location", path);
  if (!isObject(location)) throw new BadReport(`${path}.location`, "must be an object");
  const start = field(location, "start", `${path}.location`);
  if (!isObject(start)) throw new BadReport(`${path}.location.start`, "must be an object");
  const line = position(start, "line", `${path}.location.start`);
  const column = position(start, "column", `${path}.location.start`);
  const replacement = raw.replacement;
  if (replacement !== undefined && typeof replacement !== "string")
    throw new BadReport(`${path}.replacement`, "must be a string");
  return {
    id: text(raw, "id", path),
    file,
    line,
    column,
    mutator: text(raw, "mutatorName", path),
    replacement: replacement ?? "",
    status: status as MutantStatus,
    sourceLine: (lines[line - 1] ?? "").trim(),
  };
}

/** Reads every mutant of a report's JSON text; on a bad report, says where and why. */
export function readMutationReport(jsonText: string): ReadReport {
  const read = readJsonText(jsonText);
  if (!read.ok) return read;
  const parsed: Json = read.value;
  try {
    if (!isObject(parsed)) throw new BadReport("$", "must be an object");
    const files = field(parsed, "files", "$");
    if (!isObject(files)) throw new BadReport("$.files", "must be an object");
    const mutants: Mutant[] = [];
    for (const [file, entry] of Object.entries(files)) {
      const path = `$.files[${JSON.stringify(file)}]`;
      if (!isObject(entry)) throw new BadReport(path, "must be an object");
      const lines = text(entry, "source", path).split(/\r?\n/u);
      const list = field(entry, "mutants", path);
      if (!Array.isArray(list)) throw new BadReport(`${path}.mutants`, "must be an array");
      list.forEach((raw, i) => {
        mutants.push(readMutant(file, lines, raw, `${path}.mutants[${i}]`));
      });
    }
    return { ok: true, mutants };
  } catch (e) {
    if (e instanceof BadReport) return { ok: false, path: e.path, message: e.message };
    throw e;
  }
}

/** Whether no test noticed the mutant. */
export function isSurviving(mutant: Mutant): mutant is SurvivingMutant {
  return mutant.status === "Survived" || mutant.status === "NoCoverage";
}

/** The mutation score of `mutants` (Stryker's definition: timeouts count as killed). */
export function mutationScore(mutants: ReadonlyArray<Mutant>): MutationScore {
  let killed = 0;
  let timedOut = 0;
  let survived = 0;
  let noCoverage = 0;
  let excluded = 0;
  for (const m of mutants) {
    if (m.status === "Killed") killed++;
    else if (m.status === "Timeout") timedOut++;
    else if (m.status === "Survived") survived++;
    else if (m.status === "NoCoverage") noCoverage++;
    else excluded++;
  }
  const detected = killed + timedOut;
  const counted = detected + survived + noCoverage;
  const covered = detected + survived;
  return {
    killed,
    timedOut,
    survived,
    noCoverage,
    excluded,
    score: counted === 0 ? undefined : (100 * detected) / counted,
    coveredScore: covered === 0 ? undefined : (100 * detected) / covered,
  };
}
