/**
 * The ABNF parser: text as it appears in real documents (CRLF or LF, indented blocks, comments,
 * continuation lines, `=/`, RFC 7405 `%s`/`%i`) to a {@link RuleList}, with every syntax error
 * reported at its real cause and parsing resumed at the next rule.
 *
 * @module
 */
import type { Node, RuleDefinition, RuleList } from "./ast.ts";
import { type Diagnostic, diagnostic } from "./diagnostic.ts";
import { SourceText, type Span } from "./source.ts";

/** Options for {@link parseAbnf}. */
export interface ParseOptions {
  /** Report RFC 5234 deviations that real documents commonly make (bare LF line endings). */
  readonly strict?: boolean;
  /** Added to every reported line number, for ABNF cut out of a larger document. */
  readonly lineOffset?: number;
}

/** What {@link parseAbnf} returns: the rules it could read and every problem it found. */
export interface ParseResult {
  readonly source: SourceText;
  readonly rules: RuleList;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  /**
   * Names of rules whose definition had a syntax error. They are defined, just unreadable, so
   * later checks must not also call their uses undefined.
   */
  readonly brokenRuleNames: ReadonlyArray<string>;
}

/** Deeper group nesting than this is refused, so hostile input cannot exhaust the stack. */
const MAX_NESTING = 256;

const RULE_START = /^([ \t]*)([A-Za-z][A-Za-z0-9_-]*)[ \t]*=/;

/** Thrown inside one rule to abandon it; caught in {@link parseAbnf}, never escapes. */
class RuleAbandoned extends Error {}

/**
 * Parses ABNF text. Rules start on a line of their own at the block's indentation (the indentation
 * of the first rule, so ABNF indented inside a document works); more deeply indented lines continue
 * the rule above, as RFC 5234 §3.1 says.
 *
 * @example
 * ```ts
 * const { rules, diagnostics } = parseAbnf("digits.abnf", "number = 1*DIGIT\n");
 * rules.rules[0]?.name; // "number"
 * diagnostics.length; // 0
 * ```
 */
export function parseAbnf(name: string, text: string, options: ParseOptions = {}): ParseResult {
  const source = new SourceText(name, text, options.lineOffset ?? 0);
  const diagnostics: Diagnostic[] = [];
  const rules: RuleDefinition[] = [];
  const brokenRuleNames: string[] = [];

  if (options.strict === true) {
    const lf = text.search(/(?<!\r)\n/);
    if (lf >= 0) {
      diagnostics.push(
        diagnostic(
          "lf-line-ending",
          "line ends with LF, not CRLF as RFC 5234 requires",
          source,
          { start: lf, end: lf + 1 },
          {
            hint: "convert the file to CRLF line endings, or parse without --strict",
          },
        ),
      );
    }
  }

  const lines = source.lineStarts;
  let baseIndent: number | undefined;
  const ruleStarts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i] ?? 0;
    const lineText = source.lineTextAt(start);
    const stripped = lineText.trimStart();
    if (stripped === "" || stripped.startsWith(";")) continue;
    const indent = lineText.length - stripped.length;
    if (baseIndent === undefined) baseIndent = indent;
    if (indent > baseIndent) continue;
    if (RULE_START.test(lineText)) {
      ruleStarts.push(start + indent);
      continue;
    }
    diagnostics.push(
      diagnostic(
        "syntax-error",
        indent < baseIndent
          ? "line is indented less than the rules above it"
          : "expected a rule definition (`name = elements`) at the start of the line",
        source,
        { start: start + indent, end: start + lineText.length },
        { hint: "indent a continuation line more than the rule it continues" },
      ),
    );
    ruleStarts.push(-(start + lineText.length)); // a barrier: the rule above ends here
  }

  for (let r = 0; r < ruleStarts.length; r++) {
    const start = ruleStarts[r] ?? 0;
    if (start < 0) continue;
    const next = ruleStarts[r + 1];
    const end = next === undefined ? text.length : next < 0 ? -next : lineStartBefore(source, next);
    try {
      rules.push(new RuleParser(source, start, end, diagnostics).parseRule());
    } catch (e) {
      if (!(e instanceof RuleAbandoned)) throw e;
      const name = RULE_START.exec(text.slice(start, end))?.[2];
      if (name !== undefined) brokenRuleNames.push(name);
    }
  }
  return { source, rules: { rules }, diagnostics, brokenRuleNames };
}

function lineStartBefore(source: SourceText, offset: number): number {
  return source.lineStarts[source.lineIndexAt(offset)] ?? offset;
}

/** A recursive-descent parser over the text of one rule, `[start, end)`. */
class RuleParser {
  private pos: number;
  private depth = 0;

  constructor(
    private readonly source: SourceText,
    start: number,
    private readonly end: number,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.pos = start;
  }

  private get text(): string {
    return this.source.text;
  }

  private fail(
    code: "syntax-error" | "invalid-character" | "unterminated-string" | "unclosed-group",
    message: string,
    span: Span,
    hint?: string,
  ): never {
    this.diagnostics.push(diagnostic(code, message, this.source, span, hint === undefined ? {} : { hint }));
    throw new RuleAbandoned(message);
  }

  private peek(): string {
    return this.pos < this.end ? (this.text[this.pos] ?? "") : "";
  }

  /** Skips white space, line breaks (continuations) and comments. */
  private skipSpace(): void {
    while (this.pos < this.end) {
      const c = this.text[this.pos];
      if (c === " " || c === "\t" || c === "\r" || c === "\n") this.pos++;
      else if (c === ";") {
        while (this.pos < this.end && this.text[this.pos] !== "\n" && this.text[this.pos] !== "\r")
          this.pos++;
      } else break;
    }
  }

  parseRule(): RuleDefinition {
    const nameStart = this.pos;
    const name = this.readName(true);
    const nameSpan = { start: nameStart, end: this.pos };
    this.skipSpace();
    const incremental = this.text.startsWith("=/", this.pos);
    this.pos += incremental ? 2 : 1;
    this.skipSpace();
    if (this.pos >= this.end) {
      this.fail(
        "syntax-error",
        `rule \`${name}\` has no elements after \`=\``,
        nameSpan,
        "write what the rule matches after `=`",
      );
    }
    const body = this.parseAlternation();
    this.skipSpace();
    if (this.pos < this.end) this.unexpected();
    return { name, nameSpan, incremental, body, span: { start: nameStart, end: body.span.end } };
  }

  /** Reads a rule name; `_` is accepted (drafts use it) and reported once, where the rule is defined. */
  private readName(definition = false): string {
    const start = this.pos;
    while (this.pos < this.end && /[A-Za-z0-9_-]/.test(this.text[this.pos] ?? "")) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (definition && name.includes("_")) {
      this.diagnostics.push(
        diagnostic(
          "rulename-underscore",
          `rule name \`${name}\` contains \`_\`, which RFC 5234 §2.1 does not allow in rule names`,
          this.source,
          { start, end: this.pos },
          { hint: `write \`${name.replaceAll("_", "-")}\`` },
        ),
      );
    }
    return name;
  }

  private unexpected(): never {
    const c = String.fromCodePoint(this.text.codePointAt(this.pos) ?? 0);
    const span = { start: this.pos, end: this.pos + c.length };
    if (c === ")" || c === "]")
      this.fail(
        "syntax-error",
        `\`${c}\` closes a group that was never opened`,
        span,
        "remove it, or add the opening bracket",
      );
    if (c === "=")
      this.fail(
        "syntax-error",
        "`=` inside a rule's elements",
        span,
        "a new rule must start on its own line at the rules' indentation",
      );
    this.fail("invalid-character", `unexpected ${describeChar(c)}`, span);
  }

  private parseAlternation(): Node {
    const start = this.pos;
    const alternatives = [this.parseConcatenation()];
    this.skipSpace();
    while (this.peek() === "/") {
      this.pos++;
      this.skipSpace();
      if (this.pos >= this.end || this.peek() === ")" || this.peek() === "]" || this.peek() === "/") {
        this.fail(
          "syntax-error",
          "an alternative is empty",
          { start: this.pos - 1, end: this.pos },
          "remove the extra `/` or write the alternative",
        );
      }
      alternatives.push(this.parseConcatenation());
      this.skipSpace();
    }
    if (alternatives.length === 1) return alternatives[0] as Node;
    return {
      kind: "alternation",
      alternatives,
      span: { start, end: (alternatives.at(-1) as Node).span.end },
    };
  }

  private startsElement(): boolean {
    const c = this.peek();
    return c !== "" && /[A-Za-z0-9*("[%<]/.test(c);
  }

  private parseConcatenation(): Node {
    const start = this.pos;
    const elements = [this.parseRepetition()];
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      if (!this.startsElement()) {
        this.pos = save;
        break;
      }
      elements.push(this.parseRepetition());
    }
    if (elements.length === 1) return elements[0] as Node;
    return { kind: "concatenation", elements, span: { start, end: (elements.at(-1) as Node).span.end } };
  }

  private readDigits(): number | undefined {
    const start = this.pos;
    while (this.pos < this.end && /[0-9]/.test(this.text[this.pos] ?? "")) this.pos++;
    return this.pos > start ? Number(this.text.slice(start, this.pos)) : undefined;
  }

  private parseRepetition(): Node {
    const start = this.pos;
    let min: number | undefined = this.readDigits();
    let max: number | undefined = min;
    let repeated = min !== undefined;
    if (this.peek() === "*") {
      this.pos++;
      repeated = true;
      min ??= 0;
      max = this.readDigits() ?? Number.POSITIVE_INFINITY;
    }
    if (!repeated) return this.parseElement();
    if (/[ \t\r\n]/.test(this.peek())) {
      this.fail(
        "syntax-error",
        "a repeat count must be written directly before its element",
        { start, end: this.pos },
        "remove the space after the count",
      );
    }
    const element = this.parseElement();
    return {
      kind: "repetition",
      min: min ?? 0,
      max: max ?? 0,
      element,
      option: false,
      span: { start, end: element.span.end },
    };
  }

  private parseElement(): Node {
    const c = this.peek();
    const start = this.pos;
    if (/[A-Za-z]/.test(c)) {
      const name = this.readName();
      return { kind: "ruleref", name, span: { start, end: this.pos } };
    }
    if (c === "(" || c === "[") return this.parseGroup(c);
    if (c === '"') return this.parseString(start, false);
    if (c === "%") return this.parsePercent();
    if (c === "<") return this.parseProse();
    if (c === "")
      this.fail("syntax-error", "expected an element at the end of the rule", {
        start: Math.max(0, start - 1),
        end: start,
      });
    this.unexpected();
  }

  private parseGroup(open: "(" | "["): Node {
    const start = this.pos;
    const close = open === "(" ? ")" : "]";
    if (++this.depth > MAX_NESTING) {
      this.fail(
        "syntax-error",
        `groups nested deeper than ${MAX_NESTING}`,
        { start, end: start + 1 },
        "split the rule into named rules",
      );
    }
    this.pos++;
    this.skipSpace();
    if (this.peek() === close)
      this.fail("syntax-error", `empty group \`${open}${close}\``, { start, end: this.pos + 1 });
    if (this.pos >= this.end) this.unclosed(start, open, close);
    const inner = this.parseAlternation();
    this.skipSpace();
    if (this.peek() !== close) {
      if (this.pos >= this.end || this.peek() === ")" || this.peek() === "]")
        this.unclosed(start, open, close);
      this.unexpected();
    }
    this.pos++;
    this.depth--;
    const span = { start, end: this.pos };
    if (open === "[") return { kind: "repetition", min: 0, max: 1, element: inner, option: true, span };
    return { ...inner, span };
  }

  private unclosed(start: number, open: string, close: string): never {
    this.fail(
      "unclosed-group",
      `\`${open}\` is never closed`,
      { start, end: start + 1 },
      `add \`${close}\` where the ${open === "(" ? "group" : "option"} ends`,
    );
  }

  private parseString(start: number, caseSensitive: boolean): Node {
    this.pos++; // opening quote
    const valueStart = this.pos;
    while (
      this.pos < this.end &&
      this.text[this.pos] !== '"' &&
      this.text[this.pos] !== "\n" &&
      this.text[this.pos] !== "\r"
    ) {
      this.pos++;
    }
    if (this.text[this.pos] !== '"' || this.pos >= this.end) {
      this.fail(
        "unterminated-string",
        'quoted string has no closing `"` on its line',
        { start, end: this.pos },
        'add `"`; a string cannot span lines (use concatenation)',
      );
    }
    const value = this.text.slice(valueStart, this.pos);
    this.pos++;
    return { kind: "string", value, caseSensitive, span: { start, end: this.pos } };
  }

  private parsePercent(): Node {
    const start = this.pos;
    const kind = (this.text[this.pos + 1] ?? "").toLowerCase();
    if ((kind === "s" || kind === "i") && this.text[this.pos + 2] === '"') {
      this.pos += 2;
      return this.parseString(start, kind === "s");
    }
    const radix = kind === "x" ? 16 : kind === "d" ? 10 : kind === "b" ? 2 : 0;
    if (radix === 0) {
      this.fail(
        "syntax-error",
        "`%` must be followed by x, d, b (a number) or s, i (a string)",
        { start, end: this.pos + 2 },
        'write e.g. %x41 or %s"abc"',
      );
    }
    this.pos += 2;
    const first = this.readNumber(radix, start);
    if (this.peek() === "-") {
      this.pos++;
      const high = this.readNumber(radix, start);
      return { kind: "range", low: first, high, span: { start, end: this.pos } };
    }
    const codePoints = [first];
    while (this.peek() === ".") {
      this.pos++;
      codePoints.push(this.readNumber(radix, start));
    }
    return { kind: "sequence", codePoints, span: { start, end: this.pos } };
  }

  private readNumber(radix: number, valueStart: number): number {
    const start = this.pos;
    const digit = radix === 16 ? /[0-9A-Fa-f]/ : radix === 10 ? /[0-9]/ : /[01]/;
    while (this.pos < this.end && digit.test(this.text[this.pos] ?? "")) this.pos++;
    if (this.pos === start) {
      const what = radix === 16 ? "hexadecimal" : radix === 10 ? "decimal" : "binary";
      this.fail("syntax-error", `expected ${what} digits`, {
        start: valueStart,
        end: Math.max(this.pos, start + 1),
      });
    }
    const value = Number.parseInt(this.text.slice(start, this.pos), radix);
    if (value > 0x10ffff) {
      this.fail(
        "syntax-error",
        `value ${this.text.slice(start, this.pos)} is beyond the last Unicode code point (%x10FFFF)`,
        { start: valueStart, end: this.pos },
      );
    }
    return value;
  }

  private parseProse(): Node {
    const start = this.pos;
    this.pos++;
    while (
      this.pos < this.end &&
      this.text[this.pos] !== ">" &&
      this.text[this.pos] !== "\n" &&
      this.text[this.pos] !== "\r"
    )
      this.pos++;
    if (this.text[this.pos] !== ">" || this.pos >= this.end) {
      this.fail(
        "unterminated-string",
        "prose value has no closing `>` on its line",
        { start, end: this.pos },
        "add `>`",
      );
    }
    this.pos++;
    return { kind: "prose", text: this.text.slice(start + 1, this.pos - 1), span: { start, end: this.pos } };
  }
}

function describeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return cp >= 0x21 && cp <= 0x7e ? `character \`${c}\` (${hex})` : `character ${hex}`;
}
