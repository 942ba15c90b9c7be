import { loadModels, type Models } from "@mimi-spec/machine/models";
import { REQUIREMENTS } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { currentApiCatalog } from "../../src/docs/api-links.ts";
import { headingSlug } from "../../src/docs/document.ts";
import {
  membershipEdgeChanges,
  profileOptionsDocument,
  readOptionReaders,
} from "../../src/docs/profile-options.ts";
import { testLinks } from "./support.ts";

const repo = new URL("../../../../", import.meta.url).pathname;
const loaded = loadModels(repo);
if (!loaded.ok) throw new Error("models do not load");
const models: Models = loaded.models;
const defaults = models.profiles.profiles.find((p) => p.name === models.profiles.default)?.values ?? {};
const options = models.profiles.options.map((o) => o.name);

describe("membershipEdgeChanges", () => {
  it("finds the transition a choice removes: no knock from invite under auth.knock-from-invite = reject", () => {
    const { added, removed } = membershipEdgeChanges(
      models,
      { ...defaults, "auth.knock-from-invite": "allow" },
      "auth.knock-from-invite",
      "reject",
    );
    expect(added).toEqual([]);
    expect(removed).toContainEqual({ from: "invite", to: "knock", label: "knock" });
  });

  it("finds nothing when the value does not change", () => {
    const option = "auth.knock-from-invite";
    const same = membershipEdgeChanges(models, defaults, option, defaults[option] as string);
    expect(same).toEqual({ added: [], removed: [] });
  });
});

describe("readOptionReaders", () => {
  it("lists the machine modules that name an option", () => {
    const readers = readOptionReaders(repo, options);
    expect(readers.get("auth.demote-equal-power-level")).toContain(
      "packages/machine/src/policy/power-levels.ts",
    );
    expect(
      [...readers.values()].flat().some((f) => f.includes("/generated/") || f.includes("/models/")),
    ).toBe(false);
  });
});

describe("profileOptionsDocument", () => {
  const doc = profileOptionsDocument({
    models,
    registry: REQUIREMENTS,
    optionReaders: readOptionReaders(repo, options),
    links: testLinks({
      catalog: currentApiCatalog(),
      requirementIds: new Set(REQUIREMENTS.map((e) => e.id)),
      profileOptions: new Set(options),
    }),
  });

  it("has a section per option, reachable by its heading anchor, and the named profiles", () => {
    for (const option of options) {
      expect(doc.body).toContain(`\n## ${option}\n`);
      expect(doc.body).toContain(`href="#${headingSlug(option)}"`);
    }
    for (const profile of models.profiles.profiles)
      expect(doc.body).toContain(`<code>${profile.name}</code>`);
  });

  it("says what a choice changes: guards it turns on and power levels it sets", () => {
    const kick = doc.body.slice(doc.body.indexOf("\n## auth.kick-target\n"));
    expect(kick.slice(0, kick.indexOf("\n## ", 5))).toContain("turns on the guard");
    const invite = doc.body.slice(doc.body.indexOf("\n## mgmt.invite-level\n"));
    expect(invite.slice(0, invite.indexOf("\n## ", 5))).toContain(
      "sets the default power level needed to invite",
    );
  });
});
