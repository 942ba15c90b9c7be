import { describe, expect, it } from "vitest";
import {
  reachableFrom,
  referencedRules,
  ruleGraph,
  ruleRefsIn,
  stronglyConnectedComponents,
} from "../../src/analysis/rule-graph.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { grammarOf } from "./support.ts";

describe("referencedRules", () => {
  it("lists every reference site by lower-case key, with the name as written and the rule it is in", () => {
    const g = grammarOf("a = B b DIGIT\nb = %x62 [a]\n");
    const refs = referencedRules(g);
    expect(refs.get("b")?.map((r) => [r.name, r.from])).toEqual([
      ["B", "a"],
      ["b", "a"],
    ]);
    expect(refs.get("a")?.map((r) => r.from)).toEqual(["b"]);
    expect(refs.get("digit")?.length).toBe(1);
    // Core rules' own references (HEXDIG → DIGIT) are not sites anyone can edit.
    expect(refs.has("hexdig")).toBe(false);
  });

  it("keeps the text of each site, across files joined by `=/`", () => {
    const g = loadGrammar([
      { name: "one.abnf", text: "a = x\nx = %x78\n" },
      { name: "two.abnf", text: "a =/ y\ny = %x79\n" },
    ]);
    const y = referencedRules(g).get("y")?.[0];
    expect(y?.source.name).toBe("two.abnf");
    expect(y?.source.text.slice(y.span.start, y.span.end)).toBe("y");
  });
});

describe("ruleGraph", () => {
  it("has an edge per referenced rule and the reverse edges", () => {
    const g = grammarOf("a = b c\nb = c\nc = %x63\n");
    const graph = ruleGraph(g);
    expect([...(graph.edges.get("a") ?? [])]).toEqual(["b", "c"]);
    expect([...(graph.reverse.get("c") ?? [])].sort()).toEqual(["a", "b"]);
    expect(graph.keys.slice(0, 3)).toEqual(["a", "b", "c"]);
    expect(reachableFrom(graph, ["b"])).toEqual(new Set(["b", "c"]));
  });

  it("finds the rule references in a node in source order", () => {
    const g = grammarOf("a = x *(y / [z]) x\n");
    expect(ruleRefsIn(g.rules.get("a")?.body as never).map((r) => r.name)).toEqual(["x", "y", "z", "x"]);
  });
});

describe("stronglyConnectedComponents", () => {
  it("groups cycles and lists dependencies first", () => {
    const edges: Record<string, string[]> = { a: ["b"], b: ["c", "a"], c: ["d"], d: ["c"], e: ["e"] };
    const sccs = stronglyConnectedComponents(Object.keys(edges), (k) => edges[k] ?? []);
    const sorted = sccs.map((c) => [...c].sort());
    expect(sorted).toContainEqual(["a", "b"]);
    expect(sorted).toContainEqual(["c", "d"]);
    expect(sorted).toContainEqual(["e"]);
    const index = (k: string) => sorted.findIndex((c) => c.includes(k));
    expect(index("c")).toBeLessThan(index("a")); // {a, b} depends on {c, d}
  });

  it("handles a 100 000-node cycle without recursion", () => {
    const n = 100_000;
    const keys = Array.from({ length: n }, (_, i) => `r${i}`);
    const sccs = stronglyConnectedComponents(keys, (k) => [`r${(Number(k.slice(1)) + 1) % n}`]);
    expect(sccs.length).toBe(1);
    expect(sccs[0]?.length).toBe(n);
  });
});
