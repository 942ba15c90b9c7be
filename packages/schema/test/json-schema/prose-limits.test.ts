import { Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventId } from "../../src/events/event-id.ts";
import { isPort } from "../../src/generated/identifiers.grammar.ts";
import { portProblem } from "../../src/identifiers/server-name.ts";
import {
  CANONICAL_SHA256_EVENT_ID,
  GRAMMAR_PROSE_LIMITS,
  PORT_1_TO_65535,
  proseLimitsKey,
} from "../../src/json-schema/prose-limits.ts";

describe("PORT_1_TO_65535", () => {
  it("accepts exactly the grammar's ports whose value the prose allows, for every string of 0-6 digits", () => {
    const re = new RegExp(`^(?:${PORT_1_TO_65535.source})$`, "u");
    let accepted = 0;
    for (let length = 0; length <= 6; length++) {
      for (let n = 0; n < 10 ** length; n++) {
        const port = length === 0 ? "" : String(n).padStart(length, "0");
        const expected = isPort(port) && portProblem(`host:${port}`) === undefined;
        if (re.test(port) !== expected) expect(re.test(port), port).toBe(expected);
        if (expected) accepted++;
      }
    }
    // 1-65535 with every allowed number of leading zeros.
    expect(accepted).toBe(9 * 5 + 90 * 4 + 900 * 3 + 9000 * 2 + 55536);
  });
});

describe("GRAMMAR_PROSE_LIMITS", () => {
  it("covers the three grammar-annotated identifiers", () => {
    const file = "spec/grammar/identifiers.abnf";
    for (const rule of ["server_name", "user_id", "room_id"])
      expect(GRAMMAR_PROSE_LIMITS[proseLimitsKey(file, rule)]).toMatchObject({ maxLength: 255 });
  });
});

describe("CANONICAL_SHA256_EVENT_ID", () => {
  it("accepts exactly the event IDs the strict profile accepts, whatever the last character", () => {
    const re = new RegExp(`^(?:${CANONICAL_SHA256_EVENT_ID.source})$`, "u");
    const is = Schema.is(EventId);
    const urlSafe = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];
    const char = fc.constantFrom(...urlSafe, "+", "/", "=", " ");
    fc.assert(
      fc.property(fc.array(char, { minLength: 41, maxLength: 44 }), (chars) => {
        for (const last of [...urlSafe, "="]) {
          const id = `$${chars.join("")}${last}`;
          expect(re.test(id), id).toBe(is(id));
        }
      }),
      { numRuns: 200 },
    );
  });
});
