import { Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FullyFormedEvent,
  LimitedEvent,
  LimitedRoomEvent,
  MAX_EVENT_BYTES,
  RoomEvent,
} from "../../src/events/index.ts";
import { lpduArb, pduArb } from "./arbitraries.ts";
import { copy, history, problems } from "./support.ts";

describe("FullyFormedEvent", () => {
  it("accepts every PDU of a history built with the real hashing and signing code", () => {
    for (const pdu of history.pdus) expect(problems(FullyFormedEvent, pdu)).toEqual([]);
  });

  it("round-trips: decode then encode gives the input back, and encode then decode the value", () => {
    fc.assert(
      fc.property(pduArb, (event) => {
        const decoded = Schema.decodeUnknownSync(FullyFormedEvent)(event);
        expect(decoded).toEqual(event);
        const encoded = Schema.encodeSync(FullyFormedEvent)(decoded);
        expect(encoded).toEqual(event);
        expect(Schema.decodeUnknownSync(FullyFormedEvent)(encoded)).toEqual(decoded);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps keys it does not declare, at the top level and in content", () => {
    const event = { ...copy(history.poll), unsigned: { age: 5 }, event_id: "$x" };
    const decoded = Schema.decodeUnknownSync(FullyFormedEvent)(event) as Record<string, unknown>;
    expect(decoded.unsigned).toEqual({ age: 5 });
    expect(decoded.event_id).toBe("$x");
    expect(decoded.content).toEqual({ question: "Tea?", answers: ["yes", "no"] });
  });

  it("does not look inside content: a member event with nonsense content is still a valid PDU", () => {
    const event = { ...copy(history.bobJoin), content: { membership: 42 } };
    expect(problems(FullyFormedEvent, event)).toEqual([]);
  });

  it("requires hashes.lpdu exactly when hub_server is set", () => {
    const withoutLpdu = copy(history.bobJoin);
    delete (withoutLpdu.hashes as Record<string, unknown>).lpdu;
    expect(problems(FullyFormedEvent, withoutLpdu)).toEqual([
      {
        path: ["hashes", "lpdu"],
        message:
          "hashes.lpdu is missing: an event with hub_server went through the hub and must carry its LPDU's hash (LM §int-pdu)",
      },
    ]);
    const withoutHub = copy(history.bobJoin);
    delete withoutHub.hub_server;
    expect(problems(FullyFormedEvent, withoutHub)).toEqual([
      {
        path: ["hashes", "lpdu"],
        message: "hashes.lpdu must be absent: only events with hub_server carry an LPDU hash (LM §int-pdu)",
      },
    ]);
  });

  it("requires exactly one prev_event with hub_server, at least one without, none on create", () => {
    const twoParents = copy(history.bobJoin);
    twoParents.prev_events = [
      ...(twoParents.prev_events as string[]),
      ...(twoParents.prev_events as string[]),
    ];
    expect(problems(FullyFormedEvent, twoParents)).toEqual([
      {
        path: ["prev_events"],
        message:
          "an event with hub_server has exactly one prev_event, its parent in the linear history; found 2 (LM §int-pdu)",
      },
    ]);
    const orphan = { ...copy(history.name), prev_events: [] };
    expect(problems(FullyFormedEvent, orphan)).toEqual([
      {
        path: ["prev_events"],
        message: "prev_events is empty: every event except m.room.create names its parent (LM §int-pdu)",
      },
    ]);
    const createWithParent = { ...copy(history.create), prev_events: history.name.prev_events };
    expect(problems(FullyFormedEvent, createWithParent)).toEqual([
      {
        path: ["prev_events"],
        message:
          "an m.room.create event is the first of its room and has no prev_events; found 1 (LM §int-ev-create)",
      },
    ]);
  });

  it("requires create events to have an empty state key, no auth events and no hub_server", () => {
    const create = copy(history.create);
    const parents = history.name.prev_events as string[];
    expect(problems(FullyFormedEvent, { ...create, state_key: "x" })).toEqual([
      {
        path: ["state_key"],
        message: 'an m.room.create event has an empty state_key; found "x" (LM §int-ev-create)',
      },
    ]);
    const { state_key: _, ...noStateKey } = create;
    expect(problems(FullyFormedEvent, noStateKey)).toEqual([
      {
        path: ["state_key"],
        message:
          'an m.room.create event is a state event: state_key must be present and "" (LM §int-ev-create)',
      },
    ]);
    expect(problems(FullyFormedEvent, { ...create, auth_events: parents })).toEqual([
      {
        path: ["auth_events"],
        message: "an m.room.create event has no auth_events; found 1 (LM §int-ev-create)",
      },
    ]);
    const viaHub = {
      ...create,
      hub_server: "hub.example",
      hashes: { ...(create.hashes as object), lpdu: create.hashes },
    };
    expect(problems(FullyFormedEvent, viaHub)).toEqual([
      {
        path: ["hub_server"],
        message:
          "an m.room.create event cannot carry hub_server: hub_server requires exactly one prev_event, and a create event has none (LM §int-pdu, §int-ev-create)",
      },
    ]);
  });

  it("requires a membership event's state key to be a user ID", () => {
    const member = copy(history.aliceJoin);
    expect(problems(FullyFormedEvent, { ...member, state_key: "Alice" })).toEqual([
      {
        path: ["state_key"],
        message:
          "the state_key of an m.room.member event is the user ID whose membership it sets: not a valid user_id: unexpected 'A' (U+0041) at column 1 in user_id; expected \"@\" (LM §int-ev-member)",
      },
    ]);
    const { state_key: _, ...noStateKey } = member;
    expect(problems(FullyFormedEvent, noStateKey)).toEqual([
      {
        path: ["state_key"],
        message:
          "an m.room.member event needs a state_key: the user ID whose membership it sets (LM §int-ev-member)",
      },
    ]);
  });

  it("rejects events over 65536 bytes of canonical JSON, signatures included", () => {
    const event = copy(history.poll);
    const big = { ...event, content: { pad: "x".repeat(MAX_EVENT_BYTES) } };
    const [problem, ...rest] = problems(FullyFormedEvent, big);
    expect(rest).toEqual([]);
    expect(problem?.path).toEqual([]);
    expect(problem?.message).toMatch(
      /^the event's canonical JSON is \d+ bytes; LM allows at most 65536, signatures included \(LM §int-pdu\)$/,
    );
  });

  it("rejects missing and mistyped fields at their paths", () => {
    const { sender: _, ...noSender } = copy(history.name);
    expect(problems(FullyFormedEvent, noSender)).toEqual([{ path: ["sender"], message: "Missing key" }]);
    expect(problems(FullyFormedEvent, { ...copy(history.name), auth_events: ["$first"] })[0]?.path).toEqual([
      "auth_events",
      0,
    ]);
    expect(problems(FullyFormedEvent, { ...copy(history.name), content: [] })).toEqual([
      { path: ["content"], message: "Expected OpenObject" },
    ]);
  });
});

describe("LimitedEvent", () => {
  it("accepts the LPDUs the participant signed", () => {
    for (const lpdu of [history.bobJoinLpdu, history.commitLpdu, history.encryptedLpdu]) {
      expect(problems(LimitedEvent, lpdu)).toEqual([]);
    }
  });

  it("round-trips generated LPDUs", () => {
    fc.assert(
      fc.property(lpduArb, (event) => {
        const decoded = Schema.decodeUnknownSync(LimitedEvent)(event);
        expect(decoded).toEqual(event);
        expect(Schema.encodeSync(LimitedEvent)(decoded)).toEqual(event);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects the fields only the hub may fill in", () => {
    const lpdu = copy(history.bobJoinLpdu);
    expect(problems(LimitedEvent, { ...lpdu, auth_events: [], prev_events: [] })).toEqual([
      {
        path: ["auth_events"],
        message:
          "an LPDU must not carry auth_events: the participant cannot know it, so the hub fills it in when it forms the PDU (LM §int-lpdu)",
      },
      {
        path: ["prev_events"],
        message:
          "an LPDU must not carry prev_events: the participant cannot know it, so the hub fills it in when it forms the PDU (LM §int-lpdu)",
      },
    ]);
    const lpduHash = (lpdu.hashes as { lpdu: { sha256: string } }).lpdu.sha256;
    expect(
      problems(LimitedEvent, { ...lpdu, hashes: { ...(lpdu.hashes as object), sha256: lpduHash } }),
    ).toEqual([
      {
        path: ["hashes", "sha256"],
        message:
          "an LPDU carries only hashes.lpdu; hashes.sha256 covers fields the hub adds, so only the hub may set it (LM §int-lpdu)",
      },
    ]);
  });

  it("a PDU is not an LPDU, and an LPDU is not a PDU", () => {
    expect(problems(LimitedEvent, history.bobJoin).length).toBeGreaterThan(0);
    expect(problems(FullyFormedEvent, history.bobJoinLpdu).length).toBeGreaterThan(0);
  });
});

describe("hostile input", () => {
  const schemas = { FullyFormedEvent, LimitedEvent, RoomEvent, LimitedRoomEvent } as const;
  const poll = () => copy(history.poll);

  it("keeps a __proto__ key in content as data, without touching any prototype", () => {
    const text = JSON.stringify(history.poll).replace(
      '"content":{',
      '"content":{"__proto__":{"polluted":true},',
    );
    const event = JSON.parse(text) as Record<string, unknown>;
    const decoded = Schema.decodeUnknownSync(RoomEvent)(event);
    const content: object = decoded.content;
    expect(Object.hasOwn(content, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(content)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Schema.encodeSync(RoomEvent)(decoded)).toEqual(event);
  });

  it("reports a __proto__ key where a user ID is required, at its path", () => {
    const text = JSON.stringify(history.powerLevels).replace('"users":{', '"users":{"__proto__":100,');
    expect(problems(RoomEvent, JSON.parse(text))[0]?.path).toEqual(["content", "users", "__proto__"]);
  });

  it("rejects huge strings quickly, at their path", () => {
    const huge = "x".repeat(2_000_000);
    const cases: Array<[Record<string, unknown>, ReadonlyArray<PropertyKey>]> = [
      [{ ...poll(), room_id: `!${huge}:a` }, ["room_id"]],
      [{ ...poll(), type: huge }, ["type"]],
      [{ ...poll(), state_key: huge }, ["state_key"]],
      [{ ...poll(), content: { text: huge } }, []],
    ];
    for (const [event, path] of cases) {
      const started = performance.now();
      const found = problems(FullyFormedEvent, event);
      expect(found[0]?.path).toEqual(path);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it("rejects numbers beyond the safe integers, and non-integers, at their path", () => {
    const tooBig = JSON.parse(
      JSON.stringify(history.poll).replace(/"origin_server_ts":\d+/, '"origin_server_ts":9007199254740993'),
    );
    expect(problems(FullyFormedEvent, tooBig)).toEqual([
      {
        path: ["origin_server_ts"],
        message:
          "9007199254740992 is outside the safe integer range [-(2^53)+1, 2^53-1]; JSON peers cannot carry it exactly",
      },
    ]);
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e308]) {
      expect(problems(FullyFormedEvent, { ...poll(), origin_server_ts: n })[0]?.path).toEqual([
        "origin_server_ts",
      ]);
      const levels = copy(history.powerLevels);
      (levels.content as Record<string, unknown>).users_default = n;
      expect(problems(RoomEvent, levels)[0]?.path).toEqual(["content", "users_default"]);
    }
  });

  it("bounds nesting inside content by the size limit, without exhausting the stack", () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const [problem] = problems(RoomEvent, { ...poll(), content: { deep } });
    expect(problem?.path.slice(0, 2)).toEqual(["content", "deep"]);
    expect(problem?.message).toMatch(/^not JSON data \(too-deep\): nested deeper than 32768 levels/);

    let legal: unknown = 0;
    for (let i = 0; i < 1000; i++) legal = { a: legal };
    expect(problems(RoomEvent, { ...poll(), content: { legal } })).toEqual([]);
  });

  it("reports in-memory values that are not JSON at their path", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const cases: Array<[unknown, ReadonlyArray<PropertyKey>, RegExp]> = [
      [{ f: () => 1 }, ["content", "f"], /not-json/],
      [{ u: undefined }, ["content", "u"], /not-json/],
      [{ n: Number.NaN }, ["content", "n"], /non-finite-number/],
      [{ s: "\uD800" }, ["content", "s"], /lone-surrogate/],
      [{ "odd key": [1, { d: new Date(0) }] }, ["content", "odd key", 1, "d"], /not-json/],
      // Decoding copies `content` itself, so the cycle closes one level further down.
      [cyclic, ["content", "self", "self"], /cycle/],
    ];
    for (const [content, path, message] of cases) {
      const [problem, ...rest] = problems(FullyFormedEvent, { ...poll(), content });
      expect(rest).toEqual([]);
      expect(problem?.path).toEqual(path);
      expect(problem?.message).toMatch(message);
    }
  });

  it("never throws, whatever the input", () => {
    const mutated = fc
      .tuple(
        pduArb,
        fc.constantFrom("room_id", "type", "state_key", "sender", "hashes", "content", "prev_events"),
        fc.anything(),
      )
      .map(([event, key, value]) => ({ ...event, [key]: value }));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutated), (input) => {
        for (const schema of Object.values(schemas)) {
          const result = Schema.decodeUnknownResult(schema)(input);
          expect(["Success", "Failure"]).toContain(result._tag);
        }
      }),
      { numRuns: 300 },
    );
  });
});
