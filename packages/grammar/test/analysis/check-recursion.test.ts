import { describe, expect, it } from "vitest";
import { analyzeGrammar } from "../../src/analysis/index.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { analyze, at, spanned, withCode } from "./support.ts";

describe("left-recursion", () => {
  it("names the cycle and points at the first step", () => {
    const text = ["expr = term / sum", 'sum = [SP] expr "+" term', "term = 1*DIGIT", ""].join("\n");
    const found = withCode(analyze(text), "left-recursion");
    expect(found).toHaveLength(1);
    const d = found[0];
    expect(d?.severity).toBe("warning");
    expect(at(d as never)).toBe("1:15");
    expect(spanned(d as never)).toBe("sum");
    expect(d?.message).toBe(
      "rule `expr` is left-recursive: expr → sum → expr, each step before any input is consumed, so a recursive-descent or PEG parser never terminates here",
    );
    expect(d?.related?.map((r) => [r.message, r.source.lineColAt(r.span.start)])).toEqual([
      ["`sum` enters `expr` here before consuming input", { line: 2, column: 12 }],
    ]);
  });

  it("reports a self-reference and each distinct cycle of a component once", () => {
    const text = ['a = a "x" / b / c', 'b = a "y"', 'c = *SP a "z"', ""].join("\n");
    const found = withCode(analyze(text), "left-recursion");
    expect(found.map((d) => d.message.split(":")[1]?.split(",")[0]?.trim())).toEqual([
      "a → a",
      "a → b → a",
      "a → c → a",
    ]);
    expect(found.map(spanned)).toEqual(["a", "b", "c"]); // each at the step out of `a`
  });

  it("is not fooled by recursion after input", () => {
    const text = ['list = item [ "," list ]', 'item = "x" / "(" list ")"', ""].join("\n");
    expect(withCode(analyze(text), "left-recursion")).toEqual([]);
  });

  it("abbreviates a long cycle", () => {
    const n = 30;
    const text = Array.from({ length: n }, (_, i) => `r${i} = r${(i + 1) % n} "x" / "y"`).join("\n");
    const [d] = withCode(analyze(text), "left-recursion");
    expect(d?.message).toContain("r0 → r1 → r2 → r3 → r4 → … (21 more) … → r26 → r27 → r28 → r29 → r0");
  });
});

describe("non-terminating", () => {
  it("reports a rule whose every alternative recurses", () => {
    const found = withCode(analyze('top = a / "z"\na = "x" a\n'), "non-terminating");
    expect(found.map((d) => [at(d), d.severity])).toEqual([["2:1", "error"]]);
    expect(found[0]?.message).toBe(
      "rule `a` can never match a finite string: every alternative needs another match of `a` itself, so the recursion never ends",
    );
    expect(found[0]?.hint).toContain("base case");
  });

  it("explains a rule that only depends on one that never terminates", () => {
    const found = withCode(analyze('b = "y" a\na = "x" a\n'), "non-terminating");
    expect(found.map((d) => d.message)).toEqual([
      "rule `b` can never match a finite string: every alternative needs `a`, which can never finish matching either",
      "rule `a` can never match a finite string: every alternative needs another match of `a` itself, so the recursion never ends",
    ]);
  });

  it("accepts recursion with a way out, optional recursion and unknowns", () => {
    const text = [
      'a = "x" a / "x"',
      'b = "(" [b] ")"',
      'c = *("x" c)',
      "d = 1*(d)",
      "e = missing e / <prose>",
      "",
    ].join("\n");
    const found = withCode(analyze(text), "non-terminating");
    expect(found.map(spanned)).toEqual(["d"]); // 1*(d) needs d before d: no way out
  });

  it("reports at the `=` definition even when `=/` lives in another file", () => {
    const g = loadGrammar([
      { name: "one.abnf", text: 'a = "x" a\n' },
      { name: "two.abnf", text: 'a =/ "y" a\n' },
    ]);
    const [d] = withCode(analyzeGrammar(g), "non-terminating");
    expect(d?.source.name).toBe("one.abnf");
  });
});
