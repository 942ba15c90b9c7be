/**
 * The condition language of `membership.json`: a condition is a list of alternatives (any may
 * hold), each a conjunction of predicates joined by ` & `. Predicates come from a closed
 * vocabulary, so a misspelt predicate is a load error, never a rule that silently never fires.
 *
 * @module
 */

/** LM's membership states; a user with no membership event is in `leave`. */
export const MEMBERSHIPS = ["leave", "invite", "join", "knock", "ban"] as const;
/** A membership state. */
export type Membership = (typeof MEMBERSHIPS)[number];

/** Join rules, plus `none` for a room with no join rule at all (LM's rules then reject joins). */
export const JOIN_RULES = ["public", "invite", "knock", "none"] as const;
/** A join rule, or `none`. */
export type JoinRuleOrNone = (typeof JOIN_RULES)[number];

/** The actions that have their own power level in `m.room.power_levels`. */
export const LEVELLED_ACTIONS = ["invite", "kick", "ban", "redact"] as const;
/** An action with its own power level. */
export type LevelledAction = (typeof LEVELLED_ACTIONS)[number];

/** One predicate over (room state before the event, event). */
export type Predicate =
  /** The sender is the user the membership event is about (its state key). */
  | { readonly kind: "sender-is-target" }
  /** The state key is the room's creator (the create event's sender). */
  | { readonly kind: "target-is-creator" }
  /** The event directly follows the create event (LM 5.2.1). */
  | { readonly kind: "previous-is-create" }
  /** The sender's current membership is `join`. */
  | { readonly kind: "sender-joined" }
  /** The target has a membership event in the room (any value). */
  | { readonly kind: "target-has-membership" }
  /** The target's current membership is one of `values`. */
  | { readonly kind: "target-membership-in"; readonly values: ReadonlyArray<Membership> }
  /** The target's current membership is none of `values`. */
  | { readonly kind: "target-membership-not-in"; readonly values: ReadonlyArray<Membership> }
  /** The sender's power level is at least the level of `action`. */
  | { readonly kind: "sender-level-at-least"; readonly action: LevelledAction }
  /** The target's power level is strictly below the sender's. */
  | { readonly kind: "target-level-below-sender" }
  /** The room's current join rule is one of `values`. */
  | { readonly kind: "join-rule-in"; readonly values: ReadonlyArray<JoinRuleOrNone> };

/** Predicates that must all hold. */
export type Conjunction = ReadonlyArray<Predicate>;
/** Alternatives, any of which may hold. */
export type Condition = ReadonlyArray<Conjunction>;

function listOf<T extends string>(
  text: string,
  allowed: ReadonlyArray<T>,
  what: string,
): { ok: true; values: T[] } | { ok: false; message: string } {
  const values = text.split(",").map((v) => v.trim());
  const bad = values.filter((v) => !(allowed as ReadonlyArray<string>).includes(v));
  if (values.length === 0 || bad.length > 0)
    return {
      ok: false,
      message: `unknown ${what} ${bad.map((b) => `"${b}"`).join(", ")}; use ${allowed.join(", ")}`,
    };
  if (new Set(values).size !== values.length)
    return { ok: false, message: `a ${what} is listed twice in "${text}"` };
  return { ok: true, values: values as T[] };
}

/** Parses one predicate, or says why it is not one. */
export function parsePredicate(
  text: string,
): { ok: true; predicate: Predicate } | { ok: false; message: string } {
  const simple = [
    "sender-is-target",
    "target-is-creator",
    "previous-is-create",
    "sender-joined",
    "target-has-membership",
  ];
  if (simple.includes(text)) return { ok: true, predicate: { kind: text } as Predicate };
  if (text === "target-level<sender-level")
    return { ok: true, predicate: { kind: "target-level-below-sender" } };
  const level = /^sender-level>=(.+)$/u.exec(text);
  if (level !== null) {
    const parsed = listOf(level[1] ?? "", LEVELLED_ACTIONS, "levelled action");
    if (!parsed.ok) return parsed;
    if (parsed.values.length !== 1) return { ok: false, message: "sender-level>= takes exactly one action" };
    return {
      ok: true,
      predicate: { kind: "sender-level-at-least", action: parsed.values[0] as LevelledAction },
    };
  }
  const listed = /^(target-membership-in|target-membership-not-in|join-rule-in):(.*)$/u.exec(text);
  if (listed !== null) {
    const kind = listed[1] as "target-membership-in" | "target-membership-not-in" | "join-rule-in";
    if (kind === "join-rule-in") {
      const parsed = listOf(listed[2] ?? "", JOIN_RULES, "join rule");
      return parsed.ok ? { ok: true, predicate: { kind, values: parsed.values } } : parsed;
    }
    const parsed = listOf(listed[2] ?? "", MEMBERSHIPS, "membership");
    return parsed.ok ? { ok: true, predicate: { kind, values: parsed.values } } : parsed;
  }
  return {
    ok: false,
    message: `unknown predicate "${text}"; use ${simple.join(", ")}, target-level<sender-level, sender-level>=ACTION, target-membership-in:LIST, target-membership-not-in:LIST or join-rule-in:LIST`,
  };
}

/** Parses a condition (alternatives of ` & `-joined predicates); reports each bad predicate. */
export function parseCondition(
  alternatives: ReadonlyArray<string>,
): { ok: true; condition: Condition } | { ok: false; problems: Array<{ index: number; message: string }> } {
  const problems: Array<{ index: number; message: string }> = [];
  const condition: Predicate[][] = [];
  alternatives.forEach((alternative, index) => {
    const parts = alternative.split("&").map((p) => p.trim());
    const conjunction: Predicate[] = [];
    for (const part of parts) {
      const parsed = parsePredicate(part);
      if (parsed.ok) conjunction.push(parsed.predicate);
      else problems.push({ index, message: parsed.message });
    }
    condition.push(conjunction);
  });
  if (alternatives.length === 0)
    problems.push({ index: 0, message: "a condition needs at least one alternative" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, condition };
}

/** Renders a predicate back in the model's notation (for diagrams and messages). */
export function predicateText(predicate: Predicate): string {
  switch (predicate.kind) {
    case "target-level-below-sender":
      return "target-level<sender-level";
    case "sender-level-at-least":
      return `sender-level>=${predicate.action}`;
    case "target-membership-in":
    case "target-membership-not-in":
    case "join-rule-in":
      return `${predicate.kind}:${predicate.values.join(",")}`;
    default:
      return predicate.kind;
  }
}
