import { readFileSync } from "node:fs";
import { coverageSamples, formatCoverageReport } from "../../src/generate/coverage.ts";
import { loadGrammar } from "../../src/grammar.ts";

const g = loadGrammar([{ name: "g.abnf", text: 'r = "a" / 1*2"b"\n' }]);
const c = coverageSamples(g, "r");
console.log(formatCoverageReport(c.report, c.samples));
const json = loadGrammar([
  { name: "json.abnf", text: readFileSync("test/fixtures/rfc/rfc8259-json.abnf", "utf8") },
]);
const j = coverageSamples(json, "JSON-text");
console.log(formatCoverageReport(j.report, j.samples));
const uri = loadGrammar([
  { name: "uri.abnf", text: readFileSync("test/fixtures/rfc/rfc3986-uri.abnf", "utf8") },
]);
const u = coverageSamples(uri, "URI-reference");
console.log(
  formatCoverageReport(u.report, u.samples)
    .split("\n")
    .filter((l) => !l.startsWith("  [") || l.includes('"'))
    .join("\n"),
);
