import { describe, expect, it } from "vitest";
import { analyzeGrammar } from "../../src/analysis/index.ts";
import { formatDiagnostic } from "../../src/diagnostic.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { analyze, at, spanned, withCode } from "./support.ts";

describe("undefined-rule", () => {
  it("reports each reference site with a did-you-mean for a `-`/`_` slip", () => {
    const text = [
      "host = server_name [ port ]",
      "server-name = 1*ALPHA",
      'port = ":" 1*DIGIT / ":" server_name',
      "",
    ].join("\n");
    const found = withCode(analyze(text), "undefined-rule");
    expect(found.map(at)).toEqual(["1:8", "3:26"]);
    expect(found.map(spanned)).toEqual(["server_name", "server_name"]);
    const first = found[0];
    expect(first?.severity).toBe("error");
    expect(first?.message).toBe(
      "rule `server_name` is used in `host` but never defined, and is not an RFC 5234 core rule",
    );
    expect(first?.hint).toBe("did you mean `server-name`?");
    expect(found[1]?.message).toContain("used in `port`");
  });

  it("suggests core rules and falls back to a --define hint", () => {
    const found = withCode(analyze("a = DIGT / payload\n"), "undefined-rule");
    expect(found.map((d) => d.hint)).toEqual([
      "did you mean `DIGIT`?",
      "define `payload`, or supply its definition from another document with --define",
    ]);
  });

  it("is satisfied by a definition supplied with --define", () => {
    const g = loadGrammar([{ name: "g.abnf", text: "a = b\n" }], {
      defines: [{ name: "d.abnf", text: "b = %x62\n" }],
    });
    expect(withCode(analyzeGrammar(g), "undefined-rule")).toEqual([]);
  });

  it("reports a start rule that names no rule, pointing into the list", () => {
    const found = withCode(
      analyze("greeting = %x68\n", { startRules: ["greeting", "greting2", "x"] }),
      "undefined-rule",
    );
    expect(found.map((d) => [d.source.name, spanned(d), d.hint])).toEqual([
      ["<start rules>", "greting2", "did you mean `greeting`?"],
      ["<start rules>", "x", "name a rule the grammar defines"],
    ]);
    expect(formatDiagnostic(found[0] as never)).toContain("<start rules>:1:10: error[undefined-rule]");
  });
});

describe("case-variant-names", () => {
  it("reports each spelling other than the definition's, once, where it first appears", () => {
    const text = [
      "Number = 1*Digit [frac]",
      "frac = %x2E 1*DIGIT",
      "x = number / Digit / digit / NUMBER",
      "",
    ].join("\n");
    const found = withCode(analyze(text), "case-variant-names");
    expect(found.map((d) => [at(d), spanned(d)])).toEqual([
      ["2:15", "DIGIT"], // Digit came first for the core rule, so DIGIT and digit are the variants
      ["3:5", "number"],
      ["3:22", "digit"],
      ["3:30", "NUMBER"],
    ]);
    const number = found[1];
    expect(number?.severity).toBe("warning");
    expect(number?.message).toBe(
      "`number` is written `Number` elsewhere: rule names ignore case, so both name the same rule",
    );
    expect(number?.hint).toBe("write `Number` everywhere");
    expect(number?.related?.[0]?.message).toBe("defined as `Number` here");
  });

  it("counts the spellings of `=/` definitions", () => {
    const found = withCode(analyze('a = "x"\nA =/ "y"\n'), "case-variant-names");
    expect(found.map(at)).toEqual(["2:1"]);
  });

  it("is quiet when every place agrees", () => {
    expect(withCode(analyze("a = DIGIT b\nb = DIGIT\n"), "case-variant-names")).toEqual([]);
  });
});

describe("unused-rule and unreachable-rule", () => {
  const text = [
    "top = used",
    "used = %x75",
    "extra = %x65 extra", // referenced only by itself
    "ring-a = ring-b %x61", // a cycle nothing outside enters
    "ring-b = [ring-a] %x62",
    "",
  ].join("\n");

  it("without start rules: the first rule is the start, and unreferenced rules are info", () => {
    const found = analyze(text).filter((d) => d.code === "unused-rule" || d.code === "unreachable-rule");
    expect(found.map((d) => [d.code, d.severity, at(d)])).toEqual([
      ["unused-rule", "info", "3:1"],
      ["unused-rule", "info", "4:1"],
      ["unused-rule", "info", "5:1"],
    ]);
    expect(found[0]?.message).toBe("rule `extra` is defined but no other rule refers to it");
    expect(found[1]?.message).toBe(
      "rule `ring-a` is never used: it is referred to only by `ring-b`, which no entry point of the grammar reaches",
    );
  });

  it("treats unreferenced rules as entry points, so what they use is not reported again", () => {
    const found = withCode(analyze("a = %x61\nb = c\nc = %x63\n"), "unused-rule");
    expect(found.map(spanned)).toEqual(["b"]);
  });

  it("with start rules: every rule they cannot reach is a warning", () => {
    const found = analyze(text, { startRules: ["used"] }).filter(
      (d) => d.code === "unused-rule" || d.code === "unreachable-rule",
    );
    expect(found.map((d) => [d.code, d.severity, spanned(d)])).toEqual([
      ["unreachable-rule", "warning", "top"],
      ["unreachable-rule", "warning", "extra"],
      ["unreachable-rule", "warning", "ring-a"],
      ["unreachable-rule", "warning", "ring-b"],
    ]);
    expect(found[0]?.message).toBe(
      "rule `top` cannot be reached from the start rule `used`: no other rule refers to it",
    );
    expect(found[2]?.message).toBe(
      "rule `ring-a` cannot be reached from the start rule `used`: only `ring-b` refers to it, and that is unreachable too",
    );
  });

  it("does not report rules supplied with --define", () => {
    const g = loadGrammar([{ name: "g.abnf", text: "a = %x61\n" }], {
      defines: [{ name: "d.abnf", text: "spare = %x62\n" }],
    });
    expect(withCode(analyzeGrammar(g), "unused-rule")).toEqual([]);
  });
});
