/**
 * A second oracle, for grammars the reference matcher cannot run (left recursion, empty cycles):
 * the definition of ABNF matching as a least fixpoint. `ends[rule][i]` (every offset where `rule`
 * can stop when started at code point `i`) starts empty and grows by re-evaluating every rule body
 * against the current table until nothing changes. Monotone, so it reaches the least fixpoint,
 * which is exactly the set RFC 5234 defines. Slow (polynomial with a large exponent): tests only.
 */
import type { Node } from "../../../src/ast.ts";
import { type Grammar, ruleKey } from "../../../src/grammar.ts";

export function fixpointMatch(grammar: Grammar, rule: string, input: string): boolean {
  const cps = [...input].map((c) => c.codePointAt(0) as number);
  const n = cps.length;
  const table = new Map<string, Array<Set<number>>>();
  for (const key of grammar.rules.keys())
    table.set(
      key,
      Array.from({ length: n + 1 }, () => new Set<number>()),
    );
  const root = table.get(ruleKey(rule));
  if (root === undefined) throw new Error(`no rule ${rule}`);

  const evaluate = (node: Node, i: number): Set<number> => {
    switch (node.kind) {
      case "string": {
        const want = [...node.value].map((c) => c.codePointAt(0) as number);
        for (let k = 0; k < want.length; k++) {
          const got = cps[i + k];
          if (got === undefined) return new Set();
          const ok = node.caseSensitive ? got === want[k] : lower(got) === lower(want[k] as number);
          if (!ok) return new Set();
        }
        return new Set([i + want.length]);
      }
      case "sequence": {
        for (let k = 0; k < node.codePoints.length; k++)
          if (cps[i + k] !== node.codePoints[k]) return new Set();
        return new Set([i + node.codePoints.length]);
      }
      case "range": {
        const c = cps[i];
        return c !== undefined && c >= node.low && c <= node.high ? new Set([i + 1]) : new Set();
      }
      case "prose":
        return new Set();
      case "ruleref":
        return new Set(table.get(ruleKey(node.name))?.[i] ?? []);
      case "alternation": {
        const out = new Set<number>();
        for (const alt of node.alternatives) for (const e of evaluate(alt, i)) out.add(e);
        return out;
      }
      case "concatenation": {
        let current = new Set([i]);
        for (const el of node.elements) {
          const next = new Set<number>();
          for (const p of current) for (const e of evaluate(el, p)) next.add(e);
          current = next;
        }
        return current;
      }
      case "repetition": {
        const out = new Set<number>();
        if (node.min > node.max) return out;
        let frontier = new Set([i]);
        for (let count = 0; count < node.min; count++) {
          const next = new Set<number>();
          for (const p of frontier) for (const e of evaluate(node.element, p)) next.add(e);
          frontier = next;
        }
        // From the minimum on, every count up to the maximum is allowed: a breadth-first search
        // over offsets, bounded by the maximum (or by running out of new offsets).
        const seen = new Set(frontier);
        for (const p of frontier) out.add(p);
        for (let count = node.min; count < node.max && frontier.size > 0; count++) {
          const next = new Set<number>();
          for (const p of frontier)
            for (const e of evaluate(node.element, p)) {
              out.add(e);
              if (node.max !== Number.POSITIVE_INFINITY || !seen.has(e)) next.add(e);
              seen.add(e);
            }
          frontier = next;
        }
        return out;
      }
    }
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, ends] of table) {
      const body = grammar.rules.get(key)?.body;
      if (body === undefined) continue;
      for (let i = 0; i <= n; i++) {
        const have = ends[i] as Set<number>;
        for (const e of evaluate(body, i))
          if (!have.has(e)) {
            have.add(e);
            changed = true;
          }
      }
    }
  }
  return (root[0] as Set<number>).has(n);
}

function lower(cp: number): number {
  return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
}
