/**
 * Random-mode checking of the machine with fast-check model-based runs.
 *
 * @module
 */
export * from "./check.ts";
