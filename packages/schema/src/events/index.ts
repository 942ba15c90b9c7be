/**
 * Event schemas: the identifiers events use (event IDs, room versions, key IDs, event types and
 * state keys), the content of each modelled type, the two envelopes (LPDU and PDU) with their
 * cross-field rules, and typed per-type views.
 *
 * @module
 */
export * from "./base64.ts";
export * from "./content/index.ts";
export * from "./envelope.ts";
export * from "./envelope-rules.ts";
export * from "./event-id.ts";
export * from "./event-type.ts";
export * from "./event-types.ts";
export * from "./hashes.ts";
export * from "./key-id.ts";
export * from "./numbers.ts";
export * from "./open-object.ts";
export * from "./path-issue.ts";
export * from "./room-version.ts";
export * from "./schema-problem.ts";
export * from "./signatures.ts";
export * from "./size.ts";
export * from "./views.ts";
