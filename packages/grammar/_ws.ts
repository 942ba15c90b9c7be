import { readFileSync } from "node:fs";
import { loadGrammar, RuleCompiler, loadEarley, matchEarley } from "@mimi-spec/grammar";
const text = readFileSync("packages/grammar/test/fixtures/rfc/rfc8259-json.abnf", "utf8");
const c = new RuleCompiler(loadGrammar([{ name: "j", text }])).compile("JSON-text");
if (c.engine !== "earley") process.exit(1);
const L = loadEarley(c.earley);
for (const k of [250, 500, 1000, 2000]) {
  const sp = " ".repeat(k);
  const s = `[${sp}[${sp}1${sp}]${sp}]${sp}`;
  const st = { items: 0, leafSteps: 0, sets: 0 };
  const t = performance.now();
  console.log(k, matchEarley(L, s, st).ok, (performance.now() - t).toFixed(0) + "ms", st);
}
