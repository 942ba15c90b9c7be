/**
 * Conformance test vectors (`mimi vectors`): their file shapes, the generators of each kind, and
 * writing and reading a whole set.
 *
 * @module
 */
export * from "./event-algorithms.ts";
export * from "./events.ts";
export * from "./grammar.ts";
export * from "./identifiers.ts";
export * from "./policy.ts";
export * from "./policy-scenarios.ts";
export * from "./shapes.ts";
export * from "./spec-grammar.ts";
export * from "./vector-set.ts";
