/**
 * Checks about recursion: rules that reach themselves before consuming input (left recursion),
 * and rules that can never finish matching (no finite string derives from them).
 *
 * @module
 */
import type { Node } from "../ast.ts";
import { type Diagnostic, diagnostic } from "../diagnostic.ts";
import { type Grammar, ruleKey } from "../grammar.ts";
import type { SourceText, Span } from "../source.ts";
import type { AnalysisContext } from "./context.ts";
import { nameList } from "./context.ts";
import type { Nullability } from "./nullable.ts";
import { stronglyConnectedComponents } from "./rule-graph.ts";
import { authoredRules, repetitionBounds } from "./walk.ts";

/** Where one rule refers to another. */
interface Site {
  readonly source: SourceText;
  readonly span: Span;
}

/** The rule references in `node` that can be reached before any input is consumed. */
function leftReferences(node: Node, nullability: Nullability, out: { name: string; span: Span }[]): void {
  switch (node.kind) {
    case "ruleref":
      out.push(node);
      return;
    case "alternation":
      for (const a of node.alternatives) leftReferences(a, nullability, out);
      return;
    case "concatenation":
      for (const e of node.elements) {
        leftReferences(e, nullability, out);
        if (!nullability.node(e)) return;
      }
      return;
    case "repetition":
      if (repetitionBounds(node).max > 0) leftReferences(node.element, nullability, out);
      return;
    default:
      return;
  }
}

/** For each rule, the defined rules it can enter before consuming input, with the first such site. */
function leftEdges(grammar: Grammar, nullability: Nullability): Map<string, Map<string, Site>> {
  const edges = new Map<string, Map<string, Site>>();
  for (const [key, rule] of grammar.rules) {
    const targets = new Map<string, Site>();
    for (const { def, source } of rule.definitions) {
      const refs: { name: string; span: Span }[] = [];
      leftReferences(def.body, nullability, refs);
      for (const r of refs) {
        const target = ruleKey(r.name);
        if (grammar.rules.has(target) && !targets.has(target)) targets.set(target, { source, span: r.span });
      }
    }
    edges.set(key, targets);
  }
  return edges;
}

/** The shortest cycle from `start` back to itself inside `members`, as keys (start first and last). */
function shortestCycle(
  start: string,
  members: ReadonlySet<string>,
  edges: Map<string, Map<string, Site>>,
): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const k = queue[i] as string;
    for (const next of edges.get(k)?.keys() ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const back: string[] = [];
        for (let at = k; at !== start; at = parent.get(at) as string) back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (!parent.has(next) && next !== start) {
        parent.set(next, k);
        queue.push(next);
      }
    }
  }
  return [start, start]; // unreachable for a member of a cyclic component
}

/** A cycle for a message: every name, or the ends of a long one. */
function cycleText(names: ReadonlyArray<string>): string {
  if (names.length <= 12) return names.join(" → ");
  return `${names.slice(0, 5).join(" → ")} → … (${names.length - 10} more) … → ${names.slice(-5).join(" → ")}`;
}

/**
 * `left-recursion`: one diagnostic per cycle of rules that enter each other before consuming
 * input. Cycles are found per strongly connected component: the shortest cycle through its first
 * rule (in grammar order), then through the first rule no reported cycle covers yet, and so on, so
 * every rule of the component appears in some reported cycle without enumerating the
 * (exponentially many) elementary cycles.
 */
export function checkLeftRecursion(ctx: AnalysisContext): Diagnostic[] {
  const { grammar, nullability } = ctx;
  const edges = leftEdges(grammar, nullability);
  const order = new Map(ctx.graph.keys.map((k, i) => [k, i]));
  const out: Diagnostic[] = [];
  const components = stronglyConnectedComponents(ctx.graph.keys, (k) => edges.get(k)?.keys() ?? []);
  for (const component of components) {
    const only = component[0] as string;
    if (component.length === 1 && !edges.get(only)?.has(only)) continue;
    const members = new Set(component);
    const sorted = [...component].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const covered = new Set<string>();
    for (const start of sorted) {
      if (covered.has(start)) continue;
      const found = shortestCycle(start, members, edges);
      for (const k of found) covered.add(k);
      // Name the cycle from its earliest rule, as a reader of the grammar meets it.
      const loop = found.slice(0, -1);
      const from = loop.reduce(
        (best, k, i) => ((order.get(k) ?? 0) < (order.get(loop[best] as string) ?? 0) ? i : best),
        0,
      );
      const cycle = [...loop.slice(from), ...loop.slice(0, from), loop[from] as string];
      const names = cycle.map((k) => grammar.rules.get(k)?.name ?? k);
      const steps = cycle.slice(0, -1).map((from, i) => ({
        from: names[i] as string,
        to: names[i + 1] as string,
        site: edges.get(from)?.get(cycle[i + 1] as string) as Site,
      }));
      const first = steps[0];
      if (first === undefined) continue;
      const self = cycle.length === 2;
      out.push(
        diagnostic(
          "left-recursion",
          `rule \`${names[0]}\` is left-recursive: ${cycleText(names)}, ${self ? "before" : "each step before"} any input is consumed, so a recursive-descent or PEG parser never terminates here`,
          first.site.source,
          first.site.span,
          {
            hint: 'rewrite the recursion as a repetition, e.g. `list = item *("," item)` instead of `list = list "," item / item`',
            related: steps.slice(1, 20).map((s) => ({
              message: `\`${s.from}\` enters \`${s.to}\` here before consuming input`,
              source: s.site.source,
              span: s.site.span,
            })),
          },
        ),
      );
    }
  }
  return out;
}

/** Whether `node` can derive a finite string, given which rules can. Unknowns are assumed to. */
function productive(node: Node, rules: ReadonlySet<string>, grammar: Grammar): boolean {
  switch (node.kind) {
    case "alternation":
      return node.alternatives.some((a) => productive(a, rules, grammar));
    case "concatenation":
      return node.elements.every((e) => productive(e, rules, grammar));
    case "repetition":
      return repetitionBounds(node).min === 0 || productive(node.element, rules, grammar);
    case "ruleref": {
      const key = ruleKey(node.name);
      // An undefined rule is reported as such; assuming it terminates avoids a second, derived error.
      return rules.has(key) || !grammar.rules.has(key);
    }
    default:
      return true;
  }
}

/** The rules that can derive some finite string (the classic productivity fixpoint, worklist-driven). */
export function productiveRules(ctx: Pick<AnalysisContext, "grammar" | "graph">): Set<string> {
  const { grammar, graph } = ctx;
  const rules = new Set<string>();
  const queue = [...grammar.rules.keys()];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const key = queue.pop() as string;
    queued.delete(key);
    const rule = grammar.rules.get(key);
    if (rule === undefined || rules.has(key) || !productive(rule.body, rules, grammar)) continue;
    rules.add(key);
    for (const user of graph.reverse.get(key) ?? []) {
      if (!rules.has(user) && !queued.has(user)) {
        queued.add(user);
        queue.push(user);
      }
    }
  }
  return rules;
}

/** `non-terminating`: every authored rule that cannot derive any finite string. */
export function checkNonTerminating(ctx: AnalysisContext): Diagnostic[] {
  const { grammar, graph } = ctx;
  const good = productiveRules(ctx);
  const out: Diagnostic[] = [];
  for (const rule of authoredRules(grammar)) {
    if (good.has(rule.key)) continue;
    const first = rule.definitions[0];
    if (first === undefined) continue;
    const needs = [...(graph.edges.get(rule.key) ?? [])].filter((k) => grammar.rules.has(k) && !good.has(k));
    const others = needs.filter((k) => k !== rule.key).map((k) => grammar.rules.get(k)?.name ?? k);
    const why = needs.includes(rule.key)
      ? `every alternative needs another match of \`${rule.name}\` itself${others.length > 0 ? ` or of ${nameList(others)}` : ""}, so the recursion never ends`
      : `every alternative needs ${nameList(others)}, which can never finish matching either`;
    out.push(
      diagnostic(
        "non-terminating",
        `rule \`${rule.name}\` can never match a finite string: ${why}`,
        first.source,
        first.def.nameSpan,
        {
          hint: 'add an alternative that ends the recursion (a base case), e.g. `list = item "," list / item`, or make the recursive part optional with `[ ]`',
        },
      ),
    );
  }
  return out;
}
