import { describe, expect, it } from "vitest";
import { firstSets } from "../../src/analysis/first-sets.ts";
import { grammarOf } from "./support.ts";

describe("firstSets", () => {
  it("folds ASCII letters of case-insensitive strings, not of %s strings", () => {
    const g = grammarOf('a = "ab"\nb = %s"ab"\nc = "é"\n');
    const f = firstSets(g);
    expect(f.rules.get("a")?.toString()).toBe("%x41 / %x61");
    expect(f.rules.get("b")?.toString()).toBe("%x61");
    expect(f.rules.get("c")?.toString()).toBe("%xE9");
  });

  it("looks through nullable prefixes and references, and ignores unknowns", () => {
    const g = grammarOf(
      [
        "word = [SP] *DIGIT %x41-43 rest",
        'rest = "z"',
        "p = <prose> %x40",
        "u = nowhere / %x21",
        "r = %x5A-58",
        "",
      ].join("\n"),
    );
    const f = firstSets(g);
    expect(f.rules.get("word")?.toString()).toBe("%x20 / %x30-39 / %x41-43");
    expect(f.rules.get("p")?.isEmpty).toBe(true); // a prose value has an unknown FIRST set
    expect(f.rules.get("u")?.toString()).toBe("%x21");
    expect(f.rules.get("r")?.toString()).toBe("%x58-5A"); // a reversed range read as meant
  });

  it("reaches a fixpoint through recursion", () => {
    const g = grammarOf('expr = term *("+" term)\nterm = DIGIT / "(" expr ")" / "-" term\n');
    const f = firstSets(g);
    expect(f.rules.get("expr")?.toString()).toBe("%x28 / %x2D / %x30-39");
    const body = g.rules.get("expr")?.body;
    expect(body?.kind).toBe("concatenation");
    if (body?.kind === "concatenation") expect(f.sequence(body.elements.slice(1)).toString()).toBe("%x2B");
  });
});
