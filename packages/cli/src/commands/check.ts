/**
 * `mimi check DRAFT… [--format text|json|sarif]`: checks Internet-Draft text (kramdown-rfc
 * markdown, RFCXML v3, xml2rfc plain text or HTML) against its own ABNF and MIMI's stated limits.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkDraft, type Finding, formatJson, formatSarif, formatText } from "@mimi-spec/drafts";
import { type Io, UserError } from "../io.ts";

/** Help text of the command. */
export const checkUsage = `mimi check DRAFT… [--format text|json|sarif]

Finds broken ABNF, examples the draft's own grammar rejects, rules used but never defined or
cited, and limits that differ from MIMI's, each at the draft's own line and column.
Exit status: 0 clean, 1 findings at error level, 2 unusable input.`;

/** Runs the command; returns the exit status. */
export async function checkCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help === true) {
    io.out(`${checkUsage}\n`);
    return 0;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json" && format !== "sarif")
    throw new UserError(`--format must be text, json or sarif, not ${format}`);
  if (positionals.length === 0) throw new UserError(`give at least one DRAFT file\n\n${checkUsage}`);
  const findings: Finding[] = [];
  let exitCode = 0;
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(resolve(io.cwd, file));
    } catch (e) {
      throw new UserError(
        `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`,
      );
    }
    const result = checkDraft(file, bytes);
    findings.push(...result.findings);
    exitCode = Math.max(exitCode, result.exitCode);
  }
  if (format === "json") io.out(formatJson(findings, exitCode));
  else if (format === "sarif") io.out(formatSarif(findings));
  else
    io.out(findings.length === 0 ? `${positionals.join(", ")}: no findings\n` : `${formatText(findings)}\n`);
  return exitCode;
}
