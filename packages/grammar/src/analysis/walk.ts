/**
 * Traversal helpers shared by the checks: visiting every node of a rule body, the definitions a
 * grammar's author wrote (with the text each came from), and the effective bounds of ranges and
 * repetitions.
 *
 * @module
 */
import type { CharRange, Node, RuleDefinition } from "../ast.ts";
import type { Grammar, ResolvedRule } from "../grammar.ts";
import type { SourceText } from "../source.ts";

/** The direct children of a node, in source order. */
export function childrenOf(node: Node): ReadonlyArray<Node> {
  switch (node.kind) {
    case "alternation":
      return node.alternatives;
    case "concatenation":
      return node.elements;
    case "repetition":
      return [node.element];
    default:
      return [];
  }
}

/**
 * Calls `visit` on `root` and every node below it, parents before children, in source order.
 * Uses an explicit stack, so no nesting depth can exhaust the JavaScript stack.
 */
export function forEachNode(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    visit(node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
}

/** One definition a grammar's author wrote, with the rule it belongs to and its text. */
export interface AuthoredDefinition {
  readonly rule: ResolvedRule;
  readonly def: RuleDefinition;
  readonly source: SourceText;
}

/**
 * Every definition of every rule that came from the grammar texts or from `--define`, in the
 * grammar's rule order. Core rules are left out: RFC 5234's own text is not the author's to fix.
 */
export function authoredDefinitions(grammar: Grammar): AuthoredDefinition[] {
  const out: AuthoredDefinition[] = [];
  for (const rule of authoredRules(grammar)) {
    for (const { def, source } of rule.definitions) out.push({ rule, def, source });
  }
  return out;
}

/** The rules written in the grammar texts or supplied with `--define`, in the grammar's order. */
export function authoredRules(grammar: Grammar): ResolvedRule[] {
  const out: ResolvedRule[] = [];
  for (const key of grammar.ownRuleKeys) {
    const rule = grammar.rules.get(key);
    if (rule !== undefined && rule.origin !== "core") out.push(rule);
  }
  return out;
}

/**
 * The bounds a range is taken to mean. A reversed range (`%x5A-41`) is reported on its own; every
 * other analysis reads it as the range its author evidently meant, so one slip does not cascade
 * into a dozen findings.
 */
export function rangeBounds(node: CharRange): { readonly low: number; readonly high: number } {
  return node.low <= node.high ? node : { low: node.high, high: node.low };
}

/** The repetition bounds the analyses use: a reversed `5*3` is read as `3*5`, like a reversed range. */
export function repetitionBounds(node: { readonly min: number; readonly max: number }): {
  readonly min: number;
  readonly max: number;
} {
  return node.min <= node.max ? node : { min: node.max, max: node.min };
}

/** The source text of a node, on one line and cut to `limit` characters, for quoting in messages. */
export function excerpt(
  source: SourceText,
  node: { readonly span: { start: number; end: number } },
  limit = 40,
): string {
  const text = withoutComments(source.text.slice(node.span.start, node.span.end)).replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join("")}…`;
}

/** ABNF text without its comments: a `;` starts one only outside quoted strings and prose values. */
function withoutComments(text: string): string {
  let out = "";
  let close: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (close !== undefined) {
      if (c === close || c === "\n" || c === "\r") close = undefined;
    } else if (c === '"') close = '"';
    else if (c === "<") close = ">";
    else if (c === ";") {
      while (i + 1 < text.length && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** A code point as a message shows it: the character itself when printable ASCII, plus `U+XXXX`. */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  return codePoint >= 0x21 && codePoint <= 0x7e ? `\`${String.fromCodePoint(codePoint)}\` (${hex})` : hex;
}

/**
 * Code points as a quoted example string: printable ASCII as itself, anything else as `\u{…}` so
 * control characters and invisible characters stay visible in a terminal.
 */
export function quoteCodePoints(codePoints: ReadonlyArray<number>): string {
  let out = "";
  for (const c of codePoints) {
    if (c === 0x22 || c === 0x5c) out += `\\${String.fromCodePoint(c)}`;
    else if (c >= 0x20 && c <= 0x7e) out += String.fromCodePoint(c);
    else out += `\\u{${c.toString(16).toUpperCase()}}`;
  }
  return `"${out}"`;
}
