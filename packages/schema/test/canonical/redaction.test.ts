import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/canonical/json-value.ts";
import { LM_REDACTION_RULES, redactEvent } from "../../src/canonical/redaction.ts";
import { jsonValue, safeInteger } from "./arbitraries.ts";

function redacted(event: JsonObject): JsonObject {
  const result = redactEvent(event);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const base = {
  room_id: "!abc:first.example.org",
  sender: "@bob:second.example.org",
  origin_server_ts: 1681340188825,
  hub_server: "first.example.org",
  hashes: { lpdu: { sha256: "x" }, sha256: "y" },
  signatures: { "first.example.org": { "ed25519:1": "sig" } },
  auth_events: ["$a"],
  prev_events: ["$p"],
};

describe("redactEvent (LM §int-redactions)", () => {
  it("keeps exactly the LM top-level keys and drops everything else", () => {
    const event = {
      ...base,
      type: "m.room.message",
      state_key: "",
      content: { body: "secret" },
      unsigned: { age: 5 },
      event_id: "$not-kept",
      origin: "second.example.org",
      depth: 3,
      custom: true,
    };
    expect(redacted(event)).toEqual({ ...base, type: "m.room.message", state_key: "", content: {} });
  });

  const contentCases: ReadonlyArray<readonly [string, JsonObject, JsonObject]> = [
    [
      "m.room.create",
      { room_version: "I.1", anything: { nested: 1 } },
      { room_version: "I.1", anything: { nested: 1 } },
    ],
    ["m.room.member", { membership: "join", displayname: "Bob", reason: "hi" }, { membership: "join" }],
    ["m.room.join_rules", { join_rule: "knock", allow: [] }, { join_rule: "knock" }],
    [
      "m.room.power_levels",
      {
        ban: 50,
        events: { "m.room.name": 50 },
        events_default: 0,
        kick: 50,
        redact: 50,
        state_default: 50,
        users: { "@a:b": 100 },
        users_default: 0,
        invite: 0,
        notifications: { room: 50 },
      },
      {
        ban: 50,
        events: { "m.room.name": 50 },
        events_default: 0,
        kick: 50,
        redact: 50,
        state_default: 50,
        users: { "@a:b": 100 },
        users_default: 0,
        invite: 0,
      },
    ],
    [
      "m.room.history_visibility",
      { history_visibility: "shared", extra: 1 },
      { history_visibility: "shared" },
    ],
    ["m.room.name", { name: "Room" }, {}],
    ["m.mls.commit", { message: "AAAA" }, {}],
  ];
  it.each(contentCases)("keeps the %s content keys LM lists", (type, content, kept) => {
    expect(redacted({ ...base, type, content }).content).toEqual(kept);
  });

  it("does not add keys that are absent", () => {
    expect(redacted({ type: "m.room.member", content: { displayname: "x" } })).toEqual({
      type: "m.room.member",
      content: {},
    });
    expect(redacted({ type: "x" })).toEqual({ type: "x" });
  });

  it("is not fooled by type names or keys that are Object.prototype members", () => {
    for (const type of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(redacted({ type, content: { a: 1 } })).toEqual({ type, content: {} });
    }
    const content = JSON.parse('{"__proto__": 1, "membership": "join"}') as JsonObject;
    expect(Object.keys(redacted({ type: "m.room.member", content }).content as JsonObject)).toEqual([
      "membership",
    ]);
  });

  it("rejects a non-object content with the path, and a non-string type keeps no content", () => {
    expect(redactEvent({ type: "m.room.create", content: "nope" })).toMatchObject({
      ok: false,
      error: { code: "expected-object", path: "$.content" },
    });
    expect(redacted({ type: 5, content: { a: 1 } })).toEqual({ type: 5, content: {} });
    expect(redactEvent([] as unknown as JsonObject)).toMatchObject({
      ok: false,
      error: { code: "expected-object" },
    });
  });

  it("does not modify its input and is idempotent", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("m.room.create", "m.room.member", "m.room.power_levels", "m.room.message"),
        fc.dictionary(
          fc.constantFrom(...LM_REDACTION_RULES.topLevelKeys, "unsigned", "depth", "x"),
          jsonValue(safeInteger, 2),
        ),
        fc.dictionary(
          fc.constantFrom("membership", "ban", "users", "body", "room_version"),
          jsonValue(safeInteger, 2),
        ),
        (type, fields, content) => {
          const event = { ...fields, type, content };
          const before = JSON.stringify(event);
          const once = redacted(event);
          expect(JSON.stringify(event)).toBe(before);
          expect(redacted(once)).toEqual(once);
          for (const key of Object.keys(once)) expect(LM_REDACTION_RULES.topLevelKeys).toContain(key);
        },
      ),
    );
  });
});
