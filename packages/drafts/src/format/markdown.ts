/**
 * kramdown-rfc (markdown) drafts: fenced code blocks (```` ``` ```` or `~~~`, the language in the
 * info string or a kramdown attribute list `{: type="abnf"}` on the next line), the YAML front
 * matter and `--- middle` markers (not prose), and everything else as prose. A fence that is
 * never closed is an error: everything after it would silently become code.
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";
import { isAllAbnf } from "../extract/abnf-shape.ts";
import { indentOf, type Line, lineAt } from "../text/lines.ts";
import { MappedTextBuilder } from "../text/mapped-text.ts";
import {
  type CodeBlock,
  DEFAULT_MAX_BLOCKS,
  type DraftDocument,
  type FormatOptions,
  type ParseDraftResult,
} from "./document.ts";

const FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const ATTRIBUTE_LIST = /^[ \t]*\{:[^}]*\}[ \t]*$/;
const HEADING = /^[ \t]{0,3}#{1,6}[ \t]/;
const SECTION_MARKER = /^---[ \t]*(abstract|middle|back|note_\S*)?[ \t]*$/;

const CLOSERS = new Map<string, RegExp>();

/** The pattern of a line closing a fence opened with `marker` (cached: a draft has few kinds). */
function closerOf(marker: string): RegExp {
  let re = CLOSERS.get(marker);
  if (re === undefined) {
    re = new RegExp(`^[ \\t]*${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
    CLOSERS.set(marker, re);
  }
  return re;
}

/** The language a fence's info string names: its first word, without kramdown's `{.`…`}`. */
function fenceLanguage(info: string): string | undefined {
  const typed = /\btype=["']?([A-Za-z0-9_+-]+)/.exec(info);
  if (typed !== null) return typed[1];
  const m = /^[\s{.]*([A-Za-z0-9_+-]+)/.exec(info);
  return m?.[1];
}

/** Reads a markdown draft. */
export function parseMarkdown(
  path: string,
  source: SourceText,
  options: FormatOptions = {},
): ParseDraftResult {
  const maxBlocks = options.maxBlocks ?? DEFAULT_MAX_BLOCKS;
  let omittedBlocks = 0;
  const text = source.text;
  const lineCount = source.lineStarts.length;
  const prose = new MappedTextBuilder(text);
  const blocks: CodeBlock[] = [];
  const line = (i: number): Line => lineAt(source, i);
  const lineText = (l: Line) => text.slice(l.start, l.end);

  let i = 0;
  // YAML front matter: from a first line `---` to the next line starting with `---` (or `...`).
  if (lineCount > 0 && /^---[ \t]*$/.test(lineText(line(0)))) {
    let j = 1;
    while (j < lineCount && !/^(---|\.\.\.)/.test(lineText(line(j)))) j++;
    if (j < lineCount) {
      const end = line(j);
      prose.replace("\n\n", 0, end.start);
      i = j; // the closing line is read below (it may be `--- abstract`)
    }
  }

  // Most lines start with none of the characters that matter here: they are copied without a
  // regular expression or a slice, which keeps a 50 MB draft fast.
  const leading = (l: Line): number => text.charCodeAt(l.start + indentOf(text, l.start, l.end));
  const special = (c: number) => c === 0x60 || c === 0x7e || c === 0x2d || c === 0x23; // ` ~ - #
  for (; i < lineCount; i++) {
    const l = line(i);
    if (!special(leading(l))) {
      prose.copy(l.start, l.next);
      continue;
    }
    const t = lineText(l);
    const fence = FENCE.exec(t);
    if (fence !== null && !((fence[2] as string)[0] === "`" && (fence[3] as string).includes("`"))) {
      const indent = (fence[1] as string).length;
      const marker = fence[2] as string;
      let declared = fenceLanguage(fence[3] as string);
      const close = closerOf(marker);
      let j = i + 1;
      const fenceChar = marker.charCodeAt(0);
      while (j < lineCount) {
        const c = line(j);
        if (leading(c) === fenceChar && close.test(lineText(c))) break;
        j++;
      }
      if (j >= lineCount) {
        return {
          ok: false,
          error: {
            code: "unterminated-fence",
            message: `the code fence \`${marker}\` opened here is never closed`,
            offset: l.start + indent,
            hint: `add a line \`${marker}\` where the code block ends`,
          },
        };
      }
      const closing = line(j);
      // kramdown attributes may follow the closing fence: `{: type="abnf"}`.
      const after = j + 1 < lineCount ? line(j + 1) : undefined;
      let end = closing.next;
      if (after !== undefined && ATTRIBUTE_LIST.test(lineText(after))) {
        declared = fenceLanguage(lineText(after).replace(/^[ \t]*\{:/, "")) ?? declared;
        end = after.next;
        j++;
      }
      prose.replace("\n\n", l.start, end);
      if (blocks.length >= maxBlocks) {
        omittedBlocks++;
        i = j;
        continue;
      }
      const body = new MappedTextBuilder(text);
      for (let k = i + 1; k < j && k < lineCount; k++) {
        const c = line(k);
        if (c.start >= closing.start) break;
        // Content lines lose up to the fence's indentation, as CommonMark says.
        let s = c.start;
        while (s < c.end && s - c.start < indent && (text[s] === " " || text[s] === "\t")) s++;
        body.copy(s, c.next);
      }
      const built = body.build();
      const isAbnf = declared?.toLowerCase() === "abnf";
      const shapeAbnf = !isAbnf && declared === undefined && isAllAbnf(built.text);
      blocks.push({
        kind: isAbnf || shapeAbnf ? "abnf" : "other",
        ...(declared === undefined ? {} : { language: declared }),
        detectedBy: shapeAbnf ? "shape" : "declared",
        text: built.text,
        map: built.map,
        start: l.start,
        end,
      });
      i = j;
      continue;
    }
    if (SECTION_MARKER.test(t) && t.startsWith("---")) {
      prose.replace("\n\n", l.start, l.next);
      continue;
    }
    prose.copy(l.start, l.next);
    // A heading is a sentence of its own even when the paragraph follows without a blank line.
    if (HEADING.test(t)) prose.replace("\n\n", l.next, l.next);
  }
  const document: DraftDocument = {
    path,
    format: "markdown",
    source,
    blocks,
    prose: prose.build(),
    omittedBlocks,
  };
  return { ok: true, document };
}
