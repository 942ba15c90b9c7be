import { loadGrammar } from "@mimi-spec/grammar";
import { schemasByName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  type GrammarSource,
  grammarDocument,
  grammarIndexDocument,
  grammarRuleNames,
  grammarSchemaUses,
  readGrammarSources,
  ruleText,
} from "../../src/docs/grammar-pages.ts";
import { testLinks } from "./support.ts";

const repo = new URL("../../../../", import.meta.url).pathname;

const text = [
  "; a greeting",
  "; on two lines",
  'greeting = "hi" / name   ; informal',
  "         / %x41-5A",
  "",
  "name = 1*ALPHA",
  "unused = DIGIT",
].join("\n");
const path = "spec/grammar/test.abnf";
const source: GrammarSource = { path, text, grammar: loadGrammar([{ name: path, text }]) };
const links = testLinks({ grammarRules: grammarRuleNames([source]) });
const input = { source, schemaUses: [{ schema: "UserId", file: path, rule: "name" }], registry: [], links };

describe("ruleText", () => {
  it("keeps every line of the definition and the comment above it", () => {
    const rule = source.grammar.rules.get("greeting");
    expect(rule && ruleText(rule)).toEqual({
      abnf: 'greeting = "hi" / name   ; informal\n         / %x41-5A',
      comment: "a greeting on two lines",
    });
  });
});

describe("grammarDocument", () => {
  const doc = grammarDocument(input);

  it("has a heading, a railroad diagram and the ABNF for every rule, and the core rules used", () => {
    for (const rule of ["greeting", "name", "unused", "ALPHA", "DIGIT"])
      expect(doc.body).toContain(`\n## ${rule}\n`);
    expect(doc.body.match(/<svg class="railroad"/g)?.length).toBe(5);
    expect(doc.body).toContain('<a href="#name">');
    expect(doc.body).toContain('<a href="#alpha">');
  });

  it("shows valid examples and near misses, the same on every build", () => {
    expect(doc.body).toContain("Valid examples");
    expect(doc.body).toContain("Near misses (invalid)");
    expect(doc.body).toMatch(/class="mimi-near-misses"/);
    expect(grammarDocument(input).body).toBe(doc.body);
  });

  it("says where each rule is used: other rules and schemas", () => {
    const name = doc.body.slice(doc.body.indexOf("\n## name\n"), doc.body.indexOf("\n## unused\n"));
    expect(name).toContain('rule <a href="#greeting">');
    expect(name).toContain("schema {@link @mimi-spec/schema!UserId:var | UserId}");
    const unused = doc.body.slice(doc.body.indexOf("\n## unused\n"), doc.body.indexOf("\n## ALPHA\n"));
    expect(unused).toContain("nowhere");
  });
});

describe("the repository's grammars", () => {
  it("have a page per file under the grammar overview, and schemas that use their rules", () => {
    const sources = readGrammarSources(repo);
    expect(sources.map((s) => s.path)).toContain("spec/grammar/identifiers.abnf");
    const index = grammarIndexDocument(sources.map((s) => ({ ...input, source: s, links: testLinks() })));
    expect(index.children?.map((c) => c.title)).toEqual(sources.map((s) => s.path.replace(/^.*\//, "")));
    expect(grammarSchemaUses(schemasByName)).toContainEqual({
      schema: "UserId",
      file: "spec/grammar/identifiers.abnf",
      rule: "user_id",
    });
  });
});
