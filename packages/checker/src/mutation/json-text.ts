/**
 * Reading the JSON files of mutation accounting (Stryker's report, the equivalents list) with the
 * project's safe JSON reader, so a broken file is refused at its line and column.
 *
 * @module
 */
import { type JsonValue, parseJson } from "@mimi-spec/schema";

/** The parsed value, or where and why the text is not JSON. */
export type JsonText =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly path: string; readonly message: string };

/**
 * Parses `text`. A syntax error is the whole document's problem (path `$`), located by its line
 * and column in the message.
 */
export function readJsonText(text: string): JsonText {
  const parsed = parseJson(text);
  if (parsed.ok) return { ok: true, value: parsed.value };
  const { line, column, message } = parsed.error;
  const at = line === undefined ? "" : ` (line ${line}, column ${column})`;
  return { ok: false, path: "$", message: `is not JSON${at}: ${message}` };
}
