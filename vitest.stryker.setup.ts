import fc from "fast-check";
import "./vitest.setup.ts";

/**
 * Mutation testing runs every covering test once per surviving mutant, thousands of times in all,
 * so properties run fewer cases here (a mutant most properties catch fails within the first few),
 * and a failing property only has to fail: shrinking its counterexample (seconds, for a long
 * model-based run) tells Stryker nothing more. Both can only lower the score, never raise it.
 * Tests that set their own `numRuns` keep it.
 */
fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true, numRuns: 25 });
