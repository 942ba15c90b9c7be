/**
 * Compiles a regular ABNF rule to an anchored JavaScript RegExp, the yardstick our DFA matcher is
 * measured against. A backtracking RegExp anchored at both ends explores every alternative and
 * repetition count before it gives up, so its whole-string verdict follows RFC 5234 exactly (only
 * its running time can blow up); that makes it a fair reference for both speed and correctness.
 *
 * Rule references are inlined; alternatives that each match one character are merged into one
 * character class, as a person writing the RegExp by hand would. Recursive rules and live prose
 * values have no RegExp and are refused with the reason.
 *
 * @module
 */
import type { Node } from "@mimi-spec/grammar";
import { type Grammar, ruleKey } from "@mimi-spec/grammar";

/** A rule that has no RegExp, and why. */
export class NoRegExp extends Error {
  override readonly name = "NoRegExp";
}

/** Inclusive code-point ranges, sorted and merged. */
type CharSet = ReadonlyArray<readonly [number, number]>;

/** Compiles `rule` of `grammar` to `^(?:...)$`, with the `u` flag when it names astral code points. */
export function regexFromAbnf(grammar: Grammar, rule: string): RegExp {
  const compiler = new RegexCompiler(grammar);
  const source = compiler.rule(ruleKey(rule), []);
  return new RegExp(`^(?:${source})$`, compiler.unicode ? "u" : "");
}

class RegexCompiler {
  /** Set once any class reaches past the BMP or into the surrogates: code-unit classes would be wrong. */
  unicode = false;
  private readonly sources = new Map<string, string>();
  private readonly sets = new Map<string, CharSet | null>();

  constructor(private readonly grammar: Grammar) {}

  rule(key: string, path: ReadonlyArray<string>): string {
    const cached = this.sources.get(key);
    if (cached !== undefined) return cached;
    if (path.includes(key))
      throw new NoRegExp(`rule \`${key}\` is recursive (${[...path, key].join(" → ")})`);
    const found = this.grammar.rules.get(key);
    if (found === undefined) throw new NoRegExp(`rule \`${key}\` is not defined`);
    const source = this.node(found.body, [...path, key]);
    this.sources.set(key, source);
    return source;
  }

  private node(node: Node, path: ReadonlyArray<string>): string {
    const set = this.charSet(node, path);
    if (set !== null) return this.classSource(set);
    switch (node.kind) {
      case "alternation":
        return `(?:${node.alternatives.map((a) => this.node(a, path)).join("|")})`;
      case "concatenation":
        return node.elements.map((e) => this.atom(e, path)).join("");
      case "repetition": {
        // `0<x>` and `0*0x` match only the empty string, whatever x is (RFC 3986's path-empty).
        if (node.max === 0) return "";
        const quantifier = quantifierOf(node.min, node.max);
        if (quantifier === "") return this.node(node.element, path);
        // Repeating what can only match the empty string still matches only the empty string.
        const atom = this.atom(node.element, path);
        return atom === "" ? "" : `${atom}${quantifier}`;
      }
      case "ruleref":
        return this.rule(ruleKey(node.name), path);
      case "string":
        return [...node.value].map((c) => this.charSource(c, !node.caseSensitive)).join("");
      case "sequence":
        return node.codePoints.map((cp) => this.classSource([[cp, cp]])).join("");
      case "range":
        return this.classSource([[node.low, node.high]]);
      case "prose":
        throw new NoRegExp(`prose value <${node.text}> cannot be matched`);
    }
  }

  /** A node as one quantifiable unit. */
  private atom(node: Node, path: ReadonlyArray<string>): string {
    const source = this.node(node, path);
    const grouped = /^\(\?:.*\)$/s.test(source) && balanced(source.slice(3, -1));
    if (this.charSet(node, path) !== null || grouped) return source;
    return source === "" ? "" : `(?:${source})`;
  }

  /** The characters a node matches when it always matches exactly one character, else null. */
  private charSet(node: Node, path: ReadonlyArray<string>): CharSet | null {
    switch (node.kind) {
      case "range":
        return node.low <= node.high ? [[node.low, node.high]] : null;
      case "sequence":
        return node.codePoints.length === 1
          ? [[node.codePoints[0] as number, node.codePoints[0] as number]]
          : null;
      case "string": {
        const chars = [...node.value];
        if (chars.length !== 1) return null;
        const cp = (chars[0] as string).codePointAt(0) as number;
        return node.caseSensitive ? [[cp, cp]] : normalize(caseVariants(cp).map((c) => [c, c] as const));
      }
      case "alternation": {
        const parts: Array<readonly [number, number]> = [];
        for (const alternative of node.alternatives) {
          const set = this.charSet(alternative, path);
          if (set === null) return null;
          parts.push(...set);
        }
        return normalize(parts);
      }
      case "repetition":
        return node.min === 1 && node.max === 1 ? this.charSet(node.element, path) : null;
      case "concatenation":
        return node.elements.length === 1 ? this.charSet(node.elements[0] as Node, path) : null;
      case "ruleref": {
        const key = ruleKey(node.name);
        if (this.sets.has(key)) return this.sets.get(key) ?? null;
        const found = this.grammar.rules.get(key);
        if (found === undefined || path.includes(key)) return null;
        this.sets.set(key, null); // a cycle through here is not a single character
        const set = this.charSet(found.body, [...path, key]);
        this.sets.set(key, set);
        return set;
      }
      case "prose":
        return null;
    }
  }

  private charSource(c: string, caseInsensitive: boolean): string {
    const cp = c.codePointAt(0) as number;
    return this.classSource(
      caseInsensitive ? normalize(caseVariants(cp).map((v) => [v, v] as const)) : [[cp, cp]],
    );
  }

  private classSource(set: CharSet): string {
    if (set.some(([, hi]) => hi >= 0xd800)) this.unicode = true;
    const only = set[0];
    if (set.length === 1 && only !== undefined && only[0] === only[1])
      return escapeOne(only[0], this.unicode);
    const body = set
      .map(([lo, hi]) =>
        lo === hi
          ? escapeOne(lo, this.unicode)
          : `${escapeOne(lo, this.unicode)}-${escapeOne(hi, this.unicode)}`,
      )
      .join("");
    return `[${body}]`;
  }
}

function quantifierOf(min: number, max: number): string {
  if (min === 1 && max === 1) return "";
  if (min === 0 && max === 1) return "?";
  if (max === Number.POSITIVE_INFINITY) return min === 0 ? "*" : min === 1 ? "+" : `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** Whether the parentheses of `s` balance, so `(?:s)` is one group and not `(?:a)|(?:b)`. */
function balanced(s: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

function caseVariants(cp: number): number[] {
  if (cp >= 0x41 && cp <= 0x5a) return [cp, cp + 0x20];
  if (cp >= 0x61 && cp <= 0x7a) return [cp - 0x20, cp];
  return [cp];
}

function normalize(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function escapeOne(cp: number, unicode: boolean): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
    return String.fromCharCode(cp);
  }
  return hexEscape(cp, unicode);
}

function hexEscape(cp: number, unicode: boolean): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (unicode) return `\\u{${cp.toString(16)}}`;
  return `\\u${cp.toString(16).padStart(4, "0")}`;
}
