/**
 * Reads back the `$.a["b.c"][0]` paths of the canonical module's errors into the segment arrays
 * that Effect schema issues carry, so a problem found while serializing an event is reported at
 * the same kind of path as every other schema problem.
 *
 * @module
 */
import type { JsonPathSegment } from "../canonical/json-path.ts";

/**
 * The segments of a path written by `formatJsonPath`, or `undefined` if `path` is not in that
 * format. Inverse of `formatJsonPath` on its outputs.
 */
export function parseJsonPath(path: string): JsonPathSegment[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(path.slice(i + 1));
      if (match === null) return undefined;
      segments.push(match[0]);
      i += 1 + match[0].length;
    } else if (c === "[" && path[i + 1] === '"') {
      // A JSON string literal: find its closing quote, skipping escaped characters.
      let j = i + 2;
      while (j < path.length && path[j] !== '"') j += path[j] === "\\" ? 2 : 1;
      if (path[j + 1] !== "]") return undefined;
      try {
        segments.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
      } catch {
        return undefined;
      }
      i = j + 2;
    } else if (c === "[") {
      const match = /^(\d+)\]/.exec(path.slice(i + 1));
      if (match === null) return undefined;
      segments.push(Number(match[1]));
      i += 2 + (match[1] as string).length;
    } else {
      return undefined;
    }
  }
  return segments;
}
