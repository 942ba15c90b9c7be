/**
 * `@mimi-spec/machine/models`: the loader and schemas of the declarative models in `models/`.
 * It never imports generated code, so the generator can always run, even when a generated file
 * is broken.
 *
 * @module
 */
export * from "./chat-types.ts";
export * from "./common.ts";
export * from "./conditions.ts";
export * from "./diagrams.ts";
export * from "./guard-lists.ts";
export * from "./load.ts";
export * from "./membership.ts";
export * from "./mls-acp.ts";
export * from "./permissions.ts";
export * from "./problems.ts";
export * from "./profiles.ts";
export * from "./visibility.ts";
