/**
 * A draft read in any format, reduced to what the extractors need: its code blocks (ABNF and
 * others) and its prose, each as text mapped back to the draft.
 *
 * @module
 */
import type { SourceText } from "@mimi-spec/grammar";
import type { MappedText, OffsetMap } from "../text/mapped-text.ts";

/** The formats spec editors write or publish drafts in. */
export type DraftFormat = "markdown" | "xml" | "text" | "html";

/** A code block of a draft: a fence, a `<sourcecode>`/`<artwork>`, a `<pre>`, or ABNF found by shape. */
export interface CodeBlock {
  /** `abnf` when declared so or recognised by shape; `other` for examples, JSON, art. */
  readonly kind: "abnf" | "other";
  /** The language as declared (fence info, `type` attribute, class), if any. */
  readonly language?: string;
  /** Whether the kind was declared by the author or recognised from the content's shape. */
  readonly detectedBy: "declared" | "shape";
  /** The block's text, with markup decoded. */
  readonly text: string;
  /** Maps offsets of {@link text} to offsets of the draft. */
  readonly map: OffsetMap;
  /** Draft offset where the block's construct starts (the fence line, the opening tag). */
  readonly start: number;
  /** Draft offset just past the block's construct. */
  readonly end: number;
  /** The `src` of a block whose content lives in another file. */
  readonly external?: string;
}

/** A draft reduced to code blocks and prose. */
export interface DraftDocument {
  readonly path: string;
  readonly format: DraftFormat;
  /** The whole draft, for line:column lookups and excerpts. */
  readonly source: SourceText;
  readonly blocks: ReadonlyArray<CodeBlock>;
  /**
   * The prose: markup removed, entities decoded, code blocks replaced by paragraph breaks, and
   * inline code (`<tt>`, `<code>`) written as markdown code spans in backticks, so every format
   * reads alike.
   */
  readonly prose: MappedText;
  /** Code blocks found beyond {@link FormatOptions.maxBlocks}, not extracted. */
  readonly omittedBlocks: number;
}

/** Options of the format readers. */
export interface FormatOptions {
  /** At most this many code blocks are extracted; more are counted only (default {@link DEFAULT_MAX_BLOCKS}). */
  readonly maxBlocks?: number;
}

/** The default most code blocks extracted from one draft: real drafts have dozens. */
export const DEFAULT_MAX_BLOCKS = 5000;

/** Why a draft could not be read; `offset` is where in the draft the cause is. */
export interface DraftReadError {
  readonly code: "unterminated-fence" | "unterminated-markup";
  readonly message: string;
  readonly offset: number;
  readonly hint?: string;
}

/** A read draft, or why it could not be read. */
export type ParseDraftResult =
  | { readonly ok: true; readonly document: DraftDocument }
  | { readonly ok: false; readonly error: DraftReadError };
