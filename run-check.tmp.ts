import { readFileSync } from "node:fs";
import { checkDraft, formatText } from "./packages/drafts/src/index.ts";
for (const p of process.argv.slice(2)) {
  const r = checkDraft(p, readFileSync(p));
  process.stdout.write(formatText(r.findings));
  console.log("exit", r.exitCode, "format", r.extraction?.format, r.extraction?.formatReason);
  if (r.extraction) {
    console.log("examples", r.extraction.examples.map((e) => `${e.text}@${e.line}:${e.column} ${e.context} ${e.expectation}`));
    console.log("limits", r.extraction.limits.map((l) => `${l.value} ${l.unit} ${l.subjects} @${l.line}:${l.column}`));
    console.log("bcp14", r.extraction.bcp14.map((b) => b.keywords.map((k) => `${k.keyword}@${k.line}:${k.column}`).join(",")), "boilerplate", r.extraction.bcp14Boilerplate);
    console.log("reqs", r.extraction.requirementIds.map((k) => `${k.id}@${k.line}:${k.column}`));
    console.log("blocks", r.extraction.abnfBlocks.map((b) => `${b.line}:${b.column}-${b.endLine} ${b.block.detectedBy}`));
  }
}
