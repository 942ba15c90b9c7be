import { readFileSync } from "node:fs";
import { SourceText } from "@mimi-spec/grammar";
import { parseMarkdown } from "./packages/drafts/src/index.ts";
const t = readFileSync("packages/drafts/test/fixtures/unterminated.md", "utf8");
const r = parseMarkdown("x", new SourceText("x", t));
console.log(JSON.stringify(r.ok ? r.document.blocks.map(b=>b.text) : r.error));
