/**
 * Content schemas of the modelled event types.
 *
 * @module
 */
export * from "./create.ts";
export * from "./encrypted.ts";
export * from "./history-visibility.ts";
export * from "./join-rules.ts";
export * from "./member.ts";
export * from "./mls-commit.ts";
export * from "./power-levels.ts";
export * from "./redacted.ts";
export * from "./redaction.ts";
export * from "./room-profile.ts";
