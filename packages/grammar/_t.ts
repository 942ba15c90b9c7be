import { loadGrammar, buildEarley, loadEarley, testEarley } from "@mimi-spec/grammar";
for (const text of ['r = "x" s "1" / "x " s "2"\ns = *" " "a" / "(" r ")"\n']) {
  const g = loadGrammar([{ name: "t", text }]);
  const L = loadEarley(buildEarley(g, "r"));
  console.log(JSON.stringify(text), ["x  a2", "x  a1", "x a2", "x(x a2)1"].map((s) => testEarley(L, s)));
}
