/**
 * The facts every check draws on, computed once per grammar.
 *
 * @module
 */
import type { Grammar } from "../grammar.ts";
import { type FirstSets, firstSets } from "./first-sets.ts";
import { type Nullability, nullable } from "./nullable.ts";
import { type RuleGraph, type RuleReference, referencedRules, ruleGraph } from "./rule-graph.ts";
import { type ShortStringTable, shortStrings } from "./short-strings.ts";

/** A grammar with its rule graph, reference sites, nullability, FIRST sets and short strings. */
export interface AnalysisContext {
  readonly grammar: Grammar;
  readonly graph: RuleGraph;
  readonly references: ReadonlyMap<string, ReadonlyArray<RuleReference>>;
  readonly nullability: Nullability;
  readonly first: FirstSets;
  readonly strings: ShortStringTable;
}

/** Computes the {@link AnalysisContext} of a grammar. */
export function analysisContext(grammar: Grammar): AnalysisContext {
  const graph = ruleGraph(grammar);
  const nullability = nullable(grammar, graph);
  return {
    grammar,
    graph,
    references: referencedRules(grammar),
    nullability,
    first: firstSets(grammar, { graph, nullability }),
    strings: shortStrings(grammar, { graph }),
  };
}

/** Names in backticks joined for a message: `a`, `b` and `c` (at most `limit`, then "and N more"). */
export function nameList(names: ReadonlyArray<string>, limit = 5): string {
  const shown = names.slice(0, limit).map((n) => `\`${n}\``);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}
