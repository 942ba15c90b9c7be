/**
 * xml2rfc plain-text drafts. Pages end with a footer (`Author  Expires …  [Page 7]`), a form
 * feed and a header (`Internet-Draft  Title  August 2023`); those lines, and the blank lines
 * padding them, are page furniture: they are dropped, so a rule split by a page break reads as
 * one rule and a sentence split by one as one sentence. ABNF has no markup here, so it is found by
 * shape (see `abnf-shape.ts`).
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";
import { findAbnfRuns } from "../extract/abnf-shape.ts";
import { isBlank, type Line, lineAt } from "../text/lines.ts";
import { MappedTextBuilder } from "../text/mapped-text.ts";
import {
  type CodeBlock,
  DEFAULT_MAX_BLOCKS,
  type DraftDocument,
  type FormatOptions,
  type ParseDraftResult,
} from "./document.ts";

const FOOTER = /\[Page \d+\][ \t]*$/;
const HEADER = /^\S.*\S[ \t]{2,}\S.*\S[ \t]*$|^(Internet-Draft|RFC \d+)\b/;

/**
 * Marks the lines that are page furniture: footers, form-feed lines, the header after each form
 * feed, and the blank lines around them.
 */
export function pageFurniture(source: SourceText): Uint8Array {
  const text = source.text;
  const n = source.lineStarts.length;
  const furniture = new Uint8Array(n);
  const lineText = (l: Line) => text.slice(l.start, l.end);
  for (let i = 0; i < n; i++) {
    const l = lineAt(source, i);
    const t = lineText(l);
    const formFeed = t.includes("\f");
    if (!formFeed && !FOOTER.test(t)) continue;
    furniture[i] = 1;
    if (formFeed) {
      // The header is the first non-blank line after the form feed (or on the form feed's line).
      let j = i + 1;
      while (j < n && isBlank(text, lineAt(source, j).start, lineAt(source, j).end)) j++;
      const rest = t.replace(/\f/g, "").trim();
      const header = j < n ? lineText(lineAt(source, j)) : "";
      // Page headers are one short line; the length check also bounds the pattern's work.
      if (rest === "" && header.length <= 200 && HEADER.test(header)) furniture[j] = 1;
    }
  }
  // Blank lines touching furniture pad the page: drop them too.
  for (let i = 0; i < n; i++) {
    if (furniture[i] !== 1) continue;
    for (let j = i - 1; j >= 0 && furniture[j] !== 1 && isBlank(text, ...bounds(source, j)); j--)
      furniture[j] = 2;
    for (let j = i + 1; j < n && furniture[j] !== 1 && isBlank(text, ...bounds(source, j)); j++)
      furniture[j] = 2;
  }
  return furniture;
}

function bounds(source: SourceText, i: number): [number, number] {
  const l = lineAt(source, i);
  return [l.start, l.end];
}

/** Reads a plain-text draft. */
export function parsePlainText(
  path: string,
  source: SourceText,
  options: FormatOptions = {},
): ParseDraftResult {
  const maxBlocks = options.maxBlocks ?? DEFAULT_MAX_BLOCKS;
  const text = source.text;
  const furniture = pageFurniture(source);
  const lines: Line[] = [];
  for (let i = 0; i < source.lineStarts.length; i++) {
    const l = lineAt(source, i);
    if (i === source.lineStarts.length - 1 && l.start === text.length && i > 0) break;
    if (furniture[i] === 0) lines.push(l);
  }
  // A line right after dropped furniture (a page break) may start a figure.
  const runs = findAbnfRuns(
    lines.map((l) => ({
      text: text.slice(l.start, l.end),
      ...(l.index > 0 && furniture[l.index - 1] !== 0 ? { afterBreak: true } : {}),
    })),
  );

  const blocks: CodeBlock[] = [];
  const prose = new MappedTextBuilder(text);
  let next = 0;
  const copyLines = (out: MappedTextBuilder, from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const l = lines[k] as Line;
      // The line with its own line break, so dropped furniture between two lines cannot join them.
      out.copy(l.start, l.next);
      if (l.next === l.end) out.replace("\n", l.end, l.end);
    }
  };
  for (const run of runs.slice(0, maxBlocks)) {
    copyLines(prose, next, run.first);
    const body = new MappedTextBuilder(text);
    copyLines(body, run.first, run.last + 1);
    const built = body.build();
    const first = lines[run.first] as Line;
    const last = lines[run.last] as Line;
    blocks.push({
      kind: "abnf",
      detectedBy: "shape",
      text: built.text,
      map: built.map,
      start: first.start,
      end: last.end,
    });
    prose.replace("\n\n", first.start, last.next);
    next = run.last + 1;
  }
  // Runs beyond the limit stay out of the prose too: they are ABNF, not sentences.
  for (const run of runs.slice(maxBlocks)) {
    copyLines(prose, next, run.first);
    const first = lines[run.first] as Line;
    prose.replace("\n\n", first.start, (lines[run.last] as Line).next);
    next = run.last + 1;
  }
  copyLines(prose, next, lines.length);
  const document: DraftDocument = {
    path,
    format: "text",
    source,
    blocks,
    prose: prose.build(),
    omittedBlocks: Math.max(0, runs.length - maxBlocks),
  };
  return { ok: true, document };
}
