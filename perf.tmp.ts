import { readFileSync } from "node:fs";
import { checkDraft } from "./packages/drafts/src/index.ts";
const page = readFileSync("packages/drafts/test/fixtures/good.txt", "utf8");
const para = "   Servers MUST check every user ID (CHAT-2) and SHOULD log it.  A user ID is at most 255 characters, e.g. `@alice:example.org`.\n\n";
function gen(kind: string): string {
  const parts: string[] = [];
  let n = 0;
  if (kind === "text") { parts.push(page); n += page.length; }
  while (n < 50_000_000) { parts.push(para); n += para.length; }
  return parts.join("");
}
for (const kind of ["text", "md-fences", "one-line", "open-parens"]) {
  let t: string;
  if (kind === "md-fences") { const f = "# T\n\n~~~ abnf\nuser-id = \"@\" 1*ALPHA\n~~~\n\nExample: `@alice`.\n\n"; t = f.repeat(Math.ceil(50_000_000 / f.length)); }
  else if (kind === "one-line") t = "x".repeat(50_000_000);
  else if (kind === "open-parens") t = "a = " + "(".repeat(50_000_000);
  else t = gen(kind);
  const start = performance.now();
  const r = checkDraft(`big.${kind}`, t);
  const ms = performance.now() - start;
  console.log(kind, t.length, "ms", Math.round(ms), "exit", r.exitCode, "findings", r.findings.length, r.findings.slice(0, 3).map((f) => f.code), "heap MB", Math.round(process.memoryUsage().heapUsed / 1e6));
}
