import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  CHAT_RULE_TRIGGERS,
  ChatRuleModel,
  ChatTypeModel,
  ChatTypesFile,
  CreationRuleModel,
} from "../../src/models/chat-types.ts";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");

/** Decodes `value`; the value (or `undefined`) and the problems found, formatted. */
function decode<S extends Schema.Top>(schema: S, value: unknown) {
  const sink = new ProblemSink("models/chat-types.json");
  const decoded = decodeModel(schema, value, sink);
  return { decoded, problems: sink.problems.map(formatProblem) };
}
const problems = (schema: Schema.Top, value: unknown) => decode(schema, value).problems;
const at = (path: string, message: string) => `models/chat-types.json: ${path}: ${message}`;

const groupChat = {
  id: "group-chat",
  summary: "A group chat.",
  requirements: ["CHAT-5"],
  fixedMembership: false,
  members: { min: 1, max: null },
  uniqueness: { scope: "none" },
  joinRule: null,
  historyVisibility: null,
};
const dm = {
  ...groupChat,
  id: "dm",
  fixedMembership: true,
  members: { min: 2, max: 2, guard: "dm.two-members", requirements: ["CHAT-1"], reason: "{count} users" },
  uniqueness: { scope: "pair", guard: "dm.unique", requirements: ["CHAT-2"], reason: "{existing}" },
  joinRule: "invite",
  historyVisibility: "shared",
};
const rule = {
  guard: "dm.no-add",
  requirements: ["CHAT-6"],
  reason: "no {target}",
  chatTypes: ["dm"],
  on: "add",
};

describe("CHAT_RULE_TRIGGERS", () => {
  it("are what a chat rule can apply to", () => {
    expect(CHAT_RULE_TRIGGERS).toEqual(["add", "leave", "rejoin", "remove", "change-join-rule"]);
  });
});

describe("the shipped chat-types.json", () => {
  const shipped = decode(
    ChatTypesFile,
    JSON.parse(readFileSync(join(root, "models/chat-types.json"), "utf8")),
  );

  it("decodes without problems", () => {
    expect(shipped.problems).toEqual([]);
  });

  it("has the four chat types of TRANSPORT 3.2 with their member counts (CHAT-1, CHAT-3)", () => {
    const types = shipped.decoded?.chatTypes ?? [];
    expect(
      types.map((t) => [t.id, t.fixedMembership, t.members.min, t.members.max, t.uniqueness.scope]),
    ).toEqual([
      ["dm", true, 2, 2, "pair"],
      ["group-dm", true, 3, null, "member-set"],
      ["group-chat", false, 1, null, "none"],
      ["public-chat", false, 1, null, "none"],
    ]);
    expect(types.map((t) => t.joinRule)).toEqual(["invite", "invite", null, "public"]);
  });

  it("has the chat rules of CHAT-6, 7, 9, 15 and fixed membership, in order", () => {
    expect(shipped.decoded?.rules.map((r) => [r.guard, r.on, r.chatTypes])).toEqual([
      ["dm.no-add", "add", ["dm"]],
      ["group-dm.no-add", "add", ["group-dm"]],
      ["dm.no-leave", "leave", ["dm"]],
      ["fixed-membership.no-leave", "leave", ["group-dm"]],
      ["group-dm.no-rejoin", "rejoin", ["group-dm"]],
      ["fixed-membership.no-removal", "remove", ["dm", "group-dm"]],
      ["fixed-membership.fixed-join-rule", "change-join-rule", ["dm", "group-dm"]],
    ]);
    expect(shipped.decoded?.rules[3]?.enabledWhen).toEqual({
      "mgmt.fixed-membership-rooms": "no-membership-changes",
    });
    expect(shipped.decoded?.creation.map((c) => c.guard)).toEqual([
      "create.distinct-members",
      "create.lowest-id-creates",
    ]);
  });
});

describe("ChatTypeModel", () => {
  it("decodes a chat type without uniqueness or member guard, and one with both", () => {
    expect(decode(ChatTypeModel, groupChat)).toEqual({ decoded: groupChat, problems: [] });
    expect(decode(ChatTypeModel, dm)).toEqual({ decoded: dm, problems: [] });
    const memberSet = { ...dm, uniqueness: { ...dm.uniqueness, scope: "member-set" } };
    expect(problems(ChatTypeModel, memberSet)).toEqual([]);
  });

  it("takes every join rule and history visibility it names", () => {
    for (const joinRule of ["public", "invite", "knock", null])
      expect(problems(ChatTypeModel, { ...groupChat, joinRule })).toEqual([]);
    for (const historyVisibility of ["shared", "joined", "invited", "world", null])
      expect(problems(ChatTypeModel, { ...groupChat, historyVisibility })).toEqual([]);
  });

  it("refuses an id that is not kebab-case", () => {
    for (const id of ["Dm", "group_dm", "1dm", "", "-dm", "dm ", " dm"])
      expect(problems(ChatTypeModel, { ...groupChat, id })).toEqual([
        at("$.id", "Expected a kebab-case chat type id"),
      ]);
    expect(problems(ChatTypeModel, { ...groupChat, id: "group-dm2" })).toEqual([]);
  });

  it("refuses unknown join rules and history visibilities, naming the choices", () => {
    expect(
      problems(ChatTypeModel, { ...groupChat, joinRule: "private", historyVisibility: "never" }),
    ).toEqual([
      at("$.joinRule", 'Expected "public" | "invite" | "knock"'),
      at("$.historyVisibility", 'Expected "shared" | "joined" | "invited" | "world"'),
    ]);
  });

  it("asks a pair or member-set uniqueness for its guard, requirements and reason", () => {
    expect(problems(ChatTypeModel, { ...groupChat, uniqueness: { scope: "pair" } })).toEqual([
      at("$.uniqueness.guard", "Missing key"),
      at("$.uniqueness.requirements", "Missing key"),
      at("$.uniqueness.reason", "Missing key"),
    ]);
    expect(
      problems(ChatTypeModel, { ...dm, uniqueness: { ...dm.uniqueness, guard: "unique", reason: "" } }),
    ).toEqual([
      at("$.uniqueness.guard", "Expected a dotted guard id such as dm.no-add"),
      at("$.uniqueness.reason", "Expected a non-empty reason"),
    ]);
  });

  it("refuses a guard on a scope-none uniqueness", () => {
    expect(problems(ChatTypeModel, { ...groupChat, uniqueness: { scope: "none", guard: "a.b" } })).toContain(
      at("$.uniqueness.guard", "Expected no excess property"),
    );
  });

  it("checks member counts: integers, at least 0, max may be null", () => {
    expect(problems(ChatTypeModel, { ...groupChat, members: { min: 0, max: 0 } })).toEqual([]);
    expect(problems(ChatTypeModel, { ...groupChat, members: { min: -1, max: 1.5 } })).toEqual([
      at("$.members.min", "Expected a value greater than or equal to 0"),
      at("$.members.max", "Expected an integer"),
    ]);
    expect(problems(ChatTypeModel, { ...groupChat, members: { min: 1 } })).toEqual([
      at("$.members.max", "Missing key"),
    ]);
    expect(problems(ChatTypeModel, { ...dm, members: { ...dm.members, requirements: [] } })).toEqual([
      at("$.members.requirements", "Expected at least one requirement id"),
    ]);
  });

  it("asks for at least one requirement, and refuses unknown keys", () => {
    expect(problems(ChatTypeModel, { ...groupChat, requirements: [], sumary: "x" })).toEqual([
      at("$.sumary", "Expected no excess property"),
      at("$.requirements", "Expected at least one requirement id"),
    ]);
  });
});

describe("CreationRuleModel and ChatRuleModel", () => {
  it("decode with and without enabledWhen", () => {
    expect(decode(ChatRuleModel, rule)).toEqual({ decoded: rule, problems: [] });
    const enabled = { ...rule, enabledWhen: { "mgmt.fixed-membership-rooms": "no-membership-changes" } };
    expect(decode(ChatRuleModel, enabled)).toEqual({ decoded: enabled, problems: [] });
    const creation = {
      guard: "create.x",
      requirements: ["CHAT-1"],
      reason: "r",
      chatTypes: ["dm", "group-dm"],
    };
    expect(decode(CreationRuleModel, creation)).toEqual({ decoded: creation, problems: [] });
  });

  it("take every trigger, and refuse others naming the choices", () => {
    for (const on of CHAT_RULE_TRIGGERS) expect(problems(ChatRuleModel, { ...rule, on })).toEqual([]);
    expect(problems(ChatRuleModel, { ...rule, on: "join" })).toEqual([
      at("$.on", 'Expected "add" | "leave" | "rejoin" | "remove" | "change-join-rule"'),
    ]);
  });

  it("refuse bad chat type ids, guard ids, reasons and requirement lists at their paths", () => {
    expect(
      problems(ChatRuleModel, {
        ...rule,
        chatTypes: ["dm", "Group DM"],
        guard: "nodot",
        reason: "",
        requirements: [],
      }),
    ).toEqual([
      at("$.guard", "Expected a dotted guard id such as dm.no-add"),
      at("$.requirements", "Expected at least one requirement id"),
      at("$.reason", "Expected a non-empty reason"),
      at("$.chatTypes[1]", "Expected a kebab-case chat type id"),
    ]);
    expect(
      problems(CreationRuleModel, {
        guard: "create.x",
        requirements: ["X"],
        reason: "r",
        chatTypes: ["dm"],
        on: "add",
      }),
    ).toEqual([at("$.on", "Expected no excess property")]);
  });
});

describe("ChatTypesFile", () => {
  it("decodes a whole file, $comment optional", () => {
    const file = { chatTypes: [groupChat], creation: [], rules: [rule] };
    expect(decode(ChatTypesFile, file)).toEqual({ decoded: file, problems: [] });
    expect(problems(ChatTypesFile, { $comment: "c", ...file })).toEqual([]);
  });

  it("reports problems deep in the file with their paths", () => {
    expect(
      problems(ChatTypesFile, {
        chatTypes: [groupChat, { ...dm, id: "DM" }],
        creation: [],
        rules: [{ ...rule, on: "x" }],
      }),
    ).toEqual([
      at("$.chatTypes[1].id", "Expected a kebab-case chat type id"),
      at("$.rules[0].on", 'Expected "add" | "leave" | "rejoin" | "remove" | "change-join-rule"'),
    ]);
    expect(problems(ChatTypesFile, { chatTypes: [] })).toEqual([
      at("$.creation", "Missing key"),
      at("$.rules", "Missing key"),
    ]);
  });
});
