import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Node } from "../../../src/ast.ts";
import { RuleCompiler, ruleMatcher } from "../../../src/engine/compile.ts";
import { compilePeg } from "../../../src/engine/descent/peg.ts";
import { type Grammar, loadGrammar, ruleKey } from "../../../src/grammar.ts";
import { loadDescent, matchDescent, testDescent } from "../../../src/runtime/descent-runtime.ts";

function grammarOf(text: string): Grammar {
  const grammar = loadGrammar([{ name: "t.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return grammar;
}

function fixture(file: string): Grammar {
  const text = readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "rfc", file), "utf8");
  return loadGrammar([{ name: file, text }]);
}

/** Matchers of `rule` under both semantics. */
function both(grammar: Grammar, rule: string) {
  const matcher = (semantics: "cfg" | "peg") => {
    const compiled = new RuleCompiler(grammar, { semantics }).compile(rule);
    if (compiled.engine === "none") throw new Error(compiled.reason);
    return { engine: compiled.engine, ...ruleMatcher(compiled) };
  };
  return { cfg: matcher("cfg"), peg: matcher("peg") };
}

describe("PEG mode reproduces the known failures of PEG-based ABNF tools", () => {
  it("RFC 5321: Ldh-str's greedy repetition eats the last letter, so multi-letter names fail", () => {
    const { cfg, peg } = both(fixture("rfc5321-domain.abnf"), "Domain");
    expect(peg.engine).toBe("peg");
    for (const name of ["example.com", "mail.example.org", "ab"]) {
      expect(cfg.test(name), name).toBe(true);
      expect(peg.test(name), name).toBe(false);
    }
    // Single letters between dots never reach Ldh-str: both agree.
    expect(peg.test("a.b.c")).toBe(true);
    // The furthest failure: Ldh-str's Let-dig, after the repetition took "xample".
    expect(peg.match("example.com")).toMatchObject({ ok: false, offset: 7, found: 0x2e });
  });

  it('RFC 3986: IPv6address rejects 1::2, whose prefix the greedy *5( h16 ":" ) swallows', () => {
    const { cfg, peg } = both(fixture("rfc3986-uri.abnf"), "IPv6address");
    for (const address of ["1::2", "2001:db8::7", "1:2::3"]) {
      expect(cfg.test(address), address).toBe(true);
      expect(peg.test(address), address).toBe(false);
    }
    expect(peg.test("::1")).toBe(true);
    expect(peg.test("1:2:3:4:5:6:7:8")).toBe(true);
  });

  it.each([
    // The first alternative that matches wins, even when the whole input then fails.
    ['r = "a" / "ab"\n', "ab", true, false],
    // Repetitions never give back what they took.
    ['r = *"a" "a"\n', "aa", true, false],
    ['r = 1*3"a" "a"\n', "aaa", true, false],
    ['r = ["a"] "a"\n', "a", true, false],
    // Where first match and greedy happen to be right, both agree.
    ['r = "ab" / "a"\n', "ab", true, true],
    ['r = *"a" "b"\n', "aab", true, true],
  ])("%j on %j: RFC 5234 says %s, PEG says %s", (text, input, exact, pegVerdict) => {
    const { cfg, peg } = both(grammarOf(text), "r");
    expect(cfg.test(input)).toBe(exact);
    expect(peg.test(input)).toBe(pegVerdict);
    expect(peg.match(input).ok).toBe(pegVerdict);
  });
});

describe("compilePeg", () => {
  it("refuses left recursion, naming the cycle", () => {
    const result = compilePeg(grammarOf('r = s "a" / "b"\ns = [ "x" ] r\n'), "r");
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("left-recursive (r → s → r)") });
    const compiled = new RuleCompiler(grammarOf('r = r "a" / "b"\n'), { semantics: "peg" }).compile("r");
    expect(compiled).toMatchObject({ engine: "none", reason: expect.stringContaining("never stop") });
  });

  it("stops a repetition whose iteration consumed nothing", () => {
    const { peg } = both(grammarOf('r = *( [ "a" ] ) "b"\n'), "r");
    expect(peg.test("aab")).toBe(true);
    expect(peg.test("b")).toBe(true);
  });

  it("reports the furthest failure with what was expected there", () => {
    const { peg } = both(grammarOf('r = "(" s ")"\ns = 1*DIGIT / "x"\n'), "r");
    expect(peg.match("(12a")).toEqual({
      ok: false,
      offset: 3,
      found: 0x61,
      expected: ['")"', '"0"-"9"'],
      rules: ["r"],
    });
  });

  it("runs nesting a hundred thousand deep on the heap", () => {
    const loaded = compilePeg(fixture("rfc8259-json.abnf"), "JSON-text");
    if (!loaded.ok) throw new Error(loaded.reason);
    const m = loadDescent(loaded.peg);
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(testDescent(m, deep)).toBe(true);
    expect(matchDescent(m, `${deep}]`)).toMatchObject({ ok: false, offset: 200_000 });
  });
});

/** PEG matching as its definition reads, recursively: the end offset, or -1. For small cases. */
function pegEnd(
  grammar: Grammar,
  node: Node,
  input: ReadonlyArray<number>,
  i: number,
  budget: { steps: number },
): number {
  if (--budget.steps < 0) throw new Error("budget");
  switch (node.kind) {
    case "string": {
      let at = i;
      for (const ch of node.value) {
        const want = ch.codePointAt(0) as number;
        const got = input[at];
        const fold = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
        if (got === undefined || (node.caseSensitive ? got !== want : fold(got) !== fold(want))) return -1;
        at++;
      }
      return at;
    }
    case "sequence": {
      let at = i;
      for (const want of node.codePoints) {
        if (input[at] !== want) return -1;
        at++;
      }
      return at;
    }
    case "range": {
      const c = input[i];
      return c !== undefined && c >= node.low && c <= node.high ? i + 1 : -1;
    }
    case "prose":
      return -1;
    case "ruleref": {
      const rule = grammar.rules.get(ruleKey(node.name));
      return rule === undefined ? -1 : pegEnd(grammar, rule.body, input, i, budget);
    }
    case "alternation":
      for (const alt of node.alternatives) {
        const end = pegEnd(grammar, alt, input, i, budget);
        if (end >= 0) return end;
      }
      return -1;
    case "concatenation": {
      let at = i;
      for (const e of node.elements) {
        at = pegEnd(grammar, e, input, at, budget);
        if (at < 0) return -1;
      }
      return at;
    }
    case "repetition": {
      if (node.min > node.max) return -1;
      let count = 0;
      let at = i;
      while (count < node.max) {
        const end = pegEnd(grammar, node.element, input, at, budget);
        if (end < 0) break;
        count++;
        if (end === at) break;
        at = end;
      }
      return count >= node.min ? at : -1;
    }
  }
}

const body: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom('"a"', '"b"', '"ab"', '""', "%x61-62", '%s"A"', "r", "s", "t"),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" / ")})`),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" ")})`),
    fc
      .tuple(fc.nat(2), fc.option(fc.nat(2), { nil: undefined }), tie("node"))
      .map(([min, extra, x]) => `${min}*${extra === undefined ? "" : min + extra}(${x})`),
    tie("node").map((x) => `[${x}]`),
  ),
})).node;

describe("PEG programs follow the definition of PEG matching", () => {
  it("on random grammars without left recursion", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        body,
        body,
        body,
        fc.array(fc.stringMatching(/^[abA]{0,6}$/), { minLength: 1, maxLength: 8 }),
        (r, s, t, strings) => {
          const grammar = grammarOf(`r = ${r}\ns = ${s}\nt = ${t}\n`);
          const compiled = compilePeg(grammar, "r");
          if (!compiled.ok) {
            expect(compiled.reason).toContain("left-recursive");
            return;
          }
          const m = loadDescent(compiled.peg);
          const root = (grammar.rules.get("r") as { body: Node }).body;
          for (const input of strings) {
            const cps = [...input].map((c) => c.codePointAt(0) as number);
            let expected: boolean;
            try {
              expected = pegEnd(grammar, root, cps, 0, { steps: 200_000 }) === cps.length;
            } catch {
              continue; // the recursive definition ran out of budget
            }
            expect(testDescent(m, input), `${r} | ${s} | ${t} on ${JSON.stringify(input)}`).toBe(expected);
            expect(matchDescent(m, input).ok).toBe(expected);
            compared++;
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(500);
  });
});
