import { describe, expect, it } from "vitest";
import { diagnosticToJson, formatDiagnostic } from "../../src/diagnostic.ts";
import { analyze, at, spanned, withCode } from "./support.ts";

describe("reversed-range", () => {
  it("reports the range as written, with the swapped range as the fix", () => {
    const [d] = withCode(analyze("a = %x41 / %x5A-41\nb = %d57-48\n"), "reversed-range");
    expect(d?.severity).toBe("error");
    expect(at(d as never)).toBe("1:12");
    expect(spanned(d as never)).toBe("%x5A-41");
    expect(d?.message).toBe(
      "range `%x5A-41` is reversed: its low end 5A is above its high end 41, so it matches nothing",
    );
    expect(d?.hint).toBe("write `%x41-5A`");
    const decimal = withCode(analyze("b = %d57-48\n"), "reversed-range")[0];
    expect(decimal?.hint).toBe("write `%d48-57`");
  });

  it("does not cascade: the rest of the analysis reads the range as meant", () => {
    const found = analyze("a = %x5A-41\n");
    expect(found.map((d) => d.code)).toEqual(["reversed-range"]);
  });
});

describe("reversed-repetition", () => {
  it("reports min above max", () => {
    const [d] = withCode(analyze('a = 5*3"a"\n'), "reversed-repetition");
    expect(at(d as never)).toBe("1:5");
    expect(d?.message).toBe(
      'repetition `5*3"a"` is reversed: its minimum 5 is above its maximum 3, so it matches nothing',
    );
    expect(d?.hint).toBe("write `3*5`");
  });
});

describe("prose-value", () => {
  it("warns with a --define hint", () => {
    const [d] = withCode(analyze("uri = scheme <host, see RFC 3986>\nscheme = ALPHA\n"), "prose-value");
    expect(d?.severity).toBe("warning");
    expect(at(d as never)).toBe("1:14");
    expect(d?.message).toBe(
      "prose value `<host, see RFC 3986>` in rule `uri` describes in words what no tool can check or match",
    );
    expect(d?.hint).toBe("supply an ABNF definition of `uri` with --define, or write the prose as ABNF");
  });
});

describe("non-ascii-string", () => {
  it("points at the first offending character, columns counted in code points", () => {
    // 😀 is two UTF-16 units but one column; the caret after it must still line up.
    const text = 'a = "😀" / "caf\u00e9"\n';
    const found = withCode(analyze(text), "non-ascii-string");
    expect(found.map((d) => [at(d), spanned(d)])).toEqual([
      ["1:6", "😀"],
      ["1:15", "é"],
    ]);
    expect(found[0]?.span).toEqual({ start: 5, end: 7 });
    expect(found[1]?.span).toEqual({ start: 15, end: 16 });
    expect(found[1]?.message).toBe(
      'quoted string `"café"` holds U+00E9 outside %x20-7E: RFC 5234 quoted strings are printable ASCII only, and which bytes such a character stands for is undefined',
    );
    expect(found[1]?.hint).toBe('write the characters as numeric values: `"caf" %xE9`');
    expect(found[0]?.hint).toBe("write the characters as numeric values: `%x1F600`");
    expect(formatDiagnostic(found[1] as never).split("\n")[3]).toBe(`  |               ^`);
    expect(diagnosticToJson(found[1] as never)).toMatchObject({ line: 1, column: 15, endColumn: 16 });
  });

  it("handles %s strings, lines after non-BMP text, and control characters", () => {
    const text = 'x = "😀😀" %x41\ny = %s"tab\there" "ok"\n';
    const found = withCode(analyze(text), "non-ascii-string");
    const tab = found.find((d) => d.source.lineColAt(d.span.start).line === 2);
    expect(tab && at(tab)).toBe("2:11");
    expect(tab?.message).toContain("holds U+0009");
    expect(tab?.hint).toBe('write the characters as numeric values: `%s"tab" %x09 %s"here"`');
    const emoji = found.find((d) => d.source.lineColAt(d.span.start).line === 1);
    expect(emoji?.message).toContain("holds U+1F600 and 1 more character outside");
    expect(emoji?.hint).toBe("write the characters as numeric values: `%x1F600.1F600`");
  });
});

describe("empty-repetition", () => {
  it("reports a repetition of something nullable", () => {
    const text = ['a = *( *"a" )', "b = 2*[c]", 'c = "c"', 'd = *e "x"', 'e = [ "e" ]', ""].join("\n");
    const found = withCode(analyze(text), "empty-repetition");
    expect(found.map((d) => [at(d), spanned(d)])).toEqual([
      ["1:5", '*( *"a" )'],
      ["2:5", "2*[c]"],
      ["4:5", "*e"],
    ]);
    expect(found[0]?.severity).toBe("warning");
    expect(found[0]?.message).toContain(
      'repetition `*( *"a" )` repeats something that can match the empty string',
    );
    expect(found[1]?.hint).toBe("a repeated option matches what a repeated group matches: write `2*( c )`");
  });

  it("accepts options and repetitions of things that consume input", () => {
    const text = ['a = [ *"a" ] 1*( [SP] "b" ) *( "c" / "d" ) 1*1[ "e" ]', ""].join("\n");
    expect(withCode(analyze(text), "empty-repetition")).toEqual([]);
  });
});
