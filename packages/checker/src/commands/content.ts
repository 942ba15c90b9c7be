/**
 * The commands that send room events other than memberships: messages, power levels, join rule,
 * history visibility, name, redactions and arbitrary events. Sensible candidates are sent by
 * joined users; wild ones by anyone, to any room. Variants pick content the policy treats
 * differently (a promotion, invalid power levels, an `m.room.hub` event, a state key naming
 * another user).
 *
 * @module
 */
import { type Action, historyOf } from "@mimi-spec/machine";
import type { JsonObject, RoomId, UserId } from "@mimi-spec/schema";
import type { Model } from "../model.ts";
import { ActionCommand } from "./command.ts";
import { hubState, membershipAt, pairs, roomsFor, targets } from "./world-view.ts";

/** The (user, room) pairs that may send: joined users (sensible), or anyone anywhere (wild). */
export function senders(model: Readonly<Model>, wild: boolean): Array<[UserId, RoomId]> {
  const all = pairs(model.scope.users, roomsFor(model, wild));
  return wild ? all : all.filter(([user, room]) => membershipAt(model.world, room, user) === "join");
}

/** A joined user sends a message. */
export class SendMessageCommand extends ActionCommand {
  readonly kind = "send-message";

  constructor(
    pick: number,
    wild: boolean,
    readonly body: string,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return senders(model, this.wild).map(([user, room]) => ({
      kind: "send-message",
      user,
      room,
      body: this.body,
    }));
  }
}

/** How a power-levels command changes the current content. */
export type PowerLevelsVariant =
  | "promote-to-50"
  | "promote-to-100"
  | "demote-to-0"
  | "raise-invite"
  | "lower-kick"
  | "raise-ban"
  | "invalid";

/** A user replaces the power levels: the current content with one change. */
export class SetPowerLevelsCommand extends ActionCommand {
  readonly kind = "set-power-levels";

  constructor(
    pick: number,
    wild: boolean,
    readonly variant: PowerLevelsVariant,
  ) {
    super(pick, wild);
  }

  private content(current: JsonObject, target: UserId): JsonObject {
    const users = { ...((current.users as JsonObject | undefined) ?? {}) };
    switch (this.variant) {
      case "promote-to-50":
        return { ...current, users: { ...users, [target]: 50 } };
      case "promote-to-100":
        return { ...current, users: { ...users, [target]: 100 } };
      case "demote-to-0":
        return { ...current, users: { ...users, [target]: 0 } };
      case "raise-invite":
        return { ...current, invite: 50 };
      case "lower-kick":
        return { ...current, kick: 0 };
      case "raise-ban":
        return { ...current, ban: 100 };
      case "invalid":
        return { ...current, users_default: "high" };
    }
  }

  candidates(model: Readonly<Model>): Action[] {
    const out: Action[] = [];
    for (const [user, room] of senders(model, this.wild)) {
      const state = hubState(model.world, room);
      // With no power_levels event yet, the creator holds 100: keep that explicit.
      const current: JsonObject =
        state?.powerLevels ?? (state === undefined ? {} : { users: { [state.creator]: 100 } });
      for (const target of targets(model))
        out.push({ kind: "set-power-levels", user, room, content: this.content(current, target) });
    }
    return out;
  }
}

/** A user sets the join rule. */
export class SetJoinRuleCommand extends ActionCommand {
  readonly kind = "set-join-rule";

  constructor(
    pick: number,
    wild: boolean,
    readonly joinRule: string,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return senders(model, this.wild).map(([user, room]) => ({
      kind: "set-join-rule",
      user,
      room,
      joinRule: this.joinRule,
    }));
  }
}

/** A user sets the history visibility. */
export class SetHistoryVisibilityCommand extends ActionCommand {
  readonly kind = "set-history-visibility";

  constructor(
    pick: number,
    wild: boolean,
    readonly visibility: string,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return senders(model, this.wild).map(([user, room]) => ({
      kind: "set-history-visibility",
      user,
      room,
      visibility: this.visibility,
    }));
  }
}

/** A user names the room. */
export class SetNameCommand extends ActionCommand {
  readonly kind = "set-name";

  constructor(
    pick: number,
    wild: boolean,
    readonly name: string,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return senders(model, this.wild).map(([user, room]) => ({
      kind: "set-name",
      user,
      room,
      name: this.name,
    }));
  }
}

/** A user redacts an event of the room (their own or someone else's), or (wild) one that does not exist. */
export class RedactCommand extends ActionCommand {
  readonly kind = "redact";

  candidates(model: Readonly<Model>): Action[] {
    const out: Action[] = [];
    for (const [user, room] of senders(model, this.wild)) {
      const hub = model.world.rooms.get(room);
      const replica = hub === undefined ? undefined : model.world.servers.get(hub)?.persisted.rooms.get(room);
      const ids =
        replica === undefined
          ? []
          : historyOf(replica)
              .slice(1)
              .map((e) => e.event_id);
      for (const eventId of this.wild ? [...ids, "$nonexistent"] : ids)
        out.push({ kind: "redact", user, room, eventId });
    }
    return out;
  }
}

/** Which arbitrary event a send-event command sends. */
export type SendEventVariant =
  | "hub-transfer"
  | "state-key-other-user"
  | "state-key-self"
  | "custom-state"
  | "custom-message"
  | "bad-membership"
  | "join-for-other"
  | "knock-for-other"
  | "prototype-named-message"
  | "prototype-named-state";

/** A user sends an event no other action covers. */
export class SendEventCommand extends ActionCommand {
  readonly kind = "send-event";

  constructor(
    pick: number,
    wild: boolean,
    readonly variant: SendEventVariant,
  ) {
    super(pick, wild);
  }

  private event(
    user: UserId,
    other: UserId,
  ): Pick<Extract<Action, { kind: "send-event" }>, "type" | "stateKey" | "content"> {
    switch (this.variant) {
      case "hub-transfer":
        return {
          type: "m.room.hub",
          stateKey: "",
          content: { hub_server: other.slice(other.indexOf(":") + 1) },
        };
      case "state-key-other-user":
        return { type: "org.example.status", stateKey: other, content: { status: "away" } };
      case "state-key-self":
        return { type: "org.example.status", stateKey: user, content: { status: "here" } };
      case "custom-state":
        return { type: "org.example.topic", stateKey: "", content: { topic: "plans" } };
      case "custom-message":
        return { type: "org.example.ping", content: { n: 1 } };
      case "bad-membership":
        return { type: "m.room.member", stateKey: user, content: { membership: "dance" } };
      case "join-for-other":
        return { type: "m.room.member", stateKey: other, content: { membership: "join" } };
      case "knock-for-other":
        return { type: "m.room.member", stateKey: other, content: { membership: "knock" } };
      // Types and keys named like Object.prototype members: a lookup keyed by them must not find
      // inherited functions (a redacted copy once crashed on a "constructor" message).
      case "prototype-named-message":
        return { type: "constructor", content: { toString: 1, hasOwnProperty: "x" } };
      case "prototype-named-state":
        return { type: "toString", stateKey: "", content: { valueOf: 2 } };
    }
  }

  candidates(model: Readonly<Model>): Action[] {
    const out: Action[] = [];
    for (const [user, room] of senders(model, this.wild)) {
      const others = targets(model).filter((t) => t !== user);
      for (const other of others) out.push({ kind: "send-event", user, room, ...this.event(user, other) });
    }
    return out;
  }
}
