/**
 * The compact machine: the reference machine's worlds as interned per-(server, room) parts, each
 * step computed once by the reference machine and then looked up; the exhaustive explorer runs on
 * it by default, and `verifyCompact` checks it against the reference machine step by step.
 *
 * @module
 */
export * from "./alphabet.ts";
export * from "./explore.ts";
export * from "./intern.ts";
export * from "./invariants.ts";
export * from "./key.ts";
export * from "./layout.ts";
export * from "./least-sequence.ts";
export * from "./machine.ts";
export * from "./verify.ts";
