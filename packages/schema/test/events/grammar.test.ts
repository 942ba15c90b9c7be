import { readFileSync } from "node:fs";
import { dfaArbitrary } from "@mimi-spec/grammar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventId, keyId, namespacedId, roomVersion, rules, sha256EventId } from "../../src/events/grammar.ts";

const abnf = readFileSync(new URL("../../../../spec/grammar/events.abnf", import.meta.url), "utf8");

/** Independent oracles: what each rule means, written as regular expressions. */
const ORACLES: Record<string, RegExp> = {
  event_id: /^\$[A-Za-z0-9_-]+$/,
  "sha256-event-id": /^\$[A-Za-z0-9_-]{43}$/,
  room_version: /^[a-z0-9.-]{1,128}$/,
  // RFC 5234 §2.3: a quoted literal is case-insensitive, so the grammar accepts ED25519 too.
  key_id: /^ed25519:[A-Za-z0-9_]+$/i,
  key_version: /^[A-Za-z0-9_]+$/,
  "namespaced-id": /^[a-z][a-z0-9._-]*$/,
};

/** Strings near the rules: their characters plus a few that none allows. */
const nearby = fc.oneof(
  fc.stringMatching(/^[eE][dD]25519:[A-Za-z0-9_]{1,3}$/),
  fc.string({
    unit: fc.constantFrom(
      "$",
      "a",
      "Z",
      "0",
      "-",
      "_",
      ".",
      ":",
      "e",
      "d",
      "2",
      "5",
      "1",
      "9",
      "I",
      "+",
      "/",
      " ",
    ),
    maxLength: 50,
  }),
  fc.string({ unit: fc.constantFrom("a", "-", "."), minLength: 120, maxLength: 135 }),
  fc.string({ unit: fc.constantFrom("A", "-"), minLength: 40, maxLength: 46 }).map((s) => `$${s}`),
  fc.stringMatching(/^ed25519:[A-Za-z0-9_:-]{0,5}$/),
);

describe("events grammar (compiled at run time)", () => {
  it("quotes LM's rules verbatim", () => {
    for (const quoted of [
      'event_id = "$" reference_hash\nreference_hash = 1*urlsafe_unpadded_base64_char\nurlsafe_unpadded_base64_char = ALPHA / DIGIT / "-" / "_"',
      'room_version = 1*128room_version_char\nroom_version_char = DIGIT\n                  / %x61-7A         ; a-z\n                  / "-" / "."',
      'key_version = 1*key_version_char\nkey_version_char = ALPHA / DIGIT / "_"',
      'key_id = key_algorithm ":" key_version\nkey_algorithm = "ed25519"',
    ]) {
      expect(abnf).toContain(quoted);
    }
  });

  it("agrees with an independent oracle on nearby strings", () => {
    fc.assert(
      fc.property(nearby, (s) => {
        for (const [name, oracle] of Object.entries(ORACLES)) {
          expect(rules[name]?.test(s), `${name} on ${JSON.stringify(s)}`).toBe(oracle.test(s));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("generates only strings its oracle accepts", () => {
    for (const [name, oracle] of Object.entries(ORACLES)) {
      const dfa = rules[name]?.dfa;
      if (dfa === undefined) throw new Error(`no rule ${name}`);
      fc.assert(
        fc.property(dfaArbitrary(dfa, { maxSteps: 60 }), (s) => {
          expect(oracle.test(s)).toBe(true);
        }),
      );
    }
  });

  it("explains failures: where, and what was expected", () => {
    expect(roomVersion("I.1")).toMatchObject({ ok: false, offset: 0 });
    expect(eventId("$")).toMatchObject({ ok: false, offset: 1 });
    expect(sha256EventId(`$${"A".repeat(42)}`)).toMatchObject({ ok: false, offset: 43 });
    expect(keyId("ed25519:")).toMatchObject({ ok: false, offset: 8 });
    expect(namespacedId("m.Room")).toMatchObject({ ok: false, offset: 2 });
    expect(roomVersion("org.example.v1")).toEqual({ ok: true });
  });
});
