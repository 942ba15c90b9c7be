/**
 * "Did you mean …?" for rule names: the closest defined name by edit distance, compared without
 * case (rule names ignore case) and with `-` and `_` treated as the same character, since drafts
 * often write `server_name` for `server-name`.
 *
 * @module
 */

/** A name that could be suggested, with whether the grammar's author wrote it. */
export interface NameCandidate {
  readonly name: string;
  /** Authored names win ties against core rules: they are likelier to be what was meant. */
  readonly authored: boolean;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replaceAll("_", "-");
}

/**
 * The optimal-string-alignment distance between two strings: insertions, deletions,
 * substitutions and swaps of adjacent characters each cost 1. Runs in two rows of memory.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (prev2[j - 2] as number) + 1);
      }
      row.push(best);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * The candidate most likely meant by `name`, or `undefined` when none is close: a name equal up to
 * case and `-`/`_` first, else the smallest edit distance within a third of the name's length
 * (at least 1, at most 3), authored names before core rules, earlier before later.
 *
 * @example
 * ```ts
 * suggestName("server_name", [{ name: "server-name", authored: true }]); // "server-name"
 * suggestName("DIGT", [{ name: "DIGIT", authored: false }]); // "DIGIT"
 * ```
 */
export function suggestName(name: string, candidates: ReadonlyArray<NameCandidate>): string | undefined {
  const target = normalizeName(name);
  const limit = Math.max(1, Math.min(3, Math.floor([...name].length / 3)));
  let best: { name: string; score: number } | undefined;
  for (const c of candidates) {
    const normalized = normalizeName(c.name);
    if (normalized === name.toLowerCase()) continue; // the very name: not a suggestion
    // Whole distances, with a half-point penalty for core rules so authored names win ties.
    const distance = normalized === target ? 0 : editDistance(target, normalized);
    if (distance > limit) continue;
    const score = distance * 2 + (c.authored ? 0 : 1);
    if (best === undefined || score < best.score) best = { name: c.name, score };
  }
  return best?.name;
}
