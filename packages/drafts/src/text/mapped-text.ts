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
  /**
   * @param segments - four numbers per segment: derived start, original start, original end, and
   *   1 for a copy or 0 for a replacement; sorted by derived start.
   * @param length - the length of the derived text.
   */
  constructor(
    private readonly segments: Int32Array,
    readonly length: number,
  ) {}

  /** How many segments the map has. */
  get segmentCount(): number {
    return this.segments.length / 4;
  }

  /** The index of the last segment starting at or before `offset`, or -1 when there is none. */
  private segmentAt(offset: number): number {
    const seg = this.segments;
    let lo = 0;
    let hi = seg.length / 4 - 1;
    if (hi < 0 || offset < (seg[0] as number)) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((seg[mid * 4] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The original offset of the derived character at `offset` (for the start of a span). */
  toOriginal(offset: number): number {
    const i = this.segmentAt(Math.min(offset, Math.max(0, this.length - 1)));
    if (i < 0) return 0;
    const seg = this.segments;
    const origStart = seg[i * 4 + 1] as number;
    if (offset >= this.length) return seg[i * 4 + 2] as number;
    if (seg[i * 4 + 3] === 1) return origStart + (offset - (seg[i * 4] as number));
    return origStart;
  }

  /** The original offset just past the derived character before `offset` (for the end of a span). */
  toOriginalEnd(offset: number): number {
    if (offset <= 0) return this.toOriginal(0);
    const i = this.segmentAt(offset - 1);
    if (i < 0) return 0;
    const seg = this.segments;
    if (seg[i * 4 + 3] === 1) return (seg[i * 4 + 1] as number) + (offset - (seg[i * 4] as number));
    return seg[i * 4 + 2] as number;
  }
}

/** Builds a {@link MappedText} piece by piece, in order. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private segments = new Int32Array(64);
  private count = 0;
  private length = 0;
  /** The original range of the copy run not yet sliced into `parts` (one slice per run, not per line). */
  private runStart = -1;
  private runEnd = -1;

  /** @param original - the draft text that {@link copy} takes slices of. */
  constructor(private readonly original: string) {}

  /** How long the derived text is so far. */
  get size(): number {
    return this.length;
  }

  /** Appends `original.slice(start, end)` unchanged. */
  copy(start: number, end: number): this {
    if (end <= start) return this;
    const last = (this.count - 1) * 4;
    if (this.count > 0 && this.segments[last + 3] === 1 && this.segments[last + 2] === start) {
      this.segments[last + 2] = end; // extends the previous copy: one segment for a run of lines
      this.runEnd = end;
    } else {
      this.flush();
      this.push(start, end, 1);
      this.runStart = start;
      this.runEnd = end;
    }
    this.length += end - start;
    return this;
  }

  /** Appends `text` in place of `original.slice(start, end)` (an entity, a tag, a line break). */
  replace(text: string, start: number, end: number): this {
    if (text.length === 0) return this;
    this.flush();
    this.push(start, end, 0);
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  private flush(): void {
    if (this.runStart < 0) return;
    this.parts.push(this.original.slice(this.runStart, this.runEnd));
    this.runStart = -1;
  }

  private push(start: number, end: number, copy: number): void {
    if ((this.count + 1) * 4 > this.segments.length) {
      const grown = new Int32Array(this.segments.length * 2);
      grown.set(this.segments);
      this.segments = grown;
    }
    const at = this.count * 4;
    this.segments[at] = this.length;
    this.segments[at + 1] = start;
    this.segments[at + 2] = end;
    this.segments[at + 3] = copy;
    this.count++;
  }

  /** The text and its map. */
  build(): MappedText {
    this.flush();
    return {
      text: this.parts.join(""),
      map: new OffsetMap(this.segments.slice(0, this.count * 4), this.length),
    };
  }
}
