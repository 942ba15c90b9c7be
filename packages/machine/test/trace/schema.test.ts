import { describe, expect, it } from "vitest";
import { ACTION_KINDS, ACTION_SCHEMAS, decodeTrace, parseTrace } from "../../src/trace/schema.ts";
import { A, alice, B, bob, room } from "../support.ts";
import { ACTION_SAMPLES as SAMPLES } from "./action-samples.ts";

const chat = room("chat");

/** A trace of these actions. */
const traceOf = (...actions: unknown[]) => ({
  description: "d",
  steps: actions.map((action) => ({ action })),
});

/** The problems decoding finds, as `path: message`. */
function problems(value: unknown): string[] {
  const decoded = decodeTrace(value);
  return decoded.ok ? [] : decoded.problems.map((p) => `${p.path}: ${p.message}`);
}

const kinds = ACTION_KINDS.join(", ");

describe("ACTION_KINDS", () => {
  it("are every action kind, each with its schema", () => {
    expect(ACTION_KINDS).toEqual([
      "create-room",
      "invite",
      "join",
      "leave",
      "knock",
      "kick",
      "ban",
      "unban",
      "send-message",
      "set-power-levels",
      "set-join-rule",
      "set-history-visibility",
      "set-name",
      "redact",
      "send-event",
      "mls-propose",
      "propose-mls-acp",
      "set-profile",
      "set-setting",
      "set-server-setting",
      "deliver",
      "drop",
      "duplicate",
      "retry",
      "flush",
      "sync",
      "restart",
      "forge-limited",
      "forge-fully-formed",
      "hub-tamper",
    ]);
    expect(Object.keys(ACTION_SCHEMAS)).toEqual(ACTION_KINDS);
  });
});

describe("decodeTrace: actions", () => {
  it.each(Object.values(SAMPLES).map((a) => [a.kind, a] as const))(
    "decodes a %s action as written",
    (_kind, action) => {
      expect(decodeTrace(traceOf(action))).toStrictEqual({
        ok: true,
        trace: { description: "d", steps: [{ action }] },
      });
    },
  );

  it.each(Object.values(SAMPLES).map((a) => [a.kind, a] as const))(
    "refuses an extra field on %s",
    (_kind, action) => {
      expect(problems(traceOf({ ...action, extra: 1 }))).toEqual([
        "$.steps[0].action.extra: Expected no excess property",
      ]);
    },
  );

  it("decodes actions without their optional fields", () => {
    const minimal = [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
      { kind: "send-event", user: alice, room: chat, type: "x.custom", content: {} },
      { kind: "mls-propose", user: alice, room: chat, proposal: "update" },
      { kind: "set-profile", user: bob },
      { kind: "forge-limited", server: B, room: chat, event: { type: "t", sender: bob, content: {} } },
      { kind: "hub-tamper", room: chat, tamper: "skip-auth", event: { type: "t", sender: bob, content: {} } },
    ];
    const decoded = decodeTrace(traceOf(...minimal));
    expect(decoded).toStrictEqual({
      ok: true,
      trace: { description: "d", steps: minimal.map((action) => ({ action })) },
    });
  });

  it("points at missing and ill-formed fields", () => {
    expect(problems(traceOf({ kind: "join" }))).toEqual([
      "$.steps[0].action.user: Missing key",
      "$.steps[0].action.room: Missing key",
    ]);
    expect(problems(traceOf({ kind: "invite", user: alice, room: chat, target: "carol" }))).toEqual([
      `$.steps[0].action.target: not a valid user_id: unexpected 'c' (U+0063) at column 1 in user_id; expected "@"`,
    ]);
    expect(problems(traceOf({ kind: "create-room", user: alice, room: chat, chatType: "channel" }))).toEqual([
      '$.steps[0].action.chatType: Expected "dm" | "group-dm" | "group-chat" | "public-chat"',
    ]);
    expect(problems(traceOf({ ...SAMPLES["set-power-levels"], content: [] }))).toEqual([
      "$.steps[0].action.content: Expected object",
    ]);
  });

  it("takes message ids from 1, whole numbers only", () => {
    expect(problems(traceOf({ kind: "deliver", message: 1 }))).toEqual([]);
    expect(problems(traceOf({ kind: "drop", message: 0 }, { kind: "duplicate", message: 1.5 }))).toEqual([
      "$.steps[0].action.message: Expected a value greater than or equal to 1",
      "$.steps[1].action.message: Expected an integer",
    ]);
  });

  it("takes user settings in set-setting and hub settings in set-server-setting, and no other", () => {
    for (const setting of [
      "share-avatar",
      "see-messages-before-consent",
      "share-status",
      "see-status",
      "refuse-invites",
    ])
      expect(problems(traceOf({ kind: "set-setting", user: bob, setting, value: true }))).toEqual([]);
    expect(
      problems(
        traceOf(
          { kind: "set-setting", user: bob, setting: "show-members-before-consent", value: true },
          { kind: "set-server-setting", server: A, setting: "share-avatar", value: 1 },
        ),
      ),
    ).toEqual([
      '$.steps[0].action.setting: Expected "share-avatar" | "see-messages-before-consent" | "share-status" | "see-status" | "refuse-invites"',
      '$.steps[1].action.setting: Expected "show-members-before-consent"',
      "$.steps[1].action.value: Expected boolean",
    ]);
  });

  it("takes the four hub tampers and checks the forged event's fields", () => {
    for (const tamper of ["add-auth-event", "remove-auth-event", "fork", "skip-auth"])
      expect(problems(traceOf({ ...SAMPLES["hub-tamper"], tamper }))).toEqual([]);
    expect(
      problems(
        traceOf({
          kind: "hub-tamper",
          room: chat,
          tamper: "x",
          event: { type: "t", sender: bob, content: [], extra: 1 },
        }),
      ),
    ).toEqual([
      '$.steps[0].action.tamper: Expected "add-auth-event" | "remove-auth-event" | "fork" | "skip-auth"',
      "$.steps[0].action.event.extra: Expected no excess property",
      "$.steps[0].action.event.content: Expected object",
    ]);
    // forge-fully-formed names its recipient; forge-limited may leave it to the hub.
    const { to: _to, ...noRecipient } = SAMPLES["forge-fully-formed"];
    expect(problems(traceOf(noRecipient))).toEqual(["$.steps[0].action.to: Missing key"]);
  });

  it("names an unknown, missing or non-string action kind, with the kinds to use", () => {
    expect(problems(traceOf({ kind: "dance" }, {}, { kind: 5 }))).toEqual([
      `$.steps[0].action.kind: unknown action kind "dance"; use one of ${kinds}`,
      `$.steps[1].action.kind: unknown action kind null; use one of ${kinds}`,
      `$.steps[2].action.kind: unknown action kind 5; use one of ${kinds}`,
    ]);
  });
});

describe("decodeTrace: the trace", () => {
  it("keeps every optional field but $comment, and each step's expectation and note", () => {
    const text = {
      $comment: "why",
      description: "d",
      profile: "pol-00",
      options: { "chat.dm-creation": "any-member" },
      delivery: "network",
      eventIds: "reference-hash",
      expectViolations: ["dm.unique-per-pair"],
      steps: [
        { action: SAMPLES.flush, expect: "accepted", note: "n" },
        { action: SAMPLES.join, expect: { rejected: "dm.no-add" } },
      ],
    };
    const { $comment: _comment, ...rest } = text;
    expect(decodeTrace(text)).toStrictEqual({ ok: true, trace: rest });
  });

  it("takes an empty trace", () => {
    expect(decodeTrace({ description: "", steps: [] })).toStrictEqual({
      ok: true,
      trace: { description: "", steps: [] },
    });
  });

  it("refuses the wrong shape before looking at actions", () => {
    expect(problems([])).toEqual(["$: Expected object"]);
    expect(problems({ steps: [{ action: { kind: "dance" } }] })).toEqual(["$.description: Missing key"]);
    expect(
      problems({
        description: "d",
        delivery: "slow",
        eventIds: "uuid",
        options: { a: 1 },
        steps: [{ action: SAMPLES.flush, expect: "rejected" }, { action: "flush" }],
      }),
    ).toEqual([
      "$.options.a: Expected string",
      '$.delivery: Expected "instant" | "network"',
      '$.eventIds: Expected "counter" | "reference-hash"',
      '$.steps[0].expect: Expected "accepted" | object',
      "$.steps[1].action: Expected object",
    ]);
  });

  it("names unknown guards in expectations, alongside the action's own problems", () => {
    expect(
      problems({
        description: "d",
        steps: [{ action: { kind: "join" }, expect: { rejected: "no.such-guard" } }],
      }),
    ).toEqual([
      "$.steps[0].action.user: Missing key",
      "$.steps[0].action.room: Missing key",
      "$.steps[0].expect.rejected: unknown guard no.such-guard",
    ]);
    expect(
      problems({ description: "d", steps: [{ action: SAMPLES.flush, expect: { rejected: "dm.no-add" } }] }),
    ).toEqual([]);
  });

  it("names an excess symbol key (a caller's object, not JSON) by its description", () => {
    const key = Symbol("x");
    expect(problems({ description: "d", steps: [], [key]: 1 })).toEqual([
      '$["Symbol(x)"]: Expected no excess property',
    ]);
    expect(problems(traceOf({ ...SAMPLES.flush, [key]: 1 }))).toEqual([
      '$.steps[0].action["Symbol(x)"]: Expected no excess property',
    ]);
  });

  it("names unknown invariants by their index", () => {
    expect(
      problems({ description: "d", steps: [], expectViolations: ["dm.unique-per-pair", "x.y", "z"] }),
    ).toEqual(["$.expectViolations[1]: unknown invariant x.y", "$.expectViolations[2]: unknown invariant z"]);
  });

  it("fails as a whole when one step of many is wrong", () => {
    const decoded = decodeTrace(traceOf(SAMPLES.flush, { kind: "deliver", message: 0 }, SAMPLES.restart));
    expect(decoded).toEqual({
      ok: false,
      problems: [
        { path: "$.steps[1].action.message", message: "Expected a value greater than or equal to 1" },
      ],
    });
  });
});

describe("parseTrace", () => {
  it("decodes valid text like decodeTrace", () => {
    const value = traceOf(SAMPLES.flush, SAMPLES.join);
    expect(parseTrace(JSON.stringify(value))).toStrictEqual(decodeTrace(value));
  });

  it("reports invalid JSON with its path, line and column", () => {
    expect(parseTrace("{")).toEqual({
      ok: false,
      problems: [
        {
          path: "$",
          message: "not valid JSON at line 1, column 2: the text ends where a string key was expected",
        },
      ],
    });
    expect(parseTrace('{"description": "d",\n "description": "e", "steps": []}')).toEqual({
      ok: false,
      problems: [
        {
          path: "$.description",
          message: 'not valid JSON at line 2, column 2: the key "description" appears twice in this object',
        },
      ],
    });
  });

  it("reports decoding problems of valid JSON", () => {
    expect(parseTrace('{"steps": []}')).toEqual({
      ok: false,
      problems: [{ path: "$.description", message: "Missing key" }],
    });
  });
});
