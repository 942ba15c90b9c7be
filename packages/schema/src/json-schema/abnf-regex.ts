/**
 * ABNF rules as JavaScript regular expressions (Unicode mode), for JSON Schema `pattern`s.
 *
 * A regular rule is inlined into one expression: references are replaced by the referenced
 * rule's body, alternatives of single characters merge into one character class, ASCII letters
 * of case-insensitive strings become classes like `[Aa]`, numeric values become `\u{...}`
 * escapes, and repetitions keep their bounds as `{m,n}`. The result is anchored (`^...$`).
 *
 * Why this is exact: a backtracking engine tries every alternative and every repetition count
 * before it gives up on an anchored match, so the expression accepts exactly the strings the
 * rule derives (RFC 5234 semantics), unlike PEG tools that commit to the first alternative.
 * Like the DFA runtime, Unicode mode reads a string as code points (a lone surrogate is one).
 *
 * @module
 */
import {
  type CodePointRange,
  codePointRanges,
  type Grammar,
  type Node,
  normalizeRanges,
  ruleKey,
} from "@mimi-spec/grammar";

/** A replacement for a rule: a Unicode-mode expression and the largest code point it matches. */
export interface RegExpOverride {
  /** Regular expression source (Unicode mode), used as a group in place of the rule. */
  readonly source: string;
  /** The largest code point a match can contain. */
  readonly maxCodePoint: number;
}

/** Options for {@link ruleToRegExp}. */
export interface RuleToRegExpOptions {
  /** Rules (by ABNF name, any case) replaced by expressions, e.g. to add a prose limit. */
  readonly overrides?: Readonly<Record<string, RegExpOverride>>;
  /** The longest expression source allowed before giving up (default 100 000 characters). */
  readonly maxSourceLength?: number;
}

/** A rule as a regular expression. */
export interface RuleRegExp {
  /** The anchored source, for JSON Schema `pattern` (compile with the `u` flag). */
  readonly pattern: string;
  /** The largest code point a matching string can contain (≤ 0xFFFF: lengths agree in UTF-16). */
  readonly maxCodePoint: number;
}

/** A rule that has no regular expression, and why. */
export class RegExpConversionError extends Error {
  override readonly name = "RegExpConversionError";
  constructor(
    /** The rule asked for. */
    readonly rule: string,
    /** Why it cannot be converted. */
    readonly reason: string,
  ) {
    super(`cannot turn ABNF rule \`${rule}\` into a regular expression: ${reason}`);
  }
}

type Re =
  | { readonly k: "set"; readonly ranges: ReadonlyArray<CodePointRange> }
  | { readonly k: "seq"; readonly items: ReadonlyArray<Re> }
  | { readonly k: "alt"; readonly items: ReadonlyArray<Re> }
  | { readonly k: "rep"; readonly min: number; readonly max: number; readonly item: Re }
  | { readonly k: "raw"; readonly source: string; readonly maxCodePoint: number };

const EMPTY: Re = { k: "seq", items: [] };

/** Characters with a meaning outside a class in Unicode mode (escaped with a backslash). */
const SYNTAX = new Set("^$\\.*+?()[]{}|/");
/** Characters with a meaning inside a class (escaped with a backslash; valid in Unicode mode). */
const CLASS_SYNTAX = new Set("\\]^-[");

function hex(cp: number): string {
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

function escapeChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX.has(ch)) return `\\${ch}`;
  return cp >= 0x20 && cp <= 0x7e ? ch : hex(cp);
}

function escapeClassChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (CLASS_SYNTAX.has(ch)) return `\\${ch}`;
  return cp >= 0x20 && cp <= 0x7e ? ch : hex(cp);
}

function renderSet(ranges: ReadonlyArray<CodePointRange>): string {
  const [only] = ranges;
  if (ranges.length === 1 && only !== undefined && only[0] === only[1]) return escapeChar(only[0]);
  let body = "";
  for (const [lo, hi] of ranges) {
    if (lo === hi) body += escapeClassChar(lo);
    else if (hi === lo + 1) body += escapeClassChar(lo) + escapeClassChar(hi);
    else body += `${escapeClassChar(lo)}-${escapeClassChar(hi)}`;
  }
  return `[${body}]`;
}

function quantifier(min: number, max: number): string {
  if (max === Number.POSITIVE_INFINITY) return min === 0 ? "*" : min === 1 ? "+" : `{${min},}`;
  if (min === 0 && max === 1) return "?";
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** Builds the intermediate expression of a rule, inlining references. */
class Inliner {
  private readonly bodies = new Map<string, Re>();
  private readonly expanding: string[] = [];
  private readonly overrides: Map<string, RegExpOverride>;

  constructor(
    private readonly grammar: Grammar,
    private readonly rule: string,
    overrides: Readonly<Record<string, RegExpOverride>>,
    private readonly budget: number,
  ) {
    this.overrides = new Map(Object.entries(overrides).map(([name, o]) => [ruleKey(name), o]));
  }

  ruleBody(name: string): Re {
    const key = ruleKey(name);
    const override = this.overrides.get(key);
    if (override !== undefined) return { k: "raw", ...override };
    const cached = this.bodies.get(key);
    if (cached !== undefined) return cached;
    if (this.expanding.includes(key))
      throw new RegExpConversionError(
        this.rule,
        `rule \`${name}\` refers back to itself (${[...this.expanding, key].join(" → ")}), so it is not regular`,
      );
    const rule = this.grammar.rules.get(key);
    if (rule === undefined) throw new RegExpConversionError(this.rule, `rule \`${name}\` is not defined`);
    this.expanding.push(key);
    const body = this.node(rule.body);
    this.expanding.pop();
    this.bodies.set(key, body);
    return body;
  }

  private node(node: Node): Re {
    switch (node.kind) {
      case "ruleref":
        return this.ruleBody(node.name);
      case "string": {
        const items = [...node.value].map(
          (c): Re => ({ k: "set", ranges: codePointRanges(c.codePointAt(0) as number, !node.caseSensitive) }),
        );
        return items.length === 1 ? (items[0] as Re) : { k: "seq", items };
      }
      case "sequence": {
        const items = node.codePoints.map((cp): Re => ({ k: "set", ranges: [[cp, cp]] }));
        return items.length === 1 ? (items[0] as Re) : { k: "seq", items };
      }
      case "range":
        return { k: "set", ranges: node.low <= node.high ? [[node.low, node.high]] : [] };
      case "prose":
        throw new RegExpConversionError(
          this.rule,
          `it uses the prose value <${node.text}>, which says nothing a machine can match`,
        );
      case "concatenation": {
        // Nested sequences stay nested (they render without a group): flattening would copy a
        // shared rule's items into every user, exponentially for rules that double up.
        const items = node.elements.map((e) => this.node(e));
        return items.length === 1 ? (items[0] as Re) : { k: "seq", items };
      }
      case "alternation":
        return alternation(
          node.alternatives.map((a) => this.node(a)),
          (count) => {
            if (count > this.budget)
              throw new RegExpConversionError(
                this.rule,
                `the expression would exceed ${this.budget} characters (inlining repeats shared rules)`,
              );
          },
        );
      case "repetition": {
        if (node.max === 0) return EMPTY;
        const item = this.node(node.element);
        if (node.min === 1 && node.max === 1) return item;
        return { k: "rep", min: node.min, max: node.max, item };
      }
    }
  }
}

/**
 * Alternatives, with every single-character alternative merged into one class. `check` sees the
 * flattened count first: each alternative costs at least one character (its `|`).
 */
function alternation(alternatives: ReadonlyArray<Re>, check: (count: number) => void): Re {
  check(alternatives.reduce((n, a) => n + (a.k === "alt" ? a.items.length : 1), 0));
  const flat = alternatives.flatMap((a) => (a.k === "alt" ? a.items : [a]));
  const sets = flat.filter((a) => a.k === "set");
  const others = flat.filter((a) => a.k !== "set");
  const merged: Re[] =
    sets.length === 0 ? [] : [{ k: "set", ranges: normalizeRanges(sets.flatMap((s) => s.ranges)) }];
  const items = [...merged, ...others];
  return items.length === 1 ? (items[0] as Re) : { k: "alt", items };
}

/** Renders intermediate expressions, sharing the text of shared sub-expressions. */
class Renderer {
  private readonly texts = new Map<Re, string>();
  constructor(
    private readonly rule: string,
    private readonly budget: number,
  ) {}

  private checked(text: string): string {
    if (text.length > this.budget)
      throw new RegExpConversionError(
        this.rule,
        `the expression would exceed ${this.budget} characters (inlining repeats shared rules)`,
      );
    return text;
  }

  /** The expression, unanchored and without an outer group. */
  render(re: Re): string {
    const cached = this.texts.get(re);
    if (cached !== undefined) return cached;
    let text: string;
    switch (re.k) {
      case "set":
        text = renderSet(re.ranges);
        break;
      case "raw":
        text = `(?:${re.source})`;
        break;
      case "seq": {
        let out = "";
        for (const item of re.items) {
          out += item.k === "alt" ? `(?:${this.render(item)})` : this.render(item);
          this.checked(out);
        }
        text = out;
        break;
      }
      case "alt": {
        // Join by position, not by emptiness of the text so far: an empty first alternative
        // (`0*0"a" / "aa"`) still needs its `|`.
        let out = "";
        for (const [index, item] of re.items.entries()) {
          out += (index === 0 ? "" : "|") + this.render(item);
          this.checked(out);
        }
        text = out;
        break;
      }
      case "rep":
        text = this.atom(re.item) + quantifier(re.min, re.max);
        break;
    }
    this.texts.set(re, this.checked(text));
    return text;
  }

  /** The expression as one quantifiable unit. */
  private atom(re: Re): string {
    if (re.k === "set" || re.k === "raw") return this.render(re);
    if (re.k === "seq" && re.items.length === 1) return this.atom(re.items[0] as Re);
    return this.checked(`(?:${this.render(re)})`);
  }
}

function maxCodePointOf(re: Re, seen = new Set<Re>()): number {
  if (seen.has(re)) return -1;
  seen.add(re);
  switch (re.k) {
    case "set":
      return re.ranges.reduce((m, [, hi]) => Math.max(m, hi), -1);
    case "raw":
      return re.maxCodePoint;
    case "rep":
      return maxCodePointOf(re.item, seen);
    case "seq":
    case "alt":
      return re.items.reduce((m, item) => Math.max(m, maxCodePointOf(item, seen)), -1);
  }
}

/**
 * The regular expression of rule `ruleName` of `grammar`. Throws {@link RegExpConversionError}
 * for rules that are recursive, undefined, depend on prose values, or need a huge expression.
 *
 * @example
 * ```ts
 * const g = loadGrammar([{ name: "g.abnf", text: 'id = "x" 1*3(DIGIT / %x61-66)\n' }]);
 * ruleToRegExp(g, "id").pattern; // "^[Xx][0-9a-f]{1,3}$"
 * ```
 */
export function ruleToRegExp(
  grammar: Grammar,
  ruleName: string,
  options: RuleToRegExpOptions = {},
): RuleRegExp {
  const budget = options.maxSourceLength ?? 100_000;
  const re = new Inliner(grammar, ruleName, options.overrides ?? {}, budget).ruleBody(ruleName);
  const body = new Renderer(ruleName, budget).render(re);
  const pattern = re.k === "alt" ? `^(?:${body})$` : `^${body}$`;
  try {
    new RegExp(pattern, "u");
  } catch (e) {
    throw new RegExpConversionError(ruleName, `the engine rejects the expression (${(e as Error).message})`);
  }
  return { pattern, maxCodePoint: maxCodePointOf(re) };
}
