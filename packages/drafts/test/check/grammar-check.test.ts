import { describe, expect, it } from "vitest";
import { checkDraftGrammar } from "../../src/check/grammar-check.ts";
import { extractDraft } from "../../src/extract/extract-draft.ts";
import { positionOf } from "../support/fixtures.ts";

function grammarFindings(text: string, path = "d.md", limits = {}) {
  const r = extractDraft(path, text);
  if (!r.ok) throw new Error(r.error.message);
  return checkDraftGrammar(r.extraction, limits).findings;
}

const at = (text: string, needle: string, occurrence = 1) => positionOf(text, needle, occurrence);

describe("checkDraftGrammar", () => {
  it("reads every block as one grammar: a rule may use one defined in another block", () => {
    const text = '~~~ abnf\na = b\n~~~\n\nLater:\n\n~~~ abnf\nb = "x"\n~~~\n';
    expect(grammarFindings(text).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("makes an unknown, uncited undefined rule an error with a draft-minded hint", () => {
    const text = "~~~ abnf\nid = 1*thing\n~~~\n";
    const [f] = grammarFindings(text).filter((x) => x.code === "undefined-rule");
    expect(f).toMatchObject({ severity: "error", ...at(text, "thing") });
    expect(f?.hint).toContain("define it in the draft");
  });

  it("notes a rule from the known-imports table (RFC 3986 URI) instead of failing", () => {
    const text = "~~~ abnf\nlink = URI / URI-reference\n~~~\n";
    const found = grammarFindings(text);
    expect(found.filter((f) => f.severity === "error")).toEqual([]);
    expect(found.filter((f) => f.code === "imported-rule").map((f) => [f.line, f.column])).toEqual([
      [at(text, "URI").line, at(text, "URI").column],
      [at(text, "URI-reference").line, at(text, "URI-reference").column],
    ]);
    expect(found.find((f) => f.code === "imported-rule")?.message).toContain("RFC 3986");
  });

  it("notes a rule the draft cites, in prose or in an ABNF comment", () => {
    const prose = "The `media-range` rule is defined in [RFC9110].\n\n~~~ abnf\naccept = media-range\n~~~\n";
    const [f] = grammarFindings(prose).filter((x) => x.code === "cited-rule");
    expect(f).toMatchObject({ severity: "note", ...at(prose, "media-range", 2) });
    expect(f?.message).toContain("[RFC9110]");
    const comment = '~~~ abnf\nkey = "k" sig-alg ; sig-alg: see RFC 9999\n~~~\n';
    expect(grammarFindings(comment).map((x) => x.code)).toContain("cited-rule");
  });

  it("takes a repeated identical definition (a collected-ABNF appendix) as a note, a different one as an error", () => {
    const same = '~~~ abnf\na = "x" ; first\n~~~\n\nAppendix:\n\n~~~ abnf\na   =   "x"\n~~~\n';
    const repeated = grammarFindings(same).filter(
      (f) => f.code === "repeated-rule" || f.code === "duplicate-rule",
    );
    expect(repeated.map((f) => [f.code, f.severity, f.line])).toEqual([["repeated-rule", "note", 8]]);
    const differ = '~~~ abnf\na = "x"\n~~~\n\n~~~ abnf\na = "y"\n~~~\n';
    const [dup] = grammarFindings(differ).filter((f) => f.code === "duplicate-rule");
    expect(dup).toMatchObject({ severity: "error", line: 6, column: 1 });
    expect(dup?.message).toContain("line 2, column 1");
  });

  it("reports every toolkit diagnostic with its own code, mapped into the draft", () => {
    const text = "Intro.\n\n~~~ abnf\nr = %x5A-41 2*1DIGIT\n~~~\n";
    const found = grammarFindings(text);
    expect(found.find((f) => f.code === "reversed-range")).toMatchObject({
      severity: "error",
      ...at(text, "%x5A"),
    });
    expect(found.find((f) => f.code === "reversed-repetition")).toMatchObject({
      severity: "error",
      ...at(text, "2*1"),
    });
  });

  it("says when there is no ABNF, when ABNF lives elsewhere, and when there is too much", () => {
    expect(grammarFindings("Just prose.\n").map((f) => f.code)).toEqual(["no-abnf"]);
    const external = grammarFindings('<rfc><sourcecode type="abnf" src="g.abnf"/></rfc>', "d.xml");
    expect(external.map((f) => f.code)).toEqual(["external-source", "no-abnf"]);
    const big = grammarFindings('~~~ abnf\na = "x"\n~~~\n\n~~~ abnf\nb = "y"\n~~~\n', "d.md", {
      maxAbnfBlocks: 1,
    });
    expect(big.map((f) => [f.code, f.severity])).toEqual([["abnf-too-large", "warning"]]);
  });
});
