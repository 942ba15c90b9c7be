/**
 * LM §int-pdu: "An event/PDU MUST NOT exceed 65536 bytes when formatted using Canonical JSON.
 * Note that this includes all `signatures` on the event." We measure the UTF-8 bytes of the
 * canonical form (RFC 8785 by default, LM's choice; the Matrix form has the same length for
 * valid events, since the two differ only in key order and in numbers Matrix rejects).
 *
 * The same walk proves that the parts of an event no schema looks into (content values, extra
 * keys) are JSON data: no `undefined`, functions, cycles, lone surrogates or non-finite numbers.
 *
 * @module
 */
import { type CanonicalProfile, canonicalBytes } from "../canonical/canonical-json.ts";
import { jcsByteLength, jcsByteLengthBound } from "../canonical/canonical-size.ts";
import { parseJsonPath } from "./json-path.ts";
import type { PathIssue } from "./path-issue.ts";

/** The most bytes the canonical JSON of an event may have. */
export const MAX_EVENT_BYTES = 65536;

/**
 * Every level of nesting costs at least two bytes (`[` and `]`), so an event nested deeper than
 * this is over {@link MAX_EVENT_BYTES} whatever it holds. Used as the writer's depth limit, it
 * rejects no event of legal size and bounds the work on hostile input.
 */
export const MAX_EVENT_DEPTH = MAX_EVENT_BYTES / 2;

/** The canonical size of an event, or why it has none. */
export type EventSize =
  | { readonly ok: true; readonly bytes: number }
  | { readonly ok: false; readonly path: ReadonlyArray<string | number>; readonly message: string };

/** The UTF-8 length of the canonical JSON of `event`, or where and why it is not JSON data. */
export function canonicalEventSize(event: unknown, profile?: CanonicalProfile): EventSize {
  // The common case, plain JSON data, is measured without writing it; anything else goes to the
  // writer, which says what is wrong and where.
  if (profile === undefined || profile === "jcs") {
    const measured = jcsByteLength(event);
    if (measured !== undefined) return { ok: true, bytes: measured };
  }
  const options =
    profile === undefined ? { maxDepth: MAX_EVENT_DEPTH } : { maxDepth: MAX_EVENT_DEPTH, profile };
  const bytes = canonicalBytes(event, options);
  if (bytes.ok) return { ok: true, bytes: bytes.value.length };
  const { code, message, path } = bytes.error;
  const detail =
    code === "too-deep"
      ? `nested deeper than ${MAX_EVENT_DEPTH} levels, so its canonical JSON exceeds ${MAX_EVENT_BYTES} bytes`
      : message;
  return { ok: false, path: parseJsonPath(path) ?? [], message: `not JSON data (${code}): ${detail}` };
}

/** The measure lent by {@link withSizeBound}, and the event it is for, while its check runs. */
let lent: { readonly event: object; readonly bound: () => number | undefined } | undefined;

/**
 * Runs `check` with `bound` lent to {@link eventSizeIssues} for `event`: a decoder that measured
 * the event while building it spares the size rule its own walk. `bound` gives what
 * `jcsByteLengthBound` would (an upper bound on the RFC 8785 length, whose existence proves the
 * event is JSON data) or `undefined`, and runs only if the size rule is reached. The caller
 * vouches that `event` is exactly what it measured and that nothing changes it before `check`
 * returns: a value it built and has not handed out.
 */
export function withSizeBound<T>(event: object, bound: () => number | undefined, check: () => T): T {
  // A check may decode another event inside (and lend again): restore the outer loan after.
  const outer = lent;
  lent = { event, bound };
  try {
    return check();
  } finally {
    lent = outer;
  }
}

/** The size rule as filter issues: empty when the event is JSON data of at most 65536 bytes. */
export function eventSizeIssues(event: object): PathIssue[] {
  // Most events are far below the limit: a cheap upper bound proves it without measuring (the
  // one a decoder took while building the event, when it lent one).
  const bound = lent !== undefined && lent.event === event ? lent.bound() : jcsByteLengthBound(event);
  if (bound !== undefined && bound <= MAX_EVENT_BYTES) return [];
  const size = canonicalEventSize(event);
  if (!size.ok) return [{ path: size.path, issue: size.message }];
  return size.bytes <= MAX_EVENT_BYTES
    ? []
    : [
        {
          path: [],
          issue: `the event's canonical JSON is ${size.bytes} bytes; LM allows at most ${MAX_EVENT_BYTES}, signatures included (LM §int-pdu)`,
        },
      ];
}
