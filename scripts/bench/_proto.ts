import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseString } from "abnf";
import * as peggy from "peggy";
import { CORE_RULES_ABNF } from "@mimi-spec/grammar";
const require = createRequire(import.meta.url);
const apg = require("apg-js");
const uriText = readFileSync("packages/grammar/test/fixtures/rfc/rfc3986-uri.abnf", "utf8");
const jsonText = readFileSync("packages/grammar/test/fixtures/rfc/rfc8259-json.abnf", "utf8");
for (const [text, starts] of [[uriText, ["URI","URI-reference","host","IPv6address"]], [jsonText, ["JSON-text"]]] as const) {
  try {
    const rules = parseString(text + "\n" + CORE_RULES_ABNF, "x");
    const src = rules.toFormat({ format: "peggy", startRule: [...starts] });
    console.log(src.slice(0, 400));
    const p = peggy.generate(src, { allowedStartRules: starts.map(s=>s.replace(/-/g,"_")) });
    console.log("peggy ok", p.parse("http://a.b.c/x", {startRule: starts[0].replace(/-/g,"_")}));
  } catch (e) { console.log("peggy err", (e as Error).message.slice(0,500)); }
  try {
    const api = new apg.apgApi(text + "\n" + CORE_RULES_ABNF);
    api.generate();
    if (api.errors.length) console.log("apg errors", api.errorsToAscii());
    else { const src = api.toSource({lite:true}); console.log(src.length); }
  } catch (e) { console.log("apg err", (e as Error).message.slice(0,500)); }
}
