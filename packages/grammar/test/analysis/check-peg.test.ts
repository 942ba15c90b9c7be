import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeGrammar } from "../../src/analysis/index.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { analyze, at, spanned, withCode } from "./support.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/rfc/${name}`, import.meta.url), "utf8");

describe("peg-prefix-alternative", () => {
  it('reports "a" / "ab" with the alternatives and a witness', () => {
    const [d] = withCode(analyze('a = "a" / "ab"\n'), "peg-prefix-alternative");
    expect(d?.severity).toBe("info");
    expect(at(d as never)).toBe("1:11");
    expect(spanned(d as never)).toBe('"ab"');
    expect(d?.message).toBe(
      'alternative 1 `"a"` matches "a", a proper prefix of "ab" which alternative 2 `"ab"` matches: a first-match (PEG) parser that succeeds with alternative 1 does not go on to try alternative 2, so it can reject valid input',
    );
    expect(d?.hint).toBe(
      "exact matchers are unaffected; for a PEG, try the longer alternative first (put alternative 2 before alternative 1)",
    );
  });

  it("reports DIGIT / 2DIGIT but not the reverse order", () => {
    expect(withCode(analyze("n = DIGIT / 2DIGIT\n"), "peg-prefix-alternative")).toHaveLength(1);
    expect(withCode(analyze("n = 2DIGIT / DIGIT\n"), "peg-prefix-alternative")).toEqual([]);
  });

  it("lists every shadowed alternative of RFC 3986 dec-octet in one diagnostic", () => {
    const g = loadGrammar([{ name: "rfc3986-uri.abnf", text: fixture("rfc3986-uri.abnf") }]);
    const found = withCode(analyzeGrammar(g), "peg-prefix-alternative");
    const decOctet = found.find((d) => d.message.includes("`DIGIT`"));
    expect(decOctet && at(decOctet)).toBe("48:17");
    expect(decOctet?.message).toContain(
      'alternative 1 `DIGIT` matches "1", a proper prefix of "10" which alternative 2 `%x31-39 DIGIT` matches',
    );
    expect(decOctet?.message).toContain(
      'likewise alternative 1 before 3 ("1" of "100"), alternative 1 before 4 ("2" of "200"), alternative 1 before 5 ("2" of "250")',
    );
    expect(decOctet?.related).toHaveLength(4);
  });

  it("reports an earlier alternative that can match the empty string", () => {
    const [d] = withCode(analyze('a = *"x" / "y"\n'), "peg-prefix-alternative");
    expect(d?.message).toContain('matches "" (the empty string), a proper prefix of "y"');
  });

  it("compares alternatives added with `=/`, in merge order", () => {
    const g = loadGrammar([
      { name: "one.abnf", text: 'a = "ab" / "x"\n' },
      { name: "two.abnf", text: 'a =/ "a"\na =/ "abc"\n' },
    ]);
    const [d] = withCode(analyzeGrammar(g), "peg-prefix-alternative");
    expect(d?.source.name).toBe("two.abnf");
    expect(spanned(d as never)).toBe('"abc"');
    expect(d?.message).toContain(
      'alternative 1 `"ab"` matches "ab", a proper prefix of "abc" which alternative 4',
    );
  });

  it("stays quiet for disjoint or same-length alternatives and for what it cannot see", () => {
    const text = ['a = "ab" / "ac" / "a" / %x30-39', 'b = "x" / "X"', "c = <anything> / %x41", ""].join("\n");
    expect(withCode(analyze(text), "peg-prefix-alternative")).toEqual([]);
  });
});

describe("peg-greedy-repetition", () => {
  it("reports RFC 5321 Ldh-str", () => {
    const g = loadGrammar([{ name: "rfc5321-domain.abnf", text: fixture("rfc5321-domain.abnf") }]);
    const found = withCode(analyzeGrammar(g), "peg-greedy-repetition");
    const ldh = found.find((d) => spanned(d) === '*( ALPHA / DIGIT / "-" )');
    expect(ldh && at(ldh)).toBe("15:18");
    expect(ldh?.severity).toBe("info");
    expect(ldh?.message).toBe(
      'repetition `*( ALPHA / DIGIT / "-" )` can also match the start of the `Let-dig` that follows it (e.g. "0"): a greedy (PEG) repetition can consume what `Let-dig` needs and so reject valid input',
    );
    expect(ldh?.related?.[0]?.source.lineColAt(ldh.related[0].span.start)).toEqual({ line: 15, column: 43 });
  });

  it("looks through nullable followers", () => {
    const [d] = withCode(analyze('a = *DIGIT [SP] DIGIT "x"\n'), "peg-greedy-repetition");
    expect(d?.message).toContain("the start of the `DIGIT` that follows it");
  });

  it("does not report an overlap no iteration can complete (the iteration is undone)", () => {
    expect(withCode(analyze('a = *("a" "b") "a" "c"\n'), "peg-greedy-repetition")).toEqual([]);
    expect(withCode(analyze('a = *("a" "b") "a" "b" "x"\n'), "peg-greedy-repetition")).toHaveLength(1);
  });

  it("ignores fixed counts and disjoint followers", () => {
    expect(
      withCode(analyze('a = 3DIGIT DIGIT\nb = *ALPHA DIGIT\nc = *"a"\n'), "peg-greedy-repetition"),
    ).toEqual([]);
  });
});
