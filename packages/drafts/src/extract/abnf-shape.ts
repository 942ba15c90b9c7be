/**
 * Recognising ABNF by its shape, the way the IETF's ABNF extractor finds it in plain-text drafts:
 * a line `name = elements` (or `name =/ elements`), lines indented deeper that continue it, more
 * rules at the same indentation, and comments. Prose that happens to contain `=` is told apart by
 * the right-hand side: it must read as ABNF elements, and a lone rule must show some ABNF syntax
 * (a quoted string, `%x`, `/`, `*`, a group, a core rule) rather than plain words.
 *
 * @module
 */

/** A line as the scanner sees it: its text and indentation. Callers keep their own positions. */
export interface ShapeLine {
  readonly text: string;
  /**
   * The line follows something the caller removed (page furniture of a plain-text draft), so it
   * may start a block although the line before it in the list is not blank.
   */
  readonly afterBreak?: boolean;
}

/** A rule's first line: its indentation, name and right-hand side. */
export interface RuleLineShape {
  readonly indent: number;
  readonly name: string;
  readonly rhs: string;
}

const RULE_LINE = /^([ \t]*)([A-Za-z][A-Za-z0-9_-]*)[ \t]*=\/?(?!=)(.*)$/;

/** Lines longer than this are not taken for ABNF: real grammars wrap long before, and it bounds the work. */
export const MAX_ABNF_LINE = 4096;

/** The shape of a line that starts a rule, or `undefined`. */
export function ruleLineShape(text: string): RuleLineShape | undefined {
  if (text.length > MAX_ABNF_LINE) return undefined;
  const m = RULE_LINE.exec(text);
  if (m === null) return undefined;
  return { indent: (m[1] as string).length, name: m[2] as string, rhs: m[3] as string };
}

const CORE_RULES = new Set([
  "ALPHA",
  "BIT",
  "CHAR",
  "CR",
  "CRLF",
  "CTL",
  "DIGIT",
  "DQUOTE",
  "HEXDIG",
  "HTAB",
  "LF",
  "LWSP",
  "OCTET",
  "SP",
  "VCHAR",
  "WSP",
]);

/** What tokenising a right-hand side found. */
export interface ElementsShape {
  /** Every character belongs to an ABNF token (a comment may end the line). */
  readonly ok: boolean;
  /** Something only ABNF writes: a string, `%x`, prose `<…>`, `/`, `*`, a group, a core rule. */
  readonly evidence: boolean;
}

const TOKEN =
  /[ \t]+|"[^"]*"?|%[sSiI]"[^"]*"?|%[xX][0-9A-Fa-f]+(?:(?:\.[0-9A-Fa-f]+)+|-[0-9A-Fa-f]+)?|%[dD][0-9]+(?:(?:\.[0-9]+)+|-[0-9]+)?|%[bB][01]+(?:(?:\.[01]+)+|-[01]+)?|<[^>]*>?|[0-9]*\*[0-9]*|[0-9]+|[A-Za-z][A-Za-z0-9_-]*|[/()[\]]|;.*$/y;

/** Tokenises ABNF elements (the text after `=`, or a continuation line). */
export function elementsShape(text: string): ElementsShape {
  if (text.length > MAX_ABNF_LINE) return { ok: false, evidence: false };
  let i = 0;
  let evidence = false;
  while (i < text.length) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (m === null || m[0].length === 0) return { ok: false, evidence };
    const t = m[0];
    const c = t[0] as string;
    if (c === '"' || c === "%" || c === "<" || c === "/" || c === "(" || c === "[" || t.includes("*"))
      evidence = true;
    else if (CORE_RULES.has(t)) evidence = true;
    i += t.length;
  }
  return { ok: true, evidence };
}

/** A run of lines recognised as one ABNF block: indexes into the scanned lines, first to last. */
export interface AbnfRun {
  readonly first: number;
  readonly last: number;
}

/** Whether a line is empty or white space only. */
function blank(text: string): boolean {
  return text.trim() === "";
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/**
 * Finds ABNF blocks among lines. A block starts at a rule line whose right-hand side reads as
 * ABNF and that stands apart from the text before it (a blank line, a comment, or the start: a
 * rendered figure is always set off by a blank line, while `sig="…"` in the middle of an HTTP
 * example is not); it goes on through deeper-indented continuation lines, comments and further rules at the
 * same indentation, across blank lines, and ends at the first line that fits none of those.
 * Directly after a block line (no blank line between), a deeper-indented line continues the rule
 * even if it is malformed, and a rule-shaped line at the block's indentation is a rule even if
 * its elements are broken: those are exactly the errors a check should report.
 */
export function findAbnfRuns(lines: ReadonlyArray<ShapeLine>): AbnfRun[] {
  const runs: AbnfRun[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] as ShapeLine;
    const shape = ruleLineShape(first.text);
    const rhs = shape === undefined ? undefined : elementsShape(shape.rhs);
    if (shape === undefined || rhs === undefined || !rhs.ok || !standsApart(lines, i)) {
      i++;
      continue;
    }
    const base = shape.indent;
    let evidence = rhs.evidence;
    let rules = 1;
    let last = i;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = (lines[j] as ShapeLine).text;
      if (blank(text)) continue;
      const adjacent = last === j - 1;
      const indent = indentOf(text);
      const body = text.trim();
      if (indent > base) {
        const cont = elementsShape(body);
        if (!cont.ok && !adjacent) break;
        evidence ||= cont.evidence;
        last = j;
        continue;
      }
      if (indent < base) break;
      if (body.startsWith(";")) {
        last = j;
        continue;
      }
      const next = ruleLineShape(text);
      if (next === undefined) break;
      const nextRhs = elementsShape(next.rhs);
      if (!nextRhs.ok && !adjacent) break;
      evidence ||= nextRhs.evidence;
      rules++;
      last = j;
    }
    if (evidence || rules >= 2) runs.push({ first: i, last });
    // Rejected lines are not scanned again, so the scan stays linear on any input.
    i = last + 1;
  }
  return runs;
}

/** Whether line `i` may start a block: the first line, after a break, a blank line or a comment. */
function standsApart(lines: ReadonlyArray<ShapeLine>, i: number): boolean {
  if (i === 0 || lines[i]?.afterBreak === true) return true;
  const before = (lines[i - 1] as ShapeLine).text;
  return blank(before) || before.trim().startsWith(";");
}

/** Whether every non-blank line of a code block belongs to ABNF found by shape (it is all ABNF). */
export function isAllAbnf(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/).map((t) => ({ text: t }));
  const runs = findAbnfRuns(lines);
  if (runs.length === 0) return false;
  const covered = new Uint8Array(lines.length);
  for (const r of runs) covered.fill(1, r.first, r.last + 1);
  return lines.every((l, k) => covered[k] === 1 || blank(l.text) || l.text.trim().startsWith(";"));
}
