/**
 * `@mimi-spec/codegen`: the ts-morph generator. It reads `spec/` and `models/` through the other
 * packages' loaders and emits TypeScript that is committed and checked for staleness.
 *
 * May import: `ts-morph`, `@mimi-spec/grammar`, `@mimi-spec/machine/models`.
 *
 * @packageDocumentation
 * @module @mimi-spec/codegen
 */

export * from "./freshness.ts";
export * from "./grammar-module.ts";
export * from "./header.ts";
export * from "./machine-module.ts";
export * from "./names.ts";
export * from "./targets.ts";
export * from "./types-module.ts";
