import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadModels, loadModelsWith, MODEL_FILES } from "../../src/models/index.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const original = (file: string) => readFileSync(join(root, file), "utf8");

/** Parsed model JSON, edited freely by the tests below. */
// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary model JSON
type Json = any;

/** Loads the real models with one file's JSON changed by `edit`. */
function loadWith(file: string, edit: (json: Json) => void) {
  const json = JSON.parse(original(file));
  edit(json);
  return loadModelsWith((f) => (f === file ? JSON.stringify(json) : original(f)));
}

function problems(result: ReturnType<typeof loadModelsWith>): string[] {
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("loading the models", () => {
  it("accepts the shipped models and collects every guard once", () => {
    const loaded = loadModels(root);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
    const ids = loaded.models.guards.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("dm.no-add");
    expect(loaded.models.membershipRules.map((c) => c.membership).sort()).toEqual([
      "ban",
      "invite",
      "join",
      "knock",
      "leave",
    ]);
  });

  it("reports invalid JSON with its position", () => {
    const result = loadModelsWith((f) => (f === MODEL_FILES.membership ? '{"changes": [' : original(f)));
    expect(problems(result)[0]).toMatch(/^models\/membership\.json: \$.*not valid JSON \(line 1/);
  });

  it("reports a missing file", () => {
    expect(problems(loadModelsWith((f) => (f === MODEL_FILES.sendPath ? undefined : original(f))))).toEqual([
      "models/send-path.json: $: the file is missing or unreadable",
    ]);
  });

  it.each<[string, string, (json: Json) => void, RegExp]>([
    [
      "a misspelt key",
      MODEL_FILES.chatTypes,
      (j) => (j.chatTypes[0].sumary = "x"),
      /\$\.chatTypes\[0\]\.sumary/,
    ],
    [
      "an unknown predicate",
      MODEL_FILES.membership,
      (j) => (j.changes[0].rules[1].require = ["sender-is-tagret"]),
      /\$\.changes\[0\]\.rules\[1\]\.require\[0\]: unknown predicate "sender-is-tagret"/,
    ],
    [
      "an unknown membership in a predicate",
      MODEL_FILES.membership,
      (j) => (j.changes[0].rules[2].require = ["target-membership-not-in:banned"]),
      /unknown membership "banned"/,
    ],
    [
      "a requirement not in the registry",
      MODEL_FILES.authRules,
      (j) => (j.guards[0].requirements = ["CHAT-99"]),
      /\$\.guards\[0\]\.requirements\[0\]: requirement CHAT-99 is not in the registry/,
    ],
    [
      "an unknown reason placeholder",
      MODEL_FILES.authRules,
      (j) => (j.guards[0].reason = "no {sendr}"),
      /\$\.guards\[0\]\.reason: unknown placeholder \{sendr\}/,
    ],
    [
      "a guard id used twice",
      MODEL_FILES.sendPath,
      (j) => (j.guards[0].guard = "dm.no-add"),
      /id dm\.no-add is already declared in models\/chat-types\.json/,
    ],
    [
      "an enabling option that does not exist",
      MODEL_FILES.chatTypes,
      (j) => (j.rules[3].enabledWhen = { "mgmt.nope": "x" }),
      /unknown profile option mgmt\.nope/,
    ],
    [
      "choices that differ from the registry",
      MODEL_FILES.profiles,
      (j) => (j.options[0].choices = ["allow", "deny"]),
      /differ from the registry's allow, reject/,
    ],
    [
      "a profile without some option",
      MODEL_FILES.profiles,
      (j) => delete j.profiles[1].values["auth.kick-target"],
      /profile lm-i1-text gives no value for auth\.kick-target/,
    ],
    [
      "a choice the machine does not implement",
      MODEL_FILES.profiles,
      (j) => (j.profiles[2].values["mgmt.privilege-model"] = "ordered-roles"),
      /does not implement "ordered-roles"/,
    ],
    [
      "a registry-default profile that is not",
      MODEL_FILES.profiles,
      (j) => (j.profiles[0].values["auth.knock-from-invite"] = "reject"),
      /registry defaults, which give auth\.knock-from-invite = allow/,
    ],
    [
      "an option missing from the registry",
      MODEL_FILES.profiles,
      (j) => j.options.push({ name: "chat.made-up", choices: ["yes", "no"] }),
      /option chat\.made-up is not in the registry; mark it "unregistered"/,
    ],
    [
      "an unregistered option the registry has",
      MODEL_FILES.profiles,
      (j) => (j.options[22].unregistered = { summary: "s", requirements: ["CHAT-2"], default: "any-member" }),
      /option chat\.dm-creation is in the registry; drop "unregistered"/,
    ],
    [
      "an unknown chat type in a rule",
      MODEL_FILES.chatTypes,
      (j) => (j.rules[0].chatTypes = ["dn"]),
      /\$\.rules\[0\]\.chatTypes\[0\]: unknown chat type dn/,
    ],
    [
      "a member count without a guard",
      MODEL_FILES.chatTypes,
      (j) => delete j.chatTypes[0].members.guard,
      /needs a guard, requirements and a reason/,
    ],
    [
      "an unknown guard in the send-path sequence",
      MODEL_FILES.sendPath,
      (j) => (j.sequence[1].guards = ["hub.nope"]),
      /\$\.sequence\[1\]\.guards\[0\]: unknown guard hub\.nope/,
    ],
    [
      "a visibility rule reading a hub setting as a user's",
      MODEL_FILES.visibility,
      (j) => (j.rules[3].when = [{ setting: "show-members-before-consent", of: "inviter" }]),
      /\$\.rules\[3\]\.when\[0\]\.of: show-members-before-consent is a hub setting/,
    ],
    [
      "a visibility rule with an unknown setting",
      MODEL_FILES.visibility,
      (j) => (j.rules[3].when = [{ setting: "share-everything", of: "inviter" }]),
      /unknown setting share-everything/,
    ],
    [
      "an MLS default that does not fit its chat type",
      MODEL_FILES.mlsAcp,
      (j) => (j.defaults.dm = "group-moderated"),
      /\$\.defaults\.dm: template group-moderated is not a template for dm/,
    ],
    [
      "an MLS role that does not exist",
      MODEL_FILES.mlsAcp,
      (j) => (j.templates[0].rules.add.propose = ["owner"]),
      /\$\.templates\[0\]\.rules\.add\.propose\[0\]/,
    ],
  ])("reports %s with its file and path", (_label, file, edit, expected) => {
    const found = problems(loadWith(file, edit));
    expect(
      found.some((p) => expected.test(p)),
      found.join("\n"),
    ).toBe(true);
    expect(found.every((p) => p.startsWith("models/"))).toBe(true);
  });
});
