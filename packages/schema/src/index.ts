/**
 * `@mimi-spec/schema`: Effect schemas, the single source for MIMI identifiers, events and
 * requirement invariants. Identifier validation is the parser generated from
 * `spec/grammar/identifiers.abnf` plus the drafts' prose limits.
 *
 * May import: `effect`, `fast-check`, `@mimi-spec/grammar`.
 *
 * @packageDocumentation
 * @module @mimi-spec/schema
 */
export * from "./arbitrary/index.ts";
export * from "./canonical/index.ts";
export * from "./events/index.ts";
export * from "./identifiers/index.ts";
export * from "./json-schema/index.ts";
export * from "./requirements/index.ts";
export * from "./schemas.ts";
