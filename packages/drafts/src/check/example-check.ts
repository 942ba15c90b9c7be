/**
 * Each identifier example against the rule it illustrates, with the draft's own grammar: an
 * example the grammar rejects is an error pointing at the first character no parse accepts; a
 * counter-example ("… is invalid") the grammar accepts is a warning.
 *
 * @module
 */
import {
  explainFailure,
  type Grammar,
  loadDfa,
  type MatchResult,
  matchDfa,
  RuleCompiler,
  ruleMatcher,
} from "@mimi-spec/grammar";
import { EXAMPLE_RULES, type IdentifierExample, type IdentifierSigil } from "../extract/examples.ts";
import type { DraftExtraction } from "../extract/extract-draft.ts";
import type { Finding } from "../finding.ts";
import { spanOf } from "../text/span.ts";
import { type ExpectedLimit, expectedLimit } from "./limit-check.ts";

/** Which rule each sigil's examples are checked against, overriding {@link EXAMPLE_RULES}. */
export type ExampleRuleOverrides = Partial<Record<IdentifierSigil, string>>;

type Matcher =
  | { readonly ok: true; readonly match: (input: string) => MatchResult }
  | { readonly ok: false; readonly reason: string };

/** The rule an example is checked against: the first candidate the grammar defines. */
export function exampleRule(
  grammar: Grammar,
  sigil: IdentifierSigil,
  overrides: ExampleRuleOverrides = {},
): string | undefined {
  const candidates = [overrides[sigil], ...(EXAMPLE_RULES.find((m) => m.sigil === sigil)?.rules ?? [])];
  for (const name of candidates) {
    if (name === undefined) continue;
    const rule = grammar.rules.get(name.toLowerCase());
    if (rule !== undefined && rule.origin !== "core") return rule.name;
  }
  return undefined;
}

/** Checks every example against the grammar. */
export function checkExamples(
  extraction: DraftExtraction,
  grammar: Grammar,
  overrides: ExampleRuleOverrides = {},
  limits?: ReadonlyArray<ExpectedLimit>,
  compiler: RuleCompiler = new RuleCompiler(grammar),
): Finding[] {
  const { document } = extraction;
  const matchers = new Map<string, Matcher>();
  const unchecked = new Set<string>();
  const findings: Finding[] = [];
  const matcherOf = (rule: string): Matcher => {
    let m = matchers.get(rule);
    if (m === undefined) {
      const compiled = compiler.compile(rule);
      if (compiled.engine === "none") m = { ok: false, reason: withoutCliAdvice(compiled.reason) };
      else if (compiled.engine === "dfa") {
        const dfa = loadDfa(compiled.dfa);
        m = { ok: true, match: (input) => matchDfa(dfa, input) };
      } else m = { ok: true, match: ruleMatcher(compiled).match };
      matchers.set(rule, m);
    }
    return m;
  };
  const finding = (e: IdentifierExample, f: Omit<Finding, "file" | "line" | "column">): Finding => ({
    file: document.path,
    line: e.line,
    column: e.column,
    endLine: e.endLine,
    endColumn: e.endColumn,
    ...f,
  });

  for (const e of extraction.examples) {
    const rule = exampleRule(grammar, e.sigil, overrides);
    if (rule === undefined) continue;
    const limit = expectedLimit(rule, limits);
    if (limit !== undefined && limit.unit === "characters" && [...e.text].length > limit.max) {
      findings.push(
        finding(e, {
          severity: "error",
          code: "example-too-long",
          message: `example \`${e.text}\` has ${[...e.text].length} characters; a ${limit.kind} has at most ${limit.max} (${limit.source})`,
        }),
      );
    }
    const matcher = matcherOf(rule);
    if (!matcher.ok) {
      if (unchecked.has(rule)) continue;
      unchecked.add(rule);
      findings.push(
        finding(e, {
          severity: "note",
          code: "example-unchecked",
          message: `example \`${e.text}\` (and any other for \`${rule}\`) was not checked: ${matcher.reason}`,
        }),
      );
      continue;
    }
    const verdict = matcher.match(e.text);
    if (verdict.ok && e.expectation === "invalid") {
      findings.push(
        finding(e, {
          severity: "warning",
          code: "invalid-example-accepted",
          message: `example \`${e.text}\` is called invalid, but rule \`${rule}\` accepts it`,
          hint: `tighten \`${rule}\`, or fix the text around the example`,
        }),
      );
    } else if (!verdict.ok && e.expectation === "valid") {
      // Point at the first character no parse accepts; at the whole example if it stops early.
      const bad = verdict.offset < e.text.length ? verdict.offset : 0;
      const startOffset = e.offset + bad < e.endOffset ? e.offset + bad : e.offset;
      const span = exampleSpanFrom(extraction, e, startOffset);
      findings.push({
        file: document.path,
        ...span,
        severity: "error",
        code: "example-rejected",
        message: `example \`${e.text}\` does not match rule \`${rule}\`: ${explainFailure(e.text, verdict)}`,
        hint: `fix the example or the grammar of \`${rule}\``,
      });
    }
  }
  return findings;
}

/** The draft range from `offset` to the example's end (the example's own text, when it is copied verbatim). */
function exampleSpanFrom(
  extraction: DraftExtraction,
  e: IdentifierExample,
  offset: number,
): { line: number; column: number; endLine: number; endColumn: number } {
  // Only when the draft holds the example verbatim can an offset inside it be trusted; an example
  // written with entities (`&#64;`) is reported at its start.
  const verbatim = extraction.document.source.text.slice(e.offset, e.endOffset) === e.text;
  const span = spanOf(extraction.document.source, verbatim ? offset : e.offset, e.endOffset);
  return { line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

/** The compiler's reasons end with advice for `mimi grammar` (`--define`); a draft's fix differs. */
function withoutCliAdvice(reason: string): string {
  return reason.replace(/\s*\((?:supply[^)]*--define)\)/g, "");
}
