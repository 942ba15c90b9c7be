import { describe, expect, it } from "vitest";
import { canonicalEventSize, eventSizeIssues, MAX_EVENT_BYTES } from "../../src/events/index.ts";
import { withSizeBound } from "../../src/events/size.ts";
import { copy, history } from "./support.ts";

/** The poll event padded so that its canonical JSON is exactly `bytes` long. */
function eventOfSize(bytes: number): Record<string, unknown> {
  const event = { ...copy(history.poll), content: { pad: "" } };
  const base = canonicalEventSize(event);
  if (!base.ok) throw new Error(base.message);
  return {
    ...event,
    content: { pad: "é".repeat(Math.floor((bytes - base.bytes) / 2)) + "x".repeat((bytes - base.bytes) % 2) },
  };
}

describe("event size", () => {
  it("counts UTF-8 bytes of the canonical form and allows exactly 65536", () => {
    const atLimit = eventOfSize(MAX_EVENT_BYTES);
    expect(canonicalEventSize(atLimit)).toEqual({ ok: true, bytes: MAX_EVENT_BYTES });
    expect(eventSizeIssues(atLimit)).toEqual([]);
    const over = eventOfSize(MAX_EVENT_BYTES + 1);
    expect(eventSizeIssues(over)).toEqual([
      {
        path: [],
        issue:
          "the event's canonical JSON is 65537 bytes; LM allows at most 65536, signatures included (LM §int-pdu)",
      },
    ]);
  });

  it("uses a lent bound for that event only, only while the check runs, and only when it is reached", () => {
    const event = copy(history.poll);
    const other = copy(history.poll);
    let asked = 0;
    const lent = () => {
      asked++;
      return MAX_EVENT_BYTES + 1;
    };
    // A lent bound over the limit sends the rule to the exact measure, which says the event fits.
    expect(withSizeBound(event, lent, () => eventSizeIssues(event))).toEqual([]);
    expect(asked).toBe(1);
    expect(withSizeBound(event, lent, () => eventSizeIssues(other))).toEqual([]);
    expect(withSizeBound(event, lent, () => "no size check")).toBe("no size check");
    expect(asked).toBe(1);
    eventSizeIssues(event);
    expect(asked).toBe(1);
    // A nested loan ends with its check; the outer one is in force again after it.
    withSizeBound(event, lent, () => {
      withSizeBound(
        other,
        () => 0,
        () => eventSizeIssues(other),
      );
      eventSizeIssues(event);
    });
    expect(asked).toBe(2);
  });

  it("says where a value is not JSON data", () => {
    expect(canonicalEventSize({ a: { "b c": [0, undefined] } })).toEqual({
      ok: false,
      path: ["a", "b c", 1],
      message: "not JSON data (not-json): undefined is not JSON data",
    });
  });
});
