import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type DescentRule, RuleCompiler, ruleMatcher } from "../../src/engine/compile.ts";
import { loadGrammar } from "../../src/grammar.ts";
import {
  DescentOp,
  type DescentSource,
  loadDescent,
  matchDescent,
  testDescent,
} from "../../src/runtime/descent-runtime.ts";
import { loadEarley, matchEarley } from "../../src/runtime/earley-runtime.ts";

const jsonGrammar = loadGrammar([
  {
    name: "rfc8259-json.abnf",
    text: readFileSync(join(import.meta.dirname, "..", "fixtures", "rfc", "rfc8259-json.abnf"), "utf8"),
  },
]);

const jsonRule = (() => {
  const compiled = new RuleCompiler(jsonGrammar).compile("JSON-text");
  if (compiled.engine !== "descent") throw new Error(`JSON-text should use descent, got ${compiled.engine}`);
  return compiled satisfies DescentRule;
})();
const json = ruleMatcher(jsonRule);
const earley = loadEarley(jsonRule.earley);

/** A JSON document of about `size` UTF-16 units, with nesting, escapes, non-BMP text and indentation. */
function jsonDocument(size: number): string {
  const items: unknown[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const item = {
      id: i,
      name: `user ${i} "quoted" \\ é 😀 \u2028`,
      tags: ["a", i % 3 === 0 ? null : true, false],
      score: -i * 1.5e-3,
      nested: { x: [i, [i + 1, { y: "z" }]], empty: {}, none: [] },
    };
    items.push(item);
    length += JSON.stringify(item, null, i % 2 === 0 ? 2 : undefined).length + 2;
  }
  return JSON.stringify(items, null, 1);
}

describe("the descent runtime on RFC 8259", () => {
  it("matches a 1 MB document, and a defect at its very end fails with the Earley report", () => {
    const doc = jsonDocument(1_000_000);
    expect(doc.length).toBeGreaterThan(1_000_000);
    expect(json.test(doc)).toBe(true);
    expect(json.match(doc)).toEqual({ ok: true });
    const broken = `${doc.slice(0, -1)},]`;
    expect(json.test(broken)).toBe(false);
    const report = json.match(broken);
    expect(report).toMatchObject({ ok: false, offset: broken.length - 1 });
    expect(report).toEqual(matchEarley(earley, broken));
  });

  it("handles a megabyte of nesting without growing the JS stack", () => {
    const half = 1 << 19;
    expect(json.test(`${"[".repeat(half)}${"]".repeat(half)}`)).toBe(true);
    expect(json.test(`${"[".repeat(half)}${"]".repeat(half - 1)}`)).toBe(false);
    expect(json.test("[".repeat(1 << 20))).toBe(false);
    expect(json.test(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`)).toBe(true);
  });

  it.each([
    ['{"a":[1,{"b":null}]}', true],
    [" \t\r\n[ 1 ,\n  2 ] \n", true],
    ['"😀\\ud83d\\ude00"', true],
    ['["\u{10FFFF}", "é"]', true],
    ["[1,]", false],
    ["[1 2]", false],
    ["", false],
    [" ", false],
    ["01", false],
    ['"\u0001"', false],
    ["{,}", false],
  ])("%j → %s, as the Earley engine says", (input, valid) => {
    expect(json.test(input)).toBe(valid);
    expect(json.match(input)).toEqual(matchEarley(earley, input));
  });
});

describe("loadDescent", () => {
  const base: DescentSource = {
    semantics: "cfg",
    code: [DescentOp.Call, 3, DescentOp.End, DescentOp.Return],
    rules: ["r"],
    ruleStarts: [0],
    decisions: [],
    sets: [],
    leaves: [],
  };

  it("runs a well-formed program", () => {
    const m = loadDescent(base);
    expect(testDescent(m, "")).toBe(true);
    expect(testDescent(m, "x")).toBe(false);
    expect(matchDescent(m, "x")).toEqual({
      ok: false,
      offset: 0,
      found: 0x78,
      expected: ["end of input"],
      rules: [],
    });
  });

  it.each([
    ["an unknown instruction", { code: [99] }],
    ["a missing operand", { code: [DescentOp.Call] }],
    [
      "a decision that jumps outside the code",
      { code: [DescentOp.Switch, 0], decisions: [{ skip: [], cases: [0x61, 0x61, 7], end: -1 }] },
    ],
  ])("refuses %s", (_what, patch) => {
    expect(() => loadDescent({ ...base, ...patch })).toThrow(/descent data/);
  });
});
