import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  Count,
  EnabledWhen,
  GuardIdString,
  placeholdersOf,
  REASON_PLACEHOLDERS,
  ReasonTemplate,
  RequirementIds,
} from "../../src/models/common.ts";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";

/** The problems `schema` finds in `value`, formatted (none when it decodes). */
function problems(schema: Schema.Top, value: unknown): string[] {
  const sink = new ProblemSink("models/x.json");
  decodeModel(schema, value, sink);
  return sink.problems.map(formatProblem);
}

describe("GuardIdString", () => {
  it.each(["dm.no-add", "a.b", "group-dm.unique", "hub.hub-server-left", "a1.b2.c3"])("accepts %s", (id) => {
    expect(problems(GuardIdString, id)).toEqual([]);
  });

  it.each([
    "dm",
    "Dm.no-add",
    "dm.No-add",
    "1dm.x",
    "dm.",
    ".dm",
    "dm..x",
    "dm.-x",
    "dm.no_add",
    " dm.x",
    "dm.x ",
    "dm.x\n",
  ])("refuses %j as not a dotted guard id", (id) => {
    expect(problems(GuardIdString, id)).toEqual([
      "models/x.json: $: Expected a dotted guard id such as dm.no-add",
    ]);
  });

  it("refuses a non-string", () => {
    expect(problems(GuardIdString, 1)).toEqual(["models/x.json: $: Expected string"]);
  });
});

describe("RequirementIds", () => {
  it("takes one or more ids (checked against the registry later, not here)", () => {
    expect(problems(RequirementIds, ["CHAT-1"])).toEqual([]);
    expect(problems(RequirementIds, ["CHAT-1", "NOT-A-REQ"])).toEqual([]);
  });

  it("refuses an empty list and non-strings", () => {
    expect(problems(RequirementIds, [])).toEqual(["models/x.json: $: Expected at least one requirement id"]);
    expect(problems(RequirementIds, ["CHAT-1", 2])).toEqual(["models/x.json: $[1]: Expected string"]);
  });
});

describe("ReasonTemplate", () => {
  it("takes any non-empty text, placeholders checked later", () => {
    expect(problems(ReasonTemplate, "x")).toEqual([]);
    expect(problems(ReasonTemplate, "{nope}")).toEqual([]);
  });

  it("refuses an empty reason", () => {
    expect(problems(ReasonTemplate, "")).toEqual(["models/x.json: $: Expected a non-empty reason"]);
  });
});

describe("EnabledWhen", () => {
  it("maps option names to values, both strings", () => {
    expect(problems(EnabledWhen, {})).toEqual([]);
    expect(problems(EnabledWhen, { "chat.dm-creation": "any-member" })).toEqual([]);
    expect(problems(EnabledWhen, { "chat.dm-creation": true })).toEqual([
      'models/x.json: $["chat.dm-creation"]: Expected string',
    ]);
  });
});

describe("Count", () => {
  it("takes non-negative integers, 0 included", () => {
    expect(problems(Count, 0)).toEqual([]);
    expect(problems(Count, 2)).toEqual([]);
  });

  it("refuses negative numbers and fractions", () => {
    expect(problems(Count, -1)).toEqual(["models/x.json: $: Expected a value greater than or equal to 0"]);
    expect(problems(Count, 1.5)).toEqual(["models/x.json: $: Expected an integer"]);
    expect(problems(Count, "2")).toEqual(["models/x.json: $: Expected number"]);
  });
});

describe("REASON_PLACEHOLDERS", () => {
  it("are the names the machine fills from the event and the room", () => {
    expect(REASON_PLACEHOLDERS).toEqual([
      "sender",
      "target",
      "room",
      "server",
      "origin",
      "hub",
      "chatType",
      "members",
      "count",
      "existing",
      "lowest",
      "membership",
      "senderMembership",
      "targetMembership",
      "joinRule",
      "senderLevel",
      "targetLevel",
      "requiredLevel",
      "eventType",
      "eventId",
      "stateKey",
      "prev",
      "head",
      "roomServer",
      "senderServer",
      "signerRole",
      "expected",
      "value",
      "detail",
    ]);
  });
});

describe("placeholdersOf", () => {
  it("lists the placeholders in order of appearance, repeats included", () => {
    expect(placeholdersOf("{sender} cannot invite {target} to {room}; {sender} again")).toEqual([
      "sender",
      "target",
      "room",
      "sender",
    ]);
  });

  it("finds none in plain text, and an empty name in {}", () => {
    expect(placeholdersOf("no placeholders here")).toEqual([]);
    expect(placeholdersOf("")).toEqual([]);
    expect(placeholdersOf("an empty {} one")).toEqual([""]);
  });

  it("takes the innermost braces, so a typo cannot hide inside nested ones", () => {
    expect(placeholdersOf("{{sendr}}")).toEqual(["sendr"]);
    expect(placeholdersOf("{a{b}")).toEqual(["b"]);
    expect(placeholdersOf("unclosed {sender")).toEqual([]);
  });
});
