/**
 * fast-check arbitraries from Effect schemas: the generic {@link toArbitrary} bridge, the grammar
 * registry it draws grammar strings from, and identifier arbitraries on chosen servers.
 *
 * @module
 */
export * from "./bounded-filter.ts";
export * from "./grammar-registry.ts";
export * from "./identifiers.ts";
export * from "./to-arbitrary.ts";
