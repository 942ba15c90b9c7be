import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";
import {
  PREVIEW_FIELDS,
  SETTING_OWNERS,
  SettingModel,
  VisibilityFile,
  VisibilityRuleModel,
} from "../../src/models/visibility.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");

function decode<S extends Schema.Top>(schema: S, value: unknown) {
  const sink = new ProblemSink("models/visibility.json");
  const decoded = decodeModel(schema, value, sink);
  return { decoded, problems: sink.problems.map(formatProblem) };
}
const problems = (schema: Schema.Top, value: unknown) => decode(schema, value).problems;
const at = (path: string, message: string) => `models/visibility.json: ${path}: ${message}`;

const setting = { name: "share-avatar", scope: "user", summary: "s", requirements: ["SHARING-3"] };
const rule = {
  id: "preview.dm.sender-avatar",
  chatTypes: ["dm"],
  field: "inviter.avatar",
  when: [{ setting: "share-avatar", of: "inviter" }],
  requirements: ["SHARING-3"],
};

describe("the preview vocabulary", () => {
  it("names the fields a preview can show and whose setting a rule reads", () => {
    expect(PREVIEW_FIELDS).toEqual([
      "inviter.name",
      "inviter.chosen-identifier",
      "inviter.user-id",
      "inviter.avatar",
      "inviter.status",
      "first-message",
      "room.name",
      "members.names-and-ids",
      "members.avatars",
    ]);
    expect(SETTING_OWNERS).toEqual(["inviter", "invitee", "member", "hub"]);
  });
});

describe("the shipped visibility.json", () => {
  it("decodes to the settings and rules of SHARING-1..9", () => {
    const { decoded, problems: found } = decode(
      VisibilityFile,
      JSON.parse(readFileSync(join(root, "models/visibility.json"), "utf8")),
    );
    expect(found).toEqual([]);
    expect(decoded?.settings.map((s) => [s.name, s.scope])).toEqual([
      ["share-avatar", "user"],
      ["see-messages-before-consent", "user"],
      ["share-status", "user"],
      ["see-status", "user"],
      ["refuse-invites", "user"],
      ["show-members-before-consent", "hub"],
    ]);
    expect(decoded?.rules.find((r) => r.id === "preview.dm.status-message")?.when).toEqual([
      { setting: "share-status", of: "inviter" },
      { setting: "see-status", of: "invitee" },
    ]);
    expect(decoded?.rules.find((r) => r.id === "preview.dm.sender-id")?.when).toBe("always");
  });
});

describe("SettingModel", () => {
  it("decodes user and hub settings", () => {
    expect(decode(SettingModel, setting)).toEqual({ decoded: setting, problems: [] });
    expect(problems(SettingModel, { ...setting, scope: "hub" })).toEqual([]);
  });

  it("refuses other scopes and names that are not kebab-case", () => {
    expect(problems(SettingModel, { ...setting, scope: "room", name: "shareAvatar" })).toEqual([
      at("$.name", "Expected a kebab-case setting name"),
      at("$.scope", 'Expected "user" | "hub"'),
    ]);
    for (const name of ["Share", "share_avatar", "1share", "", " share", "share "])
      expect(problems(SettingModel, { ...setting, name })).toEqual([
        at("$.name", "Expected a kebab-case setting name"),
      ]);
  });
});

describe("VisibilityRuleModel", () => {
  it("decodes a rule with conditions, one that always holds, and one enabled by an option", () => {
    expect(decode(VisibilityRuleModel, rule)).toEqual({ decoded: rule, problems: [] });
    const always = { ...rule, field: "inviter.user-id", when: "always" };
    expect(decode(VisibilityRuleModel, always)).toEqual({ decoded: always, problems: [] });
    const enabled = { ...always, enabledWhen: { "first-contact.sender-label": "name" } };
    expect(decode(VisibilityRuleModel, enabled)).toEqual({ decoded: enabled, problems: [] });
  });

  it("takes every preview field and every owner", () => {
    for (const field of PREVIEW_FIELDS) expect(problems(VisibilityRuleModel, { ...rule, field })).toEqual([]);
    for (const of of SETTING_OWNERS)
      expect(problems(VisibilityRuleModel, { ...rule, when: [{ setting: "x", of }] })).toEqual([]);
  });

  it("refuses unknown fields and owners, and bad setting names, at their paths", () => {
    expect(problems(VisibilityRuleModel, { ...rule, field: "inviter.email" })).toEqual([
      at(
        "$.field",
        'Expected "inviter.name" | "inviter.chosen-identifier" | "inviter.user-id" | "inviter.avatar" | "inviter.status" | "first-message" | "room.name" | "members.names-and-ids" | "members.avatars"',
      ),
    ]);
    expect(
      problems(VisibilityRuleModel, { ...rule, when: [{ setting: "share-avatar", of: "room" }] }),
    ).toContain(at("$.when[0].of", 'Expected "inviter" | "invitee" | "member" | "hub"'));
    expect(problems(VisibilityRuleModel, { ...rule, when: [{ setting: "Share", of: "inviter" }] })).toEqual([
      at("$.when[0].setting", "Expected a kebab-case setting name"),
    ]);
  });

  it("asks for a dotted rule id", () => {
    for (const id of [
      "sender-avatar",
      "Preview.dm",
      "preview.",
      "preview.dm_x",
      " preview.dm",
      "preview.dm ",
    ])
      expect(problems(VisibilityRuleModel, { ...rule, id })).toEqual([
        at("$.id", "Expected a dotted rule id"),
      ]);
    expect(problems(VisibilityRuleModel, { ...rule, id: "a.b.c-1" })).toEqual([]);
  });

  it("refuses a condition other than the word always", () => {
    expect(problems(VisibilityRuleModel, { ...rule, when: "never" })).toEqual([
      at("$.when", 'Expected "always" | array'),
    ]);
  });
});

describe("VisibilityFile", () => {
  it("decodes a whole file, $comment optional, and reports problems by path", () => {
    const file = { settings: [setting], rules: [rule] };
    expect(decode(VisibilityFile, file)).toEqual({ decoded: file, problems: [] });
    expect(problems(VisibilityFile, { $comment: "c", ...file })).toEqual([]);
    expect(problems(VisibilityFile, { settings: [{ ...setting, requirements: [] }], rules: [] })).toEqual([
      at("$.settings[0].requirements", "Expected at least one requirement id"),
    ]);
  });
});
