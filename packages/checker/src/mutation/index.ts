/**
 * Mutation-testing accounting for `@mimi-spec/machine`: reading Stryker's report, the score,
 * and the list of surviving mutants no test can kill, each with its reason.
 *
 * @module
 */
export * from "./equivalents.ts";
export * from "./report.ts";
export * from "./summary.ts";
