import { extractDraft } from "./packages/drafts/src/index.ts";
const f = "# T\n\n~~~ abnf\nuser-id = \"@\" 1*ALPHA\n~~~\n\nExample: `@alice`.\n\n";
const t = f.repeat(Math.ceil(Number(process.argv[2]) / f.length));
const s = performance.now();
extractDraft("x", t);
console.log("extract", Math.round(performance.now() - s), Math.round(process.memoryUsage().rss/1e6));
