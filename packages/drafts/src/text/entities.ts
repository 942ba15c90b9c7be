/**
 * Character references of XML and HTML (`&lt;`, `&#x40;`, `&nbsp;`), decoded into a
 * {@link MappedTextBuilder} so each decoded character still maps to its reference in the draft.
 *
 * @module
 */
import type { MappedTextBuilder } from "./mapped-text.ts";

/** The five predefined XML entities. */
const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** The HTML entities that draft renderings use, beyond the XML five. */
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  ...XML_ENTITIES,
  nbsp: "\u00a0",
  ndash: "\u2013",
  mdash: "\u2014",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  hellip: "\u2026",
  copy: "\u00a9",
  reg: "\u00ae",
  trade: "\u2122",
  sect: "\u00a7",
  para: "\u00b6",
  middot: "\u00b7",
  bull: "\u2022",
  times: "\u00d7",
  divide: "\u00f7",
  le: "\u2264",
  ge: "\u2265",
  ne: "\u2260",
  laquo: "\u00ab",
  raquo: "\u00bb",
  shy: "\u00ad",
  zwsp: "\u200b",
};

/** Which entity table applies. */
export type EntityDialect = "xml" | "html";

/** Named entities known in a dialect, plus any a document declares (`<!ENTITY name "value">`). */
export function entityTable(
  dialect: EntityDialect,
  declared: Readonly<Record<string, string>> = {},
): Readonly<Record<string, string>> {
  return { ...(dialect === "xml" ? XML_ENTITIES : HTML_ENTITIES), ...declared };
}

const REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

/**
 * Appends `original.slice(start, end)` to `out`, decoding character references. A reference
 * that names nothing known, or a number that is no code point, is kept as written.
 */
export function appendDecoded(
  out: MappedTextBuilder,
  original: string,
  start: number,
  end: number,
  entities: Readonly<Record<string, string>>,
): void {
  let copied = start;
  let i = original.indexOf("&", start);
  while (i >= 0 && i < end) {
    REFERENCE.lastIndex = i;
    const m = REFERENCE.exec(original);
    if (m !== null && i + m[0].length <= end) {
      const decoded = decodeReference(m[1] as string, entities);
      if (decoded !== undefined) {
        out.copy(copied, i);
        out.replace(decoded, i, i + m[0].length);
        copied = i + m[0].length;
      }
    }
    i = original.indexOf("&", i + 1);
  }
  out.copy(copied, end);
}

function decodeReference(body: string, entities: Readonly<Record<string, string>>): string | undefined {
  if (body.startsWith("#")) {
    const cp =
      body[1] === "x" || body[1] === "X"
        ? Number.parseInt(body.slice(2), 16)
        : Number.parseInt(body.slice(1), 10);
    if (!Number.isFinite(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0) return undefined;
    return String.fromCodePoint(cp);
  }
  return Object.hasOwn(entities, body) ? entities[body] : undefined;
}
