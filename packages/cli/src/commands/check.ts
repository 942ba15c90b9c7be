/**
 * `mimi check DRAFT… [--format text|json|sarif] [--reference FILE…]`: checks Internet-Draft text
 * (kramdown-rfc markdown, RFCXML v3, xml2rfc plain text or HTML) against its own ABNF, the
 * project's reference grammar and the limits the schemas enforce.
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  checkDraft,
  DEFAULT_MAX_INPUT_BYTES,
  type DraftCheckResult,
  type Finding,
  formatJson,
  formatSarif,
  formatText,
  ReferenceGrammar,
  refuseOversizedDraft,
} from "@mimi-spec/drafts";
import { type Io, UserError } from "../io.ts";
import { repoRoot } from "../repo.ts";
import { schemaLimits } from "./check-schema-limits.ts";

/** Help text of the command. */
export const checkUsage = `mimi check DRAFT… [--format text|json|sarif] [--reference FILE…]

Finds broken ABNF, examples the draft's own grammar rejects, rules used but never defined or
cited, rules that accept more or less than the project's reference grammar (with a witness
string), and limits that differ from the schemas', each at the draft's own line and column.

  --format FMT       text (default), json, or sarif (SARIF 2.1.0, for code-scanning annotations)
  --reference FILE   the reference grammar to compare with (repeatable; default: the project's
                     spec/grammar/identifiers.abnf and spec/grammar/events.abnf)

Exit status: 0 clean (notes and warnings allowed), 1 findings at error level, 2 unusable input.`;

/** The project's reference grammar files, relative to the repository root. */
export const REFERENCE_GRAMMAR_FILES: ReadonlyArray<string> = [
  "spec/grammar/identifiers.abnf",
  "spec/grammar/events.abnf",
];

/** Loads reference grammar files; messages cite each by `name`. */
export function loadReference(files: ReadonlyArray<{ path: string; name: string }>): ReferenceGrammar {
  const texts = files.map(({ path, name }) => ({ name, text: readDraftFile(path, name).toString("utf8") }));
  const reference = new ReferenceGrammar(texts);
  const errors = reference.errors;
  if (errors.length > 0)
    throw new UserError(`the reference grammar has errors:\n  ${errors.slice(0, 5).join("\n  ")}`);
  return reference;
}

let projectReference: ReferenceGrammar | undefined;

/** The project's own reference grammar, loaded once per process. */
export function projectReferenceGrammar(): ReferenceGrammar {
  const root = repoRoot();
  projectReference ??= loadReference(
    REFERENCE_GRAMMAR_FILES.map((name) => ({ path: join(root, name), name })),
  );
  return projectReference;
}

/** Reads a file, turning I/O failures (missing, a directory, a device) into a {@link UserError}. */
function readDraftFile(path: string, shown: string): Buffer {
  try {
    if (!statSync(path).isFile()) throw new UserError(`cannot read ${shown}: it is not a regular file`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (e as Error).message;
    throw new UserError(`cannot read ${shown}: ${why}`);
  }
}

/** Checks one draft file; a file over the size limit is refused before it is read. */
function checkFile(io: Io, file: string, reference: ReferenceGrammar): DraftCheckResult {
  const path = resolve(io.cwd, file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    size = 0; // readDraftFile says what is wrong
  }
  if (size > DEFAULT_MAX_INPUT_BYTES) return refuseOversizedDraft(file, size);
  const bytes = readDraftFile(path, file);
  return checkDraft(file, bytes, { expectedLimits: schemaLimits(), reference });
}

/** Runs the command; returns the exit status. */
export async function checkCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: "string" },
      reference: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    io.out(`${checkUsage}\n`);
    return 0;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json" && format !== "sarif")
    throw new UserError(`--format must be text, json or sarif, not ${format}`);
  if (positionals.length === 0) throw new UserError(`give at least one DRAFT file\n\n${checkUsage}`);
  const reference =
    values.reference === undefined
      ? projectReferenceGrammar()
      : loadReference(
          values.reference.map((f) => ({
            path: resolve(io.cwd, f),
            name: relative(io.cwd, resolve(io.cwd, f)),
          })),
        );
  const findings: Finding[] = [];
  let exitCode = 0;
  for (const file of positionals) {
    const result = checkFile(io, file, reference);
    findings.push(...result.findings);
    exitCode = Math.max(exitCode, result.exitCode);
  }
  if (format === "json") io.out(formatJson(findings, exitCode));
  else if (format === "sarif") io.out(formatSarif(findings));
  else
    io.out(findings.length === 0 ? `${positionals.join(", ")}: no findings\n` : `${formatText(findings)}\n`);
  return exitCode;
}
