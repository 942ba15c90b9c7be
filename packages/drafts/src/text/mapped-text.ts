/**
 * Text derived from a draft (an ABNF block with its fence indentation stripped, prose with XML
 * tags removed and entities decoded) together with a map from every offset of the derived text
 * back to the draft. That map is what lets a diagnostic about line 3 of an extracted block point
 * at line 120, column 7 of the draft.
 *
 * The map is a list of segments, not one entry per character, so a 50 MB draft costs a few
 * numbers per line. Offsets are UTF-16 indexes, as JavaScript strings use.
 *
 * @module
 */

/** A derived text and the map from its offsets to the offsets of the original draft. */
export interface MappedText {
  readonly text: string;
  readonly map: OffsetMap;
}

/**
 * Maps offsets of a derived text to offsets of the original. A segment either copies the original
 * (each derived offset maps one-to-one) or replaces it (an entity `&lt;` decoded to `<`, a tag
 * turned into a paragraph break): every offset inside a replacement maps to where it came from.
 */
export class OffsetMap {
  constructor(
    private readonly viewStarts: Int32Array | number[],
    private readonly origStarts: Int32Array | number[],
    private readonly origEnds: Int32Array | number[],
    private readonly copies: Uint8Array | number[],
    /** The length of the derived text. */
    readonly length: number,
  ) {}

  /** The index of the last segment starting at or before `offset`, or -1 when there is none. */
  private segmentAt(offset: number): number {
    let lo = 0;
    let hi = this.viewStarts.length - 1;
    if (hi < 0 || offset < (this.viewStarts[0] as number)) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.viewStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The original offset of the derived character at `offset` (for the start of a span). */
  toOriginal(offset: number): number {
    const i = this.segmentAt(Math.min(offset, Math.max(0, this.length - 1)));
    if (i < 0) return 0;
    const origStart = this.origStarts[i] as number;
    if (offset >= this.length) return this.origEnds[i] as number;
    if (this.copies[i] === 1) return origStart + (offset - (this.viewStarts[i] as number));
    return origStart;
  }

  /** The original offset just past the derived character before `offset` (for the end of a span). */
  toOriginalEnd(offset: number): number {
    if (offset <= 0) return this.toOriginal(0);
    const i = this.segmentAt(offset - 1);
    if (i < 0) return 0;
    if (this.copies[i] === 1) return (this.origStarts[i] as number) + (offset - (this.viewStarts[i] as number));
    return this.origEnds[i] as number;
  }
}

/** Builds a {@link MappedText} piece by piece, in order. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private readonly viewStarts: number[] = [];
  private readonly origStarts: number[] = [];
  private readonly origEnds: number[] = [];
  private readonly copies: number[] = [];
  private length = 0;

  /** @param original - the draft text that {@link copy} takes slices of. */
  constructor(private readonly original: string) {}

  /** How long the derived text is so far. */
  get size(): number {
    return this.length;
  }

  /** The last character appended, or `""`. */
  get lastChar(): string {
    const last = this.parts.at(-1);
    return last === undefined ? "" : last.slice(-1);
  }

  /** Appends `original.slice(start, end)` unchanged. */
  copy(start: number, end: number): this {
    if (end <= start) return this;
    const n = this.viewStarts.length - 1;
    if (
      n >= 0 &&
      this.copies[n] === 1 &&
      this.origEnds[n] === start &&
      (this.viewStarts[n] as number) + ((this.origEnds[n] as number) - (this.origStarts[n] as number)) ===
        this.length
    ) {
      this.origEnds[n] = end; // extends the previous copy: one segment for a run of lines
    } else {
      this.push(start, end, 1);
    }
    this.parts.push(this.original.slice(start, end));
    this.length += end - start;
    return this;
  }

  /** Appends `text` in place of `original.slice(start, end)` (an entity, a tag, a line break). */
  replace(text: string, start: number, end: number): this {
    if (text.length === 0) return this;
    this.push(start, end, 0);
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  private push(start: number, end: number, copy: number): void {
    this.viewStarts.push(this.length);
    this.origStarts.push(start);
    this.origEnds.push(end);
    this.copies.push(copy);
  }

  /** The text and its map. */
  build(): MappedText {
    return {
      text: this.parts.join(""),
      map: new OffsetMap(
        Int32Array.from(this.viewStarts),
        Int32Array.from(this.origStarts),
        Int32Array.from(this.origEnds),
        Uint8Array.from(this.copies),
        this.length,
      ),
    };
  }
}
