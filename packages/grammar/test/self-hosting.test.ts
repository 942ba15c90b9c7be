/**
 * Self-hosting: RFC 5234's own ABNF grammar (section 4), compiled by this toolkit, judges every
 * `.abnf` file in the repository as a `rulelist`. That grammar requires CRLF line ends, so files
 * (stored with LF) are converted first. RFC 5234 allows only letters, digits and hyphens in rule
 * names, so the MIMI grammars, which quote drafts that use `_`, are rejected at their first `_`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RuleCompiler, ruleMatcher } from "../src/engine/compile.ts";
import { loadGrammar } from "../src/grammar.ts";

const fixtures = join(import.meta.dirname, "fixtures", "rfc");
const specGrammars = join(import.meta.dirname, "..", "..", "..", "spec", "grammar");
const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");

const abnf = (() => {
  const grammar = loadGrammar([
    { name: "rfc5234-abnf.abnf", text: readFileSync(join(fixtures, "rfc5234-abnf.abnf"), "utf8") },
  ]);
  const compiled = new RuleCompiler(grammar).compile("rulelist");
  if (compiled.engine !== "earley")
    throw new Error(`rulelist should need the Earley engine, got ${compiled.engine}`);
  return ruleMatcher(compiled);
})();

const abnfFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".abnf"))
    .sort()
    .map((f) => ({ name: f, text: crlf(readFileSync(join(dir, f), "utf8")) }));

/** The offset of the first `_` in a rule name where a rule is defined (line start, then `name =`). */
function firstUnderscoreInDefinedName(text: string): number | undefined {
  const m = /^([A-Za-z][A-Za-z0-9-]*)_[A-Za-z0-9_-]*[ \t]*=/m.exec(text);
  return m === null ? undefined : m.index + (m[1] as string).length;
}

describe("RFC 5234's grammar of ABNF, compiled by this toolkit", () => {
  it.each(abnfFiles(fixtures))("accepts the fixture grammar $name", ({ text }) => {
    expect(abnf.match(text)).toEqual({ ok: true });
  });

  it("rejects spec/grammar/identifiers.abnf at the `_` of `room_id`, its first rule", () => {
    const text = crlf(readFileSync(join(specGrammars, "identifiers.abnf"), "utf8"));
    const result = abnf.match(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.offset).toBe(text.indexOf("\r\nroom_id = ") + "\r\nroom".length);
    expect(result.found).toBe("_".codePointAt(0));
    // After a rule name, ABNF allows more name characters, white space or the `=` of defined-as.
    expect(result.expected).toEqual(expect.arrayContaining(['"-"', '"0"-"9"', '"A"-"Z"', '"="', '" "']));
    expect(result.expected).not.toContain('"_"');
  });

  it.each(abnfFiles(specGrammars))("judges spec/grammar/$name by RFC 5234's rule-name syntax", ({ text }) => {
    const underscore = firstUnderscoreInDefinedName(text);
    const result = abnf.match(text);
    if (underscore === undefined) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, offset: underscore, found: 0x5f });
  });

  it("accepts a grammar once its rule names use `-`, and rejects LF line ends", () => {
    const raw = readFileSync(join(specGrammars, "identifiers.abnf"), "utf8");
    const hyphenated = crlf(raw.replace(/^[A-Za-z0-9_-]+/gm, (name) => name.replaceAll("_", "-")));
    // The quoted rules also refer to each other by name: rename the references too.
    const renamed = hyphenated.replace(/\b([a-z]+(?:_[a-z0-9]+)+)\b/g, (name) => name.replaceAll("_", "-"));
    const withEnd = renamed.endsWith("\r\n") ? renamed : `${renamed}\r\n`;
    expect(abnf.match(withEnd)).toEqual({ ok: true });
    expect(abnf.test(withEnd.replaceAll("\r\n", "\n"))).toBe(false);
  });
});
