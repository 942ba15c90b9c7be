import { loadGrammar } from "@mimi-spec/grammar";
import { describe, expect, it } from "vitest";
import { ruleClosureKey } from "../../src/check/rule-closure-key.ts";

const key = (text: string, rule = "r") => ruleClosureKey(loadGrammar([{ name: "t.abnf", text }]), rule);

describe("ruleClosureKey", () => {
  it("ignores rule names, layout, comments and the case of quoted strings", () => {
    const a = key('r = "@" local ":" host\nlocal = 1*%x61-7A\nhost = 1*ALPHA\n');
    const b = key('r   = "@"  lp  ":" h ; a comment\nlp = 1*%x61-7A\nh = 1*ALPHA\n');
    expect(b).toBe(a);
    expect(key('r = "ABC"\n')).toBe(key('r = "abc"\n'));
  });

  it("differs when the language may differ", () => {
    expect(key("r = 1*3DIGIT\n")).not.toBe(key("r = 1*4DIGIT\n"));
    expect(key('r = %s"ABC"\n')).not.toBe(key('r = %s"abc"\n'));
    expect(key('r = a\na = "x"\n')).not.toBe(key('r = a\na = "y"\n'));
  });

  it("handles recursion and undefined rules", () => {
    expect(key('r = "(" *r ")"\n')).toBe(key('r = "(" *r ")"\n'));
    expect(key("r = missing\n")).toContain("?missing");
  });
});
