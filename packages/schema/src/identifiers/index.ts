/**
 * Identifier schemas: server names, user IDs and room IDs.
 *
 * @module
 */
export * from "./grammar-string.ts";
export * from "./room-id.ts";
export * from "./server-name.ts";
export * from "./user-id.ts";
