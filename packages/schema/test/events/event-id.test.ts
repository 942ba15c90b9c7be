import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64DecodedLength } from "../../src/canonical/base64.ts";
import { computeEventId } from "../../src/canonical/hashes.ts";
import { canonicalHashProblem, EventId, LmEventId } from "../../src/events/index.ts";
import { eventIdArb, pduArb } from "./arbitraries.ts";
import { history, messages } from "./support.ts";

describe("EventId (strict profile)", () => {
  it("accepts LM's example and every ID the canonical module computes", () => {
    expect(messages(EventId, "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc")).toEqual([]);
    for (const event of history.pdus) {
      const id = computeEventId(event);
      if (!id.ok) throw new Error(id.error.message);
      expect(messages(EventId, id.value)).toEqual([]);
    }
    fc.assert(
      fc.property(pduArb, (event) => {
        const id = computeEventId(JSON.parse(JSON.stringify(event)));
        expect(id.ok && messages(EventId, id.value)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("rejects LM's placeholder IDs and wrong lengths, saying where", () => {
    expect(messages(EventId, "$first")).toEqual([
      `not a valid sha256-event-id: input ends too early at column 7 in urlsafe_unpadded_base64_char; expected "-" / "0"-"9" / "A"-"Z" / "_" / "a"-"z"`,
    ]);
    expect(messages(EventId, `$${"A".repeat(44)}`)[0]).toMatch(
      /^not a valid sha256-event-id: unexpected 'A' \(U\+0041\) at column 45/,
    );
    expect(messages(EventId, `$${"A".repeat(42)}+`)[0]).toMatch(/unexpected '\+'/);
  });

  it("rejects a non-canonical last character, which would give one digest two IDs", () => {
    expect(messages(EventId, `$${"A".repeat(42)}B`)).toEqual([
      "the reference hash is not the canonical encoding of a SHA-256 digest: the last character has non-zero unused bits (column 44)",
    ]);
  });

  it("checks only the last character of IDs the grammar accepts, with the full decoder's verdict", () => {
    const urlChar = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    const grammatical = fc
      .array(urlChar, { minLength: 43, maxLength: 43 })
      .map((chars) => `$${chars.join("")}`);
    fc.assert(
      fc.property(grammatical, (id) => {
        const full = base64DecodedLength(id.slice(1), { alphabet: "url", requireCanonical: true });
        expect(canonicalHashProblem(id) === undefined).toBe(full.ok);
      }),
      { numRuns: 500 },
    );
  });

  it("is a subset of LM's grammar", () => {
    fc.assert(
      fc.property(eventIdArb, (id) => {
        expect(messages(LmEventId, id)).toEqual([]);
      }),
    );
    expect(messages(LmEventId, "$first")).toEqual([]);
    expect(messages(LmEventId, "first")).toHaveLength(1);
  });
});
