/**
 * Coverage of a checking run: how often each guard held and refused, each invariant was checked
 * on a world it had something to say about, and each requirement was exercised.
 *
 * (The directory is not called `coverage/`: the repository's `.gitignore` ignores every
 * directory of that name, for test-coverage output.)
 *
 * @module
 */

export * from "./campaign.ts";
export * from "./counter.ts";
export * from "./exclusions.ts";
export * from "./relevance.ts";
export * from "./report.ts";
