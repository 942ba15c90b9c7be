import { readFileSync } from "node:fs";
import { loadEarley, loadGrammar, matchEarley, RuleCompiler, testEarley } from "@mimi-spec/grammar";

const text = readFileSync("packages/grammar/test/fixtures/rfc/rfc8259-json.abnf", "utf8");
const g = loadGrammar([{ name: "j", text }]);
const c = new RuleCompiler(g).compile("JSON-text");
if (c.engine !== "earley") process.exit(1);
const L = loadEarley(c.earley);
function doc(size: number, pretty: boolean) {
  const items = [];
  let len = 0;
  for (let i = 0; len < size; i++) {
    const o = {
      id: i,
      name: `user ${i} \u00e9\u{1F600}`,
      tags: ["a", "b", i % 3 === 0 ? null : true],
      score: -i * 1.5e-3,
      nested: { x: [i, [i + 1, { y: "z" }]] },
    };
    items.push(o);
    len += JSON.stringify(o).length + 1;
  }
  return JSON.stringify(items, null, pretty ? 2 : undefined);
}
for (const pretty of [false, true])
  for (const size of [100_000, 1_000_000]) {
    const s = doc(size, pretty);
    const stats = { items: 0, leafSteps: 0, sets: 0 };
    const t0 = performance.now();
    const r = matchEarley(L, s, stats);
    const t1 = performance.now();
    console.log(pretty ? "pretty" : "compact", s.length, r.ok, (t1 - t0).toFixed(0) + "ms", stats);
  }
const deep = "[".repeat(100000) + "]".repeat(100000);
let t0 = performance.now();
console.log("deep", testEarley(L, deep), (performance.now() - t0).toFixed(0) + "ms");
const deepBad = "[".repeat(100000) + "]".repeat(99999);
t0 = performance.now();
console.log(
  "deepBad",
  JSON.stringify(matchEarley(L, deepBad)).slice(0, 200),
  (performance.now() - t0).toFixed(0) + "ms",
);
const objs = '{"a":'.repeat(100000) + "1" + "}".repeat(100000);
t0 = performance.now();
console.log("deepObj", testEarley(L, objs), (performance.now() - t0).toFixed(0) + "ms");
const ws = "[" + " ".repeat(20000) + "]";
t0 = performance.now();
const st = { items: 0, leafSteps: 0, sets: 0 };
console.log("ws20k", matchEarley(L, ws, st).ok, (performance.now() - t0).toFixed(0) + "ms", st);
for (const k of [2000, 4000, 8000]) {
  const s = "[" + " ".repeat(k) + "]" + " ".repeat(k);
  const st = { items: 0, leafSteps: 0, sets: 0 };
  const t = performance.now();
  const G = globalThis as any;
  G.__pend = G.__cmp = G.__add = 0;
  console.log(
    "kk",
    k,
    matchEarley(L, s, st).ok,
    (performance.now() - t).toFixed(0) + "ms",
    st,
    G.__pend,
    G.__cmp,
    G.__add,
  );
}
