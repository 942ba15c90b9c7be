import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RuleCompiler } from "../../src/engine/compile.ts";
import { buildEarley } from "../../src/engine/earley/translate.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { explainFailure } from "../../src/runtime/dfa-runtime.ts";
import {
  type EarleySource,
  type EarleyStats,
  type LoadedEarley,
  loadEarley,
  matchEarley,
  testEarley,
} from "../../src/runtime/earley-runtime.ts";

function earley(text: string, rule = "r"): LoadedEarley {
  const grammar = loadGrammar([{ name: "t.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return loadEarley(buildEarley(grammar, rule));
}

const json = (() => {
  const text = readFileSync(join(import.meta.dirname, "..", "fixtures", "rfc", "rfc8259-json.abnf"), "utf8");
  const compiled = new RuleCompiler(loadGrammar([{ name: "rfc8259-json.abnf", text }]), {
    recursive: "earley",
  }).compile("JSON-text");
  if (compiled.engine !== "earley") throw new Error(`JSON-text should be recursive, got ${compiled.engine}`);
  return loadEarley(compiled.earley);
})();

/** A JSON document of about `size` UTF-16 units, with nesting, escapes and non-BMP text. */
function jsonDocument(size: number, indent?: number): string {
  const items: unknown[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const item = {
      id: i,
      name: `user ${i} "quoted" \\ é 😀`,
      tags: ["a", i % 3 === 0 ? null : true, false],
      score: -i * 1.5e-3,
      nested: { x: [i, [i + 1, { y: "z" }]], empty: {}, none: [] },
    };
    items.push(item);
    length += JSON.stringify(item).length + 1;
  }
  return JSON.stringify(items, null, indent);
}

describe("matchEarley", () => {
  it("decides nested structures exactly", () => {
    const r = earley('r = "(" *r ")" / "x"\n');
    for (const ok of ["x", "()", "(x)", "(()x(x))"]) expect(testEarley(r, ok), ok).toBe(true);
    for (const bad of ["", "(", "(x", "x)", "xx"]) expect(testEarley(r, bad), bad).toBe(false);
  });

  it("reports the furthest offset any parse reached, what it found, and what was expected", () => {
    const r = earley('r = "(" *r ")" / %x61-7A\n');
    const result = matchEarley(r, "(a(b1))");
    expect(result).toMatchObject({
      ok: false,
      offset: 4,
      found: 0x31,
      expected: ['"("', '")"', '"a"-"z"'],
      rules: ["r"],
    });
    if (!result.ok)
      expect(explainFailure("(a(b1))", result)).toBe(
        `unexpected '1' (U+0031) at column 5 in r; expected "(" / ")" / "a"-"z"`,
      );
  });

  it("says the input ended too early, with no character found", () => {
    const result = matchEarley(earley('r = "(" *r ")" / "x"\n'), "((x)");
    expect(result).toMatchObject({ ok: false, offset: 4, expected: ['"("', '")"', '"X"', '"x"'] });
    if (!result.ok) expect(result.found).toBeUndefined();
  });

  it("lists `end of input` where a whole match could have ended", () => {
    expect(matchEarley(earley('r = "(" *r ")" / "x"\n'), "(x)y")).toMatchObject({
      ok: false,
      offset: 3,
      found: 0x79,
      expected: ["end of input"],
    });
    // Inside a leaf: `ab` may end the rule or go on with more `b`s.
    expect(matchEarley(earley('r = "a" 1*"b" / "(" r ")"\n'), "abc")).toMatchObject({
      ok: false,
      offset: 2,
      expected: ['"B"', '"b"', "end of input"],
    });
  });

  it("counts offsets in UTF-16 units and matches non-BMP characters as one code point", () => {
    const r = earley('r = "(" r ")" / %x1F600-1F64F\n');
    expect(testEarley(r, "((😀))")).toBe(true);
    expect(testEarley(r, "(\ud83d)")).toBe(false);
    expect(matchEarley(r, "(😀x")).toMatchObject({ ok: false, offset: 3, found: 0x78, expected: ['")"'] });
    expect(matchEarley(r, "((🙏")).toMatchObject({ ok: false, offset: 4, expected: ['")"'] });
    expect(matchEarley(r, "(🚀")).toMatchObject({ ok: false, offset: 1, found: 0x1f680 });
  });

  it("names the grammar's rules rather than core rules where both are expected", () => {
    const r = earley('r = "[" [ item *( "," item ) ] "]"\nitem = 1*DIGIT / r\n');
    // `"["` is written in r, the digits come from the core rule DIGIT: only r is named.
    expect(matchEarley(r, "[1,x]")).toMatchObject({ ok: false, offset: 3, rules: ["r"] });
    expect(matchEarley(r, "[1x")).toMatchObject({
      ok: false,
      offset: 2,
      expected: ['","', '"0"-"9"', '"]"'],
    });
  });

  it("agrees with testEarley", () => {
    for (const input of ["[1,[2]]", "[1,", "[]]", " {} ", '{"a":1,}', ""])
      expect(matchEarley(json, input).ok, input).toBe(testEarley(json, input));
  });
});

describe("scale", () => {
  it("handles nesting 100 000 deep without growing the stack", () => {
    const depth = 100_000;
    expect(testEarley(json, `${"[".repeat(depth)}${"]".repeat(depth)}`)).toBe(true);
    expect(testEarley(json, `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)).toBe(true);
    const unclosed = `${"[".repeat(depth)}${"]".repeat(depth - 1)}`;
    expect(matchEarley(json, unclosed)).toMatchObject({
      ok: false,
      offset: unclosed.length,
      expected: expect.arrayContaining(['"]"']),
    });
  });

  it("matches a 1 MB JSON document, and finds a defect at its very end", () => {
    const doc = jsonDocument(1_000_000);
    expect(doc.length).toBeGreaterThan(1_000_000);
    expect(testEarley(json, doc)).toBe(true);
    const broken = `${doc.slice(0, -1)},]`;
    expect(matchEarley(json, broken)).toMatchObject({ ok: false, offset: broken.length - 1, found: 0x5d });
  });

  it("does work proportional to the input between 100 KB and 1 MB (compact and indented)", () => {
    for (const indent of [undefined, 2]) {
      const measure = (size: number) => {
        const doc = jsonDocument(size, indent);
        const stats: EarleyStats = { items: 0, leafSteps: 0, sets: 0 };
        const started = performance.now();
        expect(matchEarley(json, doc, stats)).toEqual({ ok: true });
        return { length: doc.length, ms: performance.now() - started, stats };
      };
      measure(20_000); // warm up the JIT
      const small = measure(100_000);
      const large = measure(1_000_000);
      const sizeRatio = large.length / small.length;
      const itemRatio = large.stats.items / small.stats.items;
      const stepRatio = large.stats.leafSteps / small.stats.leafSteps;
      // Same shape of document, ten times the size: ten times the work, within 10%.
      expect(itemRatio / sizeRatio).toBeGreaterThan(0.9);
      expect(itemRatio / sizeRatio).toBeLessThan(1.1);
      expect(stepRatio / sizeRatio).toBeLessThan(1.1);
      // A few items and leaf steps per character at most.
      expect(large.stats.items / large.length).toBeLessThan(indent === undefined ? 4 : 12);
      expect(large.stats.leafSteps / large.length).toBeLessThan(3);
      // Wall time is noisy on shared machines: only catch a blow-up far beyond linear.
      expect(large.ms / Math.max(small.ms, 1)).toBeLessThan(sizeRatio * 5);
    }
  });

  it.each([
    ['r = "a" r / ""\n', "a"],
    ['r = s\ns = "a" [ r ]\n', "a"],
    ['r = "(" r ")" / ""\n', "()"],
  ])("keeps right recursion linear (Leo's optimization): %s", (text, unit) => {
    const r = earley(text);
    const work = (n: number) => {
      const stats: EarleyStats = { items: 0, leafSteps: 0, sets: 0 };
      const input = unit === "()" ? `${"(".repeat(n)}${")".repeat(n)}` : unit.repeat(n);
      expect(matchEarley(r, input, stats)).toEqual({ ok: true });
      return stats.items;
    };
    const small = work(2_000);
    const large = work(40_000);
    expect(large / small).toBeLessThan(21);
  });

  it("stays linear on long runs of white space the grammar may split in any way", () => {
    const steps = (k: number) => {
      const stats: EarleyStats = { items: 0, leafSteps: 0, sets: 0 };
      const spaces = " ".repeat(k);
      expect(matchEarley(json, `[${spaces}[${spaces}1${spaces}]${spaces}]${spaces}`, stats).ok).toBe(true);
      return stats;
    };
    const small = steps(2_000);
    const large = steps(20_000);
    expect(large.items / small.items).toBeLessThan(11);
    expect(large.leafSteps / small.leafSteps).toBeLessThan(11);
  });
});

describe("loadEarley", () => {
  const leaf = {
    start: 0,
    accepting: [0, 1] as Array<0 | 1>,
    transitions: [[0x61, 0x61, 1], []],
    expectedRules: [[0], [0]],
    ruleNames: ["r"],
  };

  it("rejects malformed data with a clear error", () => {
    const bad: EarleySource[] = [
      { start: 0, nonterminals: ["s"], productions: [[0, 5]], leaves: [] },
      { start: 0, nonterminals: ["s"], productions: [[0, -2]], leaves: [leaf] },
      { start: 0, nonterminals: ["s"], productions: [[3]], leaves: [] },
      { start: 1, nonterminals: ["s", "t"], productions: [[0]], leaves: [] },
    ];
    for (const source of bad) expect(() => loadEarley(source)).toThrow(/earley data/);
  });

  it("runs hand-written data: s → s a | ε (left recursion over an empty rule)", () => {
    const loaded = loadEarley({
      start: 0,
      nonterminals: ["(start)", "s"],
      productions: [[0, 1], [1, 1, -1], [1]],
      leaves: [leaf],
    });
    expect(["", "a", "aaaa"].map((s) => testEarley(loaded, s))).toEqual([true, true, true]);
    expect(matchEarley(loaded, "aab")).toMatchObject({
      ok: false,
      offset: 2,
      expected: ['"a"', "end of input"],
    });
  });
});
