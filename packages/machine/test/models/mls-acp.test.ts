import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { MLS_PROPOSALS, MLS_ROLES, MlsAcpFile, MlsTemplateModel } from "../../src/models/mls-acp.ts";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");

function decode<S extends Schema.Top>(schema: S, value: unknown) {
  const sink = new ProblemSink("models/mls-acp.json");
  const decoded = decodeModel(schema, value, sink);
  return { decoded, problems: sink.problems.map(formatProblem) };
}
const problems = (schema: Schema.Top, value: unknown) => decode(schema, value).problems;
const at = (path: string, message: string) => `models/mls-acp.json: ${path}: ${message}`;

const none = { propose: [], accept: [] };
const template = {
  id: "dm-fixed",
  chatTypes: ["dm"],
  summary: "Two fixed members.",
  rules: { add: none, remove: none, update: { propose: ["self"], accept: ["hub"] }, "self-remove": none },
};

describe("the MLS vocabulary", () => {
  it("covers the proposal kinds and the roles templates name", () => {
    expect(MLS_PROPOSALS).toEqual(["add", "remove", "update", "self-remove"]);
    expect(MLS_ROLES).toEqual(["self", "member", "inviter", "moderator", "admin", "hub"]);
  });
});

describe("the shipped mls-acp.json", () => {
  const { decoded, problems: found } = decode(
    MlsAcpFile,
    JSON.parse(readFileSync(join(root, "models/mls-acp.json"), "utf8")),
  );

  it("decodes without problems, with one default template per chat type (MLSACP-1)", () => {
    expect(found).toEqual([]);
    expect(decoded?.templates.map((t) => [t.id, t.chatTypes])).toEqual([
      ["dm-fixed", ["dm"]],
      ["group-dm-fixed", ["group-dm"]],
      ["group-moderated", ["group-chat", "public-chat"]],
      ["group-admin-only", ["group-chat"]],
    ]);
    expect(decoded?.defaults).toEqual({
      dm: "dm-fixed",
      "group-dm": "group-dm-fixed",
      "group-chat": "group-moderated",
      "public-chat": "group-moderated",
    });
    // A DM's two members are fixed: only each member's own key updates, accepted by the hub.
    expect(decoded?.templates[0]?.rules).toEqual(template.rules);
  });
});

describe("MlsTemplateModel", () => {
  it("decodes a template", () => {
    expect(decode(MlsTemplateModel, template)).toEqual({ decoded: template, problems: [] });
  });

  it("takes every role, and refuses unknown ones at their path", () => {
    const all = { propose: [...MLS_ROLES], accept: [...MLS_ROLES] };
    expect(problems(MlsTemplateModel, { ...template, rules: { ...template.rules, add: all } })).toEqual([]);
    expect(
      problems(MlsTemplateModel, {
        ...template,
        rules: { ...template.rules, remove: { propose: ["owner"], accept: [] } },
      }),
    ).toEqual([
      at(
        "$.rules.remove.propose[0]",
        'Expected "self" | "member" | "inviter" | "moderator" | "admin" | "hub"',
      ),
    ]);
  });

  it("asks for a rule for every proposal kind, and no other", () => {
    const { "self-remove": _dropped, ...rest } = template.rules;
    expect(problems(MlsTemplateModel, { ...template, rules: rest })).toEqual([
      at('$.rules["self-remove"]', "Missing key"),
    ]);
    expect(problems(MlsTemplateModel, { ...template, rules: { ...template.rules, kick: none } })).toEqual([
      at("$.rules.kick", "Expected no excess property"),
    ]);
    expect(
      problems(MlsTemplateModel, { ...template, rules: { ...template.rules, add: { propose: [] } } }),
    ).toEqual([at("$.rules.add.accept", "Missing key")]);
  });

  it("refuses an id that is not kebab-case", () => {
    for (const id of ["DM-fixed", "dm_fixed", "1dm", "", "dm fixed", " dm"])
      expect(problems(MlsTemplateModel, { ...template, id })).toEqual([
        at("$.id", "Expected a kebab-case template id"),
      ]);
    expect(problems(MlsTemplateModel, { ...template, id: "group-dm2-fixed" })).toEqual([]);
  });
});

describe("MlsAcpFile", () => {
  const file = {
    proposals: [...MLS_PROPOSALS],
    roles: [...MLS_ROLES],
    templates: [template],
    defaults: { dm: "dm-fixed" },
    guards: [{ guard: "mls-acp.may-propose", requirements: ["MLSACP-3"], reason: "no" }],
  };

  it("decodes a whole file, $comment optional", () => {
    expect(decode(MlsAcpFile, file)).toEqual({ decoded: file, problems: [] });
    expect(problems(MlsAcpFile, { $comment: "c", ...file })).toEqual([]);
  });

  it("reports problems with their paths", () => {
    expect(
      problems(MlsAcpFile, {
        ...file,
        proposals: ["add", "kick"],
        defaults: { dm: 1 },
        guards: [{ guard: "x" }],
      }),
    ).toEqual([
      at("$.proposals[1]", 'Expected "add" | "remove" | "update" | "self-remove"'),
      at("$.defaults.dm", "Expected string"),
      at("$.guards[0].guard", "Expected a dotted guard id such as dm.no-add"),
      at("$.guards[0].requirements", "Missing key"),
      at("$.guards[0].reason", "Missing key"),
    ]);
  });
});
