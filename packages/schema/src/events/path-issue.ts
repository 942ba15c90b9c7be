/**
 * The problems the event rules report: a message and the JSON path it concerns. It is the
 * `{ path, issue }` form of Effect's `FilterIssue`, so a rule's result can be returned from a
 * filter as is, and tests and tools can read the path without narrowing a union.
 *
 * @module
 */

/** One problem found by a rule, at a path relative to the value the rule checked. */
export interface PathIssue {
  /** Where: object keys and array indices from the checked value down. */
  readonly path: ReadonlyArray<PropertyKey>;
  /** What is wrong, and the draft section that says so. */
  readonly issue: string;
}
