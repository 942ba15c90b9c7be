import { describe, expect, it } from "vitest";
import { extractDraft } from "../../src/extract/extract-draft.ts";
import { positionOf } from "../support/fixtures.ts";

function extract(text: string) {
  const r = extractDraft("d.md", text);
  if (!r.ok) throw new Error(r.error.message);
  return r.extraction;
}

describe("BCP 14 sentences", () => {
  it("collects the upper-case key words only, two-word ones whole", () => {
    const text =
      "Servers MUST NOT drop it, SHOULD\nNOT log it and NOT RECOMMENDED to keep it. Clients must try and may fail.\n\n" +
      "It is REQUIRED, OPTIONAL or RECOMMENDED. They SHALL, SHALL NOT or MAY. MUSTARD is no key word.\n";
    const x = extract(text);
    expect(x.bcp14.map((s) => s.keywords.map((k) => k.keyword))).toEqual([
      ["MUST NOT", "SHOULD NOT", "NOT RECOMMENDED"],
      ["REQUIRED", "OPTIONAL", "RECOMMENDED"],
      ["SHALL", "SHALL NOT", "MAY"],
    ]);
    expect(x.bcp14[0]?.text).toBe(
      "Servers MUST NOT drop it, SHOULD NOT log it and NOT RECOMMENDED to keep it.",
    );
    const should = x.bcp14[0]?.keywords[1];
    expect(should && { line: should.line, column: should.column }).toEqual(positionOf(text, "SHOULD"));
    expect(should && { line: should.endLine, column: should.endColumn }).toEqual({ line: 2, column: 4 });
  });

  it("does not count the boilerplate itself, and records that it is there", () => {
    const x = extract(
      'The key words "MUST", "MUST NOT" and "MAY" in this document are to be interpreted as described in BCP 14 [RFC2119] [RFC8174].\n\nYou MAY go.\n',
    );
    expect(x.bcp14Boilerplate).toBe(true);
    expect(x.bcp14.map((s) => s.text)).toEqual(["You MAY go."]);
    expect(extract("{::boilerplate bcp14-tagged}\n").bcp14Boilerplate).toBe(true);
    expect(extract("You MAY go.\n").bcp14Boilerplate).toBe(false);
  });
});
