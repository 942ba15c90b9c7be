import { describe, expect, it } from "vitest";
import { diagnosticToJson } from "../src/diagnostic.ts";
import { loadGrammar } from "../src/grammar.ts";

describe("loadGrammar", () => {
  it("folds `=/` into the rule's alternatives, in source order", () => {
    const g = loadGrammar([{ name: "t", text: 'a = "x" / "y"\na =/ "z"\n' }]);
    const body = g.rules.get("a")?.body;
    expect(body?.kind === "alternation" && body.alternatives.length).toBe(3);
  });

  it("reports a second `=` definition with the first as related", () => {
    const g = loadGrammar([{ name: "t", text: 'a = "x"\nA = "y"\n' }]);
    const d = g.diagnostics[0];
    expect(d && diagnosticToJson(d)).toMatchObject({ code: "duplicate-rule", line: 2, column: 1 });
    expect(d?.related?.[0]?.message).toBe("first defined here");
  });

  it("reports `=/` with no base definition", () => {
    const g = loadGrammar([{ name: "t", text: 'a =/ "x"\n' }]);
    expect(g.diagnostics.map((d) => d.code)).toEqual(["incremental-without-base"]);
  });

  it("adds the RFC 5234 core rules, and lets a grammar's rule shadow one (case-insensitively) with a note", () => {
    const plain = loadGrammar([{ name: "t", text: "a = DIGIT\n" }]);
    expect(plain.rules.get("digit")?.origin).toBe("core");
    const json = loadGrammar([{ name: "t", text: "char = %x20-21\n" }]);
    expect(json.rules.get("char")?.origin).toBe("grammar");
    expect(json.diagnostics.map((d) => d.code)).toEqual(["shadows-core-rule"]);
  });

  it("lets an incremental definition extend a core rule", () => {
    const g = loadGrammar([{ name: "t", text: 'ALPHA =/ "_"\n' }]);
    expect(g.diagnostics).toEqual([]);
    const body = g.rules.get("alpha")?.body;
    expect(body?.kind === "alternation" && body.alternatives.length).toBe(3);
  });

  it("replaces a grammar's rule with a --define definition, noting it", () => {
    const g = loadGrammar([{ name: "g", text: "a = <defined elsewhere>\n" }], {
      defines: [{ name: "d", text: 'a = "x"\n' }],
    });
    expect(g.rules.get("a")?.origin).toBe("define");
    expect(g.diagnostics.map((d) => d.code)).toEqual(["redefined-import"]);
  });

  it("merges several files into one grammar", () => {
    const g = loadGrammar([
      { name: "one", text: "a = b\n" },
      { name: "two", text: 'b = "x"\n' },
    ]);
    expect(g.ownRuleKeys).toEqual(["a", "b"]);
    expect(g.rules.get("b")?.source.name).toBe("two");
  });
});
