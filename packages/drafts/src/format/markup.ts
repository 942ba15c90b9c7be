/**
 * A small tokenizer for the XML and HTML that drafts are written and rendered in: tags with their
 * attributes, text, comments, CDATA sections, processing instructions and the DOCTYPE (with its
 * internal subset, where RFCXML documents declare entities). It is not a validating parser: it
 * reads what draft tools produce and reports only what would make extraction wrong (a comment,
 * CDATA section or tag that never ends).
 *
 * @module
 */

/** A tag: `<name attrs>`, `</name>` or `<name/>`. */
export interface TagToken {
  readonly kind: "tag";
  /** Lower-cased for HTML; as written for XML. */
  readonly name: string;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  readonly attributes: ReadonlyMap<string, string>;
  readonly start: number;
  readonly end: number;
}

/** Text between tags (undecoded). */
export interface TextToken {
  readonly kind: "text";
  readonly start: number;
  readonly end: number;
}

/** A CDATA section; `contentStart`/`contentEnd` bound its raw content. */
export interface CdataToken {
  readonly kind: "cdata";
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
}

/** A comment, processing instruction or DOCTYPE: nothing to extract (the DOCTYPE's entities aside). */
export interface OtherToken {
  readonly kind: "comment" | "pi" | "doctype";
  readonly start: number;
  readonly end: number;
}

/** Any markup token. */
export type MarkupToken = TagToken | TextToken | CdataToken | OtherToken;

/** Markup that never ends, at `offset`. */
export class UnterminatedMarkup extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint: string,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

/** Options for {@link tokenizeMarkup}. */
export interface TokenizeOptions {
  /** HTML: names are case-insensitive, and `<script>`/`<style>` hold raw text. */
  readonly html: boolean;
}

/**
 * Splits markup into tokens, in order. Throws {@link UnterminatedMarkup} (caught by the format
 * readers and turned into an error value) when a construct never ends.
 */
export function* tokenizeMarkup(text: string, options: TokenizeOptions): Generator<MarkupToken> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf("<", i);
    if (lt < 0) {
      yield { kind: "text", start: i, end: n };
      return;
    }
    const next = text[lt + 1] ?? "";
    const isMarkup = next === "/" || next === "!" || next === "?" || /[A-Za-z_:]/.test(next);
    if (!isMarkup) {
      // A lone `<` (HTML allows it in text): part of the text.
      const after = text.indexOf("<", lt + 1);
      const end = after < 0 ? n : after;
      yield { kind: "text", start: i, end };
      i = end;
      continue;
    }
    if (lt > i) yield { kind: "text", start: i, end: lt };
    if (text.startsWith("<!--", lt)) {
      const close = text.indexOf("-->", lt + 4);
      if (close < 0) throw new UnterminatedMarkup("a comment `<!--` is never closed", lt, "add `-->`");
      yield { kind: "comment", start: lt, end: close + 3 };
      i = close + 3;
    } else if (text.startsWith("<![CDATA[", lt)) {
      const close = text.indexOf("]]>", lt + 9);
      if (close < 0)
        throw new UnterminatedMarkup("a CDATA section `<![CDATA[` is never closed", lt, "add `]]>`");
      yield { kind: "cdata", start: lt, end: close + 3, contentStart: lt + 9, contentEnd: close };
      i = close + 3;
    } else if (next === "?") {
      const close = text.indexOf("?>", lt + 2);
      if (close < 0)
        throw new UnterminatedMarkup("a processing instruction `<?` is never closed", lt, "add `?>`");
      yield { kind: "pi", start: lt, end: close + 2 };
      i = close + 2;
    } else if (next === "!") {
      const end = declarationEnd(text, lt);
      yield { kind: "doctype", start: lt, end };
      i = end;
    } else {
      const tag = readTag(text, lt, options);
      yield tag;
      i = tag.end;
      if (
        options.html &&
        !tag.closing &&
        !tag.selfClosing &&
        (tag.name === "script" || tag.name === "style")
      ) {
        // Raw text: skip to the matching end tag without reading `<` inside as markup.
        const closeTag = new RegExp(`</${tag.name}`, "gi");
        closeTag.lastIndex = i;
        const close = closeTag.exec(text);
        const end = close === null ? n : close.index;
        if (end > i) yield { kind: "text", start: i, end };
        i = end;
      }
    }
  }
}

/** The end of `<!DOCTYPE …>` or another `<!…>` declaration, past an internal subset `[…]`. */
function declarationEnd(text: string, lt: number): number {
  let quote = "";
  let depth = 0;
  for (let k = lt + 2; k < text.length; k++) {
    const c = text[k];
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === ">" && depth <= 0) return k + 1;
  }
  throw new UnterminatedMarkup("a declaration `<!` is never closed", lt, "add `>`");
}

function readTag(text: string, lt: number, options: TokenizeOptions): TagToken {
  const closing = text[lt + 1] === "/";
  NAME.lastIndex = lt + (closing ? 2 : 1);
  const m = NAME.exec(text);
  const rawName = m?.[0] ?? "";
  let quote = "";
  let k = NAME.lastIndex;
  if (m === null) k = lt + (closing ? 2 : 1);
  for (; k < text.length; k++) {
    const c = text[k];
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") break;
    else if (c === "<" && options.html) break; // a broken tag: HTML readers end it at the next tag
  }
  if (k >= text.length) {
    throw new UnterminatedMarkup(
      `the tag \`<${closing ? "/" : ""}${rawName}\` is never closed`,
      lt,
      "add `>`",
    );
  }
  const end = text[k] === ">" ? k + 1 : k;
  const inner = text.slice(lt + (closing ? 2 : 1) + rawName.length, k);
  const selfClosing = inner.trimEnd().endsWith("/");
  const attributes = new Map<string, string>();
  for (const a of inner.matchAll(ATTRIBUTE)) {
    const key = options.html ? (a[1] as string).toLowerCase() : (a[1] as string);
    if (key === "/") continue;
    attributes.set(key, a[2] ?? a[3] ?? a[4] ?? "");
  }
  return {
    kind: "tag",
    name: options.html ? rawName.toLowerCase() : rawName,
    closing,
    selfClosing,
    attributes,
    start: lt,
    end,
  };
}

/** The general entities an XML internal subset declares with literal values: `<!ENTITY n "v">`. */
export function declaredEntities(doctype: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of doctype.matchAll(/<!ENTITY\s+([A-Za-z_][-A-Za-z0-9_.]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    out[m[1] as string] = m[2] ?? m[3] ?? "";
  }
  return out;
}
