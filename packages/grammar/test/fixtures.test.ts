/**
 * The RFC fixture runner: every `test/fixtures/rfc/*.cases.json` names a grammar (and the define
 * files it imports) and hand-labelled strings. Each grammar is compiled with the toolkit, each case
 * is matched whole against its rule by whichever engine the rule needs, and the verdict must equal
 * the label. The labels were worked out by hand from the RFCs (see the README there), never by a
 * parser, so this is the toolkit's end-to-end check of RFC 5234 semantics on real grammars.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RuleCompiler, ruleMatcher } from "../src/engine/compile.ts";
import { loadGrammar } from "../src/grammar.ts";

interface FixtureCase {
  readonly rule: string;
  readonly input: string;
  readonly valid: boolean;
  readonly why: string;
  readonly doubtful?: boolean;
  readonly note?: string;
}

interface FixtureFile {
  readonly source: string;
  readonly grammar: string;
  readonly imports: ReadonlyArray<string>;
  readonly cases: ReadonlyArray<FixtureCase>;
}

const dir = join(import.meta.dirname, "fixtures", "rfc");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".cases.json"))
  .sort();
const read = (name: string) => readFileSync(join(dir, name), "utf8");

describe("RFC grammar fixtures", () => {
  it("are all there", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)("%s: every verdict equals its hand label", (file) => {
    const fixture = JSON.parse(read(file)) as FixtureFile;
    const grammar = loadGrammar([{ name: fixture.grammar, text: read(fixture.grammar) }], {
      defines: fixture.imports.map((name) => ({ name, text: read(name) })),
    });
    expect(grammar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const compiler = new RuleCompiler(grammar);
    // Recursive rules again, always with Earley: the descent engine must agree with it everywhere.
    const earleyOnly = new RuleCompiler(grammar, { recursive: "earley" });
    const matchers = new Map<string, ReturnType<typeof ruleMatcher>>();
    const engines = new Map<string, string>();
    const disagreements: string[] = [];
    for (const c of fixture.cases) {
      let matcher = matchers.get(c.rule);
      if (matcher === undefined) {
        const compiled = compiler.compile(c.rule);
        if (compiled.engine === "none") throw new Error(`${file}: rule ${c.rule}: ${compiled.reason}`);
        matcher = ruleMatcher(compiled);
        matchers.set(c.rule, matcher);
        engines.set(c.rule, compiled.engine);
      }
      const result = matcher.match(c.input);
      if (engines.get(c.rule) === "descent") {
        const compiled = earleyOnly.compile(c.rule);
        if (compiled.engine !== "earley") throw new Error(`${c.rule}: expected an Earley rule`);
        expect(result, `descent and Earley reports differ on ${JSON.stringify(c.input)}`).toEqual(
          ruleMatcher(compiled).match(c.input),
        );
      }
      expect(matcher.test(c.input), `test() and match() differ on ${JSON.stringify(c.input)}`).toBe(
        result.ok,
      );
      if (result.ok !== c.valid)
        disagreements.push(
          `${c.rule} ${JSON.stringify(c.input)}: labelled ${c.valid ? "valid" : "invalid"}, got ${JSON.stringify(result)} (${c.why})`,
        );
    }
    const agreed = fixture.cases.length - disagreements.length;
    const used = [...engines].map(([rule, engine]) => `${rule}:${engine}`).join(" ");
    console.log(`${file}: ${agreed}/${fixture.cases.length} agree [${used}]`);
    expect(disagreements).toEqual([]);
  });
});
