import { readFileSync } from "node:fs";
import { detectFormat } from "./packages/drafts/src/index.ts";
console.log(detectFormat(readFileSync(process.argv[2], "utf8"), process.argv[2]));
