/**
 * The conformance runner (`mimi conformance`): the protocol's messages, the cases built from
 * vectors, the comparison of answers, the implementation subprocess, the run and its report, and
 * the reference's own answers (`reference-adapter.ts` is the process around them).
 *
 * @module
 */
export * from "./cases.ts";
export * from "./compare.ts";
export * from "./implementation-process.ts";
export * from "./protocol.ts";
export * from "./reference-answers.ts";
export * from "./report.ts";
export * from "./runner.ts";
