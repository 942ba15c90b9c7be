import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GenerationError } from "../../src/generate/generation-error.ts";
import { type NearMiss, nearMissArbitrary, nearMisses } from "../../src/generate/near-miss.ts";
import { referenceMatch } from "../support/reference-matcher.ts";
import { BALANCED, dfaTest, fixtureGrammar, grammarOf, MINI_JSON, referenceTest } from "./support.ts";

/** Whether `a` and `b` differ by one inserted, deleted or replaced code point. */
function oneEditApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (p: string[], q: string[]) => p.join("") === q.join("");
  if (x.length === y.length) return i < x.length && rest(x.slice(i + 1), y.slice(i + 1));
  return x.length > y.length ? rest(x.slice(i + 1), y.slice(i)) : rest(x.slice(i), y.slice(i + 1));
}

/** Checks a near miss against a second, independent matcher. */
function checkMiss(miss: NearMiss, accepts: (s: string) => boolean): void {
  expect(accepts(miss.valid), `valid ${JSON.stringify(miss.valid)}`).toBe(true);
  expect(accepts(miss.text), `${miss.description}: ${JSON.stringify(miss.text)}`).toBe(false);
  expect(oneEditApart(miss.valid, miss.text)).toBe(true);
}

describe("nearMisses", () => {
  it("crosses range boundaries, flips case, deletes, doubles, inserts and replaces, saying how", () => {
    const grammar = grammarOf('r = "@" 1*%x61-7A ":" 1*3DIGIT\n');
    const misses = nearMisses(grammar, "r", dfaTest(grammar, "r"), { limit: 200 });
    const descriptions = misses.map((m) => `${m.valid} → ${m.text}: ${m.description}`);
    for (const expected of [
      "@a:0 → @`:0: replaced 'a' at column 2 with '`' (U+0060, just below %x61-7A)",
      "@a:0 → @{:0: replaced 'a' at column 2 with '{' (U+007B, just above %x61-7A)",
      "@a:0 → @A:0: replaced 'a' at column 2 with 'A' (U+0041, the other case)",
      "@a:0 → @a:/: replaced '0' at column 4 with '/' (U+002F, just below %x30-39)",
      "@a:0 → a:0: deleted '@' at column 1",
      "@a:000 → @a:0000: inserted '0' (U+0030, a copy of the character after) at column 4",
      "@a:0 → @a:0 : inserted U+0020 at column 5",
      "@a:0 → @a00: replaced ':' at column 3 with '0' (U+0030)",
    ])
      expect(descriptions).toContain(expected);
    const reference = referenceTest(grammar, "r");
    for (const miss of misses) checkMiss(miss, reference);
    expect(new Set(misses.map((m) => m.text)).size).toBe(misses.length);
  });

  it("records where the edit is, in UTF-16 offsets and code-point columns", () => {
    const grammar = grammarOf("r = %x1F600-1F64F %x61-62\n");
    const miss = nearMisses(grammar, "r", dfaTest(grammar, "r")).find(
      (m) => m.edit.note === "just above %x61-62",
    );
    expect(miss).toMatchObject({
      valid: "😀a",
      text: "😀c",
      edit: { kind: "replace", offset: 2, column: 2, removed: 0x61, inserted: 0x63 },
    });
  });

  it("keeps only strings the matcher rejects, for regular fixture rules", () => {
    const grammar = fixtureGrammar("rfc3986-uri.abnf");
    for (const rule of ["URI", "IPv6address", "host", "scheme"]) {
      const misses = nearMisses(grammar, rule, dfaTest(grammar, rule), { limit: 60 });
      expect(misses.length).toBe(60);
      // The DFA chose them; the definition of ABNF confirms them.
      const reference = referenceTest(grammar, rule);
      for (const miss of misses) checkMiss(miss, reference);
    }
  });

  it("works with any matcher, here the definition itself on recursive rules", () => {
    for (const [text, rule] of [
      [BALANCED, "balanced"],
      [MINI_JSON, "text"],
    ] as const) {
      const grammar = grammarOf(text);
      const misses = nearMisses(grammar, rule, referenceTest(grammar, rule), { limit: 80 });
      expect(misses.length).toBeGreaterThan(20);
      for (const miss of misses) expect(oneEditApart(miss.valid, miss.text)).toBe(true);
      // Every near miss is rejected by the definition (nearMisses called it to decide).
      for (const miss of misses) expect(referenceMatch(grammar, rule, miss.text)).toBe(false);
    }
    const balanced = grammarOf(BALANCED);
    const texts = nearMisses(balanced, "balanced", referenceTest(balanced, "balanced")).map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(["(", ")", "[", "]", "(]", "[)"]));
  });

  it("is deterministic and respects the limit", () => {
    const grammar = fixtureGrammar("rfc8259-json.abnf");
    const accepts = referenceTest(grammar, "JSON-text");
    const first = nearMisses(grammar, "JSON-text", accepts, { limit: 40 });
    expect(first).toHaveLength(40);
    expect(nearMisses(grammar, "JSON-text", accepts, { limit: 40 })).toEqual(first);
  });

  it("finds none when every edit still matches, and the arbitrary says so", () => {
    const grammar = grammarOf("r = *%x0-10FFFF\n");
    expect(nearMisses(grammar, "r", dfaTest(grammar, "r"))).toEqual([]);
    expect(() => nearMissArbitrary(grammar, "r", dfaTest(grammar, "r"))).toThrow(GenerationError);
  });

  it("refuses probes that are not single characters", () => {
    const grammar = grammarOf('r = "a"\n');
    expect(() => nearMisses(grammar, "r", () => false, { probes: ["ab"] })).toThrow(
      'option `probes` must list single characters, got "ab"',
    );
  });
});

describe("nearMissArbitrary", () => {
  it("generates rejected single edits of generated valid strings", () => {
    for (const [text, rule] of [
      ['r = 1*( %x61-7A / "-" ) "@" 1*3DIGIT\n', "r"],
      [MINI_JSON, "text"],
    ] as const) {
      const grammar = grammarOf(text);
      const reference = referenceTest(grammar, rule);
      fc.assert(
        fc.property(nearMissArbitrary(grammar, rule, reference), (miss) => checkMiss(miss, reference)),
        { numRuns: 100 },
      );
    }
  });

  it("is deterministic for a seed and shrinks to a short near miss", () => {
    const grammar = grammarOf('r = 1*( %x61-7A / "-" ) "@" 1*3DIGIT\n');
    const accepts = dfaTest(grammar, "r");
    const arbitrary = () => nearMissArbitrary(grammar, "r", accepts);
    expect(fc.sample(arbitrary(), { numRuns: 30, seed: 9 })).toEqual(
      fc.sample(arbitrary(), { numRuns: 30, seed: 9 }),
    );
    const result = fc.check(
      fc.property(arbitrary(), (miss) => miss.edit.kind !== "delete"),
      { seed: 2 },
    );
    expect(result.failed).toBe(true);
    // A shortest valid string (one letter, "@", one digit) with one character deleted.
    expect(result.counterexample?.[0].valid).toHaveLength(3);
    expect(result.counterexample?.[0].text).toHaveLength(2);
  });
});
