import { describe, expect, it } from "vitest";
import { checkDraft } from "../../src/check/check-draft.ts";
import { FindingCodes } from "../../src/finding.ts";
import { artifactUri, formatSarif, toSarif } from "../../src/report/sarif.ts";
import { fixtureBytes } from "../support/fixtures.ts";

describe("SARIF 2.1.0", () => {
  const findings = ["broken.md", "broken.xml", "broken.txt", "broken.html"].flatMap(
    (n) => checkDraft(`drafts/${n}`, fixtureBytes(n)).findings,
  );
  const log = JSON.parse(formatSarif(findings, { toolVersion: "0.1.0" }));

  it("has the schema, version 2.1.0 and one run of the tool mimi", () => {
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({ name: "mimi", version: "0.1.0" });
    expect(log.runs[0].columnKind).toBe("unicodeCodePoints");
  });

  it("declares each code used once as a rule, and every result refers to its rule by id and index", () => {
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string } }>;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.map((r) => r.id).sort()).toEqual([...new Set(findings.map((f) => f.code))].sort());
    for (const r of rules) expect(r.shortDescription.text).toBe(FindingCodes[r.id]?.meaning);
    for (const result of log.runs[0].results) {
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
  });

  it("gives each result its level, message and location, as the finding had them", () => {
    const results = log.runs[0].results;
    expect(results).toHaveLength(findings.length);
    findings.forEach((f, k) => {
      const r = results[k];
      expect(["error", "warning", "note"]).toContain(r.level);
      expect(r.level).toBe(f.severity);
      expect(r.message.text).toBe(f.message);
      expect(r.locations).toHaveLength(1);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe(f.file);
      expect(loc.region.startLine).toBe(f.line);
      expect(loc.region.startColumn).toBe(f.column);
      expect(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1).toBe(true);
      expect(Number.isInteger(loc.region.startColumn) && loc.region.startColumn >= 1).toBe(true);
    });
  });

  it("snips the region's own text, with the whole line as context", () => {
    const sarif = toSarif([
      {
        file: "d.md",
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 8,
        severity: "error",
        code: "undefined-rule",
        message: "m",
        excerpt: "a = foo bar",
        hint: "h",
      },
    ]);
    const result = sarif.runs[0]?.results[0];
    expect(result?.locations[0]?.physicalLocation.region.snippet?.text).toBe("foo");
    expect(result?.locations[0]?.physicalLocation.contextRegion?.snippet.text).toBe("a = foo bar");
    expect(result?.properties?.hint).toBe("h");
  });

  it("writes paths as URIs", () => {
    expect(artifactUri("drafts/my draft.md")).toBe("drafts/my%20draft.md");
    expect(artifactUri("/home/ed/d.md")).toBe("file:///home/ed/d.md");
    expect(artifactUri("C:\\drafts\\d.md")).toBe("file:///C:/drafts/d.md");
  });
});
