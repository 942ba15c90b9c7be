/**
 * Everything `mimi check` needs from a draft, in one pass over its prose: ABNF blocks, identifier
 * examples, stated limits, BCP 14 sentences and requirement IDs, each with its draft position.
 *
 * @module
 */
import { SourceText } from "@mimi-spec/grammar";
import { detectFormat } from "../format/detect.ts";
import type { CodeBlock, DraftDocument, DraftFormat } from "../format/document.ts";
import { parseDraft } from "../format/parse-draft.ts";
import { type DraftInput, decodeDraftInput, type InputProblem } from "../input/decode.ts";
import { type DraftSpan, spanOf } from "../text/span.ts";
import { type Bcp14Sentence, bcp14Sentence, isBcp14Boilerplate } from "./bcp14.ts";
import { blockExamples, type IdentifierExample, SentenceExamples, saysInvalid } from "./examples.ts";
import { limitsIn, type StatedLimit } from "./limits.ts";
import { forEachProseSentence } from "./prose.ts";
import {
  REQUIREMENT_PREFIXES,
  type RequirementIdMention,
  requirementIdPattern,
  requirementIdsIn,
} from "./requirement-ids.ts";

/** An ABNF block with the draft position of its construct. */
export interface AbnfBlock extends DraftSpan {
  readonly block: CodeBlock;
}

/** What a draft holds, as far as the checks are concerned. */
export interface DraftExtraction {
  readonly document: DraftDocument;
  readonly format: DraftFormat;
  /** Why the format was chosen. */
  readonly formatReason: string;
  readonly abnfBlocks: ReadonlyArray<AbnfBlock>;
  readonly examples: ReadonlyArray<IdentifierExample>;
  readonly limits: ReadonlyArray<StatedLimit>;
  readonly bcp14: ReadonlyArray<Bcp14Sentence>;
  /** Whether the draft has the BCP 14 boilerplate (or kramdown-rfc's `{::boilerplate bcp14…}`). */
  readonly bcp14Boilerplate: boolean;
  readonly requirementIds: ReadonlyArray<RequirementIdMention>;
  /**
   * What was cut short: `blocks` when code blocks beyond the format readers' limit were skipped,
   * and each kind of item (`examples`, `limits`, `bcp14`, `requirementIds`) that reached
   * {@link ExtractOptions.maxItems}. Real drafts never come near; generated text may.
   */
  readonly truncated: ReadonlyArray<{ readonly kind: string; readonly kept: number }>;
  /** Problems with the input that do not stop the check (a U+FFFD in the text). */
  readonly inputWarnings: ReadonlyArray<InputProblem>;
}

/** Why a draft cannot be checked, and where. */
export interface DraftProblem {
  readonly code: InputProblem["code"] | "unterminated-fence" | "unterminated-markup";
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly hint?: string;
}

/** The extraction, or why there is none. */
export type ExtractResult =
  | { readonly ok: true; readonly extraction: DraftExtraction }
  | { readonly ok: false; readonly error: DraftProblem };

/** Options for {@link extractDraft}. */
export interface ExtractOptions {
  /** Read the draft as this format instead of detecting it. */
  readonly format?: DraftFormat;
  /** Requirement ID prefixes (default {@link REQUIREMENT_PREFIXES}). */
  readonly requirementPrefixes?: ReadonlyArray<string>;
  /** Larger inputs are refused (see `decodeDraftInput`). */
  readonly maxBytes?: number;
  /** At most this many items of each kind are extracted (default {@link DEFAULT_MAX_ITEMS}). */
  readonly maxItems?: number;
  /** At most this many code blocks are extracted (default 5000). */
  readonly maxBlocks?: number;
}

/** The default most items of one kind extracted from a draft (a long real draft has a few hundred). */
export const DEFAULT_MAX_ITEMS = 10_000;

/**
 * Reads a draft and extracts what the checks need.
 *
 * @example
 * ```ts
 * const r = extractDraft("d.md", "Example: `@alice:example.org`.\n");
 * r.ok && r.extraction.examples[0]?.text; // "@alice:example.org"
 * ```
 */
export function extractDraft(path: string, input: DraftInput, options: ExtractOptions = {}): ExtractResult {
  const decoded = decodeDraftInput(
    input,
    options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
  );
  if (!decoded.ok) return { ok: false, error: decoded.error };
  const text = decoded.text;
  const detected =
    options.format === undefined
      ? detectFormat(text, path)
      : { format: options.format, reason: "given by the caller" };
  const parsed = parseDraft(
    path,
    text,
    detected.format,
    options.maxBlocks === undefined ? {} : { maxBlocks: options.maxBlocks },
  );
  if (!parsed.ok) {
    const { error } = parsed;
    const at = new SourceText(path, text).lineColAt(error.offset);
    return {
      ok: false,
      error: {
        code: error.code,
        message: error.message,
        line: at.line,
        column: at.column,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
      },
    };
  }
  const document = parsed.document;
  const source = document.source;

  const examples = new SentenceExamples();
  const limits: StatedLimit[] = [];
  const bcp14: Bcp14Sentence[] = [];
  const requirementIds: RequirementIdMention[] = [];
  const idPattern = requirementIdPattern(options.requirementPrefixes ?? REQUIREMENT_PREFIXES);
  let boilerplate = false;

  // Each example block takes its expectation from the sentence introducing it.
  const otherBlocks = document.blocks.filter((b) => b.kind === "other").sort((a, b) => a.start - b.start);
  const blockIntro: Array<"valid" | "invalid"> = otherBlocks.map(() => "valid");
  let nextBlock = 0;
  let lastSentenceInvalid = false;

  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const full = new Set<string>();
  const room = (kind: string, length: number): boolean => {
    if (length < maxItems) return true;
    full.add(kind);
    return false;
  };
  forEachProseSentence(document.prose, source, (sentence) => {
    while (
      nextBlock < otherBlocks.length &&
      (otherBlocks[nextBlock] as CodeBlock).start <= sentence.draftStart
    ) {
      blockIntro[nextBlock] = lastSentenceInvalid ? "invalid" : "valid";
      nextBlock++;
    }
    lastSentenceInvalid = saysInvalid(sentence.text);
    if (room("examples", examples.found.length)) examples.visit(sentence);
    if (room("limits", limits.length)) limits.push(...limitsIn(sentence));
    if (!boilerplate && isBcp14Boilerplate(sentence.text)) boilerplate = true;
    else if (room("bcp14", bcp14.length)) {
      const keywords = bcp14Sentence(sentence);
      if (keywords !== undefined) bcp14.push(keywords);
    }
    if (/-[0-9]/.test(sentence.text) && room("requirementIds", requirementIds.length))
      requirementIds.push(...requirementIdsIn(sentence, idPattern));
  });
  const truncated = [...full].map((kind) => ({ kind, kept: maxItems }));
  if (document.omittedBlocks > 0) truncated.unshift({ kind: "blocks", kept: document.blocks.length });
  while (nextBlock < otherBlocks.length) blockIntro[nextBlock++] = lastSentenceInvalid ? "invalid" : "valid";

  const fromBlocks = otherBlocks.flatMap((b, k) => blockExamples(b, source, blockIntro[k] ?? "valid"));
  const seen = new Set(examples.found.map((e) => e.offset));
  const allExamples = [...examples.found, ...fromBlocks.filter((e) => !seen.has(e.offset))].sort(
    (a, b) => a.offset - b.offset,
  );

  const abnfBlocks = document.blocks
    .filter((b) => b.kind === "abnf")
    .map((block) => ({ block, ...spanOf(source, block.start, block.end) }));

  return {
    ok: true,
    extraction: {
      document,
      format: detected.format,
      formatReason: detected.reason,
      abnfBlocks,
      examples: allExamples,
      limits,
      bcp14,
      bcp14Boilerplate: boilerplate,
      requirementIds,
      truncated,
      inputWarnings: decoded.warnings,
    },
  };
}
