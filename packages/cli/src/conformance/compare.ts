/**
 * Comparing an implementation's answer with a vector's expectation. Each comparison returns the
 * differences as `{ field, expected, actual }`, empty when the answer passes. Only normative
 * fields are compared: an identifier's validity (not the reason's wording), every event result,
 * each step's verdict and guard (not the reason), the final state, a grammar verdict.
 *
 * @module
 */
import type { EventVector, FinalState, StepVerdict } from "../vectors/shapes.ts";

/** One difference between the expected and the actual answer. */
export interface Mismatch {
  /** Where, e.g. `valid`, `contentHash`, `steps[3]`, `final.rooms[0].members["@bob:b.example"]`. */
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** Context for people, e.g. the reference's reason for rejecting an identifier. */
  readonly note?: string;
}

/** At most this many differences are listed for one vector (a deep diff can find hundreds). */
export const MAX_MISMATCHES = 8;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/u.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}

/**
 * The differences between two JSON values (key order ignored), as paths under `at`, appended to
 * `out` until it holds {@link MAX_MISMATCHES}.
 */
export function jsonDifferences(
  expected: unknown,
  actual: unknown,
  at: string,
  out: Mismatch[] = [],
): Mismatch[] {
  const add = (m: Mismatch) => {
    if (out.length < MAX_MISMATCHES) out.push(m);
  };
  if (out.length >= MAX_MISMATCHES) return out;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length)
      add({ field: `${at}.length`, expected: expected.length, actual: actual.length });
    for (let i = 0; i < Math.min(expected.length, actual.length); i++)
      jsonDifferences(expected[i], actual[i], `${at}[${i}]`, out);
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    for (const k of Object.keys(expected)) {
      if (!Object.hasOwn(actual, k))
        add({ field: `${at}${key(k)}`, expected: expected[k], actual: "(missing)" });
      else jsonDifferences(expected[k], actual[k], `${at}${key(k)}`, out);
    }
    for (const k of Object.keys(actual))
      if (!Object.hasOwn(expected, k))
        add({ field: `${at}${key(k)}`, expected: "(absent)", actual: actual[k] });
    return out;
  }
  // `===` also makes 0 and -0 equal, as JSON does.
  if (expected !== actual) add({ field: at, expected, actual });
  return out;
}

/** Characters shown on each side of the first difference of two long strings. */
const CONTEXT = 24;

/** Where two strings first differ, with a little of each around that place. */
export function firstDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const around = (s: string) =>
    `${i > CONTEXT ? "…" : ""}${s.slice(Math.max(0, i - CONTEXT), i + CONTEXT)}${i + CONTEXT < s.length ? "…" : ""}`;
  return `first difference at character ${i + 1}: expected ${JSON.stringify(around(expected))}, got ${JSON.stringify(around(actual))}`;
}

function malformed(expectedShape: string, actual: unknown): Mismatch[] {
  return [{ field: "(result)", expected: expectedShape, actual }];
}

/** An identifier answer: `{ "valid": boolean, "reason"?: string }`. */
export function compareIdentifier(
  expected: { readonly valid: boolean; readonly reason?: string },
  result: unknown,
): Mismatch[] {
  if (!isObject(result) || typeof result.valid !== "boolean")
    return malformed('{"valid": true|false, "reason"?: "…"}', result);
  if (result.valid === expected.valid) return [];
  return [
    {
      field: "valid",
      expected: expected.valid,
      actual: result.valid,
      ...(expected.reason === undefined ? {} : { note: `the reference says: ${expected.reason}` }),
      ...(expected.valid && typeof result.reason === "string"
        ? { note: `the implementation says: ${result.reason}` }
        : {}),
    },
  ];
}

const EVENT_FIELDS = ["canonical", "contentHash", "referenceHash", "eventId"] as const;

/** An event answer: the results, or `{ "rejected": "why" }`. */
export function compareEvent(expected: EventVector["expected"], result: unknown): Mismatch[] {
  if (!isObject(result))
    return malformed('{"canonical": …, "contentHash": …, …} or {"rejected": "…"}', result);
  if ("rejected" in expected) {
    if (Object.hasOwn(result, "rejected")) return [];
    return [
      {
        field: "rejected",
        expected: `a rejection (${expected.rejected.code})`,
        actual: "results",
        note: `the reference says: ${expected.rejected.message}`,
      },
    ];
  }
  if (Object.hasOwn(result, "rejected"))
    return [{ field: "rejected", expected: "results", actual: `a rejection: ${String(result.rejected)}` }];
  const out: Mismatch[] = [];
  for (const field of EVENT_FIELDS) {
    const want = expected[field];
    const got = Object.hasOwn(result, field) ? result[field] : "(missing)";
    if (want === undefined) {
      if (got !== "(missing)") out.push({ field, expected: "(absent: only PDUs have one)", actual: got });
    } else if (want !== got)
      out.push({
        field,
        expected: want,
        actual: got,
        // Canonical texts are long; say where they part.
        ...(field === "canonical" && typeof got === "string" ? { note: firstDifference(want, got) } : {}),
      });
  }
  jsonDifferences(
    expected.redacted,
    Object.hasOwn(result, "redacted") ? result.redacted : "(missing)",
    "redacted",
    out,
  );
  return out.slice(0, MAX_MISMATCHES);
}

/** A step verdict in words, for reports. */
export function describeStepVerdict(verdict: unknown): string {
  if (!isObject(verdict)) return JSON.stringify(verdict);
  if (verdict.verdict === "accepted") return "accepted";
  if (verdict.verdict === "rejected") return `rejected by ${String(verdict.guard)}`;
  return JSON.stringify(verdict);
}

/** A trace answer: `{ "steps": [verdict…], "final": {rooms, findings} }`. */
export function compareTrace(
  expected: { readonly steps: ReadonlyArray<{ readonly expected: StepVerdict }>; readonly final: FinalState },
  result: unknown,
): Mismatch[] {
  if (!isObject(result) || !Array.isArray(result.steps) || !isObject(result.final))
    return malformed('{"steps": [{"verdict": …}…], "final": {"rooms": […], "findings": […]}}', result);
  const steps: ReadonlyArray<unknown> = result.steps;
  const out: Mismatch[] = [];
  if (steps.length !== expected.steps.length)
    out.push({ field: "steps.length", expected: expected.steps.length, actual: steps.length });
  expected.steps.forEach((s, i) => {
    if (out.length >= MAX_MISMATCHES) return;
    const got: unknown = steps[i];
    const want = s.expected;
    const same =
      isObject(got) &&
      got.verdict === want.verdict &&
      (want.verdict === "accepted" || got.guard === want.guard);
    if (!same)
      out.push({
        field: `steps[${i}]`,
        expected: describeStepVerdict(want),
        actual: got === undefined ? "(missing)" : describeStepVerdict(got),
        ...(want.verdict === "rejected" ? { note: `the reference says: ${want.reason}` } : {}),
      });
  });
  jsonDifferences(expected.final, result.final, "final", out);
  return out.slice(0, MAX_MISMATCHES);
}

/** A grammar answer: `{ "matches": boolean }`. */
export function compareGrammar(expected: { readonly matches: boolean }, result: unknown): Mismatch[] {
  if (!isObject(result) || typeof result.matches !== "boolean")
    return malformed('{"matches": true|false}', result);
  return result.matches === expected.matches
    ? []
    : [{ field: "matches", expected: expected.matches, actual: result.matches }];
}
