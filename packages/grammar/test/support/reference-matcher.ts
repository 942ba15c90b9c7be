/**
 * The definition of ABNF matching, written as directly as possible to serve as the test oracle:
 * `ends(node, i)` is the set of every offset where `node` can stop when started at `i`, over
 * every choice of alternative and repetition count. Exponential in the worst case and
 * recursive, so it is only for small grammars and short inputs, and not for left recursion.
 */
import type { Node } from "../../src/ast.ts";
import { type Grammar, ruleKey } from "../../src/grammar.ts";

export function referenceMatch(grammar: Grammar, rule: string, input: string): boolean {
  const cps = [...input].map((c) => c.codePointAt(0) as number);
  const root = grammar.rules.get(ruleKey(rule));
  if (root === undefined) throw new Error(`no rule ${rule}`);
  return ends(grammar, root.body, cps, 0, 0).has(cps.length);
}

function lowerAscii(cp: number): number {
  return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
}

function ends(grammar: Grammar, node: Node, s: ReadonlyArray<number>, i: number, depth: number): Set<number> {
  if (depth > 200) throw new Error("reference matcher: too deep (left recursion?)");
  switch (node.kind) {
    case "string": {
      const want = [...node.value].map((c) => c.codePointAt(0) as number);
      for (let k = 0; k < want.length; k++) {
        const got = s[i + k];
        if (got === undefined) return new Set();
        const ok = node.caseSensitive ? got === want[k] : lowerAscii(got) === lowerAscii(want[k] as number);
        if (!ok) return new Set();
      }
      return new Set([i + want.length]);
    }
    case "sequence": {
      for (let k = 0; k < node.codePoints.length; k++) if (s[i + k] !== node.codePoints[k]) return new Set();
      return new Set([i + node.codePoints.length]);
    }
    case "range": {
      const c = s[i];
      return c !== undefined && c >= node.low && c <= node.high ? new Set([i + 1]) : new Set();
    }
    case "prose":
      return new Set();
    case "ruleref": {
      const rule = grammar.rules.get(ruleKey(node.name));
      if (rule === undefined) throw new Error(`undefined ${node.name}`);
      return ends(grammar, rule.body, s, i, depth + 1);
    }
    case "alternation": {
      const out = new Set<number>();
      for (const alt of node.alternatives) for (const e of ends(grammar, alt, s, i, depth + 1)) out.add(e);
      return out;
    }
    case "concatenation": {
      let current = new Set([i]);
      for (const el of node.elements) {
        const next = new Set<number>();
        for (const p of current) for (const e of ends(grammar, el, s, p, depth + 1)) next.add(e);
        current = next;
      }
      return current;
    }
    case "repetition": {
      const out = new Set<number>();
      let frontier = new Set([i]);
      const seen = new Set<string>();
      for (let count = 0; frontier.size > 0; count++) {
        if (count >= node.min) for (const p of frontier) out.add(p);
        if (count >= node.max) break;
        const next = new Set<number>();
        for (const p of frontier) for (const e of ends(grammar, node.element, s, p, depth + 1)) next.add(e);
        // Past the minimum, a frontier seen before adds nothing new: stop (handles empty loops).
        const key = [...next].sort().join(",");
        if (count >= node.min && seen.has(key)) break;
        seen.add(key);
        frontier = next;
      }
      return out;
    }
  }
}
