import { describe, expect, it } from "vitest";
import { elementsShape, findAbnfRuns, isAllAbnf, ruleLineShape } from "../../src/extract/abnf-shape.ts";

const lines = (text: string) => text.split("\n").map((t) => ({ text: t }));

describe("ABNF by shape", () => {
  it("reads a rule line's indentation, name and elements", () => {
    expect(ruleLineShape('   user_id =/ "@" x')).toEqual({ indent: 3, name: "user_id", rhs: ' "@" x' });
    expect(ruleLineShape("a == b")).toBeUndefined();
    expect(ruleLineShape("The value = 5")).toBeUndefined();
  });

  it("tokenises elements, and tells ABNF syntax from plain words", () => {
    expect(elementsShape(' "@" 1*( %x61-7A / DIGIT ) [ <prose> ] ; note')).toEqual({
      ok: true,
      evidence: true,
    });
    expect(elementsShape(" b c")).toEqual({ ok: true, evidence: false });
    expect(elementsShape(" 5 for all cases.")).toMatchObject({ ok: false });
    expect(elementsShape(' "unterminated')).toEqual({ ok: true, evidence: true });
  });

  it("groups rules, continuation lines, comments and blank lines into runs", () => {
    const text = [
      "   Prose before.",
      "",
      "      a = b",
      "        / c",
      "      ; a comment",
      "",
      "      d = %x64",
      "   Prose after.",
      "      e = f g", // lone rule with only words: not ABNF
    ].join("\n");
    expect(findAbnfRuns(lines(text))).toEqual([{ first: 2, last: 6 }]);
  });

  it("keeps a malformed line that directly continues a block: its errors are worth reporting", () => {
    const text = '   a = "x"\n     & broken\n   b =% "y"';
    expect(findAbnfRuns(lines(text))).toEqual([{ first: 0, last: 2 }]);
  });

  it("starts a block only where it stands apart from the text before it", () => {
    // `sig=` continues an HTTP header example: no blank line sets it off, so it is no ABNF.
    const http = [
      '   Authorization: X-Matrix origin="a.example",',
      '      key="ed25519:0",',
      '      sig="<unpadded base64 encoded signature>"',
      "   Content-Type: application/json",
    ].join("\n");
    expect(findAbnfRuns(lines(http))).toEqual([]);
    // After a comment, or after something the caller removed (a page break), a block may start.
    expect(findAbnfRuns(lines('; the grammar\na = "x"'))).toEqual([{ first: 1, last: 1 }]);
    expect(findAbnfRuns([{ text: "   prose line" }, { text: '   a = "x"', afterBreak: true }])).toEqual([
      { first: 1, last: 1 },
    ]);
  });

  it("says whether a whole code block is ABNF", () => {
    expect(isAllAbnf('a = "x"\n\n; comment\nb = a / "y"\n')).toBe(true);
    expect(isAllAbnf('a = "x"\nprint(a)\n')).toBe(false);
    expect(isAllAbnf("{\n}\n")).toBe(false);
  });
});
