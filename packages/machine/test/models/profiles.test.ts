import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";
import { OptionModel, ProfileModel, ProfilesFile } from "../../src/models/profiles.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");

function decode<S extends Schema.Top>(schema: S, value: unknown) {
  const sink = new ProblemSink("models/profiles.json");
  const decoded = decodeModel(schema, value, sink);
  return { decoded, problems: sink.problems.map(formatProblem) };
}
const problems = (schema: Schema.Top, value: unknown) => decode(schema, value).problems;
const at = (path: string, message: string) => `models/profiles.json: ${path}: ${message}`;

const option = { name: "auth.kick-target", choices: ["any-membership", "joined-only"] };
const profile = { name: "lm-i1", summary: "LM", values: { "auth.kick-target": "any-membership" } };

describe("the shipped profiles.json", () => {
  const { decoded, problems: found } = decode(
    ProfilesFile,
    JSON.parse(readFileSync(join(root, "models/profiles.json"), "utf8")),
  );

  it("decodes without problems; lm-i1 is the default and the registry-defaults profile", () => {
    expect(found).toEqual([]);
    expect(decoded?.default).toBe("lm-i1");
    expect(decoded?.profiles.map((p) => [p.name, p.registryDefaults])).toEqual([
      ["lm-i1", true],
      ["lm-i1-text", undefined],
      ["matrix-v11", undefined],
      ["pol-00", undefined],
    ]);
  });

  it("gives every profile a value for every option", () => {
    const names = decoded?.options.map((o) => o.name).sort();
    for (const p of decoded?.profiles ?? []) expect(Object.keys(p.values).sort()).toEqual(names);
  });

  it("marks the choices the machine cannot run (only for options where some are missing)", () => {
    expect(
      decoded?.options.filter((o) => o.implemented !== undefined).map((o) => [o.name, o.implemented]),
    ).toEqual([
      ["mgmt.enforcement", ["hub-and-followers", "hub-only"]],
      ["mgmt.privilege-model", ["power-levels"]],
    ]);
  });
});

describe("OptionModel", () => {
  it("decodes an option, with implemented choices and an unregistered entry when given", () => {
    expect(decode(OptionModel, option)).toEqual({ decoded: option, problems: [] });
    const full = {
      ...option,
      implemented: ["any-membership"],
      unregistered: { summary: "s", requirements: ["CHAT-2"], default: "any-membership" },
    };
    expect(decode(OptionModel, full)).toEqual({ decoded: full, problems: [] });
  });

  it("asks for at least two choices", () => {
    expect(problems(OptionModel, { ...option, choices: ["only"] })).toEqual([
      at("$.choices", "Expected at least two choices"),
    ]);
    expect(problems(OptionModel, { ...option, choices: [] })).toEqual([
      at("$.choices", "Expected at least two choices"),
    ]);
  });

  it("asks for a dotted option name", () => {
    for (const name of ["kick-target", "Auth.kick-target", "auth.", "auth.kick_target", " auth.x", "auth.x "])
      expect(problems(OptionModel, { ...option, name })).toEqual([
        at("$.name", "Expected a dotted option name such as auth.knock-from-invite"),
      ]);
    expect(problems(OptionModel, { ...option, name: "a.b.c-2" })).toEqual([]);
  });

  it("asks for kebab-case choices, which may start with a digit", () => {
    expect(problems(OptionModel, { ...option, choices: ["level-0", "0-level", "100"] })).toEqual([]);
    expect(
      problems(OptionModel, { ...option, choices: ["Allow", "re ject", "-x", ""], implemented: ["x_y"] }),
    ).toEqual([
      at("$.choices[0]", "Expected a kebab-case choice such as allow"),
      at("$.choices[1]", "Expected a kebab-case choice such as allow"),
      at("$.choices[2]", "Expected a kebab-case choice such as allow"),
      at("$.choices[3]", "Expected a kebab-case choice such as allow"),
      at("$.implemented[0]", "Expected a kebab-case choice such as allow"),
    ]);
  });

  it("checks the unregistered entry's fields", () => {
    expect(
      problems(OptionModel, { ...option, unregistered: { summary: "s", requirements: [], default: "No" } }),
    ).toEqual([
      at("$.unregistered.requirements", "Expected at least one requirement id"),
      at("$.unregistered.default", "Expected a kebab-case choice such as allow"),
    ]);
  });
});

describe("ProfileModel", () => {
  it("decodes a profile, registryDefaults optional", () => {
    expect(decode(ProfileModel, profile)).toEqual({ decoded: profile, problems: [] });
    expect(decode(ProfileModel, { ...profile, registryDefaults: true })).toEqual({
      decoded: { ...profile, registryDefaults: true },
      problems: [],
    });
  });

  it("asks for a kebab-case name and kebab-case values", () => {
    for (const name of ["LM-i1", "lm_i1", "1lm", "", "lm i1"])
      expect(problems(ProfileModel, { ...profile, name })).toEqual([
        at("$.name", "Expected a kebab-case profile name"),
      ]);
    expect(problems(ProfileModel, { ...profile, name: "matrix-v11" })).toEqual([]);
    expect(problems(ProfileModel, { ...profile, values: { "auth.kick-target": "Any" } })).toEqual([
      at('$.values["auth.kick-target"]', "Expected a kebab-case choice such as allow"),
    ]);
  });
});

describe("ProfilesFile", () => {
  it("decodes a whole file, $comment optional, and reports problems by path", () => {
    const file = { default: "lm-i1", options: [option], profiles: [profile] };
    expect(decode(ProfilesFile, file)).toEqual({ decoded: file, problems: [] });
    expect(problems(ProfilesFile, { $comment: "c", ...file })).toEqual([]);
    expect(problems(ProfilesFile, { options: [option], profiles: [{ ...profile, summary: 1 }] })).toEqual([
      at("$.default", "Missing key"),
      at("$.profiles[0].summary", "Expected string"),
    ]);
  });
});
