/**
 * Identifier schemas: server names (in both readings of the IP-literal rule), user IDs and room IDs.
 *
 * @module
 */
export * from "./grammar-string.ts";
export * from "./room-id.ts";
export * from "./server-name.ts";
export * from "./strict-server-name.ts";
export * from "./user-id.ts";
