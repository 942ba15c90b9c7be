import { loadGrammar } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { referencesIn } from "../../src/check/rule-references.ts";

describe("referencesIn", () => {
  it("lists every reference of the chosen texts by rule key, in source order", () => {
    const g = loadGrammar([
      { name: "one", text: 'a = B [ c ] *( B / "x" )\n' },
      { name: "two", text: "c = a\n" },
    ]);
    const one = g.sources.find((s) => s.name === "one");
    const refs = referencesIn(g, new Set(one === undefined ? [] : [one]));
    expect([...refs.keys()]).toEqual(["b", "c"]);
    expect(refs.get("b")?.map((r) => [r.name, r.span.start])).toEqual([
      ["B", 4],
      ["B", 15],
    ]);
    expect(referencesIn(g, new Set(g.sources)).get("a")?.length).toBe(1);
  });

  it("walks deep nesting without recursion", () => {
    const deep = `${"(".repeat(200)}x${")".repeat(200)}`;
    const g = loadGrammar([{ name: "d", text: `a = ${deep}\nx = "1"\n` }]);
    expect(referencesIn(g, new Set(g.sources)).get("x")?.length).toBe(1);
  });
});
