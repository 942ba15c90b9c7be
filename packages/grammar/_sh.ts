import { readFileSync } from "node:fs";
import { loadGrammar, RuleCompiler, ruleMatcher, explainFailure } from "@mimi-spec/grammar";
const g = loadGrammar([{ name: "5234", text: readFileSync("packages/grammar/test/fixtures/rfc/rfc5234-abnf.abnf", "utf8") }]);
const c = new RuleCompiler(g).compile("rulelist");
if (c.engine === "none") throw new Error(c.reason);
const m = ruleMatcher(c);
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, "utf8").replace(/\r?\n/g, "\r\n");
  const t = performance.now();
  const r = m.match(text);
  console.log(f, text.length, (performance.now() - t).toFixed(0) + "ms", r.ok ? "ok" : `${r.offset} ${JSON.stringify(text.slice(r.offset - 10, r.offset + 10))} ${explainFailure(text, r)}`);
}
