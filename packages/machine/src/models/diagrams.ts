/**
 * Mermaid diagrams derived from the models: the membership state diagram (from the LM rule 5
 * table under one profile), the room lifecycle (from the chat types) and the hub send path
 * (from `send-path.json`). The generator embeds them as strings; nothing here is hand-drawn.
 *
 * @module
 */
import type { Condition, Membership, Predicate } from "./conditions.ts";
import { MEMBERSHIPS, predicateText } from "./conditions.ts";
import type { Models, ParsedMembershipRule } from "./load.ts";

/** What the diagram fixes about one transition: the target's membership and who sends it. */
interface Situation {
  readonly from: Membership;
  readonly self: boolean;
}

/**
 * Whether the predicate is false in every room with this situation. The diagram only needs to
 * know when a rule surely fails; a predicate the situation does not decide (a level, a join
 * rule) may be true in some room, so it is not surely false.
 */
function predicateSurelyFalse(p: Predicate, s: Situation): boolean {
  switch (p.kind) {
    case "sender-is-target":
      return !s.self;
    case "target-membership-in":
      return !p.values.includes(s.from);
    case "target-membership-not-in":
      return p.values.includes(s.from);
    case "sender-joined":
      return s.self && s.from !== "join";
    case "target-level-below-sender":
      return s.self;
    case "previous-is-create":
      // Right after the create event nobody has a membership yet.
      return s.from !== "leave";
    default:
      return false;
  }
}

/** Whether every alternative of the condition has a predicate that is surely false. */
function conditionSurelyFalse(c: Condition, s: Situation): boolean {
  return c.every((conjunction) => conjunction.some((p) => predicateSurelyFalse(p, s)));
}

function enabled(rule: ParsedMembershipRule, values: Readonly<Record<string, string>>): boolean {
  return Object.entries(rule.enabledWhen ?? {}).every(([k, v]) => values[k] === v);
}

/**
 * Whether some room may let the transition through: walk the rules in order, taking whatever the
 * situation does not decide as true, so an allow rule lets it through unless its condition is
 * surely false and a require rule stops it only when its condition is surely false.
 */
export function transitionPossible(
  rules: ReadonlyArray<ParsedMembershipRule>,
  situation: Situation,
  values: Readonly<Record<string, string>>,
): boolean {
  for (const rule of rules) {
    if (!enabled(rule, values)) continue;
    if (rule.kind === "allow") {
      if (!conditionSurelyFalse(rule.when, situation)) return true;
      continue;
    }
    if (rule.if !== undefined && conditionSurelyFalse(rule.if, situation)) continue;
    if (conditionSurelyFalse(rule.require, situation)) return false;
  }
  return true;
}

/** The user-level name of a membership change sent by oneself or by someone else. */
function actionName(to: Membership, from: Membership, self: boolean): string | undefined {
  if (to === "join") return self ? "join" : undefined;
  if (to === "invite") return self ? undefined : "invite";
  if (to === "knock") return self ? "knock" : undefined;
  if (to === "ban") return self ? undefined : "ban";
  return self ? "leave" : from === "ban" ? "unban" : "kick";
}

/** The membership state diagram under the option values of one profile. */
export function membershipDiagram(models: Models, profileName: string): string {
  const profile = models.profiles.profiles.find((p) => p.name === profileName);
  const values = profile?.values ?? {};
  const lines = ["stateDiagram-v2", '  state "leave (or no membership)" as leave', "  [*] --> leave"];
  for (const from of MEMBERSHIPS) {
    for (const change of models.membershipRules) {
      const to = change.membership as Membership;
      for (const self of [true, false]) {
        const name = actionName(to, from, self);
        if (name === undefined) continue;
        if (transitionPossible(change.rules, { from, self }, values))
          lines.push(`  ${from} --> ${to} : ${name}`);
      }
    }
  }
  return lines.join("\n");
}

/** The conditions of a membership rule list, one line per rule, for documentation. */
export function membershipRuleLines(rules: ReadonlyArray<ParsedMembershipRule>): string[] {
  const text = (c: Condition) => c.map((conj) => conj.map(predicateText).join(" & ")).join(" | ");
  return rules.map((r) =>
    r.kind === "allow"
      ? `allow ${r.id} when ${text(r.when)}`
      : `${r.id}: require ${text(r.require)}${r.if === undefined ? "" : ` if ${text(r.if)}`}`,
  );
}

/** The room lifecycle: the creation batch, then events through the hub; one note per chat type. */
export function roomLifecycleDiagram(models: Models): string {
  const lines = [
    "stateDiagram-v2",
    "  [*] --> created : create-room (m.room.create, no prev_events)",
    "  created --> creatorJoined : creator joins (LM 5.2.1)",
    "  creatorJoined --> configured : join_rules / history_visibility of the chat type",
    "  configured --> open : initial invites",
    "  open --> open : each event, checked and ordered by the hub",
  ];
  for (const type of models.chatTypes.chatTypes) {
    const rules = models.chatTypes.rules.filter((r) => r.chatTypes.includes(type.id)).map((r) => r.guard);
    const members = `${type.members.min}..${type.members.max ?? "n"} members`;
    const unique = type.uniqueness.scope === "none" ? "" : `, unique per ${type.uniqueness.scope}`;
    const joinRule = type.joinRule ?? "room default";
    lines.push(`  note right of open`);
    lines.push(`    ${type.id}: ${members}${unique}, join rule ${joinRule}`);
    if (rules.length > 0) lines.push(`    guards: ${rules.join(", ")}`);
    lines.push("  end note");
  }
  return lines.join("\n");
}

/** The hub send path as a sequence diagram, with the guards each step checks. */
export function sendPathDiagram(models: Models): string {
  const lines = [
    "sequenceDiagram",
    "  participant client",
    "  participant origin as origin server",
    "  participant hub as hub server",
    "  participant follower as follower server",
  ];
  for (const step of models.sendPath.sequence) {
    lines.push(`  ${step.from}->>${step.to}: ${step.label.replaceAll(";", ",")}`);
    if (step.guards !== undefined && step.guards.length > 0)
      lines.push(`  Note over ${step.to}: ${step.guards.join(", ")}`);
  }
  return lines.join("\n");
}
