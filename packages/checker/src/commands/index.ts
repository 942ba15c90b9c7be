/**
 * The command arbitraries of the model-based tests: one per action kind (every kind of
 * `ACTION_KINDS`), combined into one weighted arbitrary so that the actions that build rooms up
 * (create, invite, join, send, deliver) come often enough for the rarer ones to find rooms to act
 * on.
 *
 * @module
 */
import type { Action } from "@mimi-spec/machine";
import fc from "fast-check";
import type { Model, Real } from "../model.ts";
import {
  type ForgedVariant,
  ForgeFullyFormedCommand,
  ForgeLimitedCommand,
  HubTamperCommand,
  type Tamper,
} from "./adversary.ts";
import type { ActionCommand } from "./command.ts";
import {
  type PowerLevelsVariant,
  RedactCommand,
  SendEventCommand,
  type SendEventVariant,
  SendMessageCommand,
  SetHistoryVisibilityCommand,
  SetJoinRuleCommand,
  SetNameCommand,
  SetPowerLevelsCommand,
} from "./content.ts";
import { CREATED_CHAT_TYPES, CreateRoomCommand, type CreateVariant } from "./create-room.ts";
import {
  type ProfileVariant,
  SetProfileCommand,
  SetServerSettingCommand,
  SetSettingCommand,
} from "./local.ts";
import { SelfMembershipCommand, TargetMembershipCommand } from "./membership.ts";
import {
  MLS_PROPOSAL_CHOICES,
  MLS_TEMPLATE_CHOICES,
  MlsProposeCommand,
  ProposeMlsAcpCommand,
} from "./mls.ts";
import { FlushCommand, MessageCommand, RestartCommand, RetryCommand, SyncCommand } from "./network.ts";

export * from "./adversary.ts";
export * from "./command.ts";
export * from "./content.ts";
export * from "./create-room.ts";
export * from "./local.ts";
export * from "./membership.ts";
export * from "./mls.ts";
export * from "./network.ts";
export * from "./world-view.ts";

/** How often each action kind is drawn, relative to the others (0 leaves it out). */
export type CommandWeights = Readonly<Partial<Record<Action["kind"], number>>>;

/**
 * The default mix. Room-building actions are frequent; network actions are frequent too because
 * in network delivery nothing happens until messages are delivered (in instant delivery their
 * sensible candidates are empty and they are skipped).
 */
export const DEFAULT_WEIGHTS: Readonly<Record<Action["kind"], number>> = {
  "create-room": 6,
  invite: 6,
  join: 6,
  leave: 3,
  knock: 2,
  kick: 2,
  ban: 2,
  unban: 2,
  "send-message": 4,
  "set-power-levels": 3,
  "set-join-rule": 2,
  "set-history-visibility": 1,
  "set-name": 2,
  redact: 2,
  "send-event": 2,
  "mls-propose": 2,
  "propose-mls-acp": 1,
  "set-profile": 1,
  "set-setting": 2,
  "set-server-setting": 1,
  deliver: 8,
  drop: 1,
  duplicate: 1,
  retry: 1,
  flush: 2,
  sync: 1,
  restart: 1,
  "forge-limited": 2,
  "forge-fully-formed": 1,
  "hub-tamper": 2,
};

const pick = fc.nat({ max: 0xffff });
/** Mostly sensible; one in five draws from every candidate (shrinks towards sensible). */
const wild = fc.oneof(
  { arbitrary: fc.constant(false), weight: 4 },
  { arbitrary: fc.constant(true), weight: 1 },
);

/** `fc.constantFrom` whose first value is drawn `firstWeight` times as often as each other one. */
function mostly<T>(first: T, others: ReadonlyArray<T>, firstWeight = 3): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constant(first), weight: firstWeight },
    { arbitrary: fc.constantFrom(...others), weight: 1 },
  );
}

type Make = (pick: number, wild: boolean) => ActionCommand;

function withVariant<T>(
  variants: fc.Arbitrary<T>,
  make: (pick: number, wild: boolean, variant: T) => ActionCommand,
): fc.Arbitrary<ActionCommand> {
  return fc.tuple(pick, wild, variants).map(([p, w, v]) => make(p, w, v));
}

function plain(make: Make): fc.Arbitrary<ActionCommand> {
  return fc.tuple(pick, wild).map(([p, w]) => make(p, w));
}

/** The arbitrary of each action kind's command. */
export const COMMAND_ARBITRARIES: Readonly<Record<Action["kind"], fc.Arbitrary<ActionCommand>>> = {
  "create-room": fc
    .tuple(
      pick,
      wild,
      fc.constantFrom(...CREATED_CHAT_TYPES),
      mostly<CreateVariant>(
        "plain",
        ["first-message", "other-mls-acp", "wrong-mls-acp", "recognised-version", "unknown-version"],
        6,
      ),
    )
    .map(([p, w, chatType, variant]) => new CreateRoomCommand(p, w, chatType, variant)),
  invite: plain((p, w) => new TargetMembershipCommand(p, w, "invite")),
  join: plain((p, w) => new SelfMembershipCommand(p, w, "join")),
  leave: plain((p, w) => new SelfMembershipCommand(p, w, "leave")),
  knock: plain((p, w) => new SelfMembershipCommand(p, w, "knock")),
  kick: plain((p, w) => new TargetMembershipCommand(p, w, "kick")),
  ban: plain((p, w) => new TargetMembershipCommand(p, w, "ban")),
  unban: plain((p, w) => new TargetMembershipCommand(p, w, "unban")),
  "send-message": withVariant(
    fc.constantFrom("hi", "how are you?", "see you"),
    (p, w, body) => new SendMessageCommand(p, w, body),
  ),
  "set-power-levels": withVariant(
    fc.constantFrom<PowerLevelsVariant>(
      "promote-to-50",
      "promote-to-100",
      "demote-to-0",
      "raise-invite",
      "lower-kick",
      "raise-ban",
      "invalid",
    ),
    (p, w, v) => new SetPowerLevelsCommand(p, w, v),
  ),
  // Knock rooms are where most membership rules apply: draw that rule twice as often.
  "set-join-rule": withVariant(
    mostly("knock", ["public", "invite", "private"], 2),
    (p, w, rule) => new SetJoinRuleCommand(p, w, rule),
  ),
  "set-history-visibility": withVariant(
    fc.constantFrom("shared", "joined", "invited", "world_readable"),
    (p, w, v) => new SetHistoryVisibilityCommand(p, w, v),
  ),
  "set-name": withVariant(
    fc.constantFrom("Plans", "Weekend"),
    (p, w, name) => new SetNameCommand(p, w, name),
  ),
  redact: plain((p, w) => new RedactCommand(p, w)),
  "send-event": withVariant(
    fc.constantFrom<SendEventVariant>(
      "hub-transfer",
      "state-key-other-user",
      "state-key-self",
      "custom-state",
      "custom-message",
      "bad-membership",
      "join-for-other",
      "knock-for-other",
      "prototype-named-message",
      "prototype-named-state",
    ),
    (p, w, v) => new SendEventCommand(p, w, v),
  ),
  "mls-propose": withVariant(
    fc.constantFrom(...MLS_PROPOSAL_CHOICES),
    (p, w, v) => new MlsProposeCommand(p, w, v),
  ),
  "propose-mls-acp": withVariant(
    fc.constantFrom(...MLS_TEMPLATE_CHOICES),
    (p, w, v) => new ProposeMlsAcpCommand(p, w, v),
  ),
  "set-profile": withVariant(
    fc.constantFrom<ProfileVariant>("everything", "name", "avatar", "status", "chosen-identifier"),
    (p, w, v) => new SetProfileCommand(p, w, v),
  ),
  "set-setting": withVariant(mostly(true, [false]), (p, w, v) => new SetSettingCommand(p, w, v)),
  "set-server-setting": withVariant(mostly(true, [false]), (p, w, v) => new SetServerSettingCommand(p, w, v)),
  deliver: plain((p, w) => new MessageCommand(p, w, "deliver")),
  drop: plain((p, w) => new MessageCommand(p, w, "drop")),
  duplicate: plain((p, w) => new MessageCommand(p, w, "duplicate")),
  retry: plain((p, w) => new RetryCommand(p, w)),
  flush: plain((p, w) => new FlushCommand(p, w)),
  sync: plain((p, w) => new SyncCommand(p, w)),
  restart: plain((p, w) => new RestartCommand(p, w)),
  "forge-limited": withVariant(
    fc.constantFrom<ForgedVariant>("message", "join", "create", "name"),
    (p, w, v) => new ForgeLimitedCommand(p, w, v),
  ),
  "forge-fully-formed": withVariant(
    fc.constantFrom<ForgedVariant>("message", "join", "name"),
    (p, w, v) => new ForgeFullyFormedCommand(p, w, v),
  ),
  "hub-tamper": withVariant(
    fc.constantFrom<Tamper>("add-auth-event", "remove-auth-event", "fork", "skip-auth"),
    (p, w, v) => new HubTamperCommand(p, w, v),
  ),
};

/** Weights that draw only the given kinds (with the given weights), leaving every other kind out. */
export function focusWeights(kinds: CommandWeights): CommandWeights {
  const out: Partial<Record<Action["kind"], number>> = {};
  for (const kind of Object.keys(DEFAULT_WEIGHTS) as Array<Action["kind"]>) out[kind] = kinds[kind] ?? 0;
  return out;
}

/** One arbitrary drawing every action kind by `weights` (kinds it leaves out use {@link DEFAULT_WEIGHTS}). */
export function commandArbitrary(weights: CommandWeights = {}): fc.Arbitrary<fc.Command<Model, Real>> {
  const entries = (Object.keys(COMMAND_ARBITRARIES) as Array<Action["kind"]>)
    .map((kind) => ({ arbitrary: COMMAND_ARBITRARIES[kind], weight: weights[kind] ?? DEFAULT_WEIGHTS[kind] }))
    .filter((e) => e.weight > 0);
  if (entries.length === 0) throw new Error("every command weight is 0: nothing to run");
  return fc.oneof(...entries);
}

/** The command arbitraries for `fc.commands` (one weighted arbitrary). */
export function commandArbitraries(
  weights: CommandWeights = {},
): Array<fc.Arbitrary<fc.Command<Model, Real>>> {
  return [commandArbitrary(weights)];
}
