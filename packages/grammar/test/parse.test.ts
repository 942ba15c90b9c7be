import { describe, expect, it } from "vitest";
import { diagnosticToJson, formatDiagnostic } from "../src/diagnostic.ts";
import { parseAbnf } from "../src/parse.ts";

function diags(text: string, strict = false) {
  return parseAbnf("t.abnf", text, { strict }).diagnostics.map(diagnosticToJson);
}

describe("parseAbnf: what real documents contain", () => {
  it("reads comments, continuation lines, options, groups, repeats and every value form", () => {
    const { rules, diagnostics } = parseAbnf(
      "t.abnf",
      'r = *2( "a" / %x62-63 ) [ %d100.101 ] ; comment\n    3%b1100110 %s"Gh" %i"ij" <prose>\n',
    );
    expect(diagnostics).toEqual([]);
    const body = rules.rules[0]?.body;
    expect(body?.kind).toBe("concatenation");
    if (body?.kind !== "concatenation") return;
    expect(body.elements.map((e) => e.kind)).toEqual([
      "repetition",
      "repetition",
      "repetition",
      "string",
      "string",
      "prose",
    ]);
    expect(body.elements[0]).toMatchObject({ min: 0, max: 2, option: false });
    expect(body.elements[1]).toMatchObject({
      min: 0,
      max: 1,
      option: true,
      element: { kind: "sequence", codePoints: [100, 101] },
    });
    expect(body.elements[2]).toMatchObject({
      min: 3,
      max: 3,
      element: { kind: "sequence", codePoints: [0b1100110] },
    });
    expect(body.elements[3]).toMatchObject({ value: "Gh", caseSensitive: true });
    expect(body.elements[4]).toMatchObject({ value: "ij", caseSensitive: false });
  });

  it("accepts CRLF and LF, and notes LF only in strict mode", () => {
    expect(diags('a = "x"\r\nb = "y"\r\n', true)).toEqual([]);
    expect(diags('a = "x"\nb = "y"\n')).toEqual([]);
    expect(diags('a = "x"\nb = "y"\n', true).map((d) => d.code)).toEqual(["lf-line-ending"]);
  });

  it("reads ABNF indented inside a document, taking the first rule's indentation as column 1", () => {
    const { rules, diagnostics } = parseAbnf("t", '   a = "x"\n       / "y"\n   b = a\n');
    expect(diagnostics).toEqual([]);
    expect(rules.rules.map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("records `=/` as incremental", () => {
    const { rules } = parseAbnf("t", 'a = "x"\na =/ "y"\n');
    expect(rules.rules.map((r) => r.incremental)).toEqual([false, true]);
  });

  it("keeps source positions on every node", () => {
    const { rules, source } = parseAbnf("t", 'first = "a"\nsecond = "b" third\n');
    const second = rules.rules[1];
    expect(source.lineColAt(second?.nameSpan.start ?? -1)).toEqual({ line: 2, column: 1 });
    const body = second?.body;
    if (body?.kind !== "concatenation") throw new Error("expected a concatenation");
    expect(source.lineColAt(body.elements[1]?.span.start ?? -1)).toEqual({ line: 2, column: 14 });
  });
});

describe("parseAbnf: syntax errors", () => {
  it("points an unclosed group at its `(`, and goes on to report the next rule's error", () => {
    const found = diags('a = ( "x" / "y"\nb = "z\nc = "ok"\n');
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([
      ["unclosed-group", 1, 5],
      ["unterminated-string", 2, 5],
    ]);
    expect(found[0]?.hint).toContain("add `)`");
  });

  it("reports a stray close, an empty alternative, a bad numeric value and a spaced repeat", () => {
    expect(diags('a = "x" )\n')[0]).toMatchObject({ code: "syntax-error", column: 9 });
    expect(diags('a = "x" / / "y"\n')[0]).toMatchObject({
      code: "syntax-error",
      message: "an alternative is empty",
    });
    expect(diags("a = %xZZ\n")[0]).toMatchObject({
      code: "syntax-error",
      message: "expected hexadecimal digits",
    });
    expect(diags("a = %x110000\n")[0]?.message).toContain("beyond the last Unicode code point");
    expect(diags('a = 2* "x"\n')[0]?.message).toContain("directly before its element");
    expect(diags("a = %q41\n")[0]?.code).toBe("syntax-error");
  });

  it("reports a line that is not a rule and is not indented as a continuation", () => {
    expect(diags('a = "x"\n"y"\n')[0]).toMatchObject({ code: "syntax-error", line: 2, column: 1 });
  });

  it("reports `_` in a rule name once, where the rule is defined, with the fix", () => {
    const found = diags('user_id = "@" user_id\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      code: "rulename-underscore",
      line: 1,
      column: 1,
      hint: "write `user-id`",
    });
  });

  it("refuses hostile nesting with a message instead of overflowing the stack", () => {
    const deep = `a = ${"(".repeat(100_000)}"x"${")".repeat(100_000)}\n`;
    expect(diags(deep)[0]?.message).toContain("nested deeper than");
  });

  it("counts columns in code points, so carets line up after non-BMP characters", () => {
    const result = parseAbnf("t", 'a = "😀" )\n');
    const d = result.diagnostics[0];
    expect(d && diagnosticToJson(d).column).toBe(9);
    expect(d && formatDiagnostic(d)).toContain("|         ^");
  });
});
