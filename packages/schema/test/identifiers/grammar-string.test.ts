import { Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filtersOf } from "../../src/arbitrary/checks.ts";
import { KeyId } from "../../src/events/key-id.ts";
import { grammarTestOf } from "../../src/identifiers/grammar-string.ts";
import { RoomId } from "../../src/identifiers/room-id.ts";
import { ServerName } from "../../src/identifiers/server-name.ts";
import { UserId } from "../../src/identifiers/user-id.ts";

describe("grammarTestOf", () => {
  it("finds the plain test of a grammar string's check, through brands and annotations", () => {
    for (const schema of [UserId, RoomId, ServerName, KeyId]) {
      const [filter, ...more] = filtersOf(schema.ast);
      expect(more).toEqual([]);
      expect(filter === undefined ? undefined : grammarTestOf(filter)).toBeTypeOf("function");
    }
    const [other] = filtersOf(ServerName.pipe((s) => s.annotate({ description: "again" })).ast);
    expect(other === undefined ? undefined : grammarTestOf(other)).toBeTypeOf("function");
  });

  it("gives the check's verdict on any string", () => {
    const candidate = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        "@alice:example.org",
        "!room:example.org:8448",
        "example.org:0",
        "ed25519:a_1",
        "ED25519:1",
      ),
    );
    for (const schema of [UserId, RoomId, ServerName, KeyId]) {
      const [filter] = filtersOf(schema.ast);
      if (filter === undefined) throw new Error("a grammar string has a check");
      const test = grammarTestOf(filter);
      fc.assert(
        fc.property(candidate, (value) => {
          expect(test?.(value)).toBe(filter.run(value, schema.ast, {}) === undefined);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("has none for other checks", () => {
    const [filter] = filtersOf(Schema.String.pipe(Schema.check(Schema.isMinLength(1))).ast);
    expect(filter === undefined ? "none" : grammarTestOf(filter)).toBeUndefined();
  });
});
