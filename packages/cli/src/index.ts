/**
 * `@mimi-spec/cli`: the `mimi` command. Each subcommand is a module under `commands/` that takes
 * its arguments and an {@link Io}, so it can be tested without a process.
 *
 * May import: every `@mimi-spec` package, `effect`, `typedoc`.
 *
 * @packageDocumentation
 * @module @mimi-spec/cli
 */
export * from "./commands/check.ts";
export * from "./commands/conformance.ts";
export * from "./commands/docs.ts";
export * from "./commands/gen.ts";
export * from "./commands/grammar.ts";
export * from "./commands/model.ts";
export * from "./commands/validate.ts";
export * from "./commands/vectors.ts";
export * as conformance from "./conformance/index.ts";
export * as docsSite from "./docs/index.ts";
export * from "./io.ts";
export * from "./main.ts";
export * from "./repo.ts";
export * as vectors from "./vectors/index.ts";
