import { describe, expect, it } from "vitest";
import { extractDraft } from "../../src/extract/extract-draft.ts";
import { positionOf } from "../support/fixtures.ts";

function examples(text: string, path = "d.md") {
  const r = extractDraft(path, text);
  if (!r.ok) throw new Error(r.error.message);
  return r.extraction.examples;
}

describe("identifier examples", () => {
  it("takes code spans that hold an identifier, at the identifier's position", () => {
    const text =
      "Users look like `@alice:example.org`; rooms like `!abc:example.org`; `$` alone is not one.\n";
    const found = examples(text);
    expect(found.map((e) => [e.text, e.sigil, e.context])).toEqual([
      ["@alice:example.org", "@", "code-span"],
      ["!abc:example.org", "!", "code-span"],
    ]);
    expect({ line: found[1]?.line, column: found[1]?.column }).toEqual(positionOf(text, "!abc"));
  });

  it("takes bare identifiers in 'Example:' sentences, without the sentence's full stop", () => {
    const found = examples(
      "Example: @bob:example.org.\n\nFor example, !r:example.org and $ev.\n\nMoney: $5 is a price, not an identifier.\n",
    );
    expect(found.map((e) => e.text)).toEqual(["@bob:example.org", "!r:example.org", "$ev"]);
  });

  it("takes every item of a list that 'Examples:' introduces, as plain text renders it", () => {
    const text = [
      "   Examples:",
      "",
      "   *  @alice:example.org",
      "",
      "   *  @watch/for/slashes:example.org",
      "",
      "   The @ sigil starts a user ID, as in @carol:example.org here.",
      "",
    ].join("\n");
    expect(examples(text, "d.txt").map((e) => [e.text, e.context])).toEqual([
      ["@alice:example.org", "example-sentence"],
      ["@watch/for/slashes:example.org", "example-sentence"],
    ]);
  });

  it("does not take a quoted JSON key for an example", () => {
    const text = 'Response: { "failed_pdus": { "$eventid": { "error": "Invalid event format" } } }\n';
    expect(examples(text, "d.txt").map((e) => e.text)).toEqual([]);
    expect(examples('The sender is "@bob:example.org": he invited us.\n').map((e) => e.text)).toEqual([]);
  });

  it("takes quoted identifiers in prose only when they have a full identifier's shape", () => {
    const found = examples('Clients send "@carol:example.org" and "@partial", or "hello".\n');
    expect(found.map((e) => [e.text, e.context])).toEqual([["@carol:example.org", "quoted"]]);
  });

  it("marks examples the text calls invalid", () => {
    const found = examples("Valid: `@a:example.org`.\n\nThe ID `@A:example.org` is invalid.\n");
    expect(found.map((e) => [e.text, e.expectation])).toEqual([
      ["@a:example.org", "valid"],
      ["@A:example.org", "invalid"],
    ]);
  });

  it("lets an 'Example:' sentence introduce the displayed line after it (plain text)", () => {
    const text = "   Example:\n\n      @dave:example.org\n\n   Then more prose @not-an-example.\n";
    const found = examples(text, "d.txt");
    expect(found.map((e) => e.text)).toEqual(["@dave:example.org"]);
    expect({ line: found[0]?.line, column: found[0]?.column }).toEqual(positionOf(text, "@dave"));
  });

  it("takes identifier lines and JSON string values from example blocks, not JSON keys", () => {
    const text =
      'These are invalid:\n\n~~~\n@Upper:example.org\n~~~\n\nAn event:\n\n~~~ json\n{"$schema": "x", "sender": "@e:example.org"}\n~~~\n';
    const found = examples(text);
    expect(found.map((e) => [e.text, e.context, e.expectation])).toEqual([
      ["@Upper:example.org", "code-block", "invalid"],
      ["@e:example.org", "code-block", "valid"],
    ]);
    expect({ line: found[1]?.line, column: found[1]?.column }).toEqual(positionOf(text, "@e:example.org"));
  });
});
