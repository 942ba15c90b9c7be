/**
 * The draft's grammar against the project's reference grammar: every rule the draft defines
 * that the reference defines too (by name, `_` and `-` alike) is compared string for string, and
 * a rule that accepts more than the reference (`rule-wider-than-reference`) or less
 * (`rule-narrower-than-reference`) is reported at its definition with a witness string.
 *
 * Both are warnings: a draft may differ on purpose (it is the document under review, and the
 * reference may lag behind it), but every difference should be a decision, not an accident.
 *
 * @module
 */
import { type ResolvedRule, RuleCompiler, ruleMatcher } from "@mimi-spec/grammar";
import type { DraftExtraction } from "../extract/extract-draft.ts";
import type { Finding } from "../finding.ts";
import { spanOf } from "../text/span.ts";
import type { GrammarCheck } from "./grammar-check.ts";
import type { ReferenceGrammar } from "./reference-grammar.ts";
import { ruleClosureKey } from "./rule-closure-key.ts";
import { type CompareOptions, compareRules, type RuleSide, type Witness } from "./rule-difference.ts";

/** Compares the draft's rules with their reference counterparts; one finding per difference. */
export function checkAgainstReference(
  extraction: DraftExtraction,
  check: GrammarCheck,
  reference: ReferenceGrammar,
  options: CompareOptions = {},
): Finding[] {
  const { grammar, locate } = check;
  if (grammar === undefined || locate === undefined) return [];
  const draftCompiler = check.compiler ?? new RuleCompiler(grammar);
  const findings: Finding[] = [];
  for (const key of grammar.ownRuleKeys) {
    const rule = grammar.rules.get(key);
    if (rule === undefined || rule.origin !== "grammar" || grammar.brokenRuleKeys.has(key)) continue;
    const def = rule.definitions[0];
    const range = def === undefined ? undefined : locate(def.source, def.def.nameSpan);
    if (def === undefined || range === undefined) continue; // not written in the draft
    const counterpart = reference.counterpart(rule.name);
    if (counterpart === undefined) continue;
    // The same rules up to naming and layout: the same strings, nothing to compare.
    if (ruleClosureKey(grammar, rule.name) === reference.closureKey(counterpart)) continue;
    const draftSide = sideOf(grammar, rule, draftCompiler.compile(rule.name));
    const refSide = sideOf(reference.grammar, counterpart, reference.compile(counterpart), reference);
    // A rule that cannot be compiled (it uses an undefined rule) is reported elsewhere.
    if (draftSide === undefined || refSide === undefined) continue;
    const difference = compareRules(draftSide, refSide, options);
    const span = spanOf(extraction.document.source, range.offset, range.endOffset);
    const at = {
      file: extraction.document.path,
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
    };
    const theirs = `the reference rule \`${counterpart.name}\` (${reference.where(counterpart)})`;
    if (difference.wider !== undefined) {
      findings.push({
        ...at,
        severity: "warning",
        code: "rule-wider-than-reference",
        message: `rule \`${rule.name}\` accepts ${showWitness(difference.wider.text)}, which ${theirs} rejects (${howFound(difference.wider, "wider")})`,
        hint: "narrow the rule to the reference's, or say in the draft why it accepts more",
      });
    }
    if (difference.narrower !== undefined) {
      findings.push({
        ...at,
        severity: "warning",
        code: "rule-narrower-than-reference",
        message: `rule \`${rule.name}\` rejects ${showWitness(difference.narrower.text)}, which ${theirs} accepts (${howFound(difference.narrower, "narrower")})`,
        hint: "widen the rule to the reference's, or say in the draft why it accepts less",
      });
    }
  }
  return findings;
}

function sideOf(
  grammar: RuleSide["grammar"],
  rule: ResolvedRule,
  compiled: ReturnType<RuleCompiler["compile"]>,
  reference?: ReferenceGrammar,
): RuleSide | undefined {
  if (compiled.engine === "none") return undefined;
  return {
    grammar,
    rule: rule.name,
    compiled,
    matcher: ruleMatcher(compiled),
    ...(reference === undefined
      ? {}
      : { memo: <T>(purpose: string, compute: () => T) => reference.memoize(rule, purpose, compute) }),
  };
}

function howFound(w: Witness, direction: "wider" | "narrower"): string {
  switch (w.foundBy) {
    case "sample":
      return direction === "wider" ? "generated from the draft's rule" : "generated from the reference rule";
    case "near-miss":
      return direction === "wider" ? "a near miss of the reference rule" : "a near miss of the draft's rule";
    case "automaton":
      return "the shortest difference of the two rules' automata";
  }
}

/** A witness as a JSON string, long ones shortened in the middle with their length said. */
export function showWitness(text: string): string {
  const cps = [...text];
  if (cps.length <= 72) return JSON.stringify(text);
  const head = JSON.stringify(cps.slice(0, 48).join("")).slice(0, -1);
  const tail = JSON.stringify(cps.slice(-16).join("")).slice(1);
  return `${head}…${tail} (${cps.length} characters)`;
}
