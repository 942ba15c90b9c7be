import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  lookup,
  overlapWitness,
  properPrefixWitness,
  shortStrings,
} from "../../src/analysis/short-strings.ts";
import type { Node } from "../../src/ast.ts";
import type { Grammar } from "../../src/grammar.ts";
import { grammarOf } from "./support.ts";

const cps = (s: string) => [...s].map((c) => c.codePointAt(0) as number);

/**
 * The oracle: every match of a node cut to `window` characters, by plain set semantics over
 * strings, independent of the trie code. A match longer than the window is kept as its first
 * `window` characters followed by "…".
 */
function language(node: Node, grammar: Grammar, window: number): Set<string> {
  const cut = (s: string) => {
    const long = s.endsWith("…");
    const text = long ? s.slice(0, -1) : s;
    return long || text.length > window ? `${text.slice(0, window)}…` : text;
  };
  const concat = (xs: Set<string>, ys: Set<string>) =>
    new Set(
      [...xs].flatMap((x) => (x.endsWith("…") ? (ys.size > 0 ? [x] : []) : [...ys].map((y) => cut(x + y)))),
    );
  switch (node.kind) {
    case "alternation":
      return new Set(node.alternatives.flatMap((a) => [...language(a, grammar, window)]));
    case "concatenation":
      return node.elements.reduce((acc, e) => concat(acc, language(e, grammar, window)), new Set([""]));
    case "repetition": {
      const one = language(node.element, grammar, window);
      let current = new Set([""]);
      const out = new Set<string>(node.min === 0 ? [""] : []);
      for (let i = 1; i <= node.max; i++) {
        current = concat(current, one);
        if (i >= node.min) for (const s of current) out.add(s);
      }
      return out;
    }
    case "ruleref":
      return language(grammar.rules.get(node.name.toLowerCase())?.body as Node, grammar, window);
    case "string":
      return new Set([cut(node.value)]);
    case "sequence":
      return new Set([cut(String.fromCodePoint(...node.codePoints))]);
    case "range": {
      const out = new Set<string>();
      for (let c = node.low; c <= node.high; c++) out.add(String.fromCodePoint(c));
      return out;
    }
    case "prose":
      return new Set();
  }
}

/** Random ABNF over the alphabet {a, b}, case-sensitive, with bounded repetition . */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, withCrossShrink: true },
    fc.constantFrom('%s"a"', '%s"b"', '%s"ab"', "%x61-62", '""', "%x61.62.61", "sub"),
    fc.tuple(tie("expr"), tie("expr")).map(([x, y]) => `(${x} / ${y})`),
    fc.tuple(tie("expr"), tie("expr")).map(([x, y]) => `(${x} ${y})`),
    fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 }), tie("expr"))
      .map(([min, extra, x]) => `${min}*${min + extra}(${x})`),
  ),
})).expr;

describe("shortStrings", () => {
  it("holds exactly the matches that fit the window, and marks exactly those that go beyond", () => {
    const window = 3;
    fc.assert(
      fc.property(expression, expression, (top, sub) => {
        const g = grammarOf(`top = ${top}\nsub = ${sub.replaceAll("sub", '%s"b"')}\n`);
        const body = g.rules.get("top")?.body as Node;
        const all = language(body, g, window);
        const { trie, exact } = shortStrings(g, { maxLength: window }).node(body);
        expect(exact).toBe(true);
        const candidates = [""];
        for (let len = 1; len <= window; len++) {
          for (const s of candidates.filter((c) => c.length === len - 1)) candidates.push(`${s}a`, `${s}b`);
        }
        for (const s of candidates) {
          const node = lookup(trie, cps(s));
          expect(node?.end ?? false).toBe(all.has(s));
          if (s.length === window) {
            expect(node?.more ?? false).toBe(all.has(`${s}…`));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("shares one tree per language, so equal languages are the same object", () => {
    const g = grammarOf('a = "x" / "y"\nb = %x58-59\nc = ( "y" / "x" )\n');
    const s = shortStrings(g);
    expect(s.rules.get("a")?.trie).toBe(s.rules.get("c")?.trie);
    // "x" ignores case, %x58-59 is upper case only: different languages.
    expect(s.rules.get("a")?.trie).not.toBe(s.rules.get("b")?.trie);
  });

  it("is exact through recursion, and inexact where something is unknown", () => {
    const g = grammarOf('list = "(" [ list ] ")"\np = "a" <prose>\nu = "a" / missing\nz = 0<prose>\n');
    const s = shortStrings(g, { maxLength: 4 });
    const list = s.rules.get("list");
    expect(list?.exact).toBe(true);
    expect(lookup(list?.trie as never, cps("()"))?.end).toBe(true);
    expect(lookup(list?.trie as never, cps("(())"))?.end).toBe(true);
    expect(lookup(list?.trie as never, cps("(())"))?.more).toBe(false);
    expect(lookup(list?.trie as never, cps("((()"))?.more).toBe(true);
    expect(lookup(list?.trie as never, cps("(()"))?.end).toBe(false);
    expect(s.rules.get("p")?.exact).toBe(false);
    expect(s.rules.get("u")?.exact).toBe(false);
    expect(lookup(s.rules.get("u")?.trie as never, cps("A"))?.end).toBe(true); // what is known stays
    expect(s.rules.get("z")?.exact).toBe(true); // zero repetitions of anything is the empty string
  });
});

describe("witnesses", () => {
  const tries = (text: string) => {
    const g = grammarOf(text);
    const s = shortStrings(g);
    return (k: string) => s.rules.get(k)?.trie as never;
  };

  it("finds a match of one tree that is a proper prefix of a match of another", () => {
    const t = tries('a = "a"\nab = "ab"\nd = DIGIT\ndd = 2DIGIT\nlong = "a" 9"b"\n');
    expect(properPrefixWitness(t("a"), t("ab"))).toEqual({ prefix: [0x61], rest: [0x62], beyond: false });
    expect(properPrefixWitness(t("ab"), t("a"))).toBeUndefined();
    expect(properPrefixWitness(t("a"), t("a"))).toBeUndefined(); // equal, not a proper prefix
    expect(properPrefixWitness(t("d"), t("dd"))?.prefix).toEqual([0x30]);
    expect(properPrefixWitness(t("a"), t("long"))).toMatchObject({ prefix: [0x61], beyond: true });
  });

  it("finds where one tree's match ends while the other's goes on", () => {
    const t = tries('x = "a" "b"\ny = "a" "c"\nz = "a"\n');
    expect(overlapWitness(t("x"), t("y"))).toBeUndefined(); // they part after "a", neither ends there
    expect(overlapWitness(t("z"), t("y"))?.prefix).toEqual([0x61]);
    expect(overlapWitness(t("x"), t("z"))?.prefix).toEqual([0x61]);
  });
});
