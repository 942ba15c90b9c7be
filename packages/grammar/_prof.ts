import { readFileSync } from "node:fs";
import { loadEarley, loadGrammar, matchEarley, RuleCompiler } from "@mimi-spec/grammar";

const text = readFileSync("packages/grammar/test/fixtures/rfc/rfc8259-json.abnf", "utf8");
const g = loadGrammar([{ name: "j", text }]);
const c = new RuleCompiler(g).compile("JSON-text");
if (c.engine !== "earley") process.exit(1);
const L = loadEarley(c.earley);
const items = [];
for (let i = 0; i < 8000; i++)
  items.push({ id: i, name: `user ${i}`, tags: ["a", "b", null], nested: { x: [i, [i + 1, { y: "z" }]] } });
const s = JSON.stringify(items, null, process.argv[2] === "pretty" ? 2 : undefined);
for (let k = 0; k < 3; k++) {
  const stats = { items: 0, leafSteps: 0, sets: 0 };
  const t0 = performance.now();
  const r = matchEarley(L, s, stats);
  console.log((globalThis as any).__multi, s.length, r.ok, (performance.now() - t0).toFixed(0) + "ms", stats);
}
