import { readFileSync } from "node:fs";
import { loadGrammar, RuleCompiler, loadEarley, matchEarley } from "@mimi-spec/grammar";
const g = loadGrammar([{ name: "5234", text: readFileSync("packages/grammar/test/fixtures/rfc/rfc5234-abnf.abnf", "utf8") }]);
const c = new RuleCompiler(g).compile("rulelist");
if (c.engine !== "earley") throw new Error();
console.log(c.earley.nonterminals.length, c.earley.productions.length, c.earley.leaves.length, c.earley.leaves.map(l => l.transitions.length));
const L = loadEarley(c.earley);
const base = readFileSync("packages/grammar/test/fixtures/rfc/rfc3986-uri.abnf", "utf8").replace(/\r?\n/g, "\r\n");
for (const k of [1, 4, 16]) {
  const text = base.repeat(k);
  const st = { items: 0, leafSteps: 0, sets: 0 };
  const t = performance.now();
  const r = matchEarley(L, text, st);
  console.log(text.length, r.ok, (performance.now() - t).toFixed(0) + "ms", st);
}
