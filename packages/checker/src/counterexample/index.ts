/**
 * Counterexamples a person can read and a machine can replay: the story, the sequence diagram
 * and the trace of a failing run.
 *
 * @module
 */
export * from "./narrate.ts";
export * from "./replay.ts";
export * from "./sequence-diagram.ts";
export * from "./story.ts";
export * from "./trace.ts";
