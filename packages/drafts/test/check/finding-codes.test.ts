/**
 * Every finding code `mimi check` can report, each with a fixture draft that produces it, at the
 * line the fixture's text says. A new code without a row here fails the first test.
 */
import { describe, expect, it } from "vitest";
import { type CheckDraftOptions, checkDraft, type DraftCheckResult } from "../../src/check/check-draft.ts";
import { FindingCodes } from "../../src/finding.ts";
import { fixtureBytes, fixtureText, positionOf } from "../support/fixtures.ts";
import { projectReference } from "../support/reference.ts";

interface Case {
  readonly fixture: string;
  /** Text at the start of the line the finding is on (first occurrence, or `occurrence`). */
  readonly line?: string;
  readonly occurrence?: number;
  readonly options?: CheckDraftOptions;
  /** The exit code the fixture gives (default: whatever; 2 for unusable input). */
  readonly exitCode?: 0 | 1 | 2;
}

const G = "grammar-diagnostics.md";

const CASES: Readonly<Record<string, Case>> = {
  // The grammar toolkit's diagnostics.
  "syntax-error": { fixture: G, line: 'syn-a = "x" )' },
  "unclosed-group": { fixture: "broken.md", line: 'room-id = "!" ( opaque' },
  "unterminated-string": { fixture: G, line: 'str-a = "x' },
  "invalid-character": { fixture: G, line: "chr-a" },
  "rulename-underscore": { fixture: "broken.md", line: "user_id =" },
  "incremental-without-base": { fixture: G, line: "inc-a =/" },
  "duplicate-rule": { fixture: G, line: 'dup-a = "y"' },
  "case-variant-names": { fixture: G, line: "cv-y = CV-X" },
  "shadows-core-rule": { fixture: G, line: "HTAB = %x09" },
  "undefined-rule": { fixture: "broken.md", line: "user-localpart = 1*localpart-chr" },
  "unused-rule": { fixture: "good.md", line: "room-id        =" },
  "left-recursion": { fixture: G, line: "lr-a =" },
  "non-terminating": { fixture: G, line: "nt-a =" },
  "empty-repetition": { fixture: G, line: "er-a =" },
  "reversed-range": { fixture: G, line: "rr-a =" },
  "reversed-repetition": { fixture: G, line: "rp-a =" },
  "prose-value": { fixture: G, line: "pv-a =" },
  "non-ascii-string": { fixture: G, line: "na-a =" },
  "peg-prefix-alternative": { fixture: G, line: "pp-a =" },
  "peg-greedy-repetition": { fixture: G, line: "pg-a =" },
  // Unusable input: exit code 2.
  "input-empty": { fixture: "empty.md", exitCode: 2 },
  "input-binary": { fixture: "binary.png", exitCode: 2 },
  "input-invalid-utf8": { fixture: "latin1.md", line: "Caf", exitCode: 2 },
  "input-too-large": { fixture: "good.md", options: { maxBytes: 100 }, exitCode: 2 },
  "unterminated-fence": { fixture: "unterminated-backticks.md", line: "```abnf", exitCode: 2 },
  "unterminated-markup": {
    // `.xhtml`, not `.html`: Biome refuses broken HTML files; the content says HTML all the same.
    fixture: "unterminated.xhtml",
    line: '<pre class="sourcecode lang-abnf">',
    exitCode: 2,
  },
  // Input that can be checked, with a warning.
  "replacement-character": { fixture: "replacement.md", line: "A user ID such as", exitCode: 0 },
  // The draft checks.
  "no-abnf": { fixture: "no-abnf.xml", exitCode: 0 },
  "abnf-too-large": { fixture: "good.md", options: { maxAbnfChars: 10 }, exitCode: 0 },
  "external-source": { fixture: "external-source.xml", line: '<sourcecode type="abnf" src=', exitCode: 0 },
  "imported-rule": { fixture: "good.md", line: "user-id        =" },
  "cited-rule": { fixture: "draft-notes.md", line: "accept" },
  "repeated-rule": { fixture: "draft-notes.md", line: "user-char      =", occurrence: 2 },
  "example-rejected": { fixture: "broken.md", line: "`$tooShort`" },
  "invalid-example-accepted": { fixture: "draft-notes.md", line: "For example, `@bob:example.org`" },
  "example-unchecked": { fixture: "broken.md", line: "Example: `@Bob:example.org`" },
  "example-too-long": { fixture: "draft-notes.md", line: "Example: `@aaaa" },
  "limit-mismatch": { fixture: "broken.md", line: "A user ID MUST be at most 256" },
  "limit-unit-mismatch": { fixture: "draft-notes.md", line: "A user ID MUST NOT exceed 255 bytes." },
  "bcp14-boilerplate-missing": { fixture: "broken.md", line: "A user ID MUST be at most 256" },
  "extraction-truncated": { fixture: "good.md", options: { maxItems: 1 } },
  "findings-truncated": { fixture: G, options: { maxFindingsPerCode: 1 } },
  "rule-wider-than-reference": { fixture: "reference-wider.md", line: "user-id           =", exitCode: 0 },
  "rule-narrower-than-reference": {
    fixture: "reference-narrower.xml",
    line: "room_id_localpart =",
    exitCode: 0,
  },
};

/** Codes `mimi check` never reports, and why. */
const NOT_PRODUCED: Readonly<Record<string, string>> = {
  "lf-line-ending":
    "only `mimi grammar check --strict` asks for CRLF; a draft's line endings are its renderer's",
  "unreachable-rule": "needs start rules, which a draft does not name; unreferenced rules are `unused-rule`",
  "redefined-import": "known imports are supplied only for rules the draft does not define itself",
};

const results = new Map<string, DraftCheckResult>();
function run(c: Case): DraftCheckResult {
  const key = `${c.fixture} ${JSON.stringify(c.options ?? {})}`;
  let r = results.get(key);
  if (r === undefined) {
    r = checkDraft(c.fixture, fixtureBytes(c.fixture), { reference: projectReference(), ...c.options });
    results.set(key, r);
  }
  return r;
}

describe("every finding code has a fixture that produces it", () => {
  it("lists every code, or says why mimi check never reports it", () => {
    const listed = new Set([...Object.keys(CASES), ...Object.keys(NOT_PRODUCED)]);
    expect(Object.keys(FindingCodes).filter((code) => !listed.has(code))).toEqual([]);
    expect([...listed].filter((code) => !(code in FindingCodes))).toEqual([]);
  });

  for (const [code, c] of Object.entries(CASES)) {
    it(`${code}: ${c.fixture}${c.options === undefined ? "" : ` with ${JSON.stringify(c.options)}`}`, () => {
      const r = run(c);
      const found = r.findings.filter((f) => f.code === code);
      expect(found.length, `${code} in ${r.findings.map((f) => f.code).join(", ")}`).toBeGreaterThan(0);
      const info = FindingCodes[code];
      expect(found.some((f) => f.severity === info?.severity)).toBe(true);
      if (c.line !== undefined) {
        const line = positionOf(fixtureText(c.fixture), c.line, c.occurrence ?? 1).line;
        expect(found.map((f) => f.line)).toContain(line);
      }
      if (c.exitCode !== undefined) expect(r.exitCode).toBe(c.exitCode);
      if (info?.severity === "error" && c.exitCode === undefined) expect(r.exitCode).toBe(1);
    });
  }

  it("the codes it never reports stay absent from every fixture", () => {
    const all = [...new Set(Object.values(CASES).map((c) => c.fixture))];
    for (const fixture of all) {
      const codes = run({ fixture }).findings.map((f) => f.code);
      for (const code of Object.keys(NOT_PRODUCED)) expect(codes, fixture).not.toContain(code);
    }
  });
});
