/**
 * Which rules a draft's ABNF refers to, and where: the first place each rule name is used, so a
 * finding about an undefined or imported rule points at a use the editor can see.
 *
 * @module
 */
import type { Grammar, Node, SourceText, Span } from "@mimi-spec/grammar";

/** A place where a rule is referenced. */
export interface ReferenceSite {
  /** The name as written there. */
  readonly name: string;
  readonly source: SourceText;
  readonly span: Span;
}

/**
 * Every reference in the definitions written in `sources`, grouped by lower-case rule key, in
 * source order. Walks with an explicit stack, so nesting depth cannot exhaust the call stack.
 */
export function referencesIn(
  grammar: Grammar,
  sources: ReadonlySet<SourceText>,
): Map<string, ReferenceSite[]> {
  const out = new Map<string, ReferenceSite[]>();
  const definitions = [...grammar.rules.values()]
    .flatMap((rule) => rule.definitions)
    .filter((d) => sources.has(d.source))
    .sort(
      (a, b) =>
        grammar.sources.indexOf(a.source) - grammar.sources.indexOf(b.source) ||
        a.def.span.start - b.def.span.start,
    );
  for (const { def, source } of definitions) {
    const sites: ReferenceSite[] = [];
    const stack: Node[] = [def.body];
    while (stack.length > 0) {
      const node = stack.pop() as Node;
      switch (node.kind) {
        case "alternation":
          for (let k = node.alternatives.length - 1; k >= 0; k--) stack.push(node.alternatives[k] as Node);
          break;
        case "concatenation":
          for (let k = node.elements.length - 1; k >= 0; k--) stack.push(node.elements[k] as Node);
          break;
        case "repetition":
          stack.push(node.element);
          break;
        case "ruleref":
          sites.push({ name: node.name, source, span: node.span });
          break;
        default:
          break;
      }
    }
    for (const site of sites) {
      const key = site.name.toLowerCase();
      const list = out.get(key);
      if (list === undefined) out.set(key, [site]);
      else list.push(site);
    }
  }
  return out;
}
