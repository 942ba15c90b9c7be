import { loadGrammar, loadEarley, matchEarley, buildEarley } from "@mimi-spec/grammar";
for (const text of ['r = "a" r / ""\n', 'r = "(" r ")" / ""\n', 'r = s\ns = "a" [r]\n', 'r = "a" *r\n', 'r = "a" [r] / r r\n']) for (const n of [10000, 20000, 40000]) {
  if (text.includes("r r") && n > 10000) continue;
  const R = loadEarley(buildEarley(loadGrammar([{ name: "t", text }]), "r"));
  const input = text.includes("(") ? "(".repeat(n) + ")".repeat(n) : "a".repeat(n);
  const st = { items: 0, leafSteps: 0, sets: 0 }; const t = performance.now(); const ok = matchEarley(R, input, st).ok;
  console.log(JSON.stringify(text), n, ok, (performance.now() - t).toFixed(0) + "ms", st.items);
}
