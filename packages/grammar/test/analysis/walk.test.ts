import { describe, expect, it } from "vitest";
import { analysisContext, nameList } from "../../src/analysis/context.ts";
import {
  authoredDefinitions,
  describeCodePoint,
  excerpt,
  forEachNode,
  quoteCodePoints,
  rangeBounds,
  repetitionBounds,
} from "../../src/analysis/walk.ts";
import type { Node } from "../../src/ast.ts";
import { loadGrammar } from "../../src/grammar.ts";
import { grammarOf } from "./support.ts";

describe("forEachNode", () => {
  it("visits parents before children, in source order", () => {
    const g = grammarOf('a = x ( "y" / [ z ] ) %x41\n');
    const kinds: string[] = [];
    forEachNode(g.rules.get("a")?.body as Node, (n) => kinds.push(n.kind === "ruleref" ? n.name : n.kind));
    expect(kinds).toEqual(["concatenation", "x", "alternation", "string", "repetition", "z", "sequence"]);
  });

  it("walks a 250-deep nesting without trouble", () => {
    const g = grammarOf(`a = ${"(".repeat(250)}"x"${")".repeat(250)}\n`);
    let count = 0;
    forEachNode(g.rules.get("a")?.body as Node, () => count++);
    expect(count).toBe(1); // groups are not nodes: only the string remains
  });
});

describe("authoredDefinitions", () => {
  it("lists grammar and --define definitions with their texts, but no core rules", () => {
    const g = loadGrammar([{ name: "g.abnf", text: "a = b\na =/ c\n" }], {
      defines: [{ name: "d.abnf", text: "b = %x62\n" }],
    });
    expect(authoredDefinitions(g).map((d) => `${d.rule.key}@${d.source.name}`)).toEqual([
      "a@g.abnf",
      "a@g.abnf",
      "b@d.abnf",
    ]);
  });
});

describe("message helpers", () => {
  it("quotes a node's text on one line, without comments, cut to a limit", () => {
    const text = 'a = ";" / ( "x" ; a comment\n      / <a ; b> )\n';
    const g = grammarOf(text);
    const body = g.rules.get("a")?.body as Node;
    const source = g.rules.get("a")?.source;
    expect(source && excerpt(source, body)).toBe('";" / ( "x" / <a ; b> )');
    expect(source && excerpt(source, body, 8)).toBe('";" / (…');
  });

  it("shows characters readably", () => {
    expect(describeCodePoint(0x41)).toBe("`A` (U+0041)");
    expect(describeCodePoint(0x1f600)).toBe("U+1F600");
    expect(quoteCodePoints([0x61, 0x22, 0x5c, 0x0d, 0x20, 0x1f600])).toBe('"a\\"\\\\\\u{D} \\u{1F600}"');
  });

  it("reads reversed bounds as meant", () => {
    expect(rangeBounds({ kind: "range", low: 0x5a, high: 0x41, span: { start: 0, end: 0 } })).toEqual({
      low: 0x41,
      high: 0x5a,
    });
    expect(repetitionBounds({ min: 5, max: 3 })).toEqual({ min: 3, max: 5 });
    expect(repetitionBounds({ min: 1, max: Number.POSITIVE_INFINITY })).toEqual({
      min: 1,
      max: Number.POSITIVE_INFINITY,
    });
  });

  it("lists names in prose", () => {
    expect(nameList(["a"])).toBe("`a`");
    expect(nameList(["a", "b"])).toBe("`a` and `b`");
    expect(nameList(["a", "b", "c"])).toBe("`a`, `b` and `c`");
    expect(nameList(["a", "b", "c", "d"], 2)).toBe("`a`, `b` and 2 more");
  });

  it("builds one context with every shared analysis", () => {
    const ctx = analysisContext(grammarOf("a = *b\nb = %x62\n"));
    expect(ctx.nullability.rules.has("a")).toBe(true);
    expect(ctx.first.rules.get("a")?.toString()).toBe("%x62");
    expect(ctx.references.get("b")?.length).toBe(1);
    expect(ctx.strings.rules.get("a")?.exact).toBe(true);
  });
});
