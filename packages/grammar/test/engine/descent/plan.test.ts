import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleCompiler } from "../../../src/engine/compile.ts";
import { assembleDescent } from "../../../src/engine/descent/assemble.ts";
import { planDescent } from "../../../src/engine/descent/plan.ts";
import { LeafCompiler } from "../../../src/engine/earley/leaves.ts";
import { liveDependencies } from "../../../src/engine/earley/live-rules.ts";
import { buildEarley } from "../../../src/engine/earley/translate.ts";
import { ruleArbitrary } from "../../../src/generate/rule-arbitrary.ts";
import { type Grammar, loadGrammar } from "../../../src/grammar.ts";
import { loadDescent, testDescent } from "../../../src/runtime/descent-runtime.ts";
import { loadEarley, testEarley } from "../../../src/runtime/earley-runtime.ts";
import { fixpointMatch } from "../earley/fixpoint-matcher.ts";

function grammarOf(text: string): Grammar {
  const grammar = loadGrammar([{ name: "t.abnf", text }]);
  expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return grammar;
}

function plan(grammar: Grammar, rule = "r") {
  return planDescent(grammar, rule, new LeafCompiler(grammar));
}

/** The descent matcher of rule `r`, or the reason it was refused. */
function descent(grammar: Grammar, rule = "r"): ((input: string) => boolean) | string {
  const planned = plan(grammar, rule);
  if (!planned.ok) return planned.reason;
  const loaded = loadDescent(assembleDescent(planned.plan));
  return (input) => testDescent(loaded, input);
}

const json = loadGrammar([
  {
    name: "rfc8259-json.abnf",
    text: readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "rfc", "rfc8259-json.abnf"), "utf8"),
  },
]);

describe("planDescent", () => {
  it.each([
    ['r = "(" r ")" / "x"\n', ["x", "(x)", "((x))"], ["", "(", "(x", "x)", "()"]],
    ['r = "a" r "b" / ""\n', ["", "ab", "aabb"], ["a", "abab", "ba"]],
    ['r = "[" [ r *( "," r ) ] "]"\n', ["[]", "[[]]", "[[],[[]]]"], ["[,]", "[[]", "[],"]],
    // Bounded repetitions count on the machine's stack.
    ['r = "<" 2*3( r / "x" ) ">"\n', ["<xx>", "<x<xx>x>"], ["<x>", "<xxxx>", "<>"]],
    ['r = "<" 2( r / "x" ) ">"\n', ["<xx>", "<<xx>x>"], ["<x>", "<xxx>"]],
    // White space that both alternatives start with is looked past (RFC 8259 style).
    ['r = *" " "(" r *" " ")" / *" " "x"\n', ["x", "  x", "( x )", " ( (x) )"], [" ", "(x ", "( x"]],
    // A leaf whose trailing white space could also start what follows: fine when what follows
    // can match that white space only through a part that can be empty.
    ['r = "(" *" " s *" " ")"\ns = "x" / r\n', ["(x)", "( x )", "(  (x)  )"], ["( )", "(x"]],
  ])("proves %j exact, and it is", (text, valid, invalid) => {
    const grammar = grammarOf(text);
    const test = descent(grammar);
    if (typeof test === "string") throw new Error(test);
    for (const s of valid) expect(test(s), JSON.stringify(s)).toBe(true);
    for (const s of invalid) expect(test(s), JSON.stringify(s)).toBe(false);
    for (const s of [...valid, ...invalid]) expect(fixpointMatch(grammar, "r", s), s).toBe(valid.includes(s));
  });

  it.each([
    ['r = "(" r ")" / "(" "x" ")"\n', "two alternatives can both start with"],
    ['r = "(" *( [ r ] ) ")" / "x"\n', "repeats something that can match the empty string"],
    ['r = "x" *( "a" r ) "a" / "y"\n', "a repetition may go on or stop"],
    // No choice guards the left call, so only the cycle check can see it.
    ['r = 1*( r "a" )\n', "is left-recursive (r → r)"],
    ['r = s "a" / "b"\ns = [ "c" ] r\n', "left-recursive"],
    // Greedy white space would swallow the space that `" y"` needs.
    ['r = "x" s " y" / "z"\ns = "a" *" " / "(" r ")"\n', "a regular part may be followed by"],
    // The longest match "abb" leaves "bc", which `["bbb"] "c"` cannot match; "a" + "bbbc" works.
    ['r = "(" r ")" / "a" ["bb"] t\nt = ["bbb"] "c" / "<" r ">"\n', "a regular part may be followed by"],
    // A greedy run of `a` would eat the `a` that `r` may start with: "(a)" needs zero of them.
    ['r = "(" *"a" r ")" / "a"\n', "a regular part may be followed by"],
  ])("refuses %j, saying why", (text, why) => {
    const result = plan(grammarOf(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });

  it("proves RFC 8259 JSON exact, looking past white space to decide", () => {
    const result = plan(json, "JSON-text");
    if (!result.ok) throw new Error(result.reason);
    const skips = [...result.plan.decisions.values()].map((d) => d.skip.toString());
    expect(skips).toContain("%x09-0A / %x0D / %x20");
  });

  it("is what RuleCompiler picks for recursive rules it proves, Earley otherwise", () => {
    const compiler = new RuleCompiler(json);
    expect(compiler.compile("JSON-text").engine).toBe("descent");
    expect(compiler.compile("number").engine).toBe("dfa");
    const refused = new RuleCompiler(grammarOf('r = "(" r ")" / "(" "x" ")"\n')).compile("r");
    expect(refused.engine).toBe("earley");
  });
});

/**
 * Random recursive grammars over three rules, written with the shapes descent has to get right:
 * white space runs before and after tokens, optional and bounded parts, brackets around recursion.
 */
const body: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(
      '"a"',
      '"b"',
      '"c"',
      '*" "',
      '"a" *" "',
      '*" " "b"',
      '"a" ["  "]',
      '["   "]',
      "%x61-62",
      '""',
      '","',
      "r",
      "s",
      "t",
      "r",
      "s",
    ),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" / ")})`),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(" ")})`),
    fc
      .tuple(fc.nat(2), fc.option(fc.nat(2), { nil: undefined }), tie("node"))
      .map(([min, extra, x]) => `${min}*${extra === undefined ? "" : min + extra}(${x})`),
    tie("node").map((x) => `[${x}]`),
    tie("node").map((x) => `"(" ${x} ")"`),
  ),
})).node;

const randomStrings = fc.array(fc.stringMatching(/^[abc (),]{0,8}$/), { minLength: 1, maxLength: 10 });

/** Valid strings of `r` from the generator, and single-character edits of them. */
function generatedStrings(grammar: Grammar, seed: number): string[] {
  let valid: string[];
  try {
    valid = fc.sample(ruleArbitrary(grammar, "r", { maxDepth: 4 }), { numRuns: 8, seed });
  } catch {
    return []; // a rule that derives no finite string has nothing to generate
  }
  const edits = valid.flatMap((s, k) => {
    const at = s.length === 0 ? 0 : (seed + k) % s.length;
    const c = "ab ()"[(seed + k) % 5] as string;
    return [s.slice(0, at) + c + s.slice(at), s.slice(0, at) + s.slice(at + 1), `${s}${c}`];
  });
  return [...valid, ...edits].filter((s) => s.length <= 40);
}

describe("the descent engine agrees with RFC 5234 wherever it is proved exact", () => {
  it("on random grammars that pass the check: random, generated and edited strings", () => {
    let proved = 0;
    let compared = 0;
    fc.assert(
      fc.property(body, body, body, randomStrings, fc.nat(1000), (r, s, t, strings, seed) => {
        const grammar = grammarOf(`r = ${r}\ns = ${s}\nt = ${t}\n`);
        if (!liveDependencies(grammar, "r").reachesCycle.has("r")) return;
        const test = descent(grammar);
        if (typeof test === "string") return;
        proved++;
        const earley = loadEarley(buildEarley(grammar, "r"));
        for (const input of [...strings, ...generatedStrings(grammar, seed)]) {
          const expected = testEarley(earley, input);
          if (input.length <= 6)
            expect(fixpointMatch(grammar, "r", input), `oracles disagree on ${JSON.stringify(input)}`).toBe(
              expected,
            );
          expect(test(input), `r = ${r}\ns = ${s}\nt = ${t}\non ${JSON.stringify(input)}`).toBe(expected);
          compared++;
        }
      }),
      { numRuns: 1000 },
    );
    // The check must let a good share of random recursive grammars through for this to mean much.
    expect(proved).toBeGreaterThan(70);
    expect(compared).toBeGreaterThan(1500);
  });
});
