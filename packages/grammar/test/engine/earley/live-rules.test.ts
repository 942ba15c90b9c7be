import { describe, expect, it } from "vitest";
import { RuleCompiler, ruleMatcher } from "../../../src/engine/compile.ts";
import { liveDependencies, liveReferences } from "../../../src/engine/earley/live-rules.ts";
import { type Grammar, loadGrammar } from "../../../src/grammar.ts";

function grammarOf(text: string): Grammar {
  return loadGrammar([{ name: "t.abnf", text }]);
}

describe("liveDependencies", () => {
  it("ignores what a repetition of at most zero names (RFC 3986's `path-empty = 0<pchar>`)", () => {
    const grammar = grammarOf('r = "a" / path-empty\npath-empty = 0<pchar>\nq = 0nothere "b"\n');
    expect(liveDependencies(grammar, "r").prose).toBeUndefined();
    expect(liveDependencies(grammar, "q").undefinedRule).toBeUndefined();
    const compiled = new RuleCompiler(grammar).compile("r");
    expect(compiled.engine).toBe("dfa");
    if (compiled.engine === "none") return;
    const m = ruleMatcher(compiled);
    expect(["a", "", "b"].map((s) => m.test(s))).toEqual([true, true, false]);
  });

  it("finds live undefined rules and prose values anywhere below the rule", () => {
    const grammar = grammarOf('r = "x" s\ns = 1<words> / t\nt = missing\n');
    expect(liveDependencies(grammar, "r")).toMatchObject({ prose: "words", undefinedRule: "missing" });
    expect(
      liveReferences(
        grammar,
        grammar.rules.get("r")?.body ?? { kind: "prose", text: "", span: { start: 0, end: 0 } },
      ),
    ).toEqual(["s"]);
  });

  it("marks the rules from which a reference cycle can be reached", () => {
    const grammar = grammarOf(
      'top = "<" mid ">" / leaf\nmid = "(" mid ")" / leaf\nleaf = "x"\nself = 0self "a"\n',
    );
    const live = liveDependencies(grammar, "top");
    expect([...live.reachesCycle].sort()).toEqual(["mid", "top"]);
    expect(live.reachable.has("leaf")).toBe(true);
    // A reference inside `0…` is no cycle: `self` is regular.
    expect(liveDependencies(grammar, "self").reachesCycle.size).toBe(0);
    expect(new RuleCompiler(grammar).compile("self").engine).toBe("dfa");
  });
});

describe("engine choice", () => {
  it.each([
    ['r = "(" r ")" / "x"\n', "descent", ""],
    ['r = "(" r ")" / "(" "x" ")"\n', "earley", ""],
    ['r = "(" r ")" / nothere\n', "none", "not defined"],
    ['r = "(" r ")" / <prose>\n', "none", "prose value"],
    ['r = "(" s ")"\ns = 1*"x"\n', "dfa", ""],
  ])("%s", (text, engine, why) => {
    const compiled = new RuleCompiler(grammarOf(text)).compile("r");
    expect(compiled.engine).toBe(engine);
    if (compiled.engine === "none") expect(compiled.reason).toContain(why);
  });
});
