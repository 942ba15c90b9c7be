/**
 * Test helpers: reading the fixture drafts, and finding where a piece of text stands in a file
 * by plain string search (an oracle independent of the position mapping under test).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The bytes of a fixture draft. */
export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));
}

/** The text of a fixture draft. */
export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixtureBytes(name));
}

/**
 * The 1-based line and code-point column where the `occurrence`-th `needle` starts in `text`
 * (lines split at LF, CRLF or CR). Throws when the needle is not there, so a typo fails loudly.
 */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` (occurrence ${occurrence}) is not in the text`);
  }
  const before = text.slice(0, at);
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines.at(-1) ?? "";
  return { line: lines.length, column: [...last].length + 1 };
}
