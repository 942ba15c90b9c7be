/**
 * Railroad (syntax) diagrams of ABNF rules, drawn as SVG from the grammar AST. Every piece is a
 * box with a horizontal track through it: it is entered on the left and left on the right at the
 * same height, and knows how far it reaches above (`up`) and below (`down`) its track, so pieces
 * compose: one after another (concatenation), stacked with curved branches (alternation and
 * optional parts), or with a loop back underneath (repetition, labelled with its counts).
 *
 * @module
 */
import type { Node } from "@mimi-spec/grammar";
import { escapeHtml } from "./html.ts";

/** Radius of the curves where tracks branch and join. */
const R = 10;
/** Horizontal track between the pieces of a sequence. */
const GAP = 12;
/** Vertical space between stacked alternatives. */
const V_SPACE = 8;
/** Half the height of a terminal or nonterminal box. */
const BOX_HALF = 12;
/** Space between a box's border and its text. */
const BOX_PAD = 10;
/** The advance of one character of the 13px monospace label font (with a little slack). */
const CHAR_WIDTH = 8;
/** Height reserved under a loop for its count label. */
const LABEL_HEIGHT = 14;
/** Length of the track drawn from the start and to the end marker. */
const END_TRACK = 16;
/** Blank margin around the whole diagram. */
const MARGIN = 8;

/** A laid-out piece of a diagram. */
export interface Piece {
  readonly width: number;
  /** How far the piece reaches above its track. */
  readonly up: number;
  /** How far the piece reaches below its track. */
  readonly down: number;
  /** SVG markup with the track entering at (`x`, `y`) and leaving at (`x + width`, `y`). */
  readonly render: (x: number, y: number) => string;
}

/** Formats a coordinate without float noise. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function path(d: string): string {
  return `<path d="${d}"/>`;
}

/** A box: a literal (rounded), a rule reference (square, optionally a link) or prose. */
export function box(label: string, kind: "terminal" | "nonterminal" | "prose", href?: string): Piece {
  const width = [...label].length * CHAR_WIDTH + 2 * BOX_PAD;
  return {
    width,
    up: BOX_HALF,
    down: BOX_HALF,
    render: (x, y) => {
      const rect = `<rect class="rr-${kind}" x="${n(x)}" y="${n(y - BOX_HALF)}" width="${n(width)}" height="${2 * BOX_HALF}" rx="${kind === "terminal" ? BOX_HALF : kind === "prose" ? 4 : 0}"/>`;
      const label_ = `<text x="${n(x + width / 2)}" y="${n(y + 4)}" fill="currentColor" stroke="none">${escapeHtml(label)}</text>`;
      const body = `<g class="rr-box">${rect}${label_}</g>`;
      return href === undefined ? body : `<a href="${escapeHtml(href)}">${body}</a>`;
    },
  };
}

/** An empty piece: the track passes straight through. */
export const skip: Piece = { width: 0, up: 0, down: 0, render: () => "" };

/** Pieces one after another, joined by short tracks. */
export function sequence(pieces: ReadonlyArray<Piece>): Piece {
  const parts = pieces.filter((p) => p !== skip);
  if (parts.length === 0) return skip;
  if (parts.length === 1) return parts[0] as Piece;
  return {
    width: parts.reduce((w, p) => w + p.width, 0) + GAP * (parts.length - 1),
    up: Math.max(...parts.map((p) => p.up)),
    down: Math.max(...parts.map((p) => p.down)),
    render: (x, y) => {
      let out = "";
      let cx = x;
      parts.forEach((p, i) => {
        if (i > 0) {
          out += path(`M${n(cx)} ${n(y)}h${GAP}`);
          cx += GAP;
        }
        out += p.render(cx, y);
        cx += p.width;
      });
      return out;
    },
  };
}

/**
 * Alternatives stacked vertically: the one at `main` on the track, earlier ones above it, later
 * ones below, each reached by a curve from the left and rejoining with a curve on the right.
 */
export function choice(alternatives: ReadonlyArray<Piece>, main = 0): Piece {
  if (alternatives.length === 1) return alternatives[0] as Piece;
  const inner = Math.max(...alternatives.map((a) => a.width));
  const width = inner + 4 * R;
  // Track offsets relative to the main track: negative above, positive below.
  const offsets: number[] = alternatives.map(() => 0);
  for (let i = main + 1; i < alternatives.length; i++) {
    const prev = alternatives[i - 1] as Piece;
    const cur = alternatives[i] as Piece;
    offsets[i] = (offsets[i - 1] as number) + Math.max(2 * R, prev.down + V_SPACE + cur.up);
  }
  for (let i = main - 1; i >= 0; i--) {
    const next = alternatives[i + 1] as Piece;
    const cur = alternatives[i] as Piece;
    offsets[i] = (offsets[i + 1] as number) - Math.max(2 * R, cur.down + V_SPACE + next.up);
  }
  const first = alternatives[0] as Piece;
  const last = alternatives[alternatives.length - 1] as Piece;
  const up = Math.max((alternatives[main] as Piece).up, -(offsets[0] as number) + first.up);
  const down = Math.max(
    (alternatives[main] as Piece).down,
    (offsets[alternatives.length - 1] as number) + last.down,
  );
  return {
    width,
    up,
    down,
    render: (x, y) => {
      let out = "";
      alternatives.forEach((alt, i) => {
        const dy = offsets[i] as number;
        const ay = y + dy;
        const ax = x + 2 * R + (inner - alt.width) / 2;
        const leftPad = ax - (x + 2 * R);
        if (dy === 0) {
          out += path(`M${n(x)} ${n(y)}h${n(2 * R + leftPad)}`);
          out += path(`M${n(ax + alt.width)} ${n(y)}H${n(x + width)}`);
        } else if (dy > 0) {
          out += path(
            `M${n(x)} ${n(y)}a${R} ${R} 0 0 1 ${R} ${R}v${n(dy - 2 * R)}a${R} ${R} 0 0 0 ${R} ${R}h${n(leftPad)}`,
          );
          out += path(
            `M${n(ax + alt.width)} ${n(ay)}H${n(x + width - 2 * R)}a${R} ${R} 0 0 0 ${R} ${-R}v${n(-(dy - 2 * R))}a${R} ${R} 0 0 1 ${R} ${-R}`,
          );
        } else {
          out += path(
            `M${n(x)} ${n(y)}a${R} ${R} 0 0 0 ${R} ${-R}v${n(dy + 2 * R)}a${R} ${R} 0 0 1 ${R} ${-R}h${n(leftPad)}`,
          );
          out += path(
            `M${n(ax + alt.width)} ${n(ay)}H${n(x + width - 2 * R)}a${R} ${R} 0 0 1 ${R} ${R}v${n(-dy - 2 * R)}a${R} ${R} 0 0 0 ${R} ${R}`,
          );
        }
        out += alt.render(ax, ay);
      });
      return out;
    },
  };
}

/** The piece may be left out: a bypass above it. */
export function optional(piece: Piece): Piece {
  return choice([skip, piece], 1);
}

/** The piece once or more: a loop back underneath it, with an optional count label. */
export function loop(piece: Piece, label?: string): Piece {
  const width = piece.width + 2 * R;
  const loopDrop = Math.max(2 * R, piece.down + V_SPACE);
  const down = loopDrop + (label === undefined ? 0 : LABEL_HEIGHT);
  return {
    width,
    up: piece.up,
    down,
    render: (x, y) => {
      const ly = y + loopDrop;
      let out = path(`M${n(x)} ${n(y)}h${R}`);
      out += piece.render(x + R, y);
      out += path(`M${n(x + R + piece.width)} ${n(y)}h${R}`);
      out += path(
        `M${n(x + width - R)} ${n(y)}a${R} ${R} 0 0 1 ${R} ${R}v${n(loopDrop - 2 * R)}a${R} ${R} 0 0 1 ${-R} ${R}H${n(x + R)}a${R} ${R} 0 0 1 ${-R} ${-R}v${n(-(loopDrop - 2 * R))}a${R} ${R} 0 0 1 ${R} ${-R}`,
      );
      if (label !== undefined)
        out += `<text class="rr-label" x="${n(x + width / 2)}" y="${n(ly + LABEL_HEIGHT - 2)}" fill="currentColor" stroke="none" font-size="11">${escapeHtml(label)}</text>`;
      return out;
    },
  };
}

/** How a repetition's counts read under its loop (`undefined` for plain "one or more"). */
export function repetitionLabel(min: number, max: number): string | undefined {
  const lo = Math.max(min, 1);
  if (max === Number.POSITIVE_INFINITY) return lo === 1 ? undefined : `at least ${lo}×`;
  if (lo === max) return `exactly ${max}×`;
  return min === 0 ? `at most ${max}×` : `${min} to ${max}×`;
}

function hex(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(2, "0");
}

/** A code point as a reader would want to see it, when it is printable ASCII. */
function printable(cp: number): string | undefined {
  return cp > 0x20 && cp < 0x7f ? String.fromCodePoint(cp) : undefined;
}

/** The label of a literal: the ABNF notation, plus the characters for printable numeric values. */
export function literalLabel(node: Node): string {
  switch (node.kind) {
    case "string":
      return `${node.caseSensitive ? "%s" : ""}"${node.value}"`;
    case "sequence": {
      const notation = `%x${node.codePoints.map(hex).join(".")}`;
      const chars = node.codePoints.map(printable);
      return chars.every((c) => c !== undefined) ? `${notation} "${chars.join("")}"` : notation;
    }
    case "range": {
      const notation = `%x${hex(node.low)}-${hex(node.high)}`;
      const low = printable(node.low);
      const high = printable(node.high);
      return low !== undefined && high !== undefined ? `${notation} ${low}–${high}` : notation;
    }
    case "prose":
      return `<${node.text}>`;
    default:
      return node.kind;
  }
}

/** Lays out a rule body. `linkOf` gives the link of a referenced rule (case-insensitive names). */
export function pieceOf(node: Node, linkOf: (rule: string) => string | undefined): Piece {
  switch (node.kind) {
    case "alternation":
      return choice(node.alternatives.map((a) => pieceOf(a, linkOf)));
    case "concatenation":
      return sequence(node.elements.map((e) => pieceOf(e, linkOf)));
    case "repetition": {
      const inner = pieceOf(node.element, linkOf);
      if (node.max === 0) return skip;
      if (node.min === 0 && node.max === 1) return optional(inner);
      if (node.min === 1 && node.max === 1) return inner;
      const looped = loop(inner, repetitionLabel(node.min, node.max));
      return node.min === 0 ? optional(looped) : looped;
    }
    case "ruleref":
      return box(node.name, "nonterminal", linkOf(node.name));
    case "prose":
      return box(literalLabel(node), "prose");
    default:
      return box(literalLabel(node), "terminal");
  }
}

/** The complete SVG diagram of one rule, with start and end markers. */
export function railroadDiagram(
  rule: string,
  body: Node,
  linkOf: (rule: string) => string | undefined,
): string {
  const piece = pieceOf(body, linkOf);
  const width = piece.width + 2 * END_TRACK + 2 * MARGIN;
  const up = Math.max(piece.up, 10);
  const down = Math.max(piece.down, 10);
  const height = up + down + 2 * MARGIN;
  const y = MARGIN + up;
  const x0 = MARGIN;
  const x1 = MARGIN + END_TRACK + piece.width;
  const start = path(`M${x0} ${n(y - 8)}v16M${x0 + 4} ${n(y - 8)}v16M${x0} ${n(y)}h${END_TRACK}`);
  const end = path(
    `M${n(x1)} ${n(y)}h${END_TRACK}M${n(x1 + END_TRACK)} ${n(y - 8)}v16M${n(x1 + END_TRACK - 4)} ${n(y - 8)}v16`,
  );
  return [
    `<svg class="railroad" xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-label="${escapeHtml(`railroad diagram of ${rule}`)}">`,
    `<title>${escapeHtml(rule)}</title>`,
    `<g class="rr-track" fill="none" stroke="currentColor" stroke-width="1.5">${start}${end}</g>`,
    `<g class="rr-body" fill="none" stroke="currentColor" stroke-width="1.5" font-family="monospace" font-size="13" text-anchor="middle">${piece.render(x0 + END_TRACK, y)}</g>`,
    "</svg>",
  ].join("");
}
