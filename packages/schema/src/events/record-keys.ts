/**
 * Checks on the keys of a record. Effect's `Record` with a refined key schema silently *drops*
 * keys that fail it; for a power-levels `users` map that would turn a bad entry into a missing
 * one. So records here take any string key, and this filter reports each bad key at its path.
 *
 * @module
 */
import { Schema } from "effect";
import type { PathIssue } from "./path-issue.ts";

/** The issues of the keys of `record` that `keyProblem` rejects, each at its own path. */
export function keyIssues(
  record: object,
  keyProblem: (key: string) => string | undefined,
  what: string,
): PathIssue[] {
  const issues: PathIssue[] = [];
  for (const key of Object.keys(record)) {
    const problem = keyProblem(key);
    if (problem !== undefined)
      issues.push({ path: [key], issue: `the key is not a valid ${what}: ${problem}` });
  }
  return issues;
}

/** A filter that rejects every key of a record that `keyProblem` rejects. */
export function validKeys(keyProblem: (key: string) => string | undefined, what: string) {
  return Schema.makeFilter((record: object) => keyIssues(record, keyProblem, what), {
    expected: `an object whose keys are ${what}s`,
  });
}
