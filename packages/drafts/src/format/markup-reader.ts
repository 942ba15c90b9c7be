/**
 * What RFCXML and HTML drafts share: walk the markup, turn code elements into {@link CodeBlock}s
 * (entities decoded, CDATA taken verbatim, every character mapped to the draft) and everything
 * else into prose (tags removed, block elements as paragraph breaks, inline code in backticks).
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";
import { isAllAbnf } from "../extract/abnf-shape.ts";
import { appendDecoded } from "../text/entities.ts";
import { MappedTextBuilder } from "../text/mapped-text.ts";
import {
  type CodeBlock,
  DEFAULT_MAX_BLOCKS,
  type DraftDocument,
  type DraftFormat,
  type FormatOptions,
  type ParseDraftResult,
} from "./document.ts";
import { type TagToken, tokenizeMarkup, UnterminatedMarkup } from "./markup.ts";

/** How a code element declares its language. */
export interface CodeElementKind {
  /** `abnf` declared, `other` declared, or `undeclared` (decided by the content's shape). */
  readonly kind: "abnf" | "other" | "undeclared";
  readonly language?: string;
}

/** What differs between the XML and HTML readers. */
export interface MarkupDialect {
  readonly format: DraftFormat;
  readonly html: boolean;
  /** Elements that break paragraphs (and so sentences). */
  readonly blockElements: ReadonlySet<string>;
  /** Elements whose text is inline code, written to the prose as a code span. */
  readonly inlineCodeElements: ReadonlySet<string>;
  /** Elements whose content is not prose at all. */
  readonly skipElements: ReadonlySet<string>;
  /** Elements without content (never pushed on the element stack). */
  readonly voidElements: ReadonlySet<string>;
  /** Whether an element is a code block, and of what kind given its ancestors' and its own tags. */
  readonly codeElement: (tag: TagToken, ancestors: ReadonlyArray<TagToken>) => CodeElementKind | undefined;
  /** An element inside a code block that makes the block ABNF (`<code class="language-abnf">`). */
  readonly marksAbnf?: (tag: TagToken) => boolean;
  /** Whether an element's content is skipped (e.g. pilcrow links). */
  readonly skipsContent?: (tag: TagToken) => boolean;
  /** Text written to the prose for a self-closing element (an `<xref target="RFC3986"/>`). */
  readonly selfClosingText?: (tag: TagToken) => string | undefined;
  /** Named entities (the document's own declarations included). */
  readonly entities: Readonly<Record<string, string>>;
}

/** Reads a draft in markup with a dialect. */
export function readMarkup(
  path: string,
  source: SourceText,
  dialect: MarkupDialect,
  options: FormatOptions = {},
): ParseDraftResult {
  try {
    return { ok: true, document: read(path, source, dialect, options.maxBlocks ?? DEFAULT_MAX_BLOCKS) };
  } catch (e) {
    if (e instanceof UnterminatedMarkup) {
      return {
        ok: false,
        error: { code: "unterminated-markup", message: e.message, offset: e.offset, hint: e.hint },
      };
    }
    throw e;
  }
}

interface OpenCode {
  readonly tag: TagToken;
  readonly declared: CodeElementKind;
  readonly body: MappedTextBuilder;
  depth: number;
  abnfInside: boolean;
  /** Beyond the block limit: find the end, extract nothing. */
  readonly omitted: boolean;
}

function read(path: string, source: SourceText, dialect: MarkupDialect, maxBlocks: number): DraftDocument {
  const text = source.text;
  const prose = new MappedTextBuilder(text);
  const blocks: CodeBlock[] = [];
  const stack: TagToken[] = [];
  let code: OpenCode | undefined;
  let skipDepth = 0;
  let skipName = "";
  let omittedBlocks = 0;

  const closeCode = (open: OpenCode, endTag: TagToken) => {
    prose.replace("\n\n", open.tag.start, endTag.end);
    if (open.omitted) {
      omittedBlocks++;
      return;
    }
    const built = open.body.build();
    const declaredAbnf = open.declared.kind === "abnf" || open.abnfInside;
    const shapeAbnf = !declaredAbnf && open.declared.kind === "undeclared" && isAllAbnf(built.text);
    const external = open.tag.attributes.get("src");
    blocks.push({
      ...(external !== undefined && built.text.trim() === "" ? { external } : {}),
      kind: declaredAbnf || shapeAbnf ? "abnf" : "other",
      ...(open.declared.language === undefined ? {} : { language: open.declared.language }),
      detectedBy: shapeAbnf ? "shape" : "declared",
      text: built.text,
      map: built.map,
      start: open.tag.start,
      end: endTag.end,
    });
  };

  for (const token of tokenizeMarkup(text, { html: dialect.html })) {
    if (code !== undefined) {
      if (token.kind === "text") {
        if (!code.omitted) appendDecoded(code.body, text, token.start, token.end, dialect.entities);
      } else if (token.kind === "cdata") {
        if (!code.omitted) code.body.copy(token.contentStart, token.contentEnd);
      } else if (token.kind === "tag" && token.name === code.tag.name) {
        if (token.closing) code.depth--;
        else if (!token.selfClosing) code.depth++;
        if (code.depth === 0) {
          closeCode(code, token);
          code = undefined;
        }
      } else if (token.kind === "tag" && !token.closing && dialect.marksAbnf?.(token) === true) {
        code.abnfInside = true;
      }
      continue;
    }
    if (skipDepth > 0) {
      if (token.kind === "tag" && token.name === skipName && !token.selfClosing) {
        skipDepth += token.closing ? -1 : 1;
      }
      continue;
    }
    switch (token.kind) {
      case "text":
        appendDecoded(prose, text, token.start, token.end, dialect.entities);
        break;
      case "cdata":
        prose.copy(token.contentStart, token.contentEnd);
        break;
      case "comment":
      case "pi":
      case "doctype":
        prose.replace(" ", token.start, token.end);
        break;
      case "tag":
        handleTag(token);
        break;
    }
  }
  if (code !== undefined) {
    throw new UnterminatedMarkup(
      `the element \`<${code.tag.name}>\` opened here is never closed`,
      code.tag.start,
      `add \`</${code.tag.name}>\``,
    );
  }
  return { path, format: dialect.format, source, blocks, prose: prose.build(), omittedBlocks };

  function handleTag(tag: TagToken): void {
    if (tag.closing) {
      const at = stack.map((t) => t.name).lastIndexOf(tag.name);
      if (at >= 0) stack.length = at;
      writeTagToProse(tag);
      return;
    }
    const declared = dialect.codeElement(tag, stack);
    if (declared !== undefined) {
      const external = tag.attributes.get("src");
      if (tag.selfClosing) {
        if (external !== undefined && declared.kind === "abnf") {
          const empty = new MappedTextBuilder(text).build();
          blocks.push({
            kind: "abnf",
            ...(declared.language === undefined ? {} : { language: declared.language }),
            detectedBy: "declared",
            text: empty.text,
            map: empty.map,
            start: tag.start,
            end: tag.end,
            external,
          });
        }
        prose.replace("\n\n", tag.start, tag.end);
        return;
      }
      const omitted = blocks.length >= maxBlocks;
      code = { tag, declared, body: new MappedTextBuilder(text), depth: 1, abnfInside: false, omitted };
      return;
    }
    if (!tag.selfClosing && (dialect.skipElements.has(tag.name) || dialect.skipsContent?.(tag) === true)) {
      skipDepth = 1;
      skipName = tag.name;
      prose.replace(" ", tag.start, tag.end);
      return;
    }
    if (!tag.selfClosing && !dialect.voidElements.has(tag.name)) stack.push(tag);
    writeTagToProse(tag);
  }

  function writeTagToProse(tag: TagToken): void {
    if (dialect.blockElements.has(tag.name)) prose.replace("\n\n", tag.start, tag.end);
    else if (dialect.inlineCodeElements.has(tag.name) && !tag.selfClosing)
      prose.replace("`", tag.start, tag.end);
    else if (tag.selfClosing) {
      const written = dialect.selfClosingText?.(tag);
      if (written !== undefined) prose.replace(written, tag.start, tag.end);
    }
  }
}

/** The class names of an HTML element. */
export function classesOf(tag: TagToken): string[] {
  return (tag.attributes.get("class") ?? "").split(/\s+/).filter((c) => c !== "");
}
