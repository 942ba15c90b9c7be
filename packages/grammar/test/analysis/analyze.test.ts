import { existsSync, readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeGrammar, checkGrammar, sortDiagnostics } from "../../src/analysis/index.ts";
import { DiagnosticCodes } from "../../src/diagnostic.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { at } from "./support.ts";

const fixtures = new URL("../fixtures/rfc/", import.meta.url);
const identifiers = new URL("../../../../spec/grammar/identifiers.abnf", import.meta.url);

/** A clean grammar in the style of the MIMI identifiers: nothing for any check to find. */
const CLEAN = `; identifiers, in RFC 5234 style
identifier   = room-id / user-id
room-id      = "!" localpart ":" server-name
user-id      = "@" localpart ":" server-name
localpart    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" )
server-name  = hostname [ ":" port ]
hostname     = label *( "." label )
label        = ALPHA / DIGIT
port         = 1*5DIGIT
`;

describe("analyzeGrammar", () => {
  it("finds nothing in a clean grammar", () => {
    expect(analyzeGrammar(loadGrammar([{ name: "clean.abnf", text: CLEAN }]))).toEqual([]);
  });

  it.skipIf(!existsSync(identifiers))(
    "finds nothing in the MIMI identifiers grammar given its start rules",
    () => {
      const g = loadGrammar([{ name: "identifiers.abnf", text: readFileSync(identifiers, "utf8") }]);
      expect(
        analyzeGrammar(g, { startRules: ["room_id", "user_id"] }).map((d) => `${at(d)} ${d.code}`),
      ).toEqual([]);
    },
  );

  it("only uses codes from the table, with their default severity", () => {
    const text = 'a = b / "x" / "xy"\nb = %x5A-41 5*3"a" <p> "é" *(*"z") c\nc = "y" c\nB = d\n';
    const found = analyzeGrammar(loadGrammar([{ name: "g.abnf", text }]));
    expect(found.length).toBeGreaterThan(6);
    for (const d of found) expect(d.severity).toBe(DiagnosticCodes[d.code].severity);
  });

  it("never throws on the RFC fixtures, and finds no errors in grammars without undefined rules", () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith(".abnf") && !f.includes(".define."));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const text = readFileSync(new URL(file, fixtures), "utf8");
      const result = checkGrammar([{ name: file, text }]);
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(
        errors.every((d) => d.code === "undefined-rule"),
        file,
      ).toBe(true);
    }
  });
});

describe("robustness", () => {
  const token = fc.constantFrom(
    "a",
    "b",
    "B",
    "c_d",
    " = ",
    " =/ ",
    " / ",
    " ",
    "\n",
    "\n  ",
    "(",
    ")",
    "[",
    "]",
    "*",
    "2",
    "3*1",
    '"x"',
    '"é😀"',
    '""',
    "%x41-5A",
    "%x5A-41",
    "%d13.10",
    '%s"Q"',
    "<prose>",
    "; note",
    "DIGIT",
  );

  it("never throws, whatever the text, and every diagnostic points inside its source", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const result = checkGrammar([{ name: "fuzz.abnf", text: `a = ${tokens.join("")}\n` }], {
          startRules: ["a"],
        });
        for (const d of result.diagnostics) {
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeLessThanOrEqual(d.source.text.length);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("sortDiagnostics and checkGrammar", () => {
  it("merges load and analysis diagnostics, sorted by source then offset, and counts errors", () => {
    const result = checkGrammar([
      { name: "one.abnf", text: "a = b c\nb = %x5A-41\nb = %x62\n" },
      { name: "two.abnf", text: "c = missing\n" },
    ]);
    expect(result.diagnostics.map((d) => `${d.source.name}:${at(d)} ${d.code}`)).toEqual([
      "one.abnf:2:5 reversed-range",
      "one.abnf:3:1 duplicate-rule",
      "two.abnf:1:5 undefined-rule",
    ]);
    expect(result.errorCount).toBe(3);
    expect(result.grammar.rules.has("a")).toBe(true);
  });

  it("puts diagnostics of sources outside the grammar (the start-rule list) last", () => {
    const g = loadGrammar([{ name: "g.abnf", text: "a = %x5A-41\n" }]);
    const found = analyzeGrammar(g, { startRules: ["nope", "a"] });
    expect(found.map((d) => d.source.name)).toEqual(["g.abnf", "<start rules>"]);
    expect(sortDiagnostics(g, [...found].reverse())).toEqual(found);
  });

  it("passes --define and --strict through", () => {
    const result = checkGrammar([{ name: "g.abnf", text: "a = b\n" }], {
      defines: [{ name: "d.abnf", text: "b = %x62\n" }],
      strict: true,
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["lf-line-ending", "lf-line-ending"]);
    expect(result.errorCount).toBe(0);
  });
});

describe("scale", () => {
  const rules = (n: number, rule: (i: number) => string) =>
    `${Array.from({ length: n }, (_, i) => rule(i)).join("\n")}\n`;
  const n = 10_000;

  it("checks a chain of 10 000 rules without exhausting the stack", () => {
    // Every rule refers to the next; the last one ends the chain. Nothing here is wrong.
    const text = rules(n, (i) =>
      i < n - 1 ? `r${i} = "(" r${i + 1} *( "," [SP] r${i + 1} ) ")" / "x"` : `r${i} = "x"`,
    );
    const t0 = performance.now();
    const found = analyzeGrammar(loadGrammar([{ name: "chain.abnf", text }]));
    const ms = performance.now() - t0;
    expect(found).toEqual([]);
    expect(ms).toBeLessThan(30_000);

    // The same chain, broken at its far end: only that rule is reported, as every other keeps its "x".
    const broken = text.replace(`r${n - 1} = "x"`, `r${n - 1} = "x" r${n - 1}`);
    const codes = analyzeGrammar(loadGrammar([{ name: "broken.abnf", text: broken }])).map((d) => d.code);
    expect(codes).toEqual(["non-terminating"]);
  });

  it("checks the deepest nesting the parser accepts", () => {
    const depth = 250;
    const text = `a = ${'( "x" / 1*'.repeat(depth)}"y"${" )".repeat(depth)}\n`;
    const found = analyzeGrammar(loadGrammar([{ name: "deep.abnf", text }]));
    // Each level but the innermost (`"x" / 1*"y"`): "x" is a proper prefix of "xx", which the
    // repetition after it matches.
    expect(found.map((d) => d.code)).toEqual(Array(depth - 1).fill("peg-prefix-alternative"));
  });

  it("names a 10 000-rule left-recursive cycle once, and finds 10 000 non-terminating rules", () => {
    const ring = rules(n, (i) => (i < n - 1 ? `r${i} = r${i + 1} "x" / "y"` : `r${i} = r0 "x"`));
    const left = analyzeGrammar(loadGrammar([{ name: "ring.abnf", text: ring }])).filter(
      (d) => d.code === "left-recursion",
    );
    expect(left).toHaveLength(1);
    expect(left[0]?.message).toContain(
      "r0 → r1 → r2 → r3 → r4 → … (9991 more) … → r9996 → r9997 → r9998 → r9999 → r0",
    );

    const endless = rules(n, (i) => `r${i} = "x" r${(i + 1) % n}`);
    const found = analyzeGrammar(loadGrammar([{ name: "endless.abnf", text: endless }]));
    expect(found.filter((d) => d.code === "non-terminating")).toHaveLength(n);
  });
});
