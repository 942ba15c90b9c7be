import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MEMBERSHIP_DIAGRAM, ROOM_LIFECYCLE_DIAGRAM, SEND_PATH_DIAGRAM } from "../../src/index.ts";
import {
  type ChatTypeModel,
  type Condition,
  loadModels,
  MEMBERSHIPS,
  type Models,
  membershipDiagram,
  membershipRuleLines,
  type ParsedMembershipRule,
  parseCondition,
  roomLifecycleDiagram,
  sendPathDiagram,
  transitionPossible,
} from "../../src/models/index.ts";

const loaded = loadModels(join(import.meta.dirname, "..", "..", "..", ".."));
const models = (loaded.ok ? loaded.models : undefined) as Models;

/** Parses condition alternatives written in the model's notation; throws on a typo in the test. */
function cond(...alternatives: string[]): Condition {
  const parsed = parseCondition(alternatives);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.condition;
}
/** A require rule with the given condition, `if` and option gate. */
const requireRule = (
  require: Condition,
  extra: { if?: Condition; enabledWhen?: Record<string, string> } = {},
): ParsedMembershipRule => ({ kind: "require", id: "t.require", lm: "test", require, ...extra });
/** An allow rule with the given condition and option gate. */
const allowRule = (when: Condition, enabledWhen?: Record<string, string>): ParsedMembershipRule =>
  enabledWhen === undefined
    ? { kind: "allow", id: "t.allow", lm: "test", when }
    : { kind: "allow", id: "t.allow", lm: "test", when, enabledWhen };
/** A rule that fails in every situation: a self-sent event never outranks its own sender. */
const denyAll = requireRule(cond("sender-is-target & target-level<sender-level"));

/** Every situation the diagram distinguishes, as `from/self` or `from/other`. */
const SITUATIONS = MEMBERSHIPS.flatMap((from) => [
  { from, self: true, key: `${from}/self` },
  { from, self: false, key: `${from}/other` },
]);
/** The situations in which `rules` let the transition through. */
const possibleIn = (rules: ReadonlyArray<ParsedMembershipRule>, values: Record<string, string> = {}) =>
  SITUATIONS.filter((s) => transitionPossible(rules, { from: s.from, self: s.self }, values)).map(
    (s) => s.key,
  );
/** The situations in which a rule requiring `predicate` refuses: those where it is surely false. */
const surelyFalseIn = (predicate: string) => {
  const passing = possibleIn([requireRule(cond(predicate))]);
  return SITUATIONS.map((s) => s.key).filter((k) => !passing.includes(k));
};

describe("transitionPossible", () => {
  it("knows each predicate surely false only where the diagram's situation decides it", () => {
    expect(surelyFalseIn("sender-is-target")).toEqual([
      "leave/other",
      "invite/other",
      "join/other",
      "knock/other",
      "ban/other",
    ]);
    expect(surelyFalseIn("target-membership-in:invite,join")).toEqual([
      "leave/self",
      "leave/other",
      "knock/self",
      "knock/other",
      "ban/self",
      "ban/other",
    ]);
    expect(surelyFalseIn("target-membership-not-in:invite,join")).toEqual([
      "invite/self",
      "invite/other",
      "join/self",
      "join/other",
    ]);
    // A self-sent event: the sender is the target, so joined exactly when the target is.
    expect(surelyFalseIn("sender-joined")).toEqual(["leave/self", "invite/self", "knock/self", "ban/self"]);
    // Nobody outranks themselves; someone else's level is unknown without a room.
    expect(surelyFalseIn("target-level<sender-level")).toEqual([
      "leave/self",
      "invite/self",
      "join/self",
      "knock/self",
      "ban/self",
    ]);
    // Only "leave" can mean right after the create event, when nobody has a membership yet.
    expect(surelyFalseIn("previous-is-create")).toEqual([
      "invite/self",
      "invite/other",
      "join/self",
      "join/other",
      "knock/self",
      "knock/other",
      "ban/self",
      "ban/other",
    ]);
  });

  it("treats what needs a concrete room as possibly true", () => {
    for (const unknown of [
      "target-has-membership",
      "target-is-creator",
      "sender-level>=ban",
      "join-rule-in:public",
    ])
      expect(surelyFalseIn(unknown)).toEqual([]);
  });

  it("lets an allow rule through unless its condition is surely false", () => {
    expect(possibleIn([allowRule(cond("sender-joined")), denyAll])).toEqual([
      "leave/other",
      "invite/other",
      "join/self",
      "join/other",
      "knock/other",
      "ban/other",
    ]);
    expect(possibleIn([denyAll, allowRule(cond("sender-joined"))])).toEqual([]);
  });

  it("reads a conjunction as surely false when any predicate is, alternatives when all are", () => {
    // surely false & possible, in both orders, and possible & surely false after an unknown.
    expect(possibleIn([requireRule(cond("target-membership-in:ban & sender-is-target"))])).toEqual([
      "ban/self",
    ]);
    expect(possibleIn([requireRule(cond("sender-is-target & target-membership-in:ban"))])).toEqual([
      "ban/self",
    ]);
    expect(
      possibleIn([requireRule(cond("target-is-creator & target-membership-in:ban & sender-is-target"))]),
    ).toEqual(["ban/self"]);
    expect(possibleIn([requireRule(cond("target-membership-in:ban", "sender-is-target"))])).toEqual([
      "leave/self",
      "invite/self",
      "join/self",
      "knock/self",
      "ban/self",
      "ban/other",
    ]);
  });

  it("skips a require rule whose `if` is surely false, and enforces it otherwise", () => {
    const rule = requireRule(cond("target-membership-in:join"), { if: cond("sender-is-target") });
    expect(possibleIn([rule])).toEqual([
      "leave/other",
      "invite/other",
      "join/self",
      "join/other",
      "knock/other",
      "ban/other",
    ]);
  });

  it("applies a rule only while the profile gives its options the values it names", () => {
    const rule = requireRule(cond("sender-is-target"), { enabledWhen: { "x.opt": "on", "y.opt": "on" } });
    const selfOnly = ["leave/self", "invite/self", "join/self", "knock/self", "ban/self"];
    expect(possibleIn([rule], { "x.opt": "on", "y.opt": "on" })).toEqual(selfOnly);
    expect(possibleIn([rule], { "x.opt": "on", "y.opt": "off" })).toHaveLength(10);
    expect(possibleIn([rule], {})).toHaveLength(10);
    expect(possibleIn([allowRule(cond("sender-joined"), { "x.opt": "on" }), denyAll], {})).toEqual([]);
  });

  it("lets everything through when no rule objects", () => {
    expect(possibleIn([])).toHaveLength(10);
  });
});

/** The real models with `membershipRules` and the profiles replaced. */
function withMembership(
  membershipRules: Models["membershipRules"],
  profileValues: Record<string, string> = {},
): Models {
  const [base] = models.profiles.profiles;
  if (base === undefined) throw new Error("no profile in the shipped models");
  return {
    ...models,
    profiles: { ...models.profiles, profiles: [{ ...base, name: "probe", values: profileValues }] },
    membershipRules,
  };
}

describe("membershipDiagram", () => {
  const header = ["stateDiagram-v2", '  state "leave (or no membership)" as leave', "  [*] --> leave"];

  it("draws, for each state, the user-level actions that some room lets through", () => {
    const m = withMembership([
      { membership: "join", lm: "x", rules: [requireRule(cond("target-membership-not-in:ban,join"))] },
      { membership: "leave", lm: "x", rules: [requireRule(cond("target-membership-in:join,ban"))] },
      { membership: "ban", lm: "x", rules: [requireRule(cond("target-membership-in:knock"))] },
    ]);
    expect(membershipDiagram(m, "probe")).toBe(
      [
        ...header,
        "  leave --> join : join",
        "  invite --> join : join",
        "  join --> leave : leave",
        "  join --> leave : kick",
        "  knock --> join : join",
        "  knock --> ban : ban",
        "  ban --> leave : leave",
        "  ban --> leave : unban",
      ].join("\n"),
    );
  });

  it("names invite and knock, and follows the profile's option values", () => {
    const rules = [requireRule(cond("target-membership-in:knock"), { enabledWhen: { "x.opt": "strict" } })];
    const m = (values: Record<string, string>) =>
      withMembership(
        [
          { membership: "invite", lm: "x", rules },
          { membership: "knock", lm: "x", rules },
        ],
        values,
      );
    expect(membershipDiagram(m({ "x.opt": "strict" }), "probe")).toBe(
      [...header, "  knock --> invite : invite", "  knock --> knock : knock"].join("\n"),
    );
    const lenient = membershipDiagram(m({ "x.opt": "lenient" }), "probe");
    expect(lenient.split("\n").slice(3)).toEqual(
      MEMBERSHIPS.flatMap((from) => [`  ${from} --> invite : invite`, `  ${from} --> knock : knock`]),
    );
  });

  it("draws an unknown profile with no option values set, so option-gated rules are off", () => {
    const rules = [requireRule(cond("target-membership-in:ban"), { enabledWhen: { "x.opt": "strict" } })];
    const m = withMembership([{ membership: "ban", lm: "x", rules }], { "x.opt": "strict" });
    expect(membershipDiagram(m, "probe")).toBe([...header, "  ban --> ban : ban"].join("\n"));
    expect(membershipDiagram(m, "no-such-profile")).toBe(
      [...header, ...MEMBERSHIPS.map((from) => `  ${from} --> ban : ban`)].join("\n"),
    );
  });

  it("draws the membership transitions LM allows and none it forbids", () => {
    const lm = membershipDiagram(models, "lm-i1");
    expect(lm).toContain("invite --> knock : knock");
    expect(lm).toContain("ban --> leave : unban");
    expect(lm).toContain("knock --> join : join");
    expect(lm).not.toContain("ban --> join");
    expect(lm).not.toContain("join --> invite");
    expect(lm).not.toContain("join --> knock");
    expect(lm).toBe(MEMBERSHIP_DIAGRAM);
  });

  it("follows the profile: matrix-v11 has no knock from invite", () => {
    expect(membershipDiagram(models, "matrix-v11")).not.toContain("invite --> knock");
  });
});

describe("membershipRuleLines", () => {
  it("prints allow rules, require rules with and without `if`, alternatives and conjunctions", () => {
    expect(
      membershipRuleLines([
        allowRule(cond("previous-is-create & target-is-creator")),
        { ...requireRule(cond("sender-level>=kick")), id: "m.level" },
        {
          ...requireRule(
            cond("join-rule-in:public", "join-rule-in:invite & target-membership-in:invite,join"),
            {
              if: cond("sender-is-target", "target-level<sender-level & sender-joined"),
            },
          ),
          id: "m.rule",
        },
      ]),
    ).toEqual([
      "allow t.allow when previous-is-create & target-is-creator",
      "m.level: require sender-level>=kick",
      "m.rule: require join-rule-in:public | join-rule-in:invite & target-membership-in:invite,join if sender-is-target | target-level<sender-level & sender-joined",
    ]);
    expect(membershipRuleLines([])).toEqual([]);
  });

  it("prints the shipped leave rules as the docs show them", () => {
    const leave = models.membershipRules.find((m) => m.membership === "leave");
    expect(membershipRuleLines(leave?.rules ?? []).slice(0, 2)).toEqual([
      "membership.leave.self: require target-membership-in:invite,join,knock if sender-is-target",
      "allow membership.leave.self-allowed when sender-is-target",
    ]);
  });
});

const lifecycleHeader = [
  "stateDiagram-v2",
  "  [*] --> created : create-room (m.room.create, no prev_events)",
  "  created --> creatorJoined : creator joins (LM 5.2.1)",
  "  creatorJoined --> configured : join_rules / history_visibility of the chat type",
  "  configured --> open : initial invites",
  "  open --> open : each event, checked and ordered by the hub",
];

describe("roomLifecycleDiagram", () => {
  const chatType = (over: Partial<ChatTypeModel>): ChatTypeModel => ({
    id: "plain",
    summary: "s",
    requirements: ["CHAT-1"],
    fixedMembership: false,
    members: { min: 1, max: null },
    uniqueness: { scope: "none" },
    joinRule: null,
    historyVisibility: null,
    ...over,
  });
  const chatRule = (guard: string, chatTypes: string[]) => ({
    guard,
    requirements: ["CHAT-6"],
    reason: "r",
    chatTypes,
    on: "add" as const,
  });

  it("notes each chat type's member count, uniqueness, join rule and its own guards", () => {
    const m: Models = {
      ...models,
      chatTypes: {
        chatTypes: [
          chatType({}),
          chatType({
            id: "pair",
            members: { min: 2, max: 2 },
            uniqueness: { scope: "pair", guard: "pair.unique", requirements: ["CHAT-2"], reason: "r" },
            joinRule: "invite",
          }),
        ],
        creation: [],
        rules: [
          chatRule("pair.no-add", ["pair"]),
          chatRule("other.no-add", ["other"]),
          chatRule("pair.x", ["x", "pair"]),
        ],
      },
    };
    expect(roomLifecycleDiagram(m)).toBe(
      [
        ...lifecycleHeader,
        "  note right of open",
        "    plain: 1..n members, join rule room default",
        "  end note",
        "  note right of open",
        "    pair: 2..2 members, unique per pair, join rule invite",
        "    guards: pair.no-add, pair.x",
        "  end note",
      ].join("\n"),
    );
  });

  it("is only the creation path when there are no chat types", () => {
    expect(roomLifecycleDiagram({ ...models, chatTypes: { chatTypes: [], creation: [], rules: [] } })).toBe(
      lifecycleHeader.join("\n"),
    );
  });

  it("renders the shipped chat types exactly as the docs publish them", () => {
    expect(roomLifecycleDiagram(models)).toBe(ROOM_LIFECYCLE_DIAGRAM);
    expect(ROOM_LIFECYCLE_DIAGRAM).toContain(
      "    dm: 2..2 members, unique per pair, join rule invite\n    guards: dm.no-add, dm.no-leave,",
    );
  });
});

describe("sendPathDiagram", () => {
  const participants = [
    "sequenceDiagram",
    "  participant client",
    "  participant origin as origin server",
    "  participant hub as hub server",
    "  participant follower as follower server",
  ];

  it("draws each step, with a note for the guards it checks (none for none or an empty list)", () => {
    const m: Models = {
      ...models,
      sendPath: {
        guards: [],
        sequence: [
          { from: "client", to: "origin", label: "act; then wait; done" },
          { from: "origin", to: "hub", label: "send", guards: ["a.one", "b.two"] },
          { from: "hub", to: "follower", label: "fan out", guards: [] },
          { from: "follower", to: "follower", label: "apply", guards: ["c.three"] },
        ],
      },
    };
    expect(sendPathDiagram(m)).toBe(
      [
        ...participants,
        "  client->>origin: act, then wait, done",
        "  origin->>hub: send",
        "  Note over hub: a.one, b.two",
        "  hub->>follower: fan out",
        "  follower->>follower: apply",
        "  Note over follower: c.three",
      ].join("\n"),
    );
    expect(sendPathDiagram({ ...models, sendPath: { guards: [], sequence: [] } })).toBe(
      participants.join("\n"),
    );
  });

  it("renders the shipped send path exactly as the docs publish it", () => {
    expect(sendPathDiagram(models)).toBe(SEND_PATH_DIAGRAM);
    expect(SEND_PATH_DIAGRAM).toContain("Note over follower: follower.from-hub, hub.append-at-head");
    expect(SEND_PATH_DIAGRAM).toContain(
      "  hub->>hub: auth rules, chat rules, form prev_events = [head], auth_events, event ID, sign, append\n",
    );
  });
});
