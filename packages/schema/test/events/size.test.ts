import { describe, expect, it } from "vitest";
import { canonicalEventSize, eventSizeIssues, MAX_EVENT_BYTES } from "../../src/events/index.ts";
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

  it("says where a value is not JSON data", () => {
    expect(canonicalEventSize({ a: { "b c": [0, undefined] } })).toEqual({
      ok: false,
      path: ["a", "b c", 1],
      message: "not JSON data (not-json): undefined is not JSON data",
    });
  });
});
