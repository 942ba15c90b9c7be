import { readFileSync } from "node:fs";
import { checkDraft } from "./packages/drafts/src/index.ts";
const kind = process.argv[2];
const page = readFileSync("packages/drafts/test/fixtures/good.txt", "utf8");
const para = "   Servers MUST check every user ID (CHAT-2) and SHOULD log it.  A user ID is at most 255 characters, e.g. `@alice:example.org`.\n\n";
let t: string;
if (kind === "md") { const f = "# T\n\n~~~ abnf\nuser-id = \"@\" 1*ALPHA\n~~~\n\nExample: `@alice`.\n\n"; t = f.repeat(Math.ceil(Number(process.argv[3] ?? 10_000_000) / f.length)); }
else t = page + para.repeat(Math.ceil(Number(process.argv[3] ?? 10_000_000) / para.length));
const start = performance.now();
const r = checkDraft(`big.${kind}`, t);
console.log(kind, Math.round(performance.now() - start), r.findings.length);
