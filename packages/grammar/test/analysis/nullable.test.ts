import { describe, expect, it } from "vitest";
import { nullable } from "../../src/analysis/nullable.ts";
import { grammarOf } from "./support.ts";

describe("nullable", () => {
  it("finds the rules that can match the empty string, through references and in any order", () => {
    const g = grammarOf(
      [
        "a = b c", // nullable only once b and c are known to be
        "b = [ %x62 ]",
        "c = *d",
        'd = "d"',
        'e = "" / "x"',
        "f = 0%x66", // zero repetitions: the empty string only
        "g = 1*b", // one or more of something nullable
        "h = b %x68",
        "i = <prose>", // unknowns consume input
        "j = undefined-rule",
        "",
      ].join("\n"),
    );
    const n = nullable(g);
    const own = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].filter((k) => n.rules.has(k));
    expect(own).toEqual(["a", "b", "c", "e", "f", "g"]);
    expect(n.rules.has("lwsp")).toBe(true); // core LWSP = *(WSP / CRLF WSP)
    expect(n.rules.has("alpha")).toBe(false);
  });

  it("answers for nodes, recursion included", () => {
    const g = grammarOf('list = [ item *( "," item ) ]\nitem = "x" / "(" list ")"\n');
    const n = nullable(g);
    const body = g.rules.get("list")?.body;
    expect(body && n.node(body)).toBe(true);
    expect(n.rules.has("item")).toBe(false);
  });
});
