import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDraft, refuseOversizedDraft } from "../../src/check/check-draft.ts";
import type { Finding } from "../../src/finding.ts";
import { DEFAULT_MAX_INPUT_BYTES } from "../../src/input/decode.ts";
import { fixtureBytes, fixtureText, positionOf } from "../support/fixtures.ts";

/** The finding with `code` whose start is where `needle` stands in the fixture. */
function expectFindingAt(
  findings: ReadonlyArray<Finding>,
  name: string,
  code: string,
  needle: string,
  occurrence = 1,
) {
  const at = positionOf(fixtureText(name), needle, occurrence);
  const found = findings.filter((f) => f.code === code);
  expect(
    found.map((f) => ({ line: f.line, column: f.column })),
    `${code} at ${needle}`,
  ).toContainEqual(at);
  return found.find((f) => f.line === at.line && f.column === at.column) as Finding;
}

function codes(findings: ReadonlyArray<Finding>, severity?: Finding["severity"]): string[] {
  return findings.filter((f) => severity === undefined || f.severity === severity).map((f) => f.code);
}

describe("checkDraft on good drafts in every format", () => {
  for (const name of ["good.md", "good.xml", "good.txt", "good.html"]) {
    it(`${name}: exit code 0, no error or warning`, () => {
      const r = checkDraft(name, fixtureBytes(name));
      expect(codes(r.findings, "error")).toEqual([]);
      expect(codes(r.findings, "warning")).toEqual([]);
      expect(r.exitCode).toBe(0);
      expect(r.extraction?.abnfBlocks.length).toBeGreaterThan(0);
      expect(r.extraction?.examples.length).toBeGreaterThan(0);
    });
  }

  it("detects each format from the content", () => {
    const formats = ["good.md", "good.xml", "good.txt", "good.html"].map(
      (n) => checkDraft("draft", fixtureBytes(n)).extraction?.format,
    );
    expect(formats).toEqual(["markdown", "xml", "text", "html"]);
  });

  it("notes the server_name rule taken from the MIMI identifiers grammar, at its use", () => {
    const r = checkDraft("good.md", fixtureBytes("good.md"));
    const f = expectFindingAt(r.findings, "good.md", "imported-rule", "server_name");
    expect(f.severity).toBe("note");
    expect(f.message).toContain("MIMI identifiers grammar");
  });
});

describe("checkDraft on broken drafts: each finding at the draft's own line and column", () => {
  it("markdown: undefined rule, `_` in a rule name, unclosed group, rejected example, wrong limit", () => {
    const name = "broken.md";
    const r = checkDraft(name, fixtureBytes(name));
    expect(r.exitCode).toBe(1);
    expectFindingAt(r.findings, name, "undefined-rule", "localpart-chr");
    expect(expectFindingAt(r.findings, name, "undefined-rule", "localpart-chr").hint).toContain(
      "localpart-char",
    );
    expectFindingAt(r.findings, name, "rulename-underscore", "user_id =");
    expectFindingAt(r.findings, name, "unclosed-group", "( opaque");
    const rejected = expectFindingAt(r.findings, name, "example-rejected", "$tooShort");
    expect(rejected.severity).toBe("error");
    expect(rejected.message).toContain("event-id");
    const limit = expectFindingAt(r.findings, name, "limit-mismatch", "at most 256");
    expect(limit.severity).toBe("warning");
    expect(limit.message).toContain("255");
    expectFindingAt(r.findings, name, "bcp14-boilerplate-missing", "MUST be");
    // The user ID example cannot be checked: its rule depends on the undefined one.
    expectFindingAt(r.findings, name, "example-unchecked", "@Bob:example.org");
  });

  it("XML: columns after a decoded entity, CDATA blocks, rejected example caret at the bad character", () => {
    const name = "broken.xml";
    const r = checkDraft(name, fixtureBytes(name));
    expect(r.exitCode).toBe(1);
    // `trailer` follows `"&amp;"`: five characters in the draft, one in the ABNF.
    expectFindingAt(r.findings, name, "undefined-rule", "trailer");
    expectFindingAt(r.findings, name, "unclosed-group", "( room-id");
    const rejected = expectFindingAt(r.findings, name, "example-rejected", "#c:example.org");
    expect(rejected.message).toContain("'#'");
    expect(rejected.endColumn).toBe(positionOf(fixtureText(name), "</tt> names").column);
    expectFindingAt(r.findings, name, "limit-mismatch", "MUST NOT</bcp14> exceed 65535");
  });

  it("plain text: a rule continued across a page break, and errors after it", () => {
    const name = "broken.txt";
    const r = checkDraft(name, fixtureBytes(name));
    expect(r.exitCode).toBe(1);
    // The footer and header inside the rule are not read as ABNF (they would be syntax errors).
    expect(codes(r.findings)).not.toContain("syntax-error");
    expectFindingAt(r.findings, name, "unclosed-group", '( "." / "="');
    expectFindingAt(r.findings, name, "undefined-rule", "srv-name");
    expectFindingAt(r.findings, name, "example-rejected", "%:example.org");
    expectFindingAt(r.findings, name, "limit-mismatch", "MUST NOT exceed 300");
  });

  it("HTML: ABNF in <pre class=lang-abnf> and <code class=language-abnf>, entities decoded", () => {
    const name = "broken.html";
    const r = checkDraft(name, fixtureBytes(name));
    expect(r.exitCode).toBe(1);
    expectFindingAt(r.findings, name, "imported-rule", "server_name");
    expectFindingAt(r.findings, name, "unclosed-group", "( %x61-7A");
    expectFindingAt(r.findings, name, "rulename-underscore", "event_id =");
    expectFindingAt(r.findings, name, "example-rejected", "=</code>");
    expectFindingAt(r.findings, name, "limit-mismatch", "no longer than 512");
  });

  it("reports the same lines and columns for a CRLF copy of each draft", () => {
    for (const name of ["broken.md", "broken.xml", "broken.txt", "broken.html"]) {
      const where = (text: string) =>
        checkDraft(name, text).findings.map((f) => [f.code, f.line, f.column, f.endLine, f.endColumn]);
      expect(where(fixtureText(name).replace(/\n/g, "\r\n")), name).toEqual(where(fixtureText(name)));
    }
  });

  it("every finding carries its draft line as the excerpt", () => {
    for (const name of ["broken.md", "broken.xml", "broken.txt", "broken.html"]) {
      const lines = fixtureText(name).split("\n");
      for (const f of checkDraft(name, fixtureBytes(name)).findings) {
        if (f.code === "extraction-truncated" || f.code === "no-abnf") continue;
        expect(f.excerpt, `${name} ${f.code}`).toBe(lines[f.line - 1]);
      }
    }
  });
});

describe("checkDraft on unusable input: an error value and exit code 2, never a throw", () => {
  it("an unterminated fence, at the opening fence", () => {
    const r = checkDraft("unterminated.mkd", fixtureBytes("unterminated.mkd"));
    expect(r.exitCode).toBe(2);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      code: "unterminated-fence",
      severity: "error",
      ...positionOf(fixtureText("unterminated.mkd"), "~~~ abnf"),
      excerpt: "~~~ abnf",
    });
  });

  it("an unterminated CDATA section in XML", () => {
    const r = checkDraft("unterminated.xml", fixtureBytes("unterminated.xml"));
    expect(r.exitCode).toBe(2);
    expect(r.findings[0]).toMatchObject({
      code: "unterminated-markup",
      ...positionOf(fixtureText("unterminated.xml"), "<![CDATA["),
    });
  });

  it("binary input (NUL bytes)", () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const r = checkDraft("image.png", bytes);
    expect(r.exitCode).toBe(2);
    expect(r.findings[0]?.code).toBe("input-binary");
    expect(r.findings[0]?.message).toContain("NUL");
  });

  it("empty input, and input of white space only", () => {
    for (const input of ["", "  \n\n\t", new Uint8Array(0)]) {
      const r = checkDraft("empty.md", input);
      expect(r.exitCode).toBe(2);
      expect(r.findings.map((f) => f.code)).toEqual(["input-empty"]);
    }
  });

  it("invalid UTF-8, with the line and column of the first bad byte", () => {
    const bytes = new TextEncoder().encode("# Title\n\nCaf\u00e9 ok\nbad here: X\n");
    const bad = Uint8Array.from(bytes);
    bad[bad.indexOf("X".charCodeAt(0))] = 0xe9; // Latin-1 é: not UTF-8 on its own
    const r = checkDraft("latin1.md", bad);
    expect(r.exitCode).toBe(2);
    expect(r.findings[0]).toMatchObject({ code: "input-invalid-utf8", line: 4, column: 11 });
  });

  it("an input over the size limit", () => {
    const r = checkDraft("big.txt", "a".repeat(2000), { maxBytes: 1000 });
    expect(r.exitCode).toBe(2);
    expect(r.findings[0]?.code).toBe("input-too-large");
  });
});

describe("checkDraft on arbitrary text", () => {
  it("never throws, and always returns findings inside the draft with a valid exit code", () => {
    const pieces = fc.constantFrom(
      "~~~ abnf\n",
      "~~~\n",
      "```abnf\n",
      "a = ",
      '"x"',
      "( ",
      ")",
      "[",
      "%x41-5A",
      "user-id",
      "server_name",
      " / ",
      "\n",
      "\n\n",
      "   ",
      "\f",
      "[Page 1]\n",
      "<rfc>",
      '<sourcecode type="abnf">',
      "</sourcecode>",
      "<![CDATA[",
      "]]>",
      "&lt;",
      '<pre class="lang-abnf">',
      "</pre>",
      "Example: ",
      "`@a:b`",
      "@Bob:x",
      "$e",
      " MUST NOT ",
      "at most 256 characters",
      ". ",
      "CHAT-2",
      "\u{1F600}",
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((p) => p.join("")),
        fc.constantFrom("d.md", "d.xml", "d.txt", "d.html"),
        (text, path) => {
          const r = checkDraft(path, text);
          expect([0, 1, 2]).toContain(r.exitCode);
          const lines = text.split(/\r\n|\r|\n/).length;
          for (const f of r.findings) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.line).toBeLessThanOrEqual(Math.max(1, lines));
            expect(f.column).toBeGreaterThanOrEqual(1);
          }
          expect(r.exitCode === 1).toBe(r.findings.some((f) => f.severity === "error") && r.exitCode !== 2);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("checkDraft on huge generated text", () => {
  it("refuses it by default: larger than any real draft", () => {
    const r = checkDraft("generated.txt", "a".repeat(50_000_000));
    expect(r.exitCode).toBe(2);
    expect(r.findings.map((f) => f.code)).toEqual(["input-too-large"]);
    expect(r.findings[0]?.message).toContain(String(DEFAULT_MAX_INPUT_BYTES));
  });

  it("refuses a file by its size before reading it", () => {
    const r = refuseOversizedDraft("huge.md", 52_428_800);
    expect(r.exitCode).toBe(2);
    expect(r.findings[0]).toMatchObject({ code: "input-too-large", severity: "error", line: 1, column: 1 });
    expect(r.findings[0]?.message).toContain("52428800 bytes");
  });

  it("at the largest size accepted, finishes in bounded time with a clear, capped result", () => {
    const page = fixtureText("good.txt");
    const paragraph =
      "   Servers MUST check every user ID (CHAT-2).  A user ID is at most 256 characters, e.g.\n" +
      "   `@alice:example.org`.\n\n";
    const size = DEFAULT_MAX_INPUT_BYTES - page.length;
    const text = page + paragraph.repeat(Math.floor(size / paragraph.length));
    expect(text.length).toBeGreaterThan(DEFAULT_MAX_INPUT_BYTES - paragraph.length);
    const started = performance.now();
    const r = checkDraft("generated.txt", text, { maxFindingsPerCode: 50 });
    const seconds = (performance.now() - started) / 1000;
    expect(r.exitCode).toBe(0); // warnings only: every paragraph states the wrong limit
    expect(r.extraction?.format).toBe("text");
    // Extraction stops at its item limit and says so; the findings per code are capped too.
    expect(r.findings.filter((f) => f.code === "extraction-truncated").length).toBeGreaterThan(0);
    expect(r.findings.filter((f) => f.code === "limit-mismatch")).toHaveLength(50);
    expect(r.findings.find((f) => f.code === "findings-truncated")?.message).toContain("limit-mismatch");
    // Linear work: a few seconds on an idle machine; the bound leaves room for a loaded CI.
    expect(seconds).toBeLessThan(100);
  }, 180_000);
});
