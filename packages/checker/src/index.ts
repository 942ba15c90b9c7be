/**
 * `@mimi-spec/checker`: model checking of the reference machine. fast-check model-based tests
 * drive the machine with small command classes and check every invariant after every step.
 *
 * May import: `fast-check`, `@mimi-spec/machine`, `@mimi-spec/schema`, Node built-ins (`node:fs`,
 * `node:path`, to save counterexample traces).
 *
 * @packageDocumentation
 * @module @mimi-spec/checker
 */
export * from "./commands/index.ts";
export * from "./compact/index.ts";
export * from "./config.ts";
export * from "./counterexample/index.ts";
export * from "./explore/index.ts";
export * from "./failure.ts";
export * from "./guard-coverage/index.ts";
export * from "./model.ts";
export * from "./mutation/index.ts";
export * from "./properties.ts";
export * from "./random/index.ts";
export * from "./scope.ts";
