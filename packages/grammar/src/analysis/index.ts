/**
 * Static checks of ABNF grammars: every diagnostic a spec editor needs beyond parsing, and the
 * analyses other modules reuse (nullability, FIRST sets, short strings, the rule graph).
 *
 * @module
 */
export {
  type AnalyzeOptions,
  analyzeGrammar,
  type CheckOptions,
  type CheckResult,
  checkGrammar,
  sortDiagnostics,
} from "./analyze.ts";
export { productiveRules } from "./check-recursion.ts";
export { type CodePointRange, CodePointSet } from "./code-point-set.ts";
export { type AnalysisContext, analysisContext } from "./context.ts";
export { type FirstSetOptions, type FirstSets, firstSets } from "./first-sets.ts";
export { editDistance, type NameCandidate, suggestName } from "./names.ts";
export { type Nullability, nullable } from "./nullable.ts";
export {
  type RuleGraph,
  type RuleReference,
  reachableFrom,
  referencedRules,
  ruleGraph,
  ruleRefsIn,
  stronglyConnectedComponents,
} from "./rule-graph.ts";
export {
  lookup,
  overlapWitness,
  type PrefixTrie,
  type PrefixWitness,
  properPrefixWitness,
  type ShortStringOptions,
  type ShortStrings,
  type ShortStringTable,
  shortStrings,
} from "./short-strings.ts";
export { forEachNode } from "./walk.ts";
