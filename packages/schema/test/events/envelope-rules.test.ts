import { describe, expect, it } from "vitest";
import {
  createAuthEventsIssues,
  createStateKeyIssues,
  lpduFieldIssues,
  lpduHashIssues,
  memberStateKeyIssues,
  pduIssues,
  prevEventsIssues,
  repairLpdu,
  repairPdu,
} from "../../src/events/index.ts";

const pdu = (fields: Record<string, unknown>) => ({
  type: "org.example.x",
  hashes: {},
  auth_events: [],
  prev_events: ["$p"],
  ...fields,
});

describe("envelope rules", () => {
  it("lpdu iff hub_server", () => {
    expect(lpduHashIssues(pdu({}))).toEqual([]);
    expect(lpduHashIssues(pdu({ hub_server: "h", hashes: { lpdu: {} } }))).toEqual([]);
    expect(lpduHashIssues(pdu({ hub_server: "h" })).map((i) => i.path)).toEqual([["hashes", "lpdu"]]);
    expect(lpduHashIssues(pdu({ hashes: { lpdu: {} } })).map((i) => i.path)).toEqual([["hashes", "lpdu"]]);
  });

  it("prev_events: one with a hub, one or more without, none on create", () => {
    expect(prevEventsIssues(pdu({ prev_events: ["$a", "$b"] }))).toEqual([]);
    expect(prevEventsIssues(pdu({ hub_server: "h", prev_events: ["$a", "$b"] }))).toHaveLength(1);
    expect(prevEventsIssues(pdu({ hub_server: "h", prev_events: [] }))).toHaveLength(1);
    expect(prevEventsIssues(pdu({ prev_events: [] }))).toHaveLength(1);
    expect(prevEventsIssues(pdu({ type: "m.room.create", prev_events: [] }))).toEqual([]);
    expect(
      prevEventsIssues(pdu({ type: "m.room.create", hub_server: "h", prev_events: ["$a"] })).map(
        (i) => i.path,
      ),
    ).toEqual([["hub_server"], ["prev_events"]]);
  });

  it("create: empty state key, no auth events; member: a user ID as state key", () => {
    expect(createStateKeyIssues({ type: "m.room.create", state_key: "" })).toEqual([]);
    expect(createStateKeyIssues({ type: "org.example.x" })).toEqual([]);
    expect(createAuthEventsIssues(pdu({ type: "m.room.create", auth_events: ["$a"] }))).toHaveLength(1);
    expect(memberStateKeyIssues({ type: "m.room.member", state_key: "@a:b" })).toEqual([]);
    expect(memberStateKeyIssues({ type: "m.room.member", state_key: "" })).toHaveLength(1);
    expect(memberStateKeyIssues({ type: "org.example.member", state_key: "" })).toEqual([]);
  });

  it("an LPDU has no hub-only fields, even empty or inherited-looking ones", () => {
    expect(lpduFieldIssues({ type: "x" })).toEqual([]);
    expect(lpduFieldIssues({ type: "x", prev_events: [] }).map((i) => i.path)).toEqual([["prev_events"]]);
    expect(lpduFieldIssues(Object.create({ auth_events: [] }) as object)).toEqual([]);
  });
});

describe("repairs for generators", () => {
  const lpdu = { sha256: "A".repeat(43) };
  const ingredients = ["@u:h", lpdu, "$e"];

  it("make a PDU obey the rules, changing only what breaks one", () => {
    const create = repairPdu(
      pdu({
        type: "m.room.create",
        hub_server: "h",
        hashes: { lpdu },
        prev_events: ["$a"],
        auth_events: ["$b"],
      }),
      ingredients,
    );
    expect(create).toMatchObject({ state_key: "", prev_events: [], auth_events: [], hashes: {} });
    expect(create).not.toHaveProperty("hub_server");
    expect(pduIssues(create as never)).toEqual([]);

    const viaHub = repairPdu(pdu({ hub_server: "h", prev_events: [] }), ingredients);
    expect(viaHub).toMatchObject({ prev_events: ["$e"], hashes: { lpdu } });
    expect(repairPdu(pdu({ hub_server: "h", prev_events: ["$a", "$b"] }), ingredients)).toMatchObject({
      prev_events: ["$a"],
    });
    expect(repairPdu(pdu({ hashes: { lpdu } }), ingredients)).toMatchObject({ hashes: {} });

    const member = repairPdu(pdu({ type: "m.room.member", state_key: "not a user" }), ingredients);
    expect(member).toMatchObject({ state_key: "@u:h" });
    const valid = pdu({ type: "m.room.member", state_key: "@v:x" });
    expect(repairPdu(valid, ingredients)).toEqual(valid);
  });

  it("make an LPDU obey the rules, and leave their input alone", () => {
    const input = { type: "m.room.create", state_key: "x", auth_events: [], prev_events: [] };
    const repaired = repairLpdu(input, ["@u:h"]);
    expect(repaired).toEqual({ type: "m.room.create", state_key: "" });
    expect(input).toEqual({ type: "m.room.create", state_key: "x", auth_events: [], prev_events: [] });
  });

  it("keep a __proto__ key as a plain key", () => {
    const input = JSON.parse(
      '{"__proto__": 1, "type": "org.example.x", "hashes": {}, "auth_events": [], "prev_events": []}',
    );
    const repaired = repairPdu(input, ingredients);
    expect(Object.keys(repaired)).toContain("__proto__");
    expect(Object.getPrototypeOf(repaired)).toBe(Object.prototype);
  });
});
