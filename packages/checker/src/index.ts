/**
 * `@mimi-spec/checker`: model checking of the reference machine. fast-check model-based tests
 * drive the machine with small command classes and check every invariant after every step.
 *
 * May import: `fast-check`, `@mimi-spec/machine`, `@mimi-spec/schema`.
 *
 * @packageDocumentation
 * @module @mimi-spec/checker
 */
export * from "./commands/index.ts";
export * from "./model.ts";
export * from "./scope.ts";
