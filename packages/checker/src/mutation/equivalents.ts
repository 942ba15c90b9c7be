/**
 * The list of surviving mutants that no test can kill, each with the reason, and the accounting
 * of a report against it: every surviving mutant is either explained by an entry or reported as
 * unexplained (a test to write), and every entry that no longer matches a survivor is reported as
 * stale (the code changed, or a test now kills it), so the list cannot silently rot.
 *
 * An entry names its mutant by file, mutator, replacement and the trimmed source line, not by
 * line number, so it survives edits elsewhere in the file.
 *
 * @module
 */
import { readJsonText } from "./json-text.ts";
import { isSurviving, type Mutant, type SurvivingMutant } from "./report.ts";

/** A mutant no test can tell apart from the original, and why. */
export interface EquivalentMutant {
  /** The file, as the report names it (e.g. `packages/machine/src/hub/hub.ts`). */
  readonly file: string;
  readonly mutator: string;
  /** The replacement code, exactly as the report gives it. */
  readonly replacement: string;
  /** The original source line, trimmed. */
  readonly line: string;
  /** Why no behaviour can tell the mutant apart. */
  readonly reason: string;
}

/** A list that could be read, or why not. */
export type ReadEquivalents =
  | { readonly ok: true; readonly equivalents: ReadonlyArray<EquivalentMutant> }
  | { readonly ok: false; readonly path: string; readonly message: string };

const FIELDS = ["file", "mutator", "replacement", "line", "reason"] as const;

/** Reads the equivalents file (`{ "equivalents": [ { file, mutator, replacement, line, reason } ] }`). */
export function readEquivalents(jsonText: string): ReadEquivalents {
  const read = readJsonText(jsonText);
  if (!read.ok) return read;
  const parsed: unknown = read.value;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { ok: false, path: "$", message: "must be an object" };
  const list = (parsed as Record<string, unknown>).equivalents;
  if (!Array.isArray(list)) return { ok: false, path: "$.equivalents", message: "must be an array" };
  const out: EquivalentMutant[] = [];
  for (const [i, raw] of list.entries()) {
    const path = `$.equivalents[${i}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      return { ok: false, path, message: "must be an object" };
    const entry = raw as Record<string, unknown>;
    for (const key of FIELDS) {
      const value = entry[key];
      if (typeof value !== "string")
        return { ok: false, path: `${path}.${key}`, message: "must be a string" };
      // An entry without a reason is exactly what the list exists to prevent.
      if (key === "reason" && value.trim() === "")
        return { ok: false, path: `${path}.reason`, message: "must say why no test can kill the mutant" };
    }
    out.push({
      file: entry.file as string,
      mutator: entry.mutator as string,
      replacement: entry.replacement as string,
      line: entry.line as string,
      reason: entry.reason as string,
    });
  }
  return { ok: true, equivalents: out };
}

/** Whether `entry` describes `mutant`. */
export function describes(entry: EquivalentMutant, mutant: Mutant): boolean {
  return (
    entry.file === mutant.file &&
    entry.mutator === mutant.mutator &&
    entry.replacement === mutant.replacement &&
    entry.line === mutant.sourceLine
  );
}

/** The surviving mutants of a report, sorted into explained and unexplained, and the stale entries. */
export interface SurvivorAccount {
  readonly explained: ReadonlyArray<{ readonly mutant: SurvivingMutant; readonly reason: string }>;
  readonly unexplained: ReadonlyArray<SurvivingMutant>;
  /** Entries that match no surviving mutant of the report. */
  readonly stale: ReadonlyArray<EquivalentMutant>;
}

/** Accounts for every surviving mutant of `mutants` against the equivalents list. */
export function accountSurvivors(
  mutants: ReadonlyArray<Mutant>,
  equivalents: ReadonlyArray<EquivalentMutant>,
): SurvivorAccount {
  const used = new Set<EquivalentMutant>();
  const explained: Array<{ mutant: SurvivingMutant; reason: string }> = [];
  const unexplained: SurvivingMutant[] = [];
  for (const mutant of mutants) {
    if (!isSurviving(mutant)) continue;
    const entry = equivalents.find((e) => describes(e, mutant));
    if (entry === undefined) unexplained.push(mutant);
    else {
      used.add(entry);
      explained.push({ mutant, reason: entry.reason });
    }
  }
  return { explained, unexplained, stale: equivalents.filter((e) => !used.has(e)) };
}
