import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PermissionsFile, SCALAR_LEVEL_FIELDS } from "../../src/models/permissions.ts";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");

function decode(value: unknown) {
  const sink = new ProblemSink("models/permissions.json");
  const decoded = decodeModel(PermissionsFile, value, sink);
  return { decoded, problems: sink.problems.map(formatProblem) };
}
const at = (path: string, message: string) => `models/permissions.json: ${path}: ${message}`;

const file = {
  requirements: ["OQ-MGMT-5"],
  defaults: {
    ban: 50,
    kick: 50,
    invite: 0,
    redact: 50,
    events_default: 0,
    state_default: 50,
    users_default: 0,
  },
  creatorLevel: 100,
  actionOptions: { invite: "mgmt.invite-level", kick: "mgmt.kick-level", ban: "mgmt.ban-level" },
  levelChoices: { "level-0": 0, "level-50": 50 },
  scalarFields: ["ban", "kick"],
  eventLevels: { "m.room.name": 50 },
};

describe("SCALAR_LEVEL_FIELDS", () => {
  it("are the power_levels fields that hold one level", () => {
    expect(SCALAR_LEVEL_FIELDS).toEqual([
      "users_default",
      "events_default",
      "state_default",
      "ban",
      "redact",
      "kick",
      "invite",
    ]);
  });
});

describe("the shipped permissions.json", () => {
  it("decodes to LM's power-level defaults, creator level 100 and the options behind invite, kick and ban", () => {
    const { decoded, problems } = decode(
      JSON.parse(readFileSync(join(root, "models/permissions.json"), "utf8")),
    );
    expect(problems).toEqual([]);
    expect(decoded?.defaults).toEqual({
      ban: 50,
      kick: 50,
      invite: 0,
      redact: 50,
      events_default: 0,
      state_default: 50,
      users_default: 0,
    });
    expect(decoded?.creatorLevel).toBe(100);
    expect(decoded?.actionOptions).toEqual(file.actionOptions);
    expect(decoded?.levelChoices).toEqual({ "level-0": 0, "level-50": 50, "level-100": 100 });
    expect(decoded?.scalarFields).toEqual([...SCALAR_LEVEL_FIELDS]);
    expect(decoded?.eventLevels).toEqual({});
  });
});

describe("PermissionsFile", () => {
  it("decodes a whole file, $comment optional", () => {
    expect(decode(file)).toEqual({ decoded: file, problems: [] });
    expect(decode({ $comment: "c", ...file }).problems).toEqual([]);
  });

  it("takes negative integer levels, but not fractions", () => {
    expect(decode({ ...file, creatorLevel: -10, eventLevels: { x: -1 } }).problems).toEqual([]);
    expect(decode({ ...file, creatorLevel: 99.5, eventLevels: { x: 0.5 } }).problems).toEqual([
      at("$.creatorLevel", "Expected an integer level"),
      at("$.eventLevels.x", "Expected an integer level"),
    ]);
    expect(decode({ ...file, defaults: { ...file.defaults, kick: 1.5 } }).problems).toEqual([
      at("$.defaults.kick", "Expected an integer level"),
    ]);
  });

  it("asks level choices to be counts (non-negative integers)", () => {
    expect(decode({ ...file, levelChoices: { "level-0": 0, minus: -1, half: 0.5 } }).problems).toEqual([
      at("$.levelChoices.minus", "Expected a value greater than or equal to 0"),
      at("$.levelChoices.half", "Expected an integer"),
    ]);
  });

  it("asks for every default, every action option and at least one requirement", () => {
    const { redact: _redact, ...defaults } = file.defaults;
    const { ban: _ban, ...actionOptions } = file.actionOptions;
    expect(decode({ ...file, defaults, actionOptions, requirements: [] }).problems).toEqual([
      at("$.requirements", "Expected at least one requirement id"),
      at("$.defaults.redact", "Missing key"),
      at("$.actionOptions.ban", "Missing key"),
    ]);
  });

  it("refuses scalar fields that hold no single level, and unknown keys", () => {
    expect(
      decode({ ...file, scalarFields: ["ban", "events"], defaults: { ...file.defaults, notifications: 50 } })
        .problems,
    ).toEqual([
      at("$.defaults.notifications", "Expected no excess property"),
      at(
        "$.scalarFields[1]",
        'Expected "users_default" | "events_default" | "state_default" | "ban" | "redact" | "kick" | "invite"',
      ),
    ]);
  });
});
