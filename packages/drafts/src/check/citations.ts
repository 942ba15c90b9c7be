/**
 * Whether a draft says where a rule it does not define comes from: a sentence naming the rule
 * next to a citation (`[RFC3986]`, `{{RFC3986}}`, `RFC 3986`, `[I-D.ietf-mimi-…]`), or an ABNF
 * comment doing the same (`server_name = … ; see [LM]`).
 *
 * @module
 */
import type { DraftExtraction } from "../extract/extract-draft.ts";
import { forEachProseSentence } from "../extract/prose.ts";
import { type DraftSpan, spanOf } from "../text/span.ts";

/** Where a rule is cited, and the citation. */
export interface RuleCitation extends DraftSpan {
  readonly citation: string;
}

const CITATION =
  /\[(?:RFC ?\d+|I-D\.[^\]\s]+|[A-Za-z][\w.-]*)\]|\{\{[!?]?[^}\s]+\}\}|\bRFC ?\d{3,5}\b|\bdraft-[a-z0-9-]+/;

function escapeRegExp(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The first citation of each of `names` (by lower-case key). Prose is searched in one pass with
 * one pattern for all names, and only sentences holding a citation are searched at all.
 */
export function findCitations(
  names: ReadonlyArray<string>,
  extraction: DraftExtraction,
): Map<string, RuleCitation> {
  const found = new Map<string, RuleCitation>();
  if (names.length === 0) return found;
  const pattern = new RegExp(
    `(?<![A-Za-z0-9_-])(${names.map(escapeRegExp).join("|")})(?![A-Za-z0-9_-])`,
    "gi",
  );
  const { document } = extraction;

  for (const { block } of extraction.abnfBlocks) {
    const lines = block.text.split("\n");
    let offset = 0;
    for (const line of lines) {
      const comment = commentStart(line);
      const cited = comment < 0 ? null : CITATION.exec(line.slice(comment));
      if (cited !== null) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
          const key = (m[1] as string).toLowerCase();
          if (found.has(key)) continue;
          const start = offset + m.index;
          const span = spanOf(
            document.source,
            block.map.toOriginal(start),
            block.map.toOriginalEnd(start + m[0].length),
          );
          found.set(key, { citation: cited[0], ...span });
        }
      }
      offset += line.length + 1;
    }
  }

  forEachProseSentence(document.prose, document.source, (sentence) => {
    if (found.size === names.length) return;
    const cited = CITATION.exec(sentence.text);
    if (cited === null) return;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(sentence.text); m !== null; m = pattern.exec(sentence.text)) {
      const key = (m[1] as string).toLowerCase();
      if (!found.has(key))
        found.set(key, { citation: cited[0], ...sentence.locate(m.index, m.index + m[0].length) });
    }
  });
  return found;
}

/** Where an ABNF comment starts on a line (a `;` outside quoted strings and prose values), or -1. */
function commentStart(line: string): number {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"') quote = '"';
    else if (c === "<") quote = ">";
    else if (c === ";") return i;
  }
  return -1;
}
