/**
 * Checks on single elements: reversed ranges and repetitions, prose values, non-ASCII quoted
 * strings, and repetitions of something that can match the empty string.
 *
 * @module
 */
import type { CharRange, CharString, Node, Repetition } from "../ast.ts";
import { type Diagnostic, diagnostic } from "../diagnostic.ts";
import type { ResolvedRule } from "../grammar.ts";
import type { SourceText } from "../source.ts";
import type { AnalysisContext } from "./context.ts";
import { authoredDefinitions, describeCodePoint, excerpt, forEachNode, repetitionBounds } from "./walk.ts";

/** Runs every element check over every authored definition. */
export function checkValues(ctx: AnalysisContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { rule, def, source } of authoredDefinitions(ctx.grammar)) {
    forEachNode(def.body, (node) => {
      const found = checkNode(ctx, rule, node, source);
      if (found !== undefined) out.push(found);
    });
  }
  return out;
}

function checkNode(
  ctx: AnalysisContext,
  rule: ResolvedRule,
  node: Node,
  source: SourceText,
): Diagnostic | undefined {
  switch (node.kind) {
    case "range":
      return node.low > node.high ? reversedRange(node, source) : undefined;
    case "repetition":
      return node.min > node.max ? reversedRepetition(node, source) : emptyRepetition(ctx, node, source);
    case "prose":
      return diagnostic(
        "prose-value",
        `prose value \`<${node.text}>\` in rule \`${rule.name}\` describes in words what no tool can check or match`,
        source,
        node.span,
        { hint: `supply an ABNF definition of \`${rule.name}\` with --define, or write the prose as ABNF` },
      );
    case "string":
      return nonAsciiString(node, source);
    default:
      return undefined;
  }
}

function reversedRange(node: CharRange, source: SourceText): Diagnostic {
  const written = source.text.slice(node.span.start, node.span.end);
  const m = /^%([xdb])([0-9A-Fa-f]+)-([0-9A-Fa-f]+)$/i.exec(written);
  const fixed = m === null ? `%x${hex(node.high)}-${hex(node.low)}` : `%${m[1]}${m[3]}-${m[2]}`;
  const [lowText, highText] = m === null ? [hex(node.low), hex(node.high)] : [m[2], m[3]];
  return diagnostic(
    "reversed-range",
    `range \`${written}\` is reversed: its low end ${lowText} is above its high end ${highText}, so it matches nothing`,
    source,
    node.span,
    { hint: `write \`${fixed}\`` },
  );
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, "0");
}

function reversedRepetition(node: Repetition, source: SourceText): Diagnostic {
  return diagnostic(
    "reversed-repetition",
    `repetition \`${excerpt(source, node)}\` is reversed: its minimum ${node.min} is above its maximum ${node.max}, so it matches nothing`,
    source,
    node.span,
    { hint: `write \`${node.max}*${node.min}\`` },
  );
}

function emptyRepetition(ctx: AnalysisContext, node: Repetition, source: SourceText): Diagnostic | undefined {
  if (repetitionBounds(node).max <= 1 || !ctx.nullability.node(node.element)) return undefined;
  const inner = node.element;
  const hint =
    inner.kind === "repetition" && inner.option
      ? `a repeated option matches what a repeated group matches: write \`${source.text.slice(node.span.start, inner.span.start)}( ${excerpt(source, inner.element)} )\``
      : "make the repeated part consume input (e.g. `1*` instead of `*` inside it), or drop one of the repetitions";
  return diagnostic(
    "empty-repetition",
    `repetition \`${excerpt(source, node)}\` repeats something that can match the empty string, so the same input matches in endlessly many ways and a naive matcher can loop without consuming input`,
    source,
    node.span,
    { hint },
  );
}

function nonAsciiString(node: CharString, source: SourceText): Diagnostic | undefined {
  const chars = [...node.value];
  const bad = chars.findIndex((ch) => !isPrintableAscii(ch));
  if (bad < 0) return undefined;
  // The value starts after `"` or after `%s"` / `%i"`; offsets are UTF-16, like the value's.
  const valueStart = node.span.start + (source.text[node.span.start] === '"' ? 1 : 3);
  const start = valueStart + chars.slice(0, bad).join("").length;
  const ch = chars[bad] as string;
  const others = chars.filter((c) => !isPrintableAscii(c)).length - 1;
  return diagnostic(
    "non-ascii-string",
    `quoted string \`${excerpt(source, node)}\` holds ${describeCodePoint(ch.codePointAt(0) as number)}${others > 0 ? ` and ${others} more character${others === 1 ? "" : "s"}` : ""} outside %x20-7E: RFC 5234 quoted strings are printable ASCII only, and which bytes such a character stands for is undefined`,
    source,
    { start, end: start + ch.length },
    { hint: `write the characters as numeric values: \`${asNumericValues(chars, node.caseSensitive)}\`` },
  );
}

function isPrintableAscii(ch: string): boolean {
  const c = ch.codePointAt(0) as number;
  return c >= 0x20 && c <= 0x7e;
}

/** The string as ABNF that means the same: printable ASCII runs quoted, other characters as `%x`. */
function asNumericValues(chars: ReadonlyArray<string>, caseSensitive: boolean): string {
  const parts: string[] = [];
  let ascii = "";
  let codes: string[] = [];
  const flush = () => {
    if (ascii !== "") parts.push(`${caseSensitive ? "%s" : ""}"${ascii}"`);
    if (codes.length > 0) parts.push(`%x${codes.join(".")}`);
    ascii = "";
    codes = [];
  };
  for (const ch of chars) {
    if (isPrintableAscii(ch) && ch !== '"') {
      if (codes.length > 0) flush();
      ascii += ch;
    } else {
      if (ascii !== "") flush();
      codes.push(hex(ch.codePointAt(0) as number));
    }
  }
  flush();
  const text = parts.join(" ");
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
