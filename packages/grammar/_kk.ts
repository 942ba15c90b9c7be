import { readFileSync } from "node:fs";
import { loadEarley, loadGrammar, matchEarley, RuleCompiler } from "@mimi-spec/grammar";

const text = readFileSync("packages/grammar/test/fixtures/rfc/rfc8259-json.abnf", "utf8");
const c = new RuleCompiler(loadGrammar([{ name: "j", text }])).compile("JSON-text");
if (c.engine !== "earley") process.exit(1);
const L = loadEarley(c.earley);
const k = 16000;
const s = "[" + " ".repeat(k) + "]" + " ".repeat(k);
const t = performance.now();
console.log(matchEarley(L, s).ok, performance.now() - t);
