import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/format/detect.ts";
import { fixtureText } from "../support/fixtures.ts";

describe("detectFormat: from the content, the extension only breaking ties", () => {
  it("recognises every fixture whatever it is called", () => {
    expect(detectFormat(fixtureText("good.md"), "draft.txt").format).toBe("markdown");
    expect(detectFormat(fixtureText("good.xml"), "draft.txt").format).toBe("xml");
    expect(detectFormat(fixtureText("good.txt"), "draft.md").format).toBe("text");
    expect(detectFormat(fixtureText("good.html"), "draft.xml").format).toBe("html");
  });

  it("reads past the XML prolog, comments and an RFCXML DOCTYPE to the first element", () => {
    const xml = '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE rfc [\n<!ENTITY a "b">\n]>\n<rfc version="3"/>';
    expect(detectFormat(xml)).toMatchObject({ format: "xml", reason: "the first element is <rfc>" });
    expect(detectFormat("<!doctype html><title>x</title>").format).toBe("html");
    expect(detectFormat('<div><pre class="sourcecode lang-abnf">a = "b"</pre></div>').format).toBe("html");
  });

  it("scores markdown against xml2rfc text by their signs", () => {
    expect(detectFormat("# Intro\n\nText.\n\n~~~ abnf\na = b\n~~~\n").format).toBe("markdown");
    expect(detectFormat("Internet-Draft   X   July 2098\n\n   Text.\n\fFooter   [Page 1]\n").format).toBe(
      "text",
    );
  });

  it("falls back on the extension, then on plain text", () => {
    expect(detectFormat("Just a sentence.", "notes.md")).toMatchObject({ format: "markdown" });
    expect(detectFormat("Just a sentence.", "notes")).toMatchObject({ format: "text" });
  });
});
