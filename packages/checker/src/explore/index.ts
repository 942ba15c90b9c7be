/**
 * Bounded exhaustive exploration of the reference machine: breadth-first over every action
 * sequence in a small scope, with symmetry-reduced state hashing, every invariant checked in
 * every new state, the shortest violating sequence returned as a replayable trace, and a
 * delivery check from every state.
 *
 * @module
 */
export * from "./api.ts";
export { explore } from "./explore.ts";
export * from "./scope.ts";
