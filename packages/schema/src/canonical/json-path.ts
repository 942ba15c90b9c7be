/**
 * JSON paths for error messages, in the familiar `$.content.body` / `$.prev_events[0]` style.
 * Keys that are not plain identifiers use bracket notation with a JSON string, e.g.
 * `$.content["m.relates_to"]`, so a path can always be read back unambiguously.
 *
 * @module
 */

/** One step into a JSON value: an object key or an array index. */
export type JsonPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Renders path segments from the root as a path string (`$` is the root itself). */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let out = "$";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
