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

/** The shipped profile options, so paths below follow the file as options are added. */
const shippedOptions: ReadonlyArray<{ name: string }> = JSON.parse(original(MODEL_FILES.profiles)).options;
/** The index of the shipped option `name` in `$.options`. */
function optionIndex(name: string): number {
  const i = shippedOptions.findIndex((o) => o.name === name);
  if (i < 0) throw new Error(`no shipped option ${name}`);
  return i;
}
/** The index an option pushed onto `$.options` gets. */
const pushedOption = shippedOptions.length;

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
      (j) =>
        (j.options[optionIndex("chat.dm-creation")].unregistered = {
          summary: "s",
          requirements: ["CHAT-2"],
          default: "any-member",
        }),
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

/** The loader's exact report, problem by problem, for one edited file. */
describe("the exact problems the cross-file rules report", () => {
  const registry = "(packages/schema/src/requirements/data)";
  const unknownPredicate =
    'unknown predicate "nope"; use sender-is-target, target-is-creator, previous-is-create, sender-joined, target-has-membership, target-level<sender-level, sender-level>=ACTION, target-membership-in:LIST, target-membership-not-in:LIST or join-rule-in:LIST';
  const madeUp = (unregistered: Json) => ({ name: "chat.made-up", choices: ["yes", "no"], unregistered });

  it.each<[string, string, (json: Json) => void, string[]]>([
    [
      "an option listed twice",
      MODEL_FILES.profiles,
      (j) => j.options.push({ ...j.options[0] }),
      [
        `models/profiles.json: $.options[${pushedOption}].name: option auth.knock-from-invite is listed twice`,
      ],
    ],
    [
      "an unregistered option with a bad requirement and default",
      MODEL_FILES.profiles,
      (j) => j.options.push(madeUp({ summary: "s", requirements: ["CHAT-99"], default: "maybe" })),
      [
        `models/profiles.json: $.options[${pushedOption}].unregistered.requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
        `models/profiles.json: $.options[${pushedOption}].unregistered.default: default maybe is not a choice`,
        "models/profiles.json: $.profiles[0].values: profile lm-i1 gives no value for chat.made-up",
        "models/profiles.json: $.profiles[1].values: profile lm-i1-text gives no value for chat.made-up",
        "models/profiles.json: $.profiles[2].values: profile matrix-v11 gives no value for chat.made-up",
        "models/profiles.json: $.profiles[3].values: profile pol-00 gives no value for chat.made-up",
      ],
    ],
    [
      "a registry-default profile against an unregistered option's default",
      MODEL_FILES.profiles,
      (j) => {
        j.options.push(madeUp({ summary: "s", requirements: ["CHAT-2"], default: "yes" }));
        for (const profile of j.profiles) profile.values["chat.made-up"] = "yes";
        j.profiles[0].values["chat.made-up"] = "no";
      },
      [
        'models/profiles.json: $.profiles[0].values["chat.made-up"]: profile lm-i1 follows the registry defaults, which give chat.made-up = yes, not no',
      ],
    ],
    [
      "an implemented value that is not a choice",
      MODEL_FILES.profiles,
      (j) => (j.options[optionIndex("mgmt.enforcement")].implemented = ["hub-and-followers", "nowhere"]),
      [
        `models/profiles.json: $.options[${optionIndex("mgmt.enforcement")}].implemented[1]: "nowhere" is not a choice of mgmt.enforcement`,
      ],
    ],
    [
      "a choice listed twice",
      MODEL_FILES.profiles,
      (j) => (j.options[0].choices = ["allow", "reject", "allow"]),
      [
        "models/profiles.json: $.options[0].choices: choices allow, reject, allow differ from the registry's allow, reject",
        "models/profiles.json: $.options[0].choices: a choice is listed twice",
      ],
    ],
    [
      "a profile defined twice",
      MODEL_FILES.profiles,
      (j) => j.profiles.push({ ...j.profiles[1] }),
      ["models/profiles.json: $.profiles[4].name: profile lm-i1-text is defined twice"],
    ],
    [
      "a profile value that is not a choice",
      MODEL_FILES.profiles,
      (j) => (j.profiles[1].values["auth.kick-target"] = "nobody"),
      [
        'models/profiles.json: $.profiles[1].values["auth.kick-target"]: "nobody" is not a choice of auth.kick-target (any-membership, joined-only)',
      ],
    ],
    [
      "a profile value for an unknown option",
      MODEL_FILES.profiles,
      (j) => (j.profiles[1].values["auth.nope"] = "x"),
      ['models/profiles.json: $.profiles[1].values["auth.nope"]: unknown option auth.nope'],
    ],
    [
      "a default profile that is not defined",
      MODEL_FILES.profiles,
      (j) => (j.default = "lm-9"),
      ["models/profiles.json: $.default: default profile lm-9 is not defined"],
    ],
    [
      "a permissions requirement not in the registry",
      MODEL_FILES.permissions,
      (j) => (j.requirements = ["CHAT-99"]),
      [`models/permissions.json: $.requirements[0]: requirement CHAT-99 is not in the registry ${registry}`],
    ],
    [
      "an action bound to an unknown option",
      MODEL_FILES.permissions,
      (j) => (j.actionOptions.kick = "mgmt.nope"),
      ["models/permissions.json: $.actionOptions.kick: unknown profile option mgmt.nope"],
    ],
    [
      "a level choice without a level",
      MODEL_FILES.permissions,
      (j) => delete j.levelChoices["level-50"],
      [
        "models/permissions.json: $.levelChoices: choice level-50 of mgmt.invite-level has no level",
        "models/permissions.json: $.levelChoices: choice level-50 of mgmt.kick-level has no level",
        "models/permissions.json: $.levelChoices: choice level-50 of mgmt.ban-level has no level",
      ],
    ],
    [
      "a chat type defined twice",
      MODEL_FILES.chatTypes,
      (j) => j.chatTypes.push({ ...j.chatTypes[2] }),
      ["models/chat-types.json: $.chatTypes[4].id: chat type group-chat is defined twice"],
    ],
    [
      "a chat type requirement not in the registry",
      MODEL_FILES.chatTypes,
      (j) => (j.chatTypes[2].requirements = ["CHAT-99"]),
      [
        `models/chat-types.json: $.chatTypes[2].requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
      ],
    ],
    [
      "a member count whose max is below its min",
      MODEL_FILES.chatTypes,
      (j) => (j.chatTypes[0].members.max = 1),
      ["models/chat-types.json: $.chatTypes[0].members: max is below min"],
    ],
    [
      "a member count without a guard (exactly)",
      MODEL_FILES.chatTypes,
      (j) => delete j.chatTypes[0].members.guard,
      [
        "models/chat-types.json: $.chatTypes[0].members: a member-count constraint needs a guard, requirements and a reason",
      ],
    ],
    [
      "a unique chat type without fixed membership",
      MODEL_FILES.chatTypes,
      (j) => (j.chatTypes[0].fixedMembership = false),
      [
        "models/chat-types.json: $.chatTypes[0].uniqueness: only fixed-membership chat types can be unique per member set",
      ],
    ],
    [
      "a fixed-membership chat type that is not invite-only",
      MODEL_FILES.chatTypes,
      (j) => (j.chatTypes[0].joinRule = "public"),
      [
        "models/chat-types.json: $.chatTypes[0].joinRule: a fixed-membership chat type must send join_rules = invite at creation",
      ],
    ],
    [
      "bad guards in a uniqueness rule, a creation rule and a chat rule",
      MODEL_FILES.chatTypes,
      (j) => {
        j.chatTypes[0].uniqueness.requirements = ["CHAT-98"];
        j.creation[0].reason = "no {sendr}";
        j.rules[0].requirements = ["CHAT-99"];
      },
      [
        `models/chat-types.json: $.chatTypes[0].uniqueness.requirements[0]: requirement CHAT-98 is not in the registry ${registry}`,
        "models/chat-types.json: $.creation[0].reason: unknown placeholder {sendr}; use one of sender, target, room, server, origin, hub, chatType, members, count, existing, lowest, membership, senderMembership, targetMembership, joinRule, senderLevel, targetLevel, requiredLevel, eventType, eventId, stateKey, prev, head, roomServer, senderServer, signerRole, expected, value, detail",
        `models/chat-types.json: $.rules[0].requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
      ],
    ],
    [
      "an unknown chat type in a creation rule",
      MODEL_FILES.chatTypes,
      (j) => (j.creation[0].chatTypes = ["dn"]),
      ["models/chat-types.json: $.creation[0].chatTypes[0]: unknown chat type dn"],
    ],
    [
      "an enabling value that is not a choice",
      MODEL_FILES.chatTypes,
      (j) => (j.rules[3].enabledWhen = { "auth.kick-target": "nobody" }),
      [
        'models/chat-types.json: $.rules[3].enabledWhen["auth.kick-target"]: option auth.kick-target has no choice "nobody"; its choices are any-membership, joined-only',
      ],
    ],
    [
      "memberships that are not the five",
      MODEL_FILES.membership,
      (j) => j.memberships.pop(),
      ["models/membership.json: $.memberships: the memberships are exactly leave, invite, join, knock, ban"],
    ],
    [
      "a membership with two rule lists and one with none",
      MODEL_FILES.membership,
      (j) => (j.changes[1].membership = "join"),
      [
        "models/membership.json: $.changes[1].membership: join has two rule lists",
        "models/membership.json: $.changes: no rule list for membership invite",
      ],
    ],
    [
      "a bad allow rule",
      MODEL_FILES.membership,
      (j) => {
        const rule = j.changes[0].rules[0];
        rule.requirements = ["CHAT-99"];
        rule.enabledWhen = { "mgmt.nope": "x" };
        rule.allow = j.changes[0].rules[1].guard;
        rule.when = ["nope"];
      },
      [
        `models/membership.json: $.changes[0].rules[0].requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
        'models/membership.json: $.changes[0].rules[0].enabledWhen["mgmt.nope"]: unknown profile option mgmt.nope (see models/profiles.json)',
        `models/membership.json: $.changes[0].rules[0].when[0]: ${unknownPredicate}`,
        "models/membership.json: $.changes[0].rules[1].guard: id membership.join.self-only is already declared in models/membership.json; guard and rule ids are unique across the models",
      ],
    ],
    [
      "a bad condition in a rule's if",
      MODEL_FILES.membership,
      (j) => (j.changes[2].rules[0].if = ["nope"]),
      [`models/membership.json: $.changes[2].rules[0].if[0]: ${unknownPredicate}`],
    ],
    [
      "a visibility setting defined twice",
      MODEL_FILES.visibility,
      (j) => j.settings.push({ ...j.settings[0], requirements: ["CHAT-99"] }),
      [
        "models/visibility.json: $.settings[6].name: setting share-avatar is defined twice",
        `models/visibility.json: $.settings[6].requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
      ],
    ],
    [
      "a bad visibility rule defined twice",
      MODEL_FILES.visibility,
      (j) =>
        j.rules.push({
          ...j.rules[2],
          requirements: ["CHAT-99"],
          enabledWhen: { "mgmt.nope": "x" },
          chatTypes: ["dn"],
        }),
      [
        "models/visibility.json: $.rules[10].id: rule preview.dm.sender-id is defined twice",
        `models/visibility.json: $.rules[10].requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
        'models/visibility.json: $.rules[10].enabledWhen["mgmt.nope"]: unknown profile option mgmt.nope (see models/profiles.json)',
        "models/visibility.json: $.rules[10].chatTypes[0]: unknown chat type dn",
      ],
    ],
    [
      "a visibility rule with an unknown setting (exactly)",
      MODEL_FILES.visibility,
      (j) => (j.rules[3].when = [{ setting: "share-everything", of: "inviter" }]),
      ["models/visibility.json: $.rules[3].when[0].setting: unknown setting share-everything"],
    ],
    [
      "a per-member setting on a field that is not per member",
      MODEL_FILES.visibility,
      (j) => (j.rules[3].when = [{ setting: "share-avatar", of: "member" }]),
      [
        "models/visibility.json: $.rules[3].when[0].of: only a per-member field can depend on each member's own setting",
      ],
    ],
    [
      "a user setting read as the hub's",
      MODEL_FILES.visibility,
      (j) => (j.rules[3].when = [{ setting: "share-avatar", of: "hub" }]),
      [
        "models/visibility.json: $.rules[3].when[0].of: share-avatar is a user setting; it cannot be the hub's",
      ],
    ],
    [
      "MLS proposals and roles that are not the fixed sets",
      MODEL_FILES.mlsAcp,
      (j) => {
        j.proposals.pop();
        j.roles.pop();
      },
      [
        "models/mls-acp.json: $.proposals: the proposals are exactly add, remove, update, self-remove",
        "models/mls-acp.json: $.roles: the roles are exactly self, member, inviter, moderator, admin, hub",
      ],
    ],
    [
      "an MLS template defined twice with an unknown chat type",
      MODEL_FILES.mlsAcp,
      (j) => j.templates.push({ ...j.templates[0], chatTypes: ["dn"] }),
      [
        "models/mls-acp.json: $.templates[4].id: template dm-fixed is defined twice",
        "models/mls-acp.json: $.templates[4].chatTypes[0]: unknown chat type dn",
        "models/mls-acp.json: $.defaults.dm: template dm-fixed is not a template for dm",
      ],
    ],
    [
      "MLS defaults missing a chat type and naming an unknown one",
      MODEL_FILES.mlsAcp,
      (j) => {
        delete j.defaults.dm;
        j.defaults.dn = "dm-fixed";
      },
      [
        "models/mls-acp.json: $.defaults: chat type dm has no default template",
        "models/mls-acp.json: $.defaults.dn: unknown chat type dn",
      ],
    ],
    [
      "an MLS guard requirement not in the registry",
      MODEL_FILES.mlsAcp,
      (j) => (j.guards[0].requirements = ["CHAT-99"]),
      [
        `models/mls-acp.json: $.guards[0].requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
      ],
    ],
    [
      "a renamed guard the send-path sequence still names",
      MODEL_FILES.sendPath,
      (j) => (j.guards[0].guard = "dm.no-add"),
      [
        "models/send-path.json: $.guards[0].guard: id dm.no-add is already declared in models/chat-types.json; guard and rule ids are unique across the models",
        "models/send-path.json: $.sequence[1].guards[1]: unknown guard hub.room-known",
      ],
    ],
    [
      "an option missing from the registry, valued in every profile",
      MODEL_FILES.profiles,
      (j) => {
        j.options.push({ name: "chat.made-up", choices: ["yes", "no"] });
        // lm-i1 follows the registry defaults, which have none for this option: no second problem.
        for (const profile of j.profiles) profile.values["chat.made-up"] = "yes";
      },
      [
        `models/profiles.json: $.options[${pushedOption}].name: option chat.made-up is not in the registry; mark it "unregistered" with the requirements it serves`,
      ],
    ],
    [
      "an unregistered option the registry has (exactly)",
      MODEL_FILES.profiles,
      (j) =>
        (j.options[optionIndex("chat.dm-creation")].unregistered = {
          summary: "s",
          requirements: ["CHAT-2"],
          default: "lowest-id-creates",
        }),
      [
        `models/profiles.json: $.options[${optionIndex("chat.dm-creation")}].unregistered: option chat.dm-creation is in the registry; drop "unregistered"`,
      ],
    ],
    [
      "a choice the machine does not implement (exactly)",
      MODEL_FILES.profiles,
      (j) => (j.profiles[2].values["mgmt.enforcement"] = "servers-and-clients"),
      [
        'models/profiles.json: $.profiles[2].values["mgmt.enforcement"]: the machine does not implement "servers-and-clients" for mgmt.enforcement (it implements hub-and-followers, hub-only)',
      ],
    ],
    [
      "a member count with a maximum alone and no guard",
      MODEL_FILES.chatTypes,
      (j) => (j.chatTypes[2].members.max = 50),
      [
        "models/chat-types.json: $.chatTypes[2].members: a member-count constraint needs a guard, requirements and a reason",
      ],
    ],
    [
      "a member count without requirements",
      MODEL_FILES.chatTypes,
      (j) => delete j.chatTypes[0].members.requirements,
      [
        "models/chat-types.json: $.chatTypes[0].members: a member-count constraint needs a guard, requirements and a reason",
      ],
    ],
    [
      "a member count without a reason",
      MODEL_FILES.chatTypes,
      (j) => delete j.chatTypes[1].members.reason,
      [
        "models/chat-types.json: $.chatTypes[1].members: a member-count constraint needs a guard, requirements and a reason",
      ],
    ],
    [
      "a member-count guard with a requirement not in the registry",
      MODEL_FILES.chatTypes,
      (j) => (j.chatTypes[0].members.requirements = ["CHAT-99"]),
      [
        `models/chat-types.json: $.chatTypes[0].members.requirements[0]: requirement CHAT-99 is not in the registry ${registry}`,
      ],
    ],
    [
      "an allow rule whose id an earlier file declares",
      MODEL_FILES.membership,
      (j) => (j.changes[0].rules[0].allow = "dm.no-add"),
      [
        "models/membership.json: $.changes[0].rules[0].allow: id dm.no-add is already declared in models/chat-types.json; guard and rule ids are unique across the models",
      ],
    ],
    [
      "an MLS default naming no template",
      MODEL_FILES.mlsAcp,
      (j) => (j.defaults.dm = "no-such-template"),
      ["models/mls-acp.json: $.defaults.dm: template no-such-template is not a template for dm"],
    ],
  ])("reports %s", (_label, file, edit, expected) => {
    expect(problems(loadWith(file, edit))).toEqual(expected);
  });

  it.each<[string, string, (json: Json) => void]>([
    ["option choices", MODEL_FILES.profiles, (j) => j.options[0].choices.reverse()],
    ["memberships", MODEL_FILES.membership, (j) => j.memberships.reverse()],
    [
      "MLS proposals and roles",
      MODEL_FILES.mlsAcp,
      (j) => {
        j.proposals.reverse();
        j.roles.reverse();
      },
    ],
  ])("accepts %s in any order", (_label, file, edit) => {
    expect(problems(loadWith(file, edit))).toEqual([]);
  });

  it("reports invalid JSON with its line, column and path", () => {
    const result = loadModelsWith((f) => (f === MODEL_FILES.membership ? '{\n  "changes": [}' : original(f)));
    expect(problems(result)).toEqual([
      'models/membership.json: $.changes[0]: not valid JSON (line 2, column 15): found "}" where a JSON value was expected',
    ]);
  });

  it.each(Object.values(MODEL_FILES))("stops at %s alone when it is missing", (missing) => {
    expect(problems(loadModelsWith((f) => (f === missing ? undefined : original(f))))).toEqual([
      `${missing}: $: the file is missing or unreadable`,
    ]);
  });

  it("reports every file missing under a root that does not exist", () => {
    expect(problems(loadModels(join(root, "no-such-directory")))).toEqual(
      Object.values(MODEL_FILES).map((f) => `${f}: $: the file is missing or unreadable`),
    );
  });
});

/**
 * The shipped models, loaded inside the test that reads them (loading at collection time would
 * run the loader outside every test, where mutation testing cannot see it).
 */
function shipped() {
  const loaded = loadModels(root);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
  return loaded.models;
}

describe("the loaded catalogue", () => {
  it("keeps a guard's LM rule and enabling condition, and no key it does not have", () => {
    const models = shipped();
    expect(models.guards.find((g) => g.id === "membership.join.self-only")).toStrictEqual({
      id: "membership.join.self-only",
      requirements: ["SIG-POLICY-3"],
      reason: "{sender} cannot join on behalf of {target}: only the joining user sends a join",
      file: "models/membership.json",
      lm: "5.2.2",
    });
    expect(models.guards.find((g) => g.id === "create.lowest-id-creates")).toStrictEqual({
      id: "create.lowest-id-creates",
      requirements: ["CHAT-2", "CHAT-4"],
      reason: "only {lowest}, whose user ID sorts first among {members}, may create this {chatType}",
      file: "models/chat-types.json",
      enabledWhen: { "chat.dm-creation": "lowest-id-creates" },
    });
  });

  it("declares a member-count guard for a fixed size (dm) and for a minimum alone (group-dm), first in file order", () => {
    const models = shipped();
    expect(models.guards.slice(0, 3)).toStrictEqual([
      {
        id: "dm.two-members",
        requirements: ["CHAT-1"],
        reason:
          "a DM is between exactly two users, the creator and one invitee; {members} is {count} user(s)",
        file: "models/chat-types.json",
      },
      {
        id: "dm.unique",
        requirements: ["CHAT-2"],
        reason: "{server} already knows a DM between {members}: {existing}",
        file: "models/chat-types.json",
      },
      {
        id: "group-dm.more-than-two",
        requirements: ["CHAT-3"],
        reason: "a group DM has more than two users; {members} is {count} user(s)",
        file: "models/chat-types.json",
      },
    ]);
  });

  it("collects the allow rules", () => {
    expect(shipped().allowRules).toStrictEqual([
      {
        id: "membership.join.creator-first",
        requirements: ["OQ-AUTH-10", "SIG-CREATE-1"],
        file: "models/membership.json",
      },
      {
        id: "membership.leave.self-allowed",
        requirements: ["SIG-POLICY-3"],
        file: "models/membership.json",
      },
    ]);
  });

  it("parses the membership rule lists, with an enabling condition only where the file has one", () => {
    const models = shipped();
    const join = models.membershipRules.find((c) => c.membership === "join");
    expect(join?.lm).toBe("5.2");
    expect(join?.rules.slice(0, 2)).toStrictEqual([
      {
        kind: "allow",
        id: "membership.join.creator-first",
        lm: "5.2.1",
        when: [[{ kind: "previous-is-create" }, { kind: "target-is-creator" }]],
      },
      {
        kind: "require",
        id: "membership.join.self-only",
        lm: "5.2.2",
        require: [[{ kind: "sender-is-target" }]],
      },
    ]);
    const leave = models.membershipRules.find((c) => c.membership === "leave");
    expect(leave?.rules.slice(0, 4)).toStrictEqual([
      {
        kind: "require",
        id: "membership.leave.self",
        lm: "5.4.1",
        if: [[{ kind: "sender-is-target" }]],
        require: [[{ kind: "target-membership-in", values: ["invite", "join", "knock"] }]],
      },
      {
        kind: "allow",
        id: "membership.leave.self-allowed",
        lm: "5.4.1",
        when: [[{ kind: "sender-is-target" }]],
      },
      {
        kind: "require",
        id: "membership.kick.sender-joined",
        lm: "5.4.2",
        require: [[{ kind: "sender-joined" }]],
      },
      {
        kind: "require",
        id: "membership.kick.target-joined",
        lm: "POL-00 kick",
        require: [[{ kind: "target-membership-in", values: ["join", "ban"] }]],
        enabledWhen: { "auth.kick-target": "joined-only" },
      },
    ]);
  });

  it("keeps an allow rule's enabling condition", () => {
    const result = loadWith(MODEL_FILES.membership, (j) => {
      j.changes[0].rules[0].enabledWhen = { "auth.creator-first-join": "previous-is-create" };
    });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    expect(result.models.membershipRules.find((c) => c.membership === "join")?.rules[0]).toStrictEqual({
      kind: "allow",
      id: "membership.join.creator-first",
      lm: "5.2.1",
      when: [[{ kind: "previous-is-create" }, { kind: "target-is-creator" }]],
      enabledWhen: { "auth.creator-first-join": "previous-is-create" },
    });
    expect(result.models.allowRules[0]).toStrictEqual({
      id: "membership.join.creator-first",
      requirements: ["OQ-AUTH-10", "SIG-CREATE-1"],
      file: "models/membership.json",
    });
  });

  it("maps each option to the requirements behind it", () => {
    const models = shipped();
    expect(Object.keys(models.optionRequirements)).toEqual(models.profiles.options.map((o) => o.name));
    expect(models.optionRequirements["auth.kick-target"]).toEqual(["OQ-AUTH-3"]);
    expect(models.optionRequirements["chat.dm-creation"]).toEqual(["OQ-CHAT-4"]);
  });

  it("takes an unregistered option's requirements from the option itself", () => {
    const result = loadWith(MODEL_FILES.profiles, (j) => {
      j.options.push({
        name: "chat.made-up",
        choices: ["yes", "no"],
        unregistered: { summary: "s", requirements: ["CHAT-2"], default: "yes" },
      });
      for (const profile of j.profiles) profile.values["chat.made-up"] = "yes";
    });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    expect(result.models.optionRequirements["chat.made-up"]).toEqual(["CHAT-2"]);
    expect(result.models.optionRequirements["auth.kick-target"]).toEqual(["OQ-AUTH-3"]);
  });
});
