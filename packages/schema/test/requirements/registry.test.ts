import { readFileSync } from "node:fs";
import { parseAbnf } from "@mimi-spec/grammar";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { RequirementEntry } from "../../src/requirements/entry.ts";
import { GRAMMAR_FILES } from "../../src/requirements/grammar-files.ts";
import { REQUIREMENTS } from "../../src/requirements/registry.ts";
import {
  REQUIRED_MACHINE_IDS,
  REQUIRED_PROFILE_OPTIONS,
  SEED_REQUIREMENT_IDS,
} from "../../src/requirements/required.ts";
import { validateRegistry } from "../../src/requirements/validate.ts";
import { schemasByName } from "../../src/schemas.ts";

const decode = Schema.decodeUnknownResult(RequirementEntry);
const ids = REQUIREMENTS.map((entry) => entry.id);

describe("REQUIREMENTS", () => {
  it("decodes, entry by entry, with the RequirementEntry schema", () => {
    const failures = REQUIREMENTS.flatMap((entry) => {
      const result = decode(entry);
      return Result.isFailure(result) ? [`${entry.id}: ${result.failure.message}`] : [];
    });
    expect(failures).toEqual([]);
  });

  it("decodes as a whole with Schema.Array(RequirementEntry)", () => {
    expect(Result.isSuccess(Schema.decodeUnknownResult(Schema.Array(RequirementEntry))(REQUIREMENTS))).toBe(
      true,
    );
  });

  it("passes validateRegistry with no problems", () => {
    expect(validateRegistry(REQUIREMENTS).problems).toEqual([]);
  });

  it.each([...SEED_REQUIREMENT_IDS])("contains seed requirement %s", (id) => {
    expect(ids).toContain(id);
  });

  it.each([...REQUIRED_MACHINE_IDS])("contains machine requirement %s, checked or saying why not", (id) => {
    const found = REQUIREMENTS.find((entry) => entry.id === id);
    expect(found).toBeDefined();
    if (found?.check.kind === "none" || found?.check.kind === "planned")
      expect(found.check.why.trim()).not.toBe("");
  });

  it("lists exactly the 35 seed requirements of requirements.md", () => {
    const expected = [
      ...Array.from({ length: 4 }, (_, i) => `ID-${i + 1}`),
      ...Array.from({ length: 15 }, (_, i) => `CHAT-${i + 1}`),
      ...Array.from({ length: 9 }, (_, i) => `SHARING-${i + 1}`),
      ...Array.from({ length: 3 }, (_, i) => `MLSACP-${i + 1}`),
      ...Array.from({ length: 3 }, (_, i) => `HUB-${i + 1}`),
      "PRIV-1",
    ];
    expect([...SEED_REQUIREMENT_IDS].sort()).toEqual(expected.sort());
  });

  it("keeps every seed requirement under its source, TRANSPORT", () => {
    for (const id of SEED_REQUIREMENT_IDS) {
      expect(REQUIREMENTS.find((entry) => entry.id === id)?.source).toBe("TRANSPORT");
    }
  });

  it("uses every id once", () => {
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated).toEqual([]);
  });

  it("gives every entry a check, or a non-blank reason why it has none", () => {
    for (const { id, check } of REQUIREMENTS) {
      if (check.kind === "none" || check.kind === "planned") {
        expect(check.why.trim(), id).not.toBe("");
      } else {
        expect(["schema", "guard", "invariant", "grammar-rule"], id).toContain(check.kind);
      }
    }
  });

  it("names a profile option, with its default among its choices, for every open question", () => {
    const questions = REQUIREMENTS.filter((entry) => entry.kind === "open-question");
    expect(questions.length).toBeGreaterThan(0);
    for (const { id, profileOption } of questions) {
      expect(profileOption, id).toBeDefined();
      expect(
        profileOption?.choices.map((choice) => choice.value),
        id,
      ).toContain(profileOption?.default);
    }
  });

  it("puts profile options on open questions only, one question per option name", () => {
    const withOption = REQUIREMENTS.filter((entry) => entry.profileOption !== undefined);
    expect(withOption.every((entry) => entry.kind === "open-question")).toBe(true);
    const names = withOption.map((entry) => entry.profileOption?.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each([...REQUIRED_PROFILE_OPTIONS])("defines required profile option %s", (name) => {
    expect(REQUIREMENTS.some((entry) => entry.profileOption?.name === name)).toBe(true);
  });

  it("has an entry for every signaling section the seed text uses (3 to 8)", () => {
    const sections = new Set(
      REQUIREMENTS.filter((entry) => entry.source === "SIGNALING").flatMap((entry) =>
        entry.section.split(", "),
      ),
    );
    for (const section of ["3", "3.1", "4", "5", "6", "7", "8"]) expect(sections).toContain(section);
  });

  it("points grammar-rule checks only at the registered grammar files", () => {
    const files: ReadonlyArray<string> = Object.values(GRAMMAR_FILES);
    for (const { id, check } of REQUIREMENTS) {
      if (check.kind === "grammar-rule") expect(files, id).toContain(check.file);
    }
  });

  it("resolves every related id", () => {
    for (const { id, related } of REQUIREMENTS) {
      for (const other of related ?? []) expect(ids, `${id} -> ${other}`).toContain(other);
    }
  });

  /**
   * The decisions the brief names, pinned so that changing one is deliberate. LM I.1 is the base:
   * a default that departs from it must say so through its defaultBasis.
   */
  it.each([
    ["auth.knock-from-invite", "allow", "lm-text"],
    ["auth.demote-equal-power-level", "reject", "deviates-from-lm"],
    ["auth.kick-target", "any-membership", "lm-text"],
    ["auth.preemptive-ban", "allow", "lm-text"],
    ["room.default-join-rule", "invite", "deviates-from-lm"],
    ["room.default-history-visibility", "shared", "other-draft"],
    ["event.hub-server-set-by", "participant", "deviates-from-lm"],
    ["event.hub-originated-hub-server", "omit", "other-draft"],
    ["encoding.canonical-json", "jcs", "lm-text"],
    ["id.server-name-ip-literals", "forbid", "lm-text"],
    ["chat.promotion", "forbidden", "other-draft"],
    ["chat.dm-creation", "lowest-id-creates", "project-choice"],
    ["mgmt.invite-consent", "target-may-refuse", "lm-text"],
  ])("settles %s with default %s (%s)", (name, value, basis) => {
    const option = REQUIREMENTS.find((entry) => entry.profileOption?.name === name)?.profileOption;
    expect(option?.default).toBe(value);
    expect(option?.defaultBasis).toBe(basis);
  });
});

describe("names cited by REQUIREMENTS", () => {
  const repositoryRoot = new URL("../../../../", import.meta.url);
  const rulesByFile = new Map<string, ReadonlySet<string>>();
  /** The rule names a grammar file defines, parsed with the project's own ABNF parser. */
  const rulesOf = (file: string): ReadonlySet<string> => {
    let rules = rulesByFile.get(file);
    if (rules === undefined) {
      const parsed = parseAbnf(file, readFileSync(new URL(file, repositoryRoot), "utf8"));
      rules = new Set(parsed.rules.rules.map((rule) => rule.name));
      rulesByFile.set(file, rules);
    }
    return rules;
  };

  it("exist: every schema check names an exported schema and every grammar rule is defined", () => {
    const report = validateRegistry(REQUIREMENTS, {
      schemaExists: (name) => Object.hasOwn(schemasByName, name),
      grammarRuleExists: (file, rule) => rulesOf(file).has(rule),
    });
    expect(report.problems).toEqual([]);
  });

  it("are really checked: at least one schema and one grammar rule are resolved", () => {
    const cited = REQUIREMENTS.map((entry) => entry.check.kind);
    expect(cited).toContain("schema");
    expect(cited).toContain("grammar-rule");
    expect(rulesOf(GRAMMAR_FILES.identifiers).size).toBeGreaterThan(0);
  });
});
