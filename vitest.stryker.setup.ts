import fc from "fast-check";
import "./vitest.setup.ts";

/**
 * Under mutation testing a failing property only has to fail: shrinking its counterexample (which
 * for a long model-based run takes seconds) tells Stryker nothing more, so stop at the first failure.
 */
fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
