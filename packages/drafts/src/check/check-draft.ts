/**
 * `checkDraft`: the engine of `mimi check DRAFT…`. It reads a draft, extracts its ABNF, examples
 * and stated limits, checks them, and returns findings at the draft's own lines and columns with
 * an exit code: 0 clean (notes and warnings allowed), 1 any error, 2 input that cannot be checked.
 *
 * @module
 */

import { type DraftExtraction, type DraftProblem, extractDraft } from "../extract/extract-draft.ts";
import { compareFindings, type Finding } from "../finding.ts";
import type { DraftFormat } from "../format/document.ts";
import { DEFAULT_MAX_INPUT_BYTES, type DraftInput, tooLargeProblem } from "../input/decode.ts";
import { checkExamples, type ExampleRuleOverrides } from "./example-check.ts";
import { checkDraftGrammar, type GrammarLimits } from "./grammar-check.ts";
import { checkLimits, type ExpectedLimit } from "./limit-check.ts";
import { checkAgainstReference } from "./reference-check.ts";
import type { ReferenceGrammar } from "./reference-grammar.ts";
import type { CompareOptions } from "./rule-difference.ts";

/** Options for {@link checkDraft}. */
export interface CheckDraftOptions extends GrammarLimits {
  /** Read the draft as this format instead of detecting it. */
  readonly format?: DraftFormat;
  /** Which rule each sigil's examples are checked against. */
  readonly exampleRules?: ExampleRuleOverrides;
  /** Requirement ID prefixes to extract (default: the MIMI requirements'). */
  readonly requirementPrefixes?: ReadonlyArray<string>;
  /** Larger inputs are refused (default 16 MiB, `DEFAULT_MAX_INPUT_BYTES`). */
  readonly maxBytes?: number;
  /** At most this many items of each kind are extracted (default 10000). */
  readonly maxItems?: number;
  /** At most this many code blocks are extracted (default 5000). */
  readonly maxBlocks?: number;
  /** At most this many findings of one code are kept; a note says how many more there were (default 200). */
  readonly maxFindingsPerCode?: number;
  /**
   * The project's reference grammar: each rule the draft defines that it defines too is compared
   * with it (no comparison when absent). `mimi check` passes `spec/grammar/*.abnf`.
   */
  readonly reference?: ReferenceGrammar;
  /** How the rules are compared with the reference (seed, sample counts). */
  readonly referenceComparison?: CompareOptions;
  /** The limits stated limits are compared with (default `EXPECTED_LIMITS`; `mimi check` takes them from the schemas). */
  readonly expectedLimits?: ReadonlyArray<ExpectedLimit>;
}

const TRUNCATED_KINDS: Readonly<Record<string, string>> = {
  examples: "identifier examples",
  limits: "stated limits",
  bcp14: "BCP 14 sentences",
  requirementIds: "requirement ID mentions",
};

/** The exit code of a check: 0 clean, 1 any error, 2 input that cannot be checked. */
export type CheckExitCode = 0 | 1 | 2;

/** What {@link checkDraft} returns. */
export interface DraftCheckResult {
  readonly findings: ReadonlyArray<Finding>;
  readonly exitCode: CheckExitCode;
  /** What was extracted (absent when the input could not be read). */
  readonly extraction?: DraftExtraction;
}

/**
 * Checks one draft. Never throws on bad input: an unreadable draft is a finding and exit code 2.
 *
 * @example
 * ```ts
 * const r = checkDraft("d.md", "~~~ abnf\nuser_id = \"@\" localpart\n~~~\n");
 * r.exitCode; // 1: `localpart` is neither defined nor cited
 * r.findings[0]?.code; // "undefined-rule"
 * ```
 */
export function checkDraft(
  path: string,
  input: DraftInput,
  options: CheckDraftOptions = {},
): DraftCheckResult {
  const extracted = extractDraft(path, input, {
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.requirementPrefixes === undefined
      ? {}
      : { requirementPrefixes: options.requirementPrefixes }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }),
    ...(options.maxBlocks === undefined ? {} : { maxBlocks: options.maxBlocks }),
  });
  if (!extracted.ok) {
    return { findings: [problemFinding(path, extracted.error, input)], exitCode: 2 };
  }
  const extraction = extracted.extraction;
  const findings: Finding[] = extraction.inputWarnings.map((w) => ({
    file: path,
    line: w.line,
    column: w.column,
    severity: "warning" as const,
    code: w.code,
    message: w.message,
    ...(w.hint === undefined ? {} : { hint: w.hint }),
  }));
  for (const t of extraction.truncated) {
    findings.push({
      file: path,
      line: 1,
      column: 1,
      severity: t.kind === "blocks" ? "warning" : "note",
      code: "extraction-truncated",
      message:
        t.kind === "blocks"
          ? `the draft has more than ${t.kept} code blocks; only the first ${t.kept} were extracted and checked`
          : `the draft has more than ${t.kept} ${TRUNCATED_KINDS[t.kind] ?? t.kind}; only the first ${t.kept} were extracted`,
      hint: "a generated or concatenated file? check its parts one by one",
    });
  }
  const grammar = checkDraftGrammar(extraction, options);
  findings.push(...grammar.findings);
  if (grammar.grammar !== undefined)
    findings.push(
      ...checkExamples(
        extraction,
        grammar.grammar,
        options.exampleRules,
        options.expectedLimits,
        grammar.compiler,
      ),
    );
  if (options.reference !== undefined)
    findings.push(
      ...checkAgainstReference(extraction, grammar, options.reference, options.referenceComparison),
    );
  findings.push(...checkLimits(extraction, options.expectedLimits));
  if (!extraction.bcp14Boilerplate) {
    const first = extraction.bcp14[0]?.keywords[0];
    if (first !== undefined) {
      findings.push({
        file: path,
        line: first.line,
        column: first.column,
        endLine: first.endLine,
        endColumn: first.endColumn,
        severity: "warning",
        code: "bcp14-boilerplate-missing",
        message: `\`${first.keyword}\` is a BCP 14 key word, but the draft lacks the boilerplate that gives key words their meaning`,
        hint: "add the RFC 8174 paragraph (The key words … are to be interpreted as described in BCP 14 [RFC2119] [RFC8174] …), or `{::boilerplate bcp14-tagged}` in kramdown-rfc",
      });
    }
  }
  const kept = capPerCode(findings.sort(compareFindings), options.maxFindingsPerCode ?? 200);
  const withExcerpts = kept.map((f) => withExcerpt(f, extraction));
  const exitCode: CheckExitCode = withExcerpts.some((f) => f.severity === "error") ? 1 : 0;
  return { findings: withExcerpts, exitCode, extraction };
}

/**
 * The result for a draft known to be too large before it is read (a caller that checks the
 * file's size first need not read 50 MB to refuse it): exit code 2 and one `input-too-large`.
 */
export function refuseOversizedDraft(
  path: string,
  size: number,
  maxBytes = DEFAULT_MAX_INPUT_BYTES,
): DraftCheckResult {
  const problem = tooLargeProblem(size, maxBytes);
  return {
    findings: [
      {
        file: path,
        line: problem.line,
        column: problem.column,
        severity: "error",
        code: problem.code,
        message: problem.message,
        ...(problem.hint === undefined ? {} : { hint: problem.hint }),
      },
    ],
    exitCode: 2,
  };
}

function problemFinding(path: string, problem: DraftProblem, input: DraftInput): Finding {
  // An excerpt only for text problems: a binary file's "line" is noise.
  const excerpt =
    problem.code === "unterminated-fence" || problem.code === "unterminated-markup"
      ? lineOf(typeof input === "string" ? input : new TextDecoder().decode(input), problem.line)
      : undefined;
  return {
    file: path,
    line: problem.line,
    column: problem.column,
    severity: "error",
    code: problem.code,
    message: problem.message,
    ...(excerpt === undefined ? {} : { excerpt }),
    ...(problem.hint === undefined ? {} : { hint: problem.hint }),
  };
}

function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf("\n", start);
  return text
    .slice(start, end < 0 ? text.length : end)
    .replace(/^\ufeff/, "")
    .replace(/\r$/, "");
}

function withExcerpt(f: Finding, extraction: DraftExtraction): Finding {
  if (f.excerpt !== undefined) return f;
  const source = extraction.document.source;
  const start = source.lineStarts[f.line - 1];
  if (start === undefined) return f;
  const text = source.lineTextAt(start);
  // A caret line under a huge line helps nobody: cut long excerpts.
  return { ...f, excerpt: text.length > 500 ? `${text.slice(0, 500)}…` : text };
}

/** Keeps the first `max` findings of each code, adding one note per code that lost some. */
function capPerCode(findings: ReadonlyArray<Finding>, max: number): Finding[] {
  const counts = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (counts.get(f.code) ?? 0) + 1;
    counts.set(f.code, n);
    if (n <= max) out.push(f);
  }
  for (const [code, n] of counts) {
    if (n <= max) continue;
    const first = findings.find((f) => f.code === code) as Finding;
    out.push({
      file: first.file,
      line: first.line,
      column: first.column,
      severity: "note",
      code: "findings-truncated",
      message: `${n - max} more \`${code}\` findings were left out (${n} in all; the first ${max} are shown)`,
      hint: "fix these first, or raise the limit",
    });
  }
  return out.sort(compareFindings);
}
